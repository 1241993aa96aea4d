import { requireActor } from '../authorize';
import type { Ctx } from '../context';
import { validate } from '../validate';
import { reportFilters, resolveScope } from './report-scope';
import { countBySentiment, emptyTally, type SentimentTally, type Source, tally } from './sentiment-counts';
import { periodsBetween } from './time-zone';

export interface SeriesPoint extends SentimentTally {
  key: string;
  from: Date;
  to: Date;
  shares: { negative: number; neutral: number; positive: number };
}

/**
 * Sentiment over time: counts and shares of negative, neutral and positive mentions per hour, day
 * or week of the reader's calendar, with the net sentiment; empty periods are there with zeros.
 */
export async function sentimentReport(ctx: Ctx, raw: unknown, opts: { source?: Source } = {}) {
  requireActor(ctx, 'reports.read');
  const scope = await resolveScope(ctx, validate(reportFilters, raw));
  const counts = tally(await countBySentiment(ctx, scope, { kind: 'period' }, opts));
  const series: SeriesPoint[] = periodsBetween(scope.fromDay, scope.toDay, scope.granularity, scope.tz).map(
    (p) => {
      const t = counts.get(p.key) ?? emptyTally();
      const share = (n: number) => (t.total === 0 ? 0 : n / t.total);
      return {
        ...p,
        ...t,
        shares: { negative: share(t.negative), neutral: share(t.neutral), positive: share(t.positive) },
      };
    },
  );
  const total = series.reduce((acc, p) => {
    acc.negative += p.negative;
    acc.neutral += p.neutral;
    acc.positive += p.positive;
    acc.total += p.total;
    return acc;
  }, emptyTally());
  total.net = total.total === 0 ? 0 : (total.positive - total.negative) / total.total;
  return { scope, series, total };
}
