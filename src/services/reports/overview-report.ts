import { and, count, eq, gte, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '../../db/client';
import { cases, classifications, mentions } from '../../db/schema';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';
import { validate } from '../validate';

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
  const inRange = and(
    gte(mentions.postedAt, since),
    lt(mentions.postedAt, until),
    eq(mentions.fromBrand, false),
    brandId ? eq(mentions.brandId, brandId) : undefined,
  );
  const day = sql<string>`to_char(date_trunc('day', ${mentions.postedAt} at time zone 'UTC'), 'YYYY-MM-DD')`;
  const sentimentByDay = await ctx.db
    .select({ day, sentiment: classifications.sentiment, n: count() })
    .from(mentions)
    .innerJoin(classifications, eq(classifications.mentionId, mentions.id))
    .where(inRange)
    .groupBy(day, classifications.sentiment)
    .orderBy(day);
  const byNetwork = await ctx.db
    .select({ network: mentions.network, n: count() })
    .from(mentions)
    .where(inRange)
    .groupBy(mentions.network);
  const byIntent = await ctx.db
    .select({ intent: classifications.intent, n: count() })
    .from(mentions)
    .innerJoin(classifications, eq(classifications.mentionId, mentions.id))
    .where(inRange)
    .groupBy(classifications.intent);
  const byTopic = await ctx.db
    .select({ topic: classifications.topic, n: count() })
    .from(mentions)
    .innerJoin(classifications, eq(classifications.mentionId, mentions.id))
    .where(inRange)
    .groupBy(classifications.topic);
  const [caseCounts] = await queryRows<{ open: number; answered: number }>(
    ctx.db,
    sql`select count(*) filter (where ${cases.status} in ('new','open','waiting_expert','awaiting_approval'))::int as open,
               count(*) filter (where ${cases.status} = 'answered')::int as answered
        from ${cases} ${brandId ? sql`where ${cases.brandId} = ${brandId}` : sql``}`,
  );

  const dayMap = new Map<string, { day: string; negative: number; neutral: number; positive: number }>();
  for (let t = since.getTime(); t < until.getTime(); t += 86_400_000) {
    const d = new Date(t).toISOString().slice(0, 10);
    dayMap.set(d, { day: d, negative: 0, neutral: 0, positive: 0 });
  }
  const today = until.toISOString().slice(0, 10);
  if (!dayMap.has(today)) dayMap.set(today, { day: today, negative: 0, neutral: 0, positive: 0 });
  for (const r of sentimentByDay) {
    const entry = dayMap.get(r.day);
    if (entry) entry[r.sentiment] = Number(r.n);
  }
  const sortDesc = <T extends { n: number }>(xs: T[]) =>
    xs.map((x) => ({ ...x, n: Number(x.n) })).sort((a, b) => b.n - a.n);
  return {
    since,
    until,
    sentimentByDay: [...dayMap.values()],
    byNetwork: sortDesc(byNetwork),
    byIntent: sortDesc(byIntent),
    byTopic: sortDesc(byTopic),
    cases: { open: caseCounts?.open ?? 0, answered: caseCounts?.answered ?? 0 },
  };
}
