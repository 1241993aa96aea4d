import { type SQL, sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import { pairDims } from '../../db/schema';
import type { Ctx } from '../context';
import { labelledMentions } from './labelled-mentions';
import { dimFilters, type ReportScope } from './report-scope';
import { pgArray } from './term-rollups';
import { periodsBetween } from './time-zone';

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

/** The dimensions in the order pair names use (`network+topic`, never `topic+network`). */
const dimOrder = ['network', 'language', 'topic', 'intent', 'listener'] as const;
type Dim = (typeof dimOrder)[number];

/**
 * The rollup rows that carry a set of dimensions: `all`, one dimension, or a pair the rollup job
 * counts; null when no rollup holds them together. `part` picks a dimension's value out of a row.
 */
export function rollupDimFor(dims: Set<Dim>): { dim: string; dims: Dim[]; part: (d: Dim) => SQL } | null {
  const list = dimOrder.filter((d) => dims.has(d));
  if (list.length === 0) return { dim: 'all', dims: [], part: () => sql`r.value` };
  if (list.length === 1) return { dim: list[0] as string, dims: list, part: () => sql`r.value` };
  const name = list.join('+');
  if (list.length > 2 || !(pairDims as readonly string[]).includes(name)) return null;
  return { dim: name, dims: list, part: (d) => sql`split_part(r.value, chr(31), ${list.indexOf(d) + 1})` };
}

/**
 * The pair values a query may touch, so it walks the (brand, dim, value, bucket) index instead of
 * every pair row of the range: a filtered part's values, crossed with every value the other part
 * has ever had (a loose index scan of its single-dimension rows: a few index descents).
 */
function pairCandidates(brandId: string, dims: Dim[], constraints: { dim: Dim; values: string[] }[]): SQL {
  const partOf = (d: Dim): SQL => {
    const fixed = constraints.filter((c) => c.dim === d);
    if (fixed.length > 0) {
      const values = fixed.map((c) => c.values).reduce((a, b) => a.filter((v) => b.includes(v)));
      return sql`(select unnest(${pgArray(values)}::text[]) as v)`;
    }
    return sql`(with recursive t(v) as (
        (select value from mention_rollups where brand_id = ${brandId} and dim = ${d} order by value limit 1)
        union all
        select (select value from mention_rollups where brand_id = ${brandId} and dim = ${d} and value > t.v
                order by value limit 1)
        from t where t.v is not null
      ) select v from t where v is not null)`;
  };
  const [a, b] = dims as [Dim, Dim];
  return sql`array(select x.v || chr(31) || y.v from ${partOf(a)} x cross join ${partOf(b)} y)`;
}

/**
 * Which rollup rows answer a range cut at the given instants: hourly rows, except for the hours an
 * instant cuts in two (a day starting at 18:30 UTC in Kolkata), read per quarter hour instead.
 * null when an instant is not on a quarter hour (an exact drill-down range): the raw table answers.
 */
export function timePlan(cuts: Date[]): { splitHours: string[] } | null {
  const split = new Set<string>();
  for (const c of cuts) {
    const t = c.getTime();
    if (t % 900_000 !== 0) return null;
    if (t % 3_600_000 !== 0) split.add(new Date(t - (t % 3_600_000)).toISOString());
  }
  return { splitHours: [...split].sort() };
}

/** Past this many cut hours (hours of a half-hour zone) the quarter-hour rows answer the whole range. */
const maxSplitHours = 400;

/**
 * Mentions counted by sentiment and one grouping (a period of the reader's calendar or a dimension),
 * within a scope's brand, range and filters. From the rollups when they can answer (filters and
 * grouping on one dimension or on a counted pair), else from the raw table; `source: 'raw'` forces
 * the raw table (the benchmark and the tests compare the two).
 */
export async function countBySentiment(
  ctx: Ctx,
  scope: ReportScope,
  group: GroupBy,
  opts: { source?: Source; range?: { since: Date; until: Date }; listenerIds?: string[] } = {},
): Promise<GroupRow[]> {
  const sinceAt = opts.range?.since ?? scope.since;
  const untilAt = opts.range?.until ?? scope.until;
  const since = sinceAt.toISOString();
  const until = untilAt.toISOString();
  const constraints: { dim: Dim; values: string[] }[] = dimFilters(scope.filters).map((f) => ({
    dim: f.dim,
    values: [f.value],
  }));
  if (opts.listenerIds) constraints.push({ dim: 'listener', values: opts.listenerIds });
  const groupDim = group.kind === 'dim' ? group.dim : null;
  const dims = new Set<Dim>(constraints.map((c) => c.dim));
  if (groupDim) dims.add(groupDim);
  const rollup = rollupDimFor(dims);
  const cuts =
    group.kind === 'period'
      ? [
          sinceAt,
          untilAt,
          ...periodsBetween(scope.fromDay, scope.toDay, scope.granularity, scope.tz).map((p) => p.from),
        ]
      : [sinceAt, untilAt];
  const plan = timePlan(cuts);
  // The quarter-hour rows hold no pairs: a pair cut inside an hour goes to the raw table.
  const pair = rollup !== null && rollup.dims.length === 2;
  // The quarter-hour rows hold no pairs: past a few hundred cut hours a pair reads the raw table.
  const pairCutTooOften = pair && plan !== null && plan.splitHours.length > maxSplitHours;
  if (
    opts.source !== 'raw' &&
    !scope.filters.authorId &&
    !scope.filters.q &&
    rollup &&
    plan &&
    !pairCutTooOften
  ) {
    const conds: SQL[] = [sql`r.brand_id = ${scope.brand.id}`, sql`r.dim = ${rollup.dim}`];
    if (scope.filters.sentiment) conds.push(sql`r.sentiment = ${scope.filters.sentiment}`);
    for (const c of constraints) conds.push(inList(rollup.part(c.dim), c.values));
    if (pair) conds.push(sql`r.value = any(${pairCandidates(scope.brand.id, rollup.dims, constraints)})`);
    const key =
      group.kind === 'period'
        ? sql`to_char(date_trunc(${scope.granularity}, r.bucket at time zone ${scope.tz}), ${keyFormat[scope.granularity]})`
        : rollup.part(group.dim);
    const select = (table: SQL, time: SQL) =>
      sql`select ${key} as key, r.sentiment, sum(r.mentions)::int as n
          from ${table} r where ${sql.join([...conds, time], sql` and `)} group by 1, 2`;
    const inRange = sql`r.bucket >= ${since}::timestamptz and r.bucket < ${until}::timestamptz`;
    const split = plan.splitHours;
    let query: SQL;
    if (split.length === 0) query = select(sql`mention_rollups`, inRange);
    else if (split.length > maxSplitHours) query = select(sql`mention_rollups_quarter`, inRange);
    else if (pair) {
      // The whole hours from the pair rows, the few cut hours from the mentions themselves.
      const cutHours = sql.join(
        split.map(
          (h) =>
            sql`(m.posted_at >= ${h}::timestamptz and m.posted_at < ${new Date(Date.parse(h) + 3_600_000).toISOString()}::timestamptz)`,
        ),
        sql` or `,
      );
      const where = rawWhere(scope, {
        since,
        until,
        listenerIds: opts.listenerIds,
        extra: sql`(${cutHours})`,
      });
      query = sql`select key, sentiment, sum(n)::int as n from (
          ${select(sql`mention_rollups`, sql`${inRange} and r.bucket not in (select unnest(${pgArray(split)}::timestamptz[]))`)}
          union all
          select ${rawKey(scope, group)} as key, l.sentiment, count(*)::int as n
          from ${labelledMentions(where.mention, { counts: true })} l where ${where.labels} group by 1, 2
        ) u group by 1, 2`;
    } else {
      const quarters = split.flatMap((h) => [0, 1, 2, 3].map((i) => Date.parse(h) + i * 900_000));
      const inside = quarters
        .filter((t) => t >= sinceAt.getTime() && t < untilAt.getTime())
        .map((t) => new Date(t).toISOString());
      // The whole hours from the hourly rows, the cut ones from their quarters: a hashed anti-join.
      query = sql`select key, sentiment, sum(n)::int as n from (
          ${select(sql`mention_rollups`, sql`${inRange} and r.bucket not in (select unnest(${pgArray(split)}::timestamptz[]))`)}
          union all
          ${select(sql`mention_rollups_quarter`, sql`r.bucket = any(${pgArray(inside)}::timestamptz[])`)}
        ) u group by 1, 2`;
    }
    return toRows(await queryRows(ctx.db, query));
  }
  const where = rawWhere(scope, { since, until, listenerIds: opts.listenerIds });
  return toRows(
    await queryRows(
      ctx.db,
      sql`select ${rawKey(scope, group)} as key, l.sentiment, count(*)::int as n
          from ${labelledMentions(where.mention, { counts: true })} l where ${where.labels}
          group by 1, 2`,
    ),
  );
}

/** The grouping key read from a labelled mention row (`l`). */
function rawKey(scope: ReportScope, group: GroupBy): SQL {
  if (group.kind === 'period') {
    return sql`to_char(date_trunc(${scope.granularity}, l.posted_at at time zone ${scope.tz}), ${keyFormat[scope.granularity]})`;
  }
  return group.dim === 'listener' ? sql`coalesce(l.listener_id, '')` : sql`l.${sql.identifier(group.dim)}`;
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
  opts: { since?: string; until?: string; listenerIds?: string[] | undefined; extra?: SQL } = {},
): { mention: SQL; labels: SQL } {
  const f = scope.filters;
  const mention: SQL[] = [
    sql`m.brand_id = ${scope.brand.id}`,
    sql`m.posted_at >= ${opts.since ?? scope.since.toISOString()}::timestamptz`,
    sql`m.posted_at < ${opts.until ?? scope.until.toISOString()}::timestamptz`,
  ];
  if (f.network) mention.push(sql`m.network = ${f.network}`);
  if (f.listenerId) {
    mention.push(sql`coalesce(m.listener_id, '') = ${f.listenerId}`);
    // A listener polls one network: naming it lets the read use the (brand, network, time) index.
    if (!f.network && scope.listenerNetwork) mention.push(sql`m.network = ${scope.listenerNetwork}`);
  }
  if (f.authorId) mention.push(sql`m.author_id = ${f.authorId}`);
  if (f.q) mention.push(sql`m.text ilike ${`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  if (opts.listenerIds) mention.push(inList(sql`coalesce(m.listener_id, '')`, opts.listenerIds));
  if (opts.extra) mention.push(opts.extra);
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
