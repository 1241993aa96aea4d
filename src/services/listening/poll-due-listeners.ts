import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { withTransaction } from '../../db/client';
import { listeners } from '../../db/schema';
import type { Ctx } from '../context';
import { fetchPoll, type PollOutcome, storePoll } from './poll-listener';

const LEASE_MS = 5 * 60_000;

/**
 * Claims the listeners that are due (skipping those another instance holds) and polls each once.
 * The lease, not a session lock, marks ownership, so this also works through a transaction pool.
 * `shouldStop` lets a graceful shutdown stop between listeners: the claims not yet polled are
 * handed back at once, so another instance polls them now rather than after the lease.
 */
export async function pollDueListeners(
  ctx: Ctx,
  opts: { limit?: number; force?: boolean; shouldStop?: () => boolean } = {},
): Promise<PollOutcome[]> {
  const now = ctx.clock.now();
  const claimed = await withTransaction(ctx.db, async (tx) => {
    const due = await tx
      .select({ id: listeners.id })
      .from(listeners)
      .where(
        and(
          eq(listeners.enabled, true),
          opts.force ? undefined : lte(listeners.nextPollAt, now),
          or(isNull(listeners.leaseUntil), lte(listeners.leaseUntil, now)),
        ),
      )
      // Least recently polled first: when a network's budget runs short, every listener still gets
      // its turn instead of the same first ones each time.
      .orderBy(sql`${listeners.lastPolledAt} asc nulls first`, asc(listeners.nextPollAt))
      .limit(opts.limit ?? 20)
      .for('update', { skipLocked: true });
    for (const l of due) {
      await tx
        .update(listeners)
        .set({ leaseUntil: new Date(now.getTime() + LEASE_MS) })
        .where(eq(listeners.id, l.id));
    }
    return due.map((l) => l.id);
  });
  const outcomes: PollOutcome[] = [];
  // One listener's transaction runs in the database while the next is fetched and classified
  // here. Network calls stay in sequence: the next fetch starts after the previous one's rate-limit
  // answer was saved, so listeners sharing an account's window still see a 429 before calling.
  let storing: Promise<PollOutcome> | null = null;
  for (const [i, id] of claimed.entries()) {
    if (opts.shouldStop?.()) {
      await releaseClaims(ctx, claimed.slice(i), new Date(now.getTime() + LEASE_MS));
      break;
    }
    const fetched = await fetchPoll(ctx, id).catch(async (err) => {
      // The store in flight is settled before the error leaves: it is never left running unseen.
      if (storing) await storing.catch(() => {});
      throw err;
    });
    if (storing) outcomes.push(await storing);
    storing = 'outcome' in fetched ? Promise.resolve(fetched.outcome) : storePoll(ctx, fetched);
    // Handled here; awaiting it above still gives its outcome or its error.
    storing.catch(() => {});
  }
  if (storing) outcomes.push(await storing);
  return outcomes;
}

/**
 * Clears the leases this run set and nobody else could have taken yet: a lease still ending when
 * ours ends is ours (another instance only claims after it expired and then sets a later one).
 */
async function releaseClaims(ctx: Ctx, ids: string[], ourLease: Date): Promise<void> {
  if (ids.length === 0) return;
  await ctx.db
    .update(listeners)
    .set({ leaseUntil: null })
    .where(and(inArray(listeners.id, ids), eq(listeners.leaseUntil, ourLease)));
}
