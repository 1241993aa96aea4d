import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { brands, listeners, users } from '../../db/schema';
import { NotFoundError } from '../../lib/errors';
import type { Ctx } from '../context';
import { addDays, type Granularity, isTimeZone, localDay, startOfLocalDay } from './time-zone';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');
const optional = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((v) => (v ? v : undefined));

/** The filters every report and every drill-down list accepts, so a link carries them unchanged. */
export const reportFilters = z.object({
  brandId: optional,
  days: z.coerce.number().int().min(1).max(366).default(30),
  /** Local days, inclusive; `to` defaults to today and `from` to `days` before it. */
  from: day.optional(),
  to: day.optional(),
  /** Exact instants (an hour's drill-down, a spike's link); they win over the days. */
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
  tz: z
    .string()
    .max(64)
    .optional()
    .refine((v) => v === undefined || v === '' || isTimeZone(v), 'is not a time zone'),
  granularity: z.enum(['hour', 'day', 'week']).default('day'),
  network: optional,
  language: optional,
  topic: optional,
  intent: optional,
  sentiment: z
    .enum(['negative', 'neutral', 'positive'])
    .optional()
    .or(z.literal('').transform(() => undefined)),
  listenerId: optional,
  /** Share of voice: '' is the brand itself, otherwise a competitor's name. */
  competitor: z.string().max(200).optional(),
  authorId: optional,
  /** Words the mention contains (a rising term's drill-down); read from the raw table. */
  q: optional,
});
export type ReportFilters = z.infer<typeof reportFilters>;

/** One dimension filter at most is answered from the rollups (they hold one dimension per row). */
export type DimFilter = {
  dim: 'network' | 'language' | 'topic' | 'intent' | 'listener';
  value: string;
} | null;

export interface ReportScope {
  brand: { id: string; name: string; timezone: string };
  tz: string;
  /** Where the zone came from: the `tz` filter, the reader's preferences, the brand, or UTC. */
  tzSource: 'filter' | 'user' | 'brand' | 'utc';
  fromDay: string;
  toDay: string;
  since: Date;
  until: Date;
  /** The period of the same length just before, for "rising" comparisons. */
  previous: { since: Date; until: Date; fromDay: string; toDay: string };
  granularity: Granularity;
  filters: ReportFilters;
  /** The network of the `listenerId` filter's listener, when it names one. */
  listenerNetwork?: string;
}

function findBrand(ctx: Ctx, f: ReportFilters) {
  return f.brandId
    ? ctx.db
        .select({ id: brands.id, name: brands.name, timezone: brands.timezone })
        .from(brands)
        .where(eq(brands.id, f.brandId))
    : ctx.db
        .select({ id: brands.id, name: brands.name, timezone: brands.timezone })
        .from(brands)
        .orderBy(asc(brands.createdAt), asc(brands.id))
        .limit(1);
}

export async function readerZone(ctx: Ctx): Promise<string | null> {
  if (!ctx.actor) return null;
  const [row] = await ctx.db
    .select({ timezone: users.timezone })
    .from(users)
    .where(eq(users.id, ctx.actor.id));
  return row?.timezone && isTimeZone(row.timezone) ? row.timezone : null;
}

/** The zone a report is read in: the `tz` filter, else the reader's own, else the brand's. */
export function pickZone(filter: string | undefined, reader: string | null, brand: string) {
  if (filter && isTimeZone(filter)) return { tz: filter, tzSource: 'filter' as const };
  if (reader) return { tz: reader, tzSource: 'user' as const };
  if (isTimeZone(brand)) return { tz: brand, tzSource: 'brand' as const };
  return { tz: 'UTC', tzSource: 'utc' as const };
}

/**
 * Resolves the brand (the first one when none is named), the zone (see `pickZone`) and the local
 * days of a report.
 */
export async function resolveScope(ctx: Ctx, f: ReportFilters): Promise<ReportScope> {
  const [[brand], reader, [listener]] = await Promise.all([
    findBrand(ctx, f),
    f.tz ? null : readerZone(ctx),
    f.listenerId
      ? ctx.db.select({ network: listeners.network }).from(listeners).where(eq(listeners.id, f.listenerId))
      : [],
  ]);
  if (!brand) throw new NotFoundError('Brand', f.brandId ?? '(any)');
  const { tz, tzSource } = pickZone(f.tz, reader, brand.timezone);
  let toDay = f.to ?? localDay(ctx.clock.now(), tz);
  let fromDay = f.from ?? addDays(toDay, -(f.days - 1));
  if (fromDay > toDay) [fromDay, toDay] = [toDay, fromDay];
  const exact = f.since && f.until ? { since: new Date(f.since), until: new Date(f.until) } : null;
  if (exact) {
    fromDay = localDay(exact.since, tz);
    toDay = localDay(new Date(exact.until.getTime() - 1), tz);
  }
  const length = Math.round((Date.parse(toDay) - Date.parse(fromDay)) / 86_400_000) + 1;
  const prevTo = addDays(fromDay, -1);
  const prevFrom = addDays(prevTo, -(length - 1));
  return {
    brand,
    tz,
    tzSource,
    fromDay,
    toDay,
    since: exact?.since ?? startOfLocalDay(fromDay, tz),
    until: exact?.until ?? startOfLocalDay(addDays(toDay, 1), tz),
    previous: {
      since: startOfLocalDay(prevFrom, tz),
      until: startOfLocalDay(fromDay, tz),
      fromDay: prevFrom,
      toDay: prevTo,
    },
    granularity: f.granularity,
    filters: f,
    ...(listener ? { listenerNetwork: listener.network } : {}),
  };
}

/** The single dimension filter a rollup query can answer; more than one goes to the raw table. */
export function dimFilters(f: ReportFilters): { dim: NonNullable<DimFilter>['dim']; value: string }[] {
  const out: { dim: NonNullable<DimFilter>['dim']; value: string }[] = [];
  if (f.network) out.push({ dim: 'network', value: f.network });
  if (f.language) out.push({ dim: 'language', value: f.language });
  if (f.topic) out.push({ dim: 'topic', value: f.topic });
  if (f.intent) out.push({ dim: 'intent', value: f.intent });
  if (f.listenerId) out.push({ dim: 'listener', value: f.listenerId });
  return out;
}
