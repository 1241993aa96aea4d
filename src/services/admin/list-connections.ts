import { and, eq, gte, sql } from 'drizzle-orm';
import { brands, listeners, listenerUsage, networkAccounts, notificationChannels } from '../../db/schema';
import { serverLimitedNetworks } from '../../domain/networks';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';

/** Estimated price of one post read, in US dollars, where the network bills reads. */
export const costPerPostRead: Partial<Record<string, number>> = { x: 0.005 };

/**
 * What the admin page shows: every account, listener and notification channel with its health,
 * and for pay-per-read networks what each listener costs. Credentials are never returned.
 */
export async function listConnections(ctx: Ctx) {
  requireActor(ctx, 'connections.manage');
  const today = ctx.clock.now().toISOString().slice(0, 10);
  const monthAgo = new Date(ctx.clock.now().getTime() - 30 * 86_400_000).toISOString().slice(0, 10);
  const accounts = await ctx.db
    .select({ account: networkAccounts, brandName: brands.name })
    .from(networkAccounts)
    .innerJoin(brands, eq(brands.id, networkAccounts.brandId))
    .orderBy(brands.name, networkAccounts.network, networkAccounts.handle);
  const listenerRows = await ctx.db
    .select({ listener: listeners, brandName: brands.name })
    .from(listeners)
    .innerJoin(brands, eq(brands.id, listeners.brandId))
    .orderBy(brands.name, listeners.network, listeners.createdAt);
  const usage = await ctx.db
    .select({
      listenerId: listenerUsage.listenerId,
      today: sql<number>`coalesce(sum(${listenerUsage.postsRead}) filter (where ${listenerUsage.day} = ${today}), 0)::int`,
      last30: sql<number>`coalesce(sum(${listenerUsage.postsRead}), 0)::int`,
    })
    .from(listenerUsage)
    .where(and(gte(listenerUsage.day, monthAgo)))
    .groupBy(listenerUsage.listenerId);
  const usageBy = new Map(usage.map((u) => [u.listenerId, u]));
  const channels = await ctx.db.select().from(notificationChannels).orderBy(notificationChannels.name);
  return {
    accounts: accounts.map(({ account: { credentials, ...a }, brandName }) => ({
      ...a,
      brandName,
      hasCredentials: credentials !== null,
      healthy: a.consecutiveFailures === 0,
      readsPostingLimits: serverLimitedNetworks.has(a.network),
    })),
    listeners: listenerRows.map(({ listener: l, brandName }) => {
      const u = usageBy.get(l.id);
      const price = costPerPostRead[l.network];
      return {
        ...l,
        brandName,
        healthy: l.consecutiveFailures === 0,
        postsReadToday: Number(u?.today ?? 0),
        postsRead30Days: Number(u?.last30 ?? 0),
        costToday: price === undefined ? null : Number(u?.today ?? 0) * price,
        cost30Days: price === undefined ? null : Number(u?.last30 ?? 0) * price,
      };
    }),
    // Slack and Teams webhook URLs are secrets themselves: show where they go, not the URL.
    channels: channels.map(({ secret, target, ...c }) => ({
      ...c,
      target: c.kind === 'email' ? target : new URL(target).host,
      signed: secret !== null,
    })),
  };
}
