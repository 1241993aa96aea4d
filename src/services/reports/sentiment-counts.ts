import { type SQL, sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import type { Ctx } from '../context';
import { labelledMentions } from './labelled-mentions';
import { dimFilters, type ReportScope } from './report-scope';

export type Source = 'rollup' | 'raw';
export type Sentiment = 'negative' | 'neutral' | 'positive';
export interface GroupRow {
  key: string;
  sentiment: Sentiment;
  n: number;
}

/** Postgres patterns matching the keys of `periodsBetween`. */
const keyFormat = { hour: 'YYYY-MM-DD"T"HH24:00', day: 'YYYY-MM-DD', week: 'YYYY-MM-DD' } as const;

export type GroupBy =
  | { kind: 'period' }
  | { kind: 'dim'; dim: 'network' | 'language' | 'topic' | 'intent' | 'listener' };

/**
 * Mentions counted by sentiment and one grouping (a period of the reader's calendar or a dimension),
 * within a scope's brand, range and filters. From the rollups when they can answer (one dimension
 * filter at most), else from the raw table; `source: 'raw'` forces the raw table (the benchmark).
 */
export async function countBySentiment(
  ctx: Ctx,
  scope: ReportScope,
  group: GroupBy,
  opts: { source?: Source; range?: { since: Date; until: Date }; listenerIds?: string[] } = {},
): Promise<GroupRow[]> {
  const since = (opts.range?.since ?? scope.since).toISOString();
  const until = (opts.range?.until ?? scope.until).toISOString();
  const constraints: { dim: string; values: string[] }[] = dimFilters(scope.filters).map((f) => ({
    dim: f.dim,
    values: [f.value],
  }));
  if (opts.listenerIds) constraints.push({ dim: 'listener', values: opts.listenerIds });
  const groupDim = group.kind === 'dim' ? group.dim : null;
  const only = constraints[0];
  // Rollup rows carry one dimension each: they answer at most one constraint, on the grouped dimension.
  const useRollup =
    opts.source !== 'raw' &&
    !scope.filters.authorId &&
    !scope.filters.q &&
    constraints.length <= 1 &&
    (!groupDim || !only || only.dim === groupDim);
  if (useRollup) {
    const dim = groupDim ?? only?.dim ?? 'all';
    const conds: SQL[] = [
      sql`r.brand_id = ${scope.brand.id}`,
      sql`r.dim = ${dim}`,
      sql`r.bucket >= ${since}::timestamptz`,
      sql`r.bucket < ${until}::timestamptz`,
    ];
    if (scope.filters.sentiment) conds.push(sql`r.sentiment = ${scope.filters.sentiment}`);
    if (only) conds.push(inList(sql`r.value`, only.values));
    const key =
      group.kind === 'period'
        ? sql`to_char(date_trunc(${scope.granularity}, r.bucket at time zone ${scope.tz}), ${keyFormat[scope.granularity]})`
        : sql`r.value`;
    return toRows(
      await queryRows(
        ctx.db,
        sql`select ${key} as key, r.sentiment, sum(r.mentions)::int as n
            from mention_rollups r where ${sql.join(conds, sql` and `)}
            group by 1, 2`,
      ),
    );
  }
  const where = rawWhere(scope, { since, until, listenerIds: opts.listenerIds });
  const key =
    group.kind === 'period'
      ? sql`to_char(date_trunc(${scope.granularity}, l.posted_at at time zone ${scope.tz}), ${keyFormat[scope.granularity]})`
      : group.dim === 'listener'
        ? sql`coalesce(l.listener_id, '')`
        : sql.identifier(group.dim);
  return toRows(
    await queryRows(
      ctx.db,
      sql`select ${key} as key, l.sentiment, count(*)::int as n
          from ${labelledMentions(where.mention, { counts: true })} l where ${where.labels}
          group by 1, 2`,
    ),
  );
}

function inList(column: SQL, values: string[]): SQL {
  if (values.length === 0) return sql`false`;
  return sql`${column} in (${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )})`;
}

/** The raw-table form of a scope's filters: on the mention row, and on its (corrected) labels. */
export function rawWhere(
  scope: ReportScope,
  opts: { since?: string; until?: string; listenerIds?: string[] | undefined } = {},
): { mention: SQL; labels: SQL } {
  const f = scope.filters;
  const mention: SQL[] = [
    sql`m.brand_id = ${scope.brand.id}`,
    sql`m.posted_at >= ${opts.since ?? scope.since.toISOString()}::timestamptz`,
    sql`m.posted_at < ${opts.until ?? scope.until.toISOString()}::timestamptz`,
  ];
  if (f.network) mention.push(sql`m.network = ${f.network}`);
  if (f.listenerId) mention.push(sql`coalesce(m.listener_id, '') = ${f.listenerId}`);
  if (f.authorId) mention.push(sql`m.author_id = ${f.authorId}`);
  if (f.q) mention.push(sql`m.text ilike ${`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  if (opts.listenerIds) mention.push(inList(sql`coalesce(m.listener_id, '')`, opts.listenerIds));
  const labels: SQL[] = [sql`true`];
  if (f.language) labels.push(sql`l.language = ${f.language}`);
  if (f.topic) labels.push(sql`l.topic = ${f.topic}`);
  if (f.intent) labels.push(sql`l.intent = ${f.intent}`);
  if (f.sentiment) labels.push(sql`l.sentiment = ${f.sentiment}`);
  return { mention: sql.join(mention, sql` and `), labels: sql.join(labels, sql` and `) };
}

function toRows(rows: unknown[]): GroupRow[] {
  return (rows as { key: string; sentiment: Sentiment; n: number | string }[]).map((r) => ({
    key: String(r.key),
    sentiment: r.sentiment,
    n: Number(r.n),
  }));
}

export interface SentimentTally {
  negative: number;
  neutral: number;
  positive: number;
  total: number;
  /** (positive - negative) / total, from -1 to 1; 0 for an empty bucket. */
  net: number;
}

export function tally(rows: GroupRow[]): Map<string, SentimentTally> {
  const out = new Map<string, SentimentTally>();
  for (const r of rows) {
    const t = out.get(r.key) ?? { negative: 0, neutral: 0, positive: 0, total: 0, net: 0 };
    t[r.sentiment] += r.n;
    t.total += r.n;
    out.set(r.key, t);
  }
  for (const t of out.values()) t.net = t.total === 0 ? 0 : (t.positive - t.negative) / t.total;
  return out;
}

export const emptyTally = (): SentimentTally => ({ negative: 0, neutral: 0, positive: 0, total: 0, net: 0 });
