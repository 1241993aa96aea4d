import { Hono } from 'hono';
import { overviewReport } from '../../services/reports/overview-report';
import type { AppEnv } from '../env';
import { AccuracyLink } from './accuracy-page';
import { needs } from './guard';
import { formatDate, formatDay, formatNumber } from './i18n';
import { Layout, sendPage } from './layout';
import { ReportNav } from './report-common';
import { reportDetailPages } from './report-routes';
import { Legend, SentimentChart } from './sentiment-chart';
import { type View, viewOf } from './view';

const periods = [7, 14, 30] as const;

function BarList({
  v,
  items,
  id,
  title,
}: {
  v: View;
  items: { text: string; n: number }[];
  id: string;
  title: string;
}) {
  const max = Math.max(1, ...items.map((i) => i.n));
  return (
    <section class="panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {items.length === 0 ? (
        <p class="muted">{v.t('reports.none')}</p>
      ) : (
        <ul class="bars">
          {items.map((i) => (
            <li>
              <span>{i.text}</span>
              <span class="bar-track" aria-hidden="true">
                <span class="bar" style={`display:block;width:${((i.n / max) * 100).toFixed(1)}%`} />
              </span>
              <span class="num">{formatNumber(v.locale, i.n)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function reportPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.route('/', reportDetailPages());
  app.get('/reports', needs('reports.read'), async (c) => {
    const v = viewOf(c);
    const asked = Number(c.req.query('days'));
    // A hand-edited URL falls back to the default period instead of an error page.
    const days = Number.isInteger(asked) && asked >= 1 && asked <= 365 ? asked : 14;
    const r = await overviewReport(c.get('ctx'), { days });
    const total = (d: (typeof r.sentimentByDay)[number]) => d.negative + d.neutral + d.positive;
    return sendPage(
      c,
      <Layout v={v} title={v.t('reports.title')} active="reports">
        <div class="page-head">
          <h1>{v.t('reports.title')}</h1>
          <ReportNav v={v} active="overview" filters={{}} />
          <nav class="segmented" aria-label={v.t('reports.period')}>
            {periods.map((p) => (
              <a href={`/reports?days=${p}`} aria-current={p === days ? 'page' : undefined}>
                {v.t('reports.days', { n: p })}
              </a>
            ))}
          </nav>
          <span class="muted">
            {v.t('reports.range', {
              since: formatDate(v.locale, r.since, r.tz),
              until: formatDate(v.locale, r.until, r.tz),
            })}
          </span>
          <AccuracyLink v={v} />
        </div>
        <section class="panel" aria-labelledby="cases-h">
          <h2 id="cases-h" class="visually-hidden">
            {v.t('reports.cases')}
          </h2>
          <div class="kpis">
            <p class="kpi">
              <strong>
                {formatNumber(
                  v.locale,
                  r.byNetwork.reduce((sum, x) => sum + x.n, 0),
                )}
              </strong>
              {v.t('reports.mentionsInPeriod')}
            </p>
            <p class="kpi">
              <strong>{formatNumber(v.locale, r.cases.open)}</strong>
              {v.t('reports.open')}
            </p>
            <p class="kpi">
              <strong>{formatNumber(v.locale, r.cases.answered)}</strong>
              {v.t('reports.answered')}
            </p>
          </div>
        </section>
        <section class="panel" aria-labelledby="sentiment-h">
          <h2 id="sentiment-h">{v.t('reports.sentiment')}</h2>
          <SentimentChart v={v} days={r.sentimentByDay} periodDays={days} />
          <Legend v={v} />
          <details class="data">
            <summary>{v.t('reports.table')}</summary>
            <table class="table">
              <caption class="visually-hidden">{v.t('reports.chartTitle', { n: days })}</caption>
              <thead>
                <tr>
                  <th scope="col">{v.t('reports.day')}</th>
                  <th scope="col" class="num">
                    {v.t('sentiment.negative')}
                  </th>
                  <th scope="col" class="num">
                    {v.t('sentiment.neutral')}
                  </th>
                  <th scope="col" class="num">
                    {v.t('sentiment.positive')}
                  </th>
                  <th scope="col" class="num">
                    {v.t('reports.total')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {r.sentimentByDay.map((d) => (
                  <tr>
                    <th scope="row">{formatDay(v.locale, d.day)}</th>
                    <td class="num">{formatNumber(v.locale, d.negative)}</td>
                    <td class="num">{formatNumber(v.locale, d.neutral)}</td>
                    <td class="num">{formatNumber(v.locale, d.positive)}</td>
                    <td class="num">{formatNumber(v.locale, total(d))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </section>
        <div class="grid-3">
          <BarList
            v={v}
            id="net-h"
            title={v.t('reports.byNetwork')}
            items={r.byNetwork.map((x) => ({ text: v.label('network', x.network), n: x.n }))}
          />
          <BarList
            v={v}
            id="intent-h"
            title={v.t('reports.byIntent')}
            items={r.byIntent.map((x) => ({ text: v.label('intent', x.intent), n: x.n }))}
          />
          <BarList
            v={v}
            id="topic-h"
            title={v.t('reports.byTopic')}
            items={r.byTopic.map((x) => ({ text: v.label('topic', x.topic), n: x.n }))}
          />
        </div>
      </Layout>,
    );
  });
  return app;
}
