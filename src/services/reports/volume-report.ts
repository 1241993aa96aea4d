import { type SQL, sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';
import { validate } from '../validate';
import { type ReportScope, reportFilters, resolveScope } from './report-scope';
import { countBySentiment, type SentimentTally, type Source, tally } from './sentiment-counts';

export interface DimRow extends SentimentTally {
  value: string;
}

const dims = ['network', 'intent', 'topic', 'language'] as const;

function sorted(map: Map<string, SentimentTally>): DimRow[] {
  return [...map.entries()]
    .map(([value, t]) => ({ value, ...t }))
    .sort((a, b) => b.total - a.total || a.value.localeCompare(b.value));
}

/** The conditions on cases that the report's filters translate to (cases carry their own labels). */
export function caseWhere(scope: ReportScope): SQL {
  const f = scope.filters;
  const conds: SQL[] = [
    sql`c.brand_id = ${scope.brand.id}`,
    sql`c.created_at >= ${scope.since.toISOString()}::timestamptz`,
    sql`c.created_at < ${scope.until.toISOString()}::timestamptz`,
  ];
  if (f.network) conds.push(sql`c.network = ${f.network}`);
  if (f.topic) conds.push(sql`c.topic = ${f.topic}`);
  if (f.intent) conds.push(sql`c.intent = ${f.intent}`);
  if (f.language) conds.push(sql`c.language = ${f.language}`);
  if (f.sentiment) conds.push(sql`c.sentiment = ${f.sentiment}`);
  return sql.join(conds, sql` and `);
}

async function caseCounts(ctx: Ctx, scope: ReportScope) {
  const rows = await queryRows<{ dim: string; value: string | null; n: number }>(
    ctx.db,
    sql`select v.dim, v.value, count(*)::int as n
        from cases c cross join lateral (values ('network', c.network), ('intent', c.intent), ('topic', c.topic)) v(dim, value)
        where ${caseWhere(scope)} group by 1, 2 order by 3 desc, 2`,
  );
  const pick = (dim: string) =>
    rows.filter((r) => r.dim === dim).map((r) => ({ value: r.value ?? '', n: Number(r.n) }));
  return { byNetwork: pick('network'), byIntent: pick('intent'), byTopic: pick('topic') };
}

/**
 * The most followed authors who wrote in the period: walks authors from the most followed down and
 * keeps those with a mention in range, so it reads a handful of authors, not every mention.
 */
async function topAuthors(ctx: Ctx, scope: ReportScope, limit = 10) {
  const inRange = sql`m.author_id = a.id and m.brand_id = ${scope.brand.id} and m.from_brand = false
    and m.deleted_at is null and m.posted_at >= ${scope.since.toISOString()}::timestamptz
    and m.posted_at < ${scope.until.toISOString()}::timestamptz
    ${scope.filters.network ? sql`and m.network = ${scope.filters.network}` : sql``}`;
  const rows = await queryRows<{
    id: string;
    handle: string;
    display_name: string | null;
    network: string;
    url: string | null;
    followers: number;
    mentions: number;
  }>(
    ctx.db,
    sql`select a.id, a.handle, a.display_name, a.network, a.url, a.followers,
               (select count(*) from mentions m where ${inRange})::int as mentions
        from authors a
        where a.followers is not null and exists (select 1 from mentions m where ${inRange})
        order by a.followers desc, a.id limit ${limit}`,
  );
  return rows.map((r) => ({
    id: r.id,
    handle: r.handle,
    displayName: r.display_name,
    network: r.network,
    url: r.url,
    followers: Number(r.followers),
    mentions: Number(r.mentions),
  }));
}

/** Volume of mentions (with their sentiment) and of cases by network, intent and topic; top authors. */
export async function volumeReport(ctx: Ctx, raw: unknown, opts: { source?: Source } = {}) {
  requireActor(ctx, 'reports.read');
  const scope = await resolveScope(ctx, validate(reportFilters, raw));
  const by = (dim: (typeof dims)[number]) => countBySentiment(ctx, scope, { kind: 'dim', dim }, opts);
  const [network, intent, topic, language, casesBy, authors] = await Promise.all([
    by('network'),
    by('intent'),
    by('topic'),
    by('language'),
    caseCounts(ctx, scope),
    topAuthors(ctx, scope),
  ]);
  return {
    scope,
    mentions: {
      byNetwork: sorted(tally(network)),
      byIntent: sorted(tally(intent)),
      byTopic: sorted(tally(topic)),
      byLanguage: sorted(tally(language)),
    },
    cases: casesBy,
    topAuthors: authors,
  };
}
