import { and, asc, eq, lte, or, sql } from 'drizzle-orm';
import { withTransaction } from '../../db/client';
import { replies } from '../../db/schema';
import type { Ctx } from '../context';
import { fault } from '../faults';
import { REPLY_LEASE_MS } from './finish-reply';
import { type SendOutcome, sendOneReply } from './send-one-reply';

export type { SendOutcome } from './send-one-reply';

/**
 * Posts what the outbox holds. The attempt is recorded (status `sending`, attempt number, lease)
 * before the network is called, and the final update is fenced on that attempt number, so a
 * stale worker whose lease expired can never overwrite a newer attempt's result.
 * `shouldStop` lets a graceful shutdown stop between replies: what is not claimed stays queued.
 */
export async function sendDueReplies(
  ctx: Ctx,
  opts: { limit?: number; shouldStop?: () => boolean } = {},
): Promise<SendOutcome[]> {
  const now = ctx.clock.now();
  await fault(ctx, 'reply:before-attempt');
  const claimed = await withTransaction(ctx.db, async (tx) => {
    const due = await tx
      .select({ id: replies.id })
      .from(replies)
      .where(
        or(
          and(eq(replies.status, 'queued'), lte(replies.nextAttemptAt, now)),
          and(eq(replies.status, 'sending'), lte(replies.leaseUntil, now)),
        ),
      )
      .orderBy(asc(replies.nextAttemptAt))
      .limit(opts.limit ?? 20)
      .for('update', { skipLocked: true });
    const out: (typeof replies.$inferSelect)[] = [];
    for (const r of due) {
      const [row] = await tx
        .update(replies)
        .set({
          status: 'sending',
          attempts: sql`${replies.attempts} + 1`,
          firstAttemptAt: sql`coalesce(${replies.firstAttemptAt}, ${now.toISOString()}::timestamptz)`,
          // Still `sending` after its lease: that worker died somewhere around the network call.
          outcomeUnknown: sql`${replies.outcomeUnknown} or ${replies.status} = 'sending'`,
          leaseUntil: new Date(now.getTime() + REPLY_LEASE_MS),
          updatedAt: now,
        })
        .where(eq(replies.id, r.id))
        .returning();
      if (row) out.push(row);
    }
    return out;
  });
  await fault(ctx, 'reply:after-attempt-recorded');
  const outcomes: SendOutcome[] = [];
  for (const [i, reply] of claimed.entries()) {
    if (opts.shouldStop?.()) {
      // Shutting down: hand the rest back at once instead of leaving them to their lease.
      outcomes.push(...(await releaseClaims(ctx, claimed.slice(i))));
      break;
    }
    outcomes.push(await sendOneReply(ctx, reply));
  }
  return outcomes;
}

async function releaseClaims(ctx: Ctx, rows: (typeof replies.$inferSelect)[]): Promise<SendOutcome[]> {
  const now = ctx.clock.now();
  const out: SendOutcome[] = [];
  for (const r of rows) {
    // Nothing was sent for these: hand the claim back (fenced like any result; the attempt number stays).
    await ctx.db
      .update(replies)
      .set({ status: 'queued', leaseUntil: null, nextAttemptAt: now, updatedAt: now })
      .where(and(eq(replies.id, r.id), eq(replies.attempts, r.attempts), eq(replies.status, 'sending')));
    out.push({ replyId: r.id, status: 'queued', error: 'released on shutdown' });
  }
  return out;
}
