import { and, count, eq, gte, isNotNull, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '../../db/client';
import { brands, cases, mentions } from '../../db/schema';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';
import { validate } from '../validate';
import { pickZone, readerZone } from './report-scope';
import { addDays, localDay } from './time-zone';

export const overviewInput = z.object({
  days: z.coerce.number().int().min(1).max(365).default(14),
  brandId: z.string().optional(),
});

/** The first marketing report: sentiment per day, volume per network, intents and topics. */
export async function overviewReport(ctx: Ctx, raw: unknown) {
  requireActor(ctx, 'reports.read');
  const { days, brandId } = validate(overviewInput, raw);
  const until = ctx.clock.now();
  const since = new Date(until.getTime() - days * 86_400_000);
  // Days in the reader's zone, else the brand's (UTC across every brand).
  const [reader, brand] = await Promise.all([
    readerZone(ctx),
    brandId
      ? ctx.db.select({ timezone: brands.timezone }).from(brands).where(eq(brands.id, brandId))
      : Promise.resolve([]),
  ]);
  const { tz } = pickZone(undefined, reader, brand[0]?.timezone ?? 'UTC');
  const inRange = and(
    gte(mentions.postedAt, since),
    lt(mentions.postedAt, until),
    eq(mentions.fromBrand, false),
    // Classified posts only, with the labels as corrected (kept on the row).
    isNotNull(mentions.sentiment),
    brandId ? eq(mentions.brandId, brandId) : undefined,
  );
  const day = sql<string>`to_char(date_trunc('day', ${mentions.postedAt} at time zone ${tz}), 'YYYY-MM-DD')`;
  const sentimentByDay = await ctx.db
    .select({ day, sentiment: sql<'negative' | 'neutral' | 'positive'>`${mentions.sentiment}`, n: count() })
    .from(mentions)
    .where(inRange)
    // By position: the zone is a parameter, and two copies of it would not be the same expression.
    .groupBy(sql`1`, mentions.sentiment)
    .orderBy(sql`1`);
  const byNetwork = await ctx.db
    .select({ network: mentions.network, n: count() })
    .from(mentions)
    .where(inRange)
    .groupBy(mentions.network);
  const byIntent = await ctx.db
    .select({ intent: mentions.intent, n: count() })
    .from(mentions)
    .where(inRange)
    .groupBy(mentions.intent);
  const byTopic = await ctx.db
    .select({ topic: mentions.topic, n: count() })
    .from(mentions)
    .where(inRange)
    .groupBy(mentions.topic);
  const [caseCounts] = await queryRows<{ open: number; answered: number }>(
    ctx.db,
    sql`select count(*) filter (where ${cases.status} in ('new','open','waiting_expert','awaiting_approval'))::int as open,
               count(*) filter (where ${cases.status} = 'answered')::int as answered
        from ${cases} ${brandId ? sql`where ${cases.brandId} = ${brandId}` : sql``}`,
  );

  const dayMap = new Map<string, { day: string; negative: number; neutral: number; positive: number }>();
  const today = localDay(until, tz);
  for (let d = localDay(since, tz); d <= today; d = addDays(d, 1)) {
    dayMap.set(d, { day: d, negative: 0, neutral: 0, positive: 0 });
  }
  for (const r of sentimentByDay) {
    const entry = dayMap.get(r.day);
    if (entry) entry[r.sentiment] = Number(r.n);
  }
  const sortDesc = <T extends { n: number }>(xs: T[]) =>
    xs.map((x) => ({ ...x, n: Number(x.n) })).sort((a, b) => b.n - a.n);
  return {
    since,
    until,
    tz,
    sentimentByDay: [...dayMap.values()],
    byNetwork: sortDesc(byNetwork),
    byIntent: sortDesc(byIntent),
    byTopic: sortDesc(byTopic),
    cases: { open: caseCounts?.open ?? 0, answered: caseCounts?.answered ?? 0 },
  };
}
