import { eq } from 'drizzle-orm';
import { listeners } from '../../db/schema';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';
import { validate } from '../validate';
import { reportFilters, resolveScope } from './report-scope';
import { countBySentiment, emptyTally, type SentimentTally, type Source, tally } from './sentiment-counts';

/** The brand's listeners by whom they listen for: '' is the brand itself, else the competitor's name. */
export async function listenerOwners(ctx: Ctx, brandId: string): Promise<Map<string, string>> {
  const rows = await ctx.db
    .select({ id: listeners.id, competitor: listeners.competitor })
    .from(listeners)
    .where(eq(listeners.brandId, brandId));
  // Mentions without a listener (found by other means) are the brand's own.
  const owners = new Map<string, string>([['', '']]);
  for (const r of rows) owners.set(r.id, r.competitor?.trim() ?? '');
  return owners;
}

/** The listener ids behind one party of the share of voice, for drill-down and exports. */
export async function listenersOf(ctx: Ctx, brandId: string, competitor: string): Promise<string[]> {
  const owners = await listenerOwners(ctx, brandId);
  return [...owners].filter(([, who]) => who === competitor.trim()).map(([id]) => id);
}

export interface VoiceRow extends SentimentTally {
  /** '' for the brand itself. */
  competitor: string;
  share: number;
}

/** Share of voice: volume and sentiment of the brand and of each competitor over the same period. */
export async function shareOfVoice(ctx: Ctx, raw: unknown, opts: { source?: Source } = {}) {
  requireActor(ctx, 'reports.read');
  // The party is the comparison itself: a competitor filter would hide everyone else.
  const filters = validate(reportFilters, raw);
  const scope = await resolveScope(ctx, { ...filters, competitor: undefined, listenerId: undefined });
  const owners = await listenerOwners(ctx, scope.brand.id);
  const byListener = tally(await countBySentiment(ctx, scope, { kind: 'dim', dim: 'listener' }, opts));
  const parties = new Map<string, SentimentTally>([['', emptyTally()]]);
  for (const who of owners.values()) if (!parties.has(who)) parties.set(who, emptyTally());
  for (const [listenerId, t] of byListener) {
    const who = owners.get(listenerId) ?? '';
    const p = parties.get(who) ?? emptyTally();
    p.negative += t.negative;
    p.neutral += t.neutral;
    p.positive += t.positive;
    p.total += t.total;
    parties.set(who, p);
  }
  const all = [...parties.values()].reduce((s, p) => s + p.total, 0);
  const rows: VoiceRow[] = [...parties]
    .map(([competitor, t]) => ({
      competitor,
      ...t,
      net: t.total === 0 ? 0 : (t.positive - t.negative) / t.total,
      share: all === 0 ? 0 : t.total / all,
    }))
    // The brand first, then competitors by volume.
    .sort((a, b) =>
      a.competitor === ''
        ? -1
        : b.competitor === ''
          ? 1
          : b.total - a.total || a.competitor.localeCompare(b.competitor),
    );
  return { scope, rows, total: all };
}
