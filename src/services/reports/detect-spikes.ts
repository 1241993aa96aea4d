import { inArray, sql } from 'drizzle-orm';
import { queryRows, withTransaction } from '../../db/client';
import { brands, topics } from '../../db/schema';
import type { Ctx } from '../context';
import { notify } from '../notifications/notify';
import { spikeDefaults } from './list-spike-settings';
import { spikeAlertText } from './spike-alert-text';

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
/** The same hour on each of the previous seven days, and on the same weekday of the previous four weeks. */
const dayOffsets = [1, 2, 3, 4, 5, 6, 7];
const weekOffsets = [7, 14, 21, 28];

interface Counts {
  total: number;
  negative: number;
}

export interface SpikeCheck {
  brandId: string;
  topic: string;
  hour: Date;
  current: Counts;
  /** Expected volume: the higher of the daily and the weekly median, so a spike must beat both. */
  expected: number;
  baselineNegativeShare: number;
  volume: boolean;
  negative: boolean;
}

function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/**
 * Compares an hour with the same hour on previous days (the daily median) and on the same weekday
 * of previous weeks (the weekly median). Requiring a spike to beat both keeps the weekly rhythm
 * (every Monday morning is busy) from alerting, while a real burst beats both.
 */
export async function checkHour(ctx: Ctx, hour: Date): Promise<SpikeCheck[]> {
  const hours = [0, ...new Set([...dayOffsets, ...weekOffsets])].map(
    (d) => new Date(hour.getTime() - d * dayMs),
  );
  const rows = await queryRows<{
    brand_id: string;
    topic: string;
    bucket: Date | string;
    total: number;
    negative: number;
    ratio: number | null;
    min_mentions: number | null;
    delta: number | null;
    alerts: boolean | null;
  }>(
    ctx.db,
    sql`select r.brand_id, case when r.dim = 'all' then '' else r.value end as topic, r.bucket,
               sum(r.mentions)::int as total,
               coalesce(sum(r.mentions) filter (where r.sentiment = 'negative'), 0)::int as negative,
               s.spike_ratio as ratio, s.spike_min_mentions as min_mentions,
               s.spike_negative_delta as delta, s.spike_alerts as alerts
        from mention_rollups r left join report_settings s on s.brand_id = r.brand_id
        -- "none" is no topic: its spike is the brand's own.
        where (r.dim = 'all' or (r.dim = 'topic' and r.value <> 'none')) and r.bucket in (${sql.join(
          hours.map((h) => sql`${h.toISOString()}::timestamptz`),
          sql`, `,
        )})
          and r.brand_id in (select brand_id from mention_rollups where bucket = ${hour.toISOString()}::timestamptz)
        group by 1, 2, 3, s.spike_ratio, s.spike_min_mentions, s.spike_negative_delta, s.spike_alerts`,
  );
  const series = new Map<string, { settings: (typeof rows)[number]; at: Map<number, Counts> }>();
  for (const r of rows) {
    const key = `${r.brand_id}|${r.topic}`;
    const entry = series.get(key) ?? { settings: r, at: new Map<number, Counts>() };
    entry.at.set(new Date(r.bucket).getTime(), { total: Number(r.total), negative: Number(r.negative) });
    series.set(key, entry);
  }
  const out: SpikeCheck[] = [];
  for (const [key, { settings, at }] of series) {
    if (settings.alerts === false) continue;
    const current = at.get(hour.getTime());
    if (!current) continue;
    const [brandId, topic] = key.split('|') as [string, string];
    const past = (offsets: number[]) =>
      offsets.map((d) => at.get(hour.getTime() - d * dayMs) ?? { total: 0, negative: 0 });
    const daily = past(dayOffsets);
    const weekly = past(weekOffsets);
    const expected = Math.max(median(daily.map((c) => c.total)), median(weekly.map((c) => c.total)));
    const pooled = [...daily, ...weekly].reduce(
      (s, c) => ({ total: s.total + c.total, negative: s.negative + c.negative }),
      {
        total: 0,
        negative: 0,
      },
    );
    const baselineNegativeShare = pooled.total === 0 ? 0 : pooled.negative / pooled.total;
    const ratio = settings.ratio ?? spikeDefaults.ratio;
    const minMentions = settings.min_mentions ?? spikeDefaults.minMentions;
    const delta = settings.delta ?? spikeDefaults.negativeDelta;
    const enough = current.total >= minMentions;
    out.push({
      brandId,
      topic,
      hour,
      current,
      expected,
      baselineNegativeShare,
      volume: enough && current.total >= ratio * Math.max(1, expected),
      negative: enough && current.negative / current.total - baselineNegativeShare >= delta,
    });
  }
  return out;
}

/**
 * The spike job: checks the last complete hour, records each spike once, and tells the marketing
 * channels about a spike that was not already going on the hour before (one alert per spike).
 */
export async function detectSpikes(ctx: Ctx, opts: { hour?: Date } = {}) {
  const now = ctx.clock.now().getTime();
  const hour = opts.hour ?? new Date(Math.floor(now / hourMs) * hourMs - hourMs);
  const checks = (await checkHour(ctx, hour)).filter((c) => c.volume || c.negative);
  const brandIds = [...new Set(checks.map((c) => c.brandId))];
  const [brandRows, topicRows] = brandIds.length
    ? await Promise.all([
        ctx.db
          .select({
            id: brands.id,
            name: brands.name,
            lang: brands.defaultLanguage,
            timezone: brands.timezone,
          })
          .from(brands)
          .where(inArray(brands.id, brandIds)),
        ctx.db
          .select({ brandId: topics.brandId, key: topics.key, en: topics.labelEn, fr: topics.labelFr })
          .from(topics)
          .where(inArray(topics.brandId, brandIds)),
      ])
    : [[], []];
  let alerts = 0;
  for (const c of checks) {
    for (const kind of (['volume', 'negative'] as const).filter((k) => c[k])) {
      alerts += await withTransaction(ctx.db, async (tx) => {
        const inserted = await queryRows<{ id: string }>(
          tx,
          sql`insert into report_spikes (id, brand_id, topic, kind, hour, mentions, negative_share,
                baseline_mentions, baseline_negative_share, created_at)
              values (${ctx.ids('spk')}, ${c.brandId}, ${c.topic}, ${kind}, ${hour.toISOString()}::timestamptz,
                ${c.current.total}, ${c.current.negative / c.current.total}, ${c.expected}, ${c.baselineNegativeShare}, now())
              on conflict do nothing returning id`,
        );
        const id = inserted[0]?.id;
        if (!id) return 0;
        const [ongoing] = await queryRows<{ id: string }>(
          tx,
          sql`select id from report_spikes where brand_id = ${c.brandId} and topic = ${c.topic} and kind = ${kind}
              and hour = ${new Date(hour.getTime() - hourMs).toISOString()}::timestamptz`,
        );
        if (ongoing) return 0;
        const params = new URLSearchParams({
          brandId: c.brandId,
          since: hour.toISOString(),
          until: new Date(hour.getTime() + hourMs).toISOString(),
          ...(c.topic ? { topic: c.topic } : {}),
          ...(kind === 'negative' ? { sentiment: 'negative' } : {}),
        });
        const brand = brandRows.find((b) => b.id === c.brandId);
        const lang = brand?.lang ?? 'en';
        const label = topicRows.find((t) => t.brandId === c.brandId && t.key === c.topic)?.[lang];
        const { subject, body } = spikeAlertText({
          lang,
          kind,
          brandName: brand?.name ?? c.brandId,
          topicLabel: c.topic ? (label ?? c.topic) : null,
          hour,
          timezone: brand?.timezone ?? 'UTC',
          mentions: c.current.total,
          negative: c.current.negative,
          expected: c.expected,
          baselineNegativeShare: c.baselineNegativeShare,
        });
        await notify(tx, ctx, 'marketing', {
          dedupeKey: `spike:${c.brandId}:${c.topic}:${kind}:${hour.toISOString()}`,
          subject,
          body,
          link: `${ctx.publicUrl}/reports/mentions?${params}`,
          payload: {
            brandId: c.brandId,
            topic: c.topic,
            kind,
            hour: hour.toISOString(),
            language: lang,
            ...c.current,
            expected: c.expected,
            baselineNegativeShare: c.baselineNegativeShare,
          },
        });
        await tx.execute(sql`update report_spikes set notified = 1 where id = ${id}`);
        return 1;
      });
    }
  }
  return { hour, spikes: checks.length, alerts };
}
