import type { ReportFilters, ReportScope } from '../../services/reports/report-scope';
import type { SentimentTally } from '../../services/reports/sentiment-counts';
import type { MessageKey } from './i18n';
import { formatDate, formatNumber } from './i18n';
import type { View } from './view';

export type ReportKey = 'overview' | 'sentiment' | 'volume' | 'topics' | 'voice' | 'care';

const reports: { key: ReportKey; href: string; label: MessageKey }[] = [
  { key: 'overview', href: '/reports', label: 'rep.nav.overview' },
  { key: 'sentiment', href: '/reports/sentiment', label: 'rep.nav.sentiment' },
  { key: 'volume', href: '/reports/volume', label: 'rep.nav.volume' },
  { key: 'topics', href: '/reports/topics', label: 'rep.nav.topics' },
  { key: 'voice', href: '/reports/voice', label: 'rep.nav.voice' },
  { key: 'care', href: '/reports/care', label: 'rep.nav.care' },
];

/** Query parameters a report keeps when linking to itself, another report or its mentions. */
const carried = [
  'brandId',
  'days',
  'from',
  'to',
  'since',
  'until',
  'tz',
  'granularity',
  'network',
  'language',
  'topic',
  'intent',
  'sentiment',
  'listenerId',
  'competitor',
  'authorId',
  'q',
] as const;

/** A URL with the report's filters, some replaced (undefined removes one). */
export function hrefWith(
  path: string,
  f: Partial<ReportFilters>,
  over: Record<string, string | number | undefined> = {},
) {
  const p = new URLSearchParams();
  const all: Record<string, unknown> = { ...f, ...over };
  for (const k of carried) {
    const v = all[k];
    if (v !== undefined && v !== null && (v !== '' || k === 'competitor')) p.set(k, String(v));
  }
  if (all.granularity === 'day') p.delete('granularity');
  const s = p.toString();
  return s ? `${path}?${s}` : path;
}

/** The report filters of the scope, as plain values for links. */
export function linkFilters(scope: ReportScope): Partial<ReportFilters> {
  const f = scope.filters;
  return {
    ...f,
    brandId: scope.brand.id,
    from: scope.fromDay,
    to: scope.toDay,
    // The reader's own zone is not written into links: a link shared with a colleague opens in theirs.
    tz: scope.tzSource === 'filter' ? scope.tz : undefined,
    days: undefined,
  };
}

export function ReportNav({
  v,
  active,
  filters,
}: {
  v: View;
  active: ReportKey;
  filters: Partial<ReportFilters>;
}) {
  const keep = { ...filters, granularity: undefined };
  return (
    <nav class="segmented report-nav" aria-label={v.t('rep.nav.label')}>
      {reports.map((r) => (
        <a
          href={r.key === 'overview' ? r.href : hrefWith(r.href, keep)}
          aria-current={r.key === active ? 'page' : undefined}
        >
          {v.t(r.label)}
        </a>
      ))}
    </nav>
  );
}

/** Period, granularity and time zone, as a plain GET form: works without JavaScript. */
export function FilterForm({
  v,
  path,
  scope,
  granularity,
}: {
  v: View;
  path: string;
  scope: ReportScope;
  granularity?: boolean;
}) {
  const f = scope.filters;
  return (
    <form method="get" action={path} class="filters panel" aria-label={v.t('rep.filters')}>
      <input type="hidden" name="brandId" value={scope.brand.id} />
      <label>
        {v.t('rep.period')}{' '}
        <select name="days">
          {[7, 30, 90, 365].map((d) => (
            <option value={String(d)} selected={!f.from && f.days === d}>
              {v.t('reports.days', { n: d })}
            </option>
          ))}
        </select>
      </label>
      {granularity ? (
        <label>
          {v.t('rep.granularity')}{' '}
          <select name="granularity">
            {(['hour', 'day', 'week'] as const).map((g) => (
              <option value={g} selected={scope.granularity === g}>
                {v.t(`rep.gran.${g}`)}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label>
        {v.t('rep.timezone')}{' '}
        <input
          name="tz"
          value={scope.tzSource === 'filter' ? scope.tz : ''}
          placeholder={scope.tz}
          size={18}
        />
      </label>
      {(['network', 'topic', 'language', 'intent', 'sentiment'] as const)
        .filter((k) => f[k])
        .map((k) => (
          <input type="hidden" name={k} value={f[k]} />
        ))}
      <button type="submit">{v.t('rep.apply')}</button>
    </form>
  );
}

export function RangeLine({ v, scope }: { v: View; scope: ReportScope }) {
  return (
    <p class="muted range-line">
      {v.t('rep.rangeTz', {
        since: formatDate(v.locale, scope.since, scope.tz),
        until: formatDate(v.locale, new Date(scope.until.getTime() - 1), scope.tz),
        tz: scope.tz,
      })}{' '}
      · {v.t(`rep.tzFrom.${scope.tzSource}`)} ·{' '}
      <a href={`/preferences?next=${encodeURIComponent(v.path)}`}>{v.t('rep.tzChange')}</a>
    </p>
  );
}

export function ExportLinks({ v, scope, cases }: { v: View; scope: ReportScope; cases?: boolean }) {
  const f = linkFilters(scope);
  return (
    <p class="exports">
      <a class="button" href={hrefWith('/reports/export/mentions.csv', f)} download>
        {v.t('rep.exportMentions')}
      </a>{' '}
      {cases ? (
        <a class="button" href={hrefWith('/reports/export/cases.csv', f)} download>
          {v.t('rep.exportCases')}
        </a>
      ) : null}{' '}
      <a href={hrefWith('/reports/mentions', f)}>{v.t('rep.showMentions')}</a>
    </p>
  );
}

export const pct = (v: View, x: number) => `${formatNumber(v.locale, Math.round(x * 1000) / 10)} %`;
export const signed = (v: View, x: number) =>
  `${x > 0 ? '+' : ''}${formatNumber(v.locale, Math.round(x * 100) / 100)}`;

/** Bars that are links: each to the mentions (or cases) behind it. */
export function LinkedBars({
  v,
  id,
  title,
  items,
}: {
  v: View;
  id: string;
  title: string;
  items: { text: string; n: number; href: string; tally?: SentimentTally }[];
}) {
  const max = Math.max(1, ...items.map((i) => i.n));
  return (
    <section class="panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {items.length === 0 ? (
        <p class="muted">{v.t('rep.none')}</p>
      ) : (
        <ul class="bars">
          {items.map((i) => (
            <li>
              <a href={i.href}>{i.text}</a>
              <span class="bar-track" aria-hidden="true">
                <span class="bar" style={`display:block;width:${((i.n / max) * 100).toFixed(1)}%`} />
              </span>
              <span
                class="num"
                title={
                  i.tally
                    ? `${v.t('rep.shareNeg')}: ${pct(v, i.tally.total ? i.tally.negative / i.tally.total : 0)}`
                    : undefined
                }
              >
                {formatNumber(v.locale, i.n)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function formatSeconds(v: View, s: number | null): string {
  if (s === null) return '–';
  const minutes = s / 60;
  if (minutes < 90) return v.t('rep.duration.m', { n: Math.round(minutes) });
  const hours = minutes / 60;
  if (hours < 48) return v.t('rep.duration.h', { n: Math.round(hours * 10) / 10 });
  return v.t('rep.duration.d', { n: Math.round((hours / 24) * 10) / 10 });
}
