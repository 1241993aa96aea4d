import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client';
import { labelledMentions } from './labelled-mentions';
import { features } from './terms';

const dayMs = 86_400_000;

/** A Postgres array literal: drizzle would spread a JS array into one parameter per element. */
export function pgArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

/** Adds the features of texts into a document-frequency map; returns how many texts there were. */
function countInto(df: Map<string, number>, texts: string[]): number {
  for (const t of texts) for (const f of features(t)) df.set(f, (df.get(f) ?? 0) + 1);
  return texts.length;
}

/**
 * Recounts the terms of whole UTC days of a brand: every mention's words and phrases, per language,
 * once per mention. The terms are cut in JavaScript (the same `features` the report uses), so a day
 * is rebuilt whole, never incremented: a re-run or a language correction gives the same rows.
 */
export async function rebuildTermDays(tx: Db, brandId: string, days: string[]): Promise<number> {
  if (days.length === 0) return 0;
  days.sort();
  const list = pgArray(days);
  const first = `${days[0]}T00:00:00Z`;
  const end = new Date(Date.parse(`${days[days.length - 1]}T00:00:00Z`) + dayMs).toISOString();
  await tx.execute(sql`delete from term_rollups where brand_id = ${brandId} and day = any(${list}::date[])`);
  const rows = await queryRows<{ day: string; language: string; text: string }>(
    tx,
    sql`select to_char(l.posted_at at time zone 'UTC', 'YYYY-MM-DD') as day, l.language, l.text
        from ${labelledMentions(
          sql`m.brand_id = ${brandId} and m.posted_at >= ${first}::timestamptz and m.posted_at < ${end}::timestamptz
              and (m.posted_at at time zone 'UTC')::date = any(${list}::date[])`,
        )} l`,
  );
  const counts = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const key = `${r.day}|${r.language}`;
    const df = counts.get(key) ?? new Map<string, number>();
    counts.set(key, df);
    // The empty term is the number of mentions: the denominator of every share.
    df.set('', (df.get('') ?? 0) + 1);
    for (const f of features(r.text)) df.set(f, (df.get(f) ?? 0) + 1);
  }
  const out: { day: string; language: string; term: string; docs: number }[] = [];
  for (const [key, df] of counts) {
    const [day, language] = key.split('|') as [string, string];
    for (const [term, docs] of df) out.push({ day, language, term, docs });
  }
  for (let i = 0; i < out.length; i += 5000) {
    const chunk = out.slice(i, i + 5000);
    await tx.execute(
      sql`insert into term_rollups (brand_id, day, language, term, docs)
          select ${brandId}, d, l, t, n from unnest(${pgArray(chunk.map((r) => r.day))}::date[],
            ${pgArray(chunk.map((r) => r.language))}::text[], ${pgArray(chunk.map((r) => r.term))}::text[],
            ${`{${chunk.map((r) => r.docs).join(',')}}`}::int[]) as u(d, l, t, n)`,
    );
  }
  return out.length;
}

export interface TermCounts {
  /** Mentions containing each term. */
  df: Map<string, number>;
  /** Mentions of the range. */
  total: number;
}

/**
 * The UTC days wholly inside a range, and the partial edges around them (a reader's midnight is
 * rarely UTC's): the days come from the term rollups, the edges from the mentions themselves.
 */
export function splitDays(since: Date, until: Date) {
  const firstWhole = Math.ceil(since.getTime() / dayMs) * dayMs;
  const endWhole = Math.floor(until.getTime() / dayMs) * dayMs;
  if (firstWhole >= endWhole) return { days: null, edges: [{ since, until }] };
  const edges: { since: Date; until: Date }[] = [];
  if (since.getTime() < firstWhole) edges.push({ since, until: new Date(firstWhole) });
  if (endWhole < until.getTime()) edges.push({ since: new Date(endWhole), until });
  const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
  return { days: { from: iso(firstWhole), to: iso(endWhole) }, edges };
}

async function edgeTexts(db: Db, brandId: string, range: { since: Date; until: Date }, language?: string) {
  const rows = await queryRows<{ text: string }>(
    db,
    sql`select l.text from ${labelledMentions(
      sql`m.brand_id = ${brandId} and m.posted_at >= ${range.since.toISOString()}::timestamptz
          and m.posted_at < ${range.until.toISOString()}::timestamptz`,
    )} l ${language ? sql`where l.language = ${language}` : sql``}`,
  );
  return rows.map((r) => r.text);
}

/**
 * Exact document frequencies over two periods: the current one's terms seen at least `minDocs`
 * times, and the previous period's counts of those terms only (the others cannot rise).
 */
export async function termCountsOfPeriods(
  db: Db,
  brandId: string,
  current: { since: Date; until: Date },
  previous: { since: Date; until: Date },
  opts: { language?: string; minDocs: number },
): Promise<{ now: TermCounts; before: TermCounts }> {
  const lang: SQL = opts.language ? sql`and language = ${opts.language}` : sql``;
  const parts = (range: { since: Date; until: Date }) => splitDays(range.since, range.until);
  const cur = parts(current);
  const prev = parts(previous);
  const edgesOf = async (edges: { since: Date; until: Date }[]) => {
    const df = new Map<string, number>();
    let total = 0;
    const texts = await Promise.all(edges.map((e) => edgeTexts(db, brandId, e, opts.language)));
    for (const t of texts) total += countInto(df, t);
    return { df, total };
  };
  const [curEdges, prevEdges] = await Promise.all([edgesOf(cur.edges), edgesOf(prev.edges)]);
  const now: TermCounts = { df: new Map(curEdges.df), total: curEdges.total };
  if (cur.days) {
    const rows = await queryRows<{ term: string; n: number }>(
      db,
      sql`select term, sum(docs)::int as n from term_rollups
          where brand_id = ${brandId} and day >= ${cur.days.from}::date and day < ${cur.days.to}::date ${lang}
          group by term
          having term = '' or sum(docs) >= ${opts.minDocs} or term = any(${pgArray([...curEdges.df.keys()])}::text[])`,
    );
    for (const r of rows) {
      if (r.term === '') now.total += Number(r.n);
      else now.df.set(r.term, (now.df.get(r.term) ?? 0) + Number(r.n));
    }
  }
  for (const [term, n] of now.df) if (n < opts.minDocs) now.df.delete(term);
  const before: TermCounts = { df: new Map(), total: prevEdges.total };
  for (const term of now.df.keys()) {
    const n = prevEdges.df.get(term);
    if (n) before.df.set(term, n);
  }
  if (prev.days) {
    const rows = await queryRows<{ term: string; n: number }>(
      db,
      sql`select term, sum(docs)::int as n from term_rollups
          where brand_id = ${brandId} and day >= ${prev.days.from}::date and day < ${prev.days.to}::date ${lang}
            and term = any(${pgArray(['', ...now.df.keys()])}::text[])
          group by term`,
    );
    for (const r of rows) {
      if (r.term === '') before.total += Number(r.n);
      else before.df.set(r.term, (before.df.get(r.term) ?? 0) + Number(r.n));
    }
  }
  return { now, before };
}

/**
 * Recounts the days of these mentions after their text went (deleted on the network, or the author
 * erased): the words they used must leave the rising terms with them. Counts elsewhere keep them.
 */
export async function recountTermsOf(tx: Db, mentionIds: readonly string[]): Promise<void> {
  if (mentionIds.length === 0) return;
  const rows = await queryRows<{ brand_id: string; day: string }>(
    tx,
    sql`select distinct brand_id, to_char(posted_at at time zone 'UTC', 'YYYY-MM-DD') as day
        from mentions where id = any(${pgArray([...mentionIds])}::text[])`,
  );
  const byBrand = new Map<string, string[]>();
  for (const r of rows) byBrand.set(r.brand_id, [...(byBrand.get(r.brand_id) ?? []), r.day]);
  for (const [brandId, days] of byBrand) await rebuildTermDays(tx, brandId, days);
}
