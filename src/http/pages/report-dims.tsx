import type { Attainment, Durations } from '../../services/reports/care-metrics';
import type { careReport } from '../../services/reports/care-report';
import type { shareOfVoice } from '../../services/reports/share-of-voice';
import type { topicsReport } from '../../services/reports/topics-report';
import type { volumeReport } from '../../services/reports/volume-report';
import { formatDay, formatNumber } from './i18n';
import {
  ExportLinks,
  FilterForm,
  formatSeconds,
  hrefWith,
  LinkedBars,
  linkFilters,
  pct,
  RangeLine,
  ReportNav,
  signed,
} from './report-common';
import type { View } from './view';

type Volume = Awaited<ReturnType<typeof volumeReport>>;
type Topics = Awaited<ReturnType<typeof topicsReport>>;
type Voice = Awaited<ReturnType<typeof shareOfVoice>>;
type Care = Awaited<ReturnType<typeof careReport>>;

function Head({
  v,
  title,
  active,
  scope,
  path,
}: {
  v: View;
  title: string;
  active: 'volume' | 'topics' | 'voice' | 'care';
  scope: Volume['scope'];
  path: string;
}) {
  return (
    <>
      <div class="page-head">
        <h1>{title}</h1>
        <ReportNav v={v} active={active} filters={linkFilters(scope)} />
      </div>
      <FilterForm v={v} path={path} scope={scope} />
      <RangeLine v={v} scope={scope} />
    </>
  );
}

export function VolumeBody({ v, r }: { v: View; r: Volume }) {
  const f = linkFilters(r.scope);
  const dims = [
    ['network', r.mentions.byNetwork, 'rep.network'],
    ['intent', r.mentions.byIntent, 'rep.intent'],
    ['topic', r.mentions.byTopic, 'rep.topic'],
  ] as const;
  const caseDims = [
    ['network', r.cases.byNetwork, 'rep.network'],
    ['intent', r.cases.byIntent, 'rep.intent'],
    ['topic', r.cases.byTopic, 'rep.topic'],
  ] as const;
  return (
    <>
      <Head v={v} title={v.t('rep.volume.title')} active="volume" scope={r.scope} path="/reports/volume" />
      <div class="grid-3">
        {dims.map(([dim, rows, name]) => (
          <LinkedBars
            v={v}
            id={`m-${dim}`}
            title={v.t('rep.volume.mentions', { dim: v.t(name).toLowerCase() })}
            items={rows.map((x) => ({
              text: v.label(dim, x.value),
              n: x.total,
              tally: x,
              href: hrefWith('/reports/mentions', f, { [dim]: x.value }),
            }))}
          />
        ))}
      </div>
      <div class="grid-3">
        {caseDims.map(([dim, rows, name]) => (
          <LinkedBars
            v={v}
            id={`c-${dim}`}
            title={v.t('rep.volume.cases', { dim: v.t(name).toLowerCase() })}
            items={rows.map((x) => ({
              text: v.label(dim, x.value),
              n: x.n,
              href: hrefWith('/reports/cases', f, { [dim]: x.value }),
            }))}
          />
        ))}
      </div>
      <section class="panel" aria-labelledby="authors-h">
        <h2 id="authors-h">{v.t('rep.volume.authors')}</h2>
        {r.topAuthors.length === 0 ? (
          <p class="muted">{v.t('rep.none')}</p>
        ) : (
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{v.t('rep.volume.author')}</th>
                <th scope="col">{v.t('rep.network')}</th>
                <th scope="col" class="num">
                  {v.t('rep.volume.followers')}
                </th>
                <th scope="col" class="num">
                  {v.t('rep.mentions')}
                </th>
              </tr>
            </thead>
            <tbody>
              {r.topAuthors.map((a) => (
                <tr>
                  <th scope="row">{a.displayName ? `${a.displayName} (${a.handle})` : a.handle}</th>
                  <td>{v.label('network', a.network)}</td>
                  <td class="num">{formatNumber(v.locale, a.followers)}</td>
                  <td class="num">
                    <a href={hrefWith('/reports/mentions', f, { authorId: a.id })}>
                      {formatNumber(v.locale, a.mentions)}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <ExportLinks v={v} scope={r.scope} cases />
    </>
  );
}

export function TopicsBody({ v, r }: { v: View; r: Topics }) {
  const f = linkFilters(r.scope);
  return (
    <>
      <Head v={v} title={v.t('rep.topics.title')} active="topics" scope={r.scope} path="/reports/topics" />
      <section class="panel" aria-labelledby="topics-h">
        <h2 id="topics-h">
          {v.t('rep.topics.rising', {
            from: formatDay(v.locale, r.scope.previous.fromDay),
            to: formatDay(v.locale, r.scope.previous.toDay),
          })}
        </h2>
        {r.topics.length === 0 ? (
          <p class="muted">{v.t('rep.none')}</p>
        ) : (
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{v.t('rep.topic')}</th>
                <th scope="col" class="num">
                  {v.t('rep.topics.now')}
                </th>
                <th scope="col" class="num">
                  {v.t('rep.topics.before')}
                </th>
                <th scope="col" class="num">
                  {v.t('rep.topics.change')}
                </th>
                <th scope="col" class="num">
                  {v.t('rep.net')}
                </th>
              </tr>
            </thead>
            <tbody>
              {r.topics.map((t) => (
                <tr>
                  <th scope="row">
                    <a href={hrefWith('/reports/mentions', f, { topic: t.topic })}>
                      {v.label('topic', t.topic)}
                    </a>
                  </th>
                  <td class="num">{formatNumber(v.locale, t.current)}</td>
                  <td class="num">{formatNumber(v.locale, t.previous)}</td>
                  <td class="num">
                    {signed(v, t.change)}{' '}
                    {t.changePct === null ? `(${v.t('rep.topics.new')})` : `(${pct(v, t.changePct)})`}
                  </td>
                  <td class="num">{signed(v, t.net)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section class="panel" aria-labelledby="terms-h">
        <h2 id="terms-h">{v.t('rep.topics.terms')}</h2>
        <p class="muted">
          {r.sampled ? v.t('rep.topics.sampled', r.sampled) : v.t('rep.topics.counted', r.counted)}
        </p>
        <LinkedBars
          v={v}
          id="terms-list"
          title={v.t('rep.topics.term')}
          items={r.terms.map((t) => ({
            text: t.term,
            n: t.current,
            href: hrefWith('/reports/mentions', f, { q: t.term }),
          }))}
        />
      </section>
      <ExportLinks v={v} scope={r.scope} />
    </>
  );
}

export function VoiceBody({ v, r }: { v: View; r: Voice }) {
  const f = { ...linkFilters(r.scope), competitor: undefined };
  const who = (c: string) => (c === '' ? v.t('rep.voice.brand', { brand: r.scope.brand.name }) : c);
  return (
    <>
      <Head v={v} title={v.t('rep.voice.title')} active="voice" scope={r.scope} path="/reports/voice" />
      <LinkedBars
        v={v}
        id="voice-bars"
        title={v.t('rep.voice.share')}
        items={r.rows.map((x) => ({
          text: `${who(x.competitor)} · ${pct(v, x.share)}`,
          n: x.total,
          tally: x,
          href: hrefWith('/reports/mentions', f, { competitor: x.competitor }),
        }))}
      />
      <section class="panel" aria-labelledby="voice-h">
        <h2 id="voice-h">{v.t('rep.table')}</h2>
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{v.t('rep.voice.who')}</th>
              <th scope="col" class="num">
                {v.t('rep.mentions')}
              </th>
              <th scope="col" class="num">
                {v.t('rep.voice.share')}
              </th>
              <th scope="col" class="num">
                {v.t('sentiment.negative')}
              </th>
              <th scope="col" class="num">
                {v.t('sentiment.positive')}
              </th>
              <th scope="col" class="num">
                {v.t('rep.net')}
              </th>
            </tr>
          </thead>
          <tbody>
            {r.rows.map((x) => (
              <tr>
                <th scope="row">
                  <a href={hrefWith('/reports/mentions', f, { competitor: x.competitor })}>
                    {who(x.competitor)}
                  </a>
                </th>
                <td class="num">{formatNumber(v.locale, x.total)}</td>
                <td class="num">{pct(v, x.share)}</td>
                <td class="num">{formatNumber(v.locale, x.negative)}</td>
                <td class="num">{formatNumber(v.locale, x.positive)}</td>
                <td class="num">{signed(v, x.net)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {r.rows.length <= 1 ? <p class="muted">{v.t('rep.voice.help')}</p> : null}
      </section>
      <ExportLinks v={v} scope={r.scope} />
    </>
  );
}

function DurationRow({ v, name, d, href }: { v: View; name: string; d: Durations; href: string }) {
  return (
    <tr>
      <th scope="row">
        <a href={href}>{name}</a>
      </th>
      <td class="num">{formatSeconds(v, d.medianSeconds)}</td>
      <td class="num">{formatSeconds(v, d.p90Seconds)}</td>
      <td class="num">{formatNumber(v.locale, d.measured)}</td>
      <td class="num">{formatNumber(v.locale, d.waiting)}</td>
    </tr>
  );
}

function percentText(v: View, p: number | null): string {
  return p === null ? '–' : `${formatNumber(v.locale, Math.round(p * 10) / 10)} %`;
}

function AttainmentRow({ v, name, a }: { v: View; name: string; a: Attainment }) {
  return (
    <tr>
      <th scope="row">{name}</th>
      <td class="num">{percentText(v, a.percent)}</td>
      <td class="num">{formatNumber(v.locale, a.met)}</td>
      <td class="num">{formatNumber(v.locale, a.missed)}</td>
      <td class="num">{formatNumber(v.locale, a.pending)}</td>
    </tr>
  );
}

export function CareBody({ v, r }: { v: View; r: Care }) {
  const f = linkFilters(r.scope);
  const head = (
    <thead>
      <tr>
        <th scope="col" />
        <th scope="col" class="num">
          {v.t('rep.care.median')}
        </th>
        <th scope="col" class="num">
          {v.t('rep.care.p90')}
        </th>
        <th scope="col" class="num">
          {v.t('rep.care.measured')}
        </th>
        <th scope="col" class="num">
          {v.t('rep.care.waiting')}
        </th>
      </tr>
    </thead>
  );
  return (
    <>
      <Head v={v} title={v.t('rep.care.title')} active="care" scope={r.scope} path="/reports/care" />
      <section class="panel" aria-labelledby="care-h">
        <h2 id="care-h">{v.t('rep.care.title')}</h2>
        <table class="table">
          {head}
          <tbody>
            <DurationRow
              v={v}
              name={v.t('rep.care.firstResponse')}
              d={r.metrics.firstResponse}
              href={hrefWith('/reports/cases', f)}
            />
            <DurationRow
              v={v}
              name={v.t('rep.care.resolution')}
              d={r.metrics.resolution}
              href={hrefWith('/reports/cases', f)}
            />
          </tbody>
        </table>
      </section>
      <section class="panel" aria-labelledby="sla-h">
        <h2 id="sla-h">{v.t('rep.care.levels')}</h2>
        <table class="table">
          <thead>
            <tr>
              <th scope="col" />
              <th scope="col" class="num">
                {v.t('rep.care.percent')}
              </th>
              <th scope="col" class="num">
                {v.t('rep.care.met')}
              </th>
              <th scope="col" class="num">
                {v.t('rep.care.missed')}
              </th>
              <th scope="col" class="num">
                {v.t('rep.care.pending')}
              </th>
            </tr>
          </thead>
          <tbody>
            <AttainmentRow v={v} name={v.t('rep.care.slaFirst')} a={r.metrics.slaFirstResponse} />
            <AttainmentRow v={v} name={v.t('rep.care.slaResolution')} a={r.metrics.slaResolution} />
            <tr>
              <th scope="row">{v.t('rep.care.knowledge')}</th>
              <td class="num">{percentText(v, r.metrics.knowledgeShare.percent)}</td>
              <td class="num">{formatNumber(v.locale, r.metrics.knowledgeShare.fromKnowledge)}</td>
              <td class="num">
                {formatNumber(
                  v.locale,
                  r.metrics.knowledgeShare.answered - r.metrics.knowledgeShare.fromKnowledge,
                )}
              </td>
              <td class="num" />
            </tr>
          </tbody>
        </table>
        <p class="small muted">{v.t('rep.care.levelsHelp')}</p>
      </section>
      <section class="panel" aria-labelledby="expert-h">
        <h2 id="expert-h">{v.t('rep.care.expert')}</h2>
        {r.metrics.expertAnswerByTopic.length === 0 ? (
          <p class="muted">{v.t('rep.none')}</p>
        ) : (
          <table class="table">
            {head}
            <tbody>
              {r.metrics.expertAnswerByTopic.map((t) => (
                <DurationRow
                  v={v}
                  name={v.label('topic', t.topic)}
                  d={t}
                  href={hrefWith('/reports/cases', f, { topic: t.topic })}
                />
              ))}
            </tbody>
          </table>
        )}
      </section>
      <ExportLinks v={v} scope={r.scope} cases />
    </>
  );
}
