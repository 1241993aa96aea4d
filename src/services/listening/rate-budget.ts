import { and, count, eq, sql } from 'drizzle-orm';
import type { NetworkId, RateLimitState } from '../../../connectors/types';
import type { Db } from '../../db/client';
import { listeners, networkRateLimits } from '../../db/schema';

/** Same key as the connector cache (see accounts/connector-for.ts): one budget per account. */
export function rateKey(accountId: string | null, network: NetworkId): string {
  return accountId ? `account:${accountId}` : `network:${network}`;
}

export type StoredRateLimit = typeof networkRateLimits.$inferSelect;

export async function readRateLimit(db: Db, key: string): Promise<StoredRateLimit | null> {
  const [row] = await db.select().from(networkRateLimits).where(eq(networkRateLimits.key, key));
  return row ?? null;
}

/** The reset to wait for, when the network said the window is spent and it has not reset yet. */
export function blockedUntil(row: StoredRateLimit | null, now: Date): Date | null {
  if (!row?.resetAt || row.resetAt.getTime() <= now.getTime()) return null;
  return row.remaining === 0 ? row.resetAt : null;
}

/**
 * Pages one poll may fetch: the calls left in the window shared by the listeners of the account,
 * so the first listener polled does not spend the window of the others. Unknown budget: no cap.
 */
export function pagesAllowed(row: StoredRateLimit | null, sharers: number, now: Date): number | undefined {
  if (!row || row.remaining === null) return undefined;
  if (row.resetAt && row.resetAt.getTime() <= now.getTime()) return undefined;
  return Math.max(1, Math.floor(row.remaining / Math.max(1, sharers)));
}

/** Enabled listeners of a brand on a network: those that share its account's window. */
export async function listenersSharing(db: Db, brandId: string, network: NetworkId): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(listeners)
    .where(and(eq(listeners.brandId, brandId), eq(listeners.network, network), eq(listeners.enabled, true)));
  return row?.n ?? 1;
}

/**
 * Records what the network last said. A reset already stored further in the future is kept when
 * the new state knows no reset, so a response without headers never erases a 429's instruction.
 */
export async function saveRateLimit(
  db: Db,
  key: string,
  network: NetworkId,
  state: RateLimitState,
  now: Date,
): Promise<void> {
  if (state.remaining === null && state.resetAt === null) return;
  await db
    .insert(networkRateLimits)
    .values({ key, network, remaining: state.remaining, resetAt: state.resetAt, updatedAt: now })
    .onConflictDoUpdate({
      target: networkRateLimits.key,
      set: {
        remaining: state.remaining,
        resetAt:
          state.resetAt ??
          sql`case when ${networkRateLimits.resetAt} > ${now} then ${networkRateLimits.resetAt} else null end`,
        updatedAt: now,
      },
    });
}
