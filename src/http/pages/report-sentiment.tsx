import { raw } from 'hono/html';
import type { sentimentReport } from '../../services/reports/sentiment-report';
import { sentimentChartSvg } from '../../services/reports/svg-chart';
import type { Granularity } from '../../services/reports/time-zone';
import { formatDay, formatNumber } from './i18n';
import {
  ExportLinks,
  FilterForm,
  hrefWith,
  linkFilters,
  pct,
  RangeLine,
  ReportNav,
  signed,
} from './report-common';
import { Legend } from './sentiment-chart';
import type { View } from './view';

type Report = Awaited<ReturnType<typeof sentimentReport>>;

/** "12 Mar", "12 Mar 14h" / "12 mars 14h": a period of the reader's calendar. */
export function periodLabel(v: View, key: string, unit: Granularity): string {
  if (unit === 'hour') return `${formatDay(v.locale, key.slice(0, 10))} ${key.slice(11, 13)}h`;
  return formatDay(v.locale, key.slice(0, 10));
}

export function sentimentChart(v: View, r: Report, id = 'sentiment') {
  const f = linkFilters(r.scope);
  return sentimentChartSvg(
    r.series.map((p) => {
      const label = periodLabel(v, p.key, r.scope.granularity);
      return {
        label,
        negative: p.negative,
        neutral: p.neutral,
        positive: p.positive,
        net: p.net,
        title: v.t('rep.sentiment.bar', {
          period: label,
          total: p.total,
          negative: p.negative,
          neutral: p.neutral,
          positive: p.positive,
          net: signed(v, p.net),
        }),
        href: hrefWith(
          '/reports/mentions',
          { ...f, from: undefined, to: undefined },
          {
            since: p.from.toISOString(),
            until: p.to.toISOString(),
          },
        ),
      };
    }),
    {
      id,
      title: v.t('rep.sentiment.chart', { unit: v.t(`rep.gran.${r.scope.granularity}`) }),
      desc: v.t('rep.sentiment.desc'),
      xLabel: v.t('rep.period'),
      yLabel: v.t('rep.mentions'),
      netLabel: v.t('rep.net'),
      formatNumber: (n) => formatNumber(v.locale, n),
    },
  );
}

export function SentimentTable({ v, r }: { v: View; r: Report }) {
  const f = linkFilters(r.scope);
  return (
    <details class="data" open>
      <summary>{v.t('rep.table')}</summary>
      <table class="table">
        <caption class="visually-hidden">{v.t('rep.sentiment.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{v.t('rep.period')}</th>
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
              {v.t('rep.total')}
            </th>
            <th scope="col" class="num">
              {v.t('rep.shareNeg')}
            </th>
            <th scope="col" class="num">
              {v.t('rep.net')}
            </th>
          </tr>
        </thead>
        <tbody>
          {r.series.map((p) => {
            const cell = (sentiment: string | undefined, n: number) => (
              <td class="num">
                {n > 0 ? (
                  <a
                    href={hrefWith(
                      '/reports/mentions',
                      { ...f, from: undefined, to: undefined },
                      {
                        since: p.from.toISOString(),
                        until: p.to.toISOString(),
                        sentiment,
                      },
                    )}
                  >
                    {formatNumber(v.locale, n)}
                  </a>
                ) : (
                  formatNumber(v.locale, n)
                )}
              </td>
            );
            return (
              <tr>
                <th scope="row">{periodLabel(v, p.key, r.scope.granularity)}</th>
                {cell('negative', p.negative)}
                {cell('neutral', p.neutral)}
                {cell('positive', p.positive)}
                {cell(undefined, p.total)}
                <td class="num">{pct(v, p.shares.negative)}</td>
                <td class="num">{signed(v, p.net)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </details>
  );
}

export function SentimentBody({ v, r }: { v: View; r: Report }) {
  return (
    <>
      <div class="page-head">
        <h1>{v.t('rep.sentiment.title')}</h1>
        <ReportNav v={v} active="sentiment" filters={linkFilters(r.scope)} />
      </div>
      <FilterForm v={v} path="/reports/sentiment" scope={r.scope} granularity />
      <section class="panel" aria-labelledby="sentiment-h">
        <h2 id="sentiment-h">
          {v.t('rep.sentiment.chart', { unit: v.t(`rep.gran.${r.scope.granularity}`) })}
        </h2>
        <RangeLine v={v} scope={r.scope} />
        <p class="kpis">
          <span class="kpi">
            <strong>{formatNumber(v.locale, r.total.total)}</strong> {v.t('rep.mentions')}
          </span>
          <span class="kpi">
            <strong>{signed(v, r.total.net)}</strong> {v.t('rep.net')}
          </span>
        </p>
        <div class="chart-wrap">{raw(sentimentChart(v, r))}</div>
        <Legend v={v} />
        <SentimentTable v={v} r={r} />
        <ExportLinks v={v} scope={r.scope} />
      </section>
    </>
  );
}
