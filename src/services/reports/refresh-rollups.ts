import { sql } from 'drizzle-orm';
import { type Db, queryRows, withTransaction } from '../../db/client';
import { rollupDims } from '../../db/schema';
import type { Ctx } from '../context';
import { labelledMentions } from './labelled-mentions';
import { rebuildTermDays } from './term-rollups';

/**
 * Rows whose label changed, as (mention_id, created_at, id): a newly classified mention, or an
 * advisor's correction (new or updated). The names are the watermarks'.
 */
const sources = {
  classifications: sql`(select id as mention_id, classified_at as created_at, id from mentions
    where classified_at is not null)`,
  corrections: sql`classification_corrections`,
} as const;
type Source = keyof typeof sources;

/**
 * A transaction may commit a little after the time it stamped: each run re-reads this much before
 * the watermark. Re-reading is harmless because whole hours are rebuilt, never incremented.
 */
const overlapMs = 10 * 60_000;

interface Dirty {
  brand_id: string;
  bucket: string;
}

/**
 * The incremental rollup job: reads labels written since its watermark, finds the (brand, hour)
 * buckets they touch, and rebuilds those hours from the mentions. Idempotent (a re-run rebuilds the
 * same rows), and corrections move a mention between buckets because its hour is rebuilt.
 */
export async function refreshRollups(ctx: Ctx, opts: { batch?: number; maxBatches?: number } = {}) {
  const batch = opts.batch ?? 20_000;
  const maxBatches = opts.maxBatches ?? 50;
  let hours = 0;
  let rows = 0;
  for (const source of Object.keys(sources) as Source[]) {
    const [mark] = await queryRows<{ at: Date | string; last_id: string }>(
      ctx.db,
      sql`select at, last_id from rollup_watermarks where name = ${source}`,
    );
    let at = mark ? new Date(new Date(mark.at).getTime() - overlapMs) : new Date(0);
    let lastId = '';
    for (let i = 0; i < maxBatches; i++) {
      const changed = await queryRows<{
        at: Date | string;
        id: string;
        brand_id: string;
        bucket: Date | string;
      }>(
        ctx.db,
        sql`select s.created_at as at, s.id, m.brand_id, date_trunc('hour', m.posted_at, 'UTC') as bucket
            from ${sources[source]} s join mentions m on m.id = s.mention_id
            where (s.created_at, s.id) > (${at.toISOString()}::timestamptz, ${lastId})
            order by s.created_at, s.id limit ${batch}`,
      );
      if (changed.length === 0) break;
      const dirty = new Map<string, Dirty>();
      for (const c of changed) {
        const bucket = new Date(c.bucket).toISOString();
        dirty.set(`${c.brand_id}|${bucket}`, { brand_id: c.brand_id, bucket });
      }
      const last = changed[changed.length - 1] as (typeof changed)[number];
      at = new Date(last.at);
      lastId = last.id;
      rows += await withTransaction(ctx.db, async (tx) => {
        // Two runs at once would rebuild the same hour twice; they take turns instead.
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext('mention_rollups'))`);
        const n = await rebuildHours(tx, [...dirty.values()]);
        await tx.execute(
          sql`insert into rollup_watermarks (name, at, last_id, created_at, updated_at)
              values (${source}, ${at.toISOString()}::timestamptz, ${lastId}, now(), now())
              on conflict (name) do update set at = greatest(rollup_watermarks.at, excluded.at),
                last_id = case when excluded.at >= rollup_watermarks.at then excluded.last_id
                               else rollup_watermarks.last_id end,
                updated_at = now()`,
        );
        return n;
      });
      hours += dirty.size;
      if (changed.length < batch) break;
    }
  }
  return { hours, rows };
}

/** Each mention counts once per dimension and once per pair of dimensions (the value `a chr(31) b`). */
const dimValues = sql`(values ('all', ''), ('network', l.network), ('language', l.language),
  ('topic', l.topic), ('intent', l.intent), ('listener', coalesce(l.listener_id, '')),
  ('network+language', l.network || chr(31) || l.language), ('network+topic', l.network || chr(31) || l.topic),
  ('network+intent', l.network || chr(31) || l.intent), ('language+topic', l.language || chr(31) || l.topic),
  ('language+intent', l.language || chr(31) || l.intent), ('topic+intent', l.topic || chr(31) || l.intent),
  ('network+listener', l.network || chr(31) || coalesce(l.listener_id, '')),
  ('topic+listener', l.topic || chr(31) || coalesce(l.listener_id, ''))) v(dim, value)`;

/**
 * Deletes and recounts the given (brand, UTC hour) buckets, every dimension at once: the quarter
 * hours first (single dimensions only: pairs per quarter hour would be the bulk of the table for
 * a rare question), then the hours summed from them, and the terms of the UTC days they fall on.
 */
export async function rebuildHours(tx: Db, dirty: Dirty[]): Promise<number> {
  const byBrand = new Map<string, string[]>();
  for (const d of dirty) byBrand.set(d.brand_id, [...(byBrand.get(d.brand_id) ?? []), d.bucket]);
  let n = 0;
  for (const [brandId, buckets] of byBrand) {
    buckets.sort();
    const list = `{${buckets.map((b) => `"${b}"`).join(',')}}`;
    const first = buckets[0] as string;
    const end = new Date(new Date(buckets[buckets.length - 1] as string).getTime() + 3_600_000).toISOString();
    // Naming the brand and a bucket range lets the deletes walk the (brand, dim, bucket) index.
    await tx.execute(
      sql`delete from mention_rollups where brand_id = ${brandId}
          and dim in (${sql.join(
            rollupDims.map((d) => sql`${d}`),
            sql`, `,
          )})
          and bucket = any(${list}::timestamptz[])`,
    );
    await tx.execute(
      sql`delete from mention_rollups_quarter where brand_id = ${brandId}
          and dim in (${sql.join(
            rollupDims.map((d) => sql`${d}`),
            sql`, `,
          )})
          and bucket >= ${first}::timestamptz and bucket < ${end}::timestamptz
          and date_trunc('hour', bucket, 'UTC') = any(${list}::timestamptz[])`,
    );
    // One range scan of the brand's mentions between the first and last dirty hour, keeping those hours.
    const inserted = await queryRows<{ n: number }>(
      tx,
      sql`with q as (
            select l.brand_id, v.dim, v.value,
                   date_bin('15 minutes', l.posted_at, timestamptz '2000-01-01 00:00:00+00') as bucket,
                   l.sentiment, count(*)::int as mentions, coalesce(sum(l.sentiment_score), 0) as score_sum
            from ${labelledMentions(
              sql`m.brand_id = ${brandId} and m.posted_at >= ${first}::timestamptz and m.posted_at < ${end}::timestamptz
                  and date_trunc('hour', m.posted_at, 'UTC') = any(${list}::timestamptz[])`,
              { counts: true },
            )} l
            cross join lateral ${dimValues}
            group by 1, 2, 3, 4, 5
          ), quarters as (
            insert into mention_rollups_quarter (brand_id, dim, value, bucket, sentiment, mentions, score_sum)
            select * from q where dim not like '%+%' returning 1
          ), hours as (
            insert into mention_rollups (brand_id, dim, value, bucket, sentiment, mentions, score_sum)
            select brand_id, dim, value, date_trunc('hour', bucket, 'UTC'), sentiment, sum(mentions)::int, sum(score_sum)
            from q group by 1, 2, 3, 4, 5
            returning 1
          ) select (select count(*) from hours)::int as n`,
    );
    n += inserted[0]?.n ?? 0;
    await rebuildTermDays(tx, brandId, [...new Set(buckets.map((b) => b.slice(0, 10)))]);
  }
  return n;
}

/** Rebuilds everything from scratch (after a bulk import, or in the benchmark). */
export async function rebuildAllRollups(ctx: Ctx) {
  await ctx.db.execute(sql`delete from rollup_watermarks`);
  await ctx.db.execute(sql`delete from mention_rollups`);
  await ctx.db.execute(sql`delete from mention_rollups_quarter`);
  await ctx.db.execute(sql`delete from term_rollups`);
  return refreshRollups(ctx, { batch: 200_000, maxBatches: 1_000 });
}
