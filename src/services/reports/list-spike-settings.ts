import { and, asc, desc, eq } from 'drizzle-orm';
import { brands, reportSettings, reportSpikes, topics } from '../../db/schema';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';

/** What a brand without a settings row gets: the job reads the same numbers. */
export const spikeDefaults = {
  ratio: 2,
  minMentions: 10,
  negativeDelta: 0.2,
  alerts: true,
} as const;

export interface SpikeSettingsRow {
  brandId: string;
  brandName: string;
  timezone: string;
  /** Volume spike: the hour is at least this many times the usual. */
  ratio: number;
  /** Below this many mentions in the hour, nothing is a spike. */
  minMentions: number;
  /** Negative spike: the hour's negative share beats the usual by this much (0..1). */
  negativeDelta: number;
  alerts: boolean;
  /** False while the brand runs on the defaults. */
  saved: boolean;
  recent: {
    topic: string;
    /** The topic's labels, where the brand still has it. */
    topicLabel: { en: string; fr: string } | null;
    kind: 'volume' | 'negative';
    hour: Date;
    mentions: number;
    notified: boolean;
  }[];
}

/** Each brand's spike thresholds, with the last spikes found, so a change is made knowing what it does. */
export async function listSpikeSettings(ctx: Ctx): Promise<SpikeSettingsRow[]> {
  requireActor(ctx, 'reports.configure');
  const rows = await ctx.db
    .select({ id: brands.id, name: brands.name, timezone: brands.timezone, s: reportSettings })
    .from(brands)
    .leftJoin(reportSettings, eq(reportSettings.brandId, brands.id))
    .orderBy(asc(brands.name), asc(brands.id));
  return Promise.all(
    rows.map(async (r) => {
      const recent = await ctx.db
        .select({
          topic: reportSpikes.topic,
          kind: reportSpikes.kind,
          hour: reportSpikes.hour,
          mentions: reportSpikes.mentions,
          notified: reportSpikes.notified,
          en: topics.labelEn,
          fr: topics.labelFr,
        })
        .from(reportSpikes)
        .leftJoin(topics, and(eq(topics.brandId, reportSpikes.brandId), eq(topics.key, reportSpikes.topic)))
        .where(eq(reportSpikes.brandId, r.id))
        .orderBy(desc(reportSpikes.hour), asc(reportSpikes.topic), asc(reportSpikes.kind))
        .limit(5);
      return {
        brandId: r.id,
        brandName: r.name,
        timezone: r.timezone,
        ratio: r.s?.spikeRatio ?? spikeDefaults.ratio,
        minMentions: r.s?.spikeMinMentions ?? spikeDefaults.minMentions,
        negativeDelta: r.s?.spikeNegativeDelta ?? spikeDefaults.negativeDelta,
        alerts: r.s?.spikeAlerts ?? spikeDefaults.alerts,
        saved: r.s !== null,
        recent: recent.map(({ en, fr, ...x }) => ({
          ...x,
          topicLabel: en !== null && fr !== null ? { en, fr } : null,
          notified: x.notified === 1,
        })),
      };
    }),
  );
}
