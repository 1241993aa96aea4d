import { and, eq, inArray } from 'drizzle-orm';
import { withTransaction } from '../../db/client';
import { cases, replies } from '../../db/schema';
import { transitions } from '../../domain/case-status';
import { audit } from '../audit';
import type { Ctx } from '../context';
import { fault } from '../faults';

export const REPLY_LEASE_MS = 2 * 60_000;

export type ReplyRow = typeof replies.$inferSelect;

export type FinishResult =
  | { status: 'sent'; externalId: string; url: string | null; foundInThread?: boolean }
  | { status: 'queued'; error: string; retryAt: Date; outcomeUnknown: boolean }
  | { status: 'failed'; error: string }
  | { status: 'needs_verification'; error: string };

export interface SendOutcome {
  replyId: string;
  status: 'sent' | 'queued' | 'failed' | 'needs_verification';
  error?: string;
}

/** Records an attempt's result, fenced on its attempt number: a stale worker's late result changes nothing. */
export async function finishReply(ctx: Ctx, reply: ReplyRow, result: FinishResult): Promise<SendOutcome> {
  const now = ctx.clock.now();
  const outcome = await withTransaction(ctx.db, async (tx) => {
    const fence = and(
      eq(replies.id, reply.id),
      eq(replies.attempts, reply.attempts),
      eq(replies.status, 'sending'),
    );
    if (result.status === 'sent') {
      const [row] = await tx
        .update(replies)
        .set({
          status: 'sent',
          externalId: result.externalId,
          externalUrl: result.url,
          sentAt: now,
          leaseUntil: null,
          lastError: null,
          outcomeUnknown: false,
          updatedAt: now,
        })
        .where(fence)
        .returning({ id: replies.id });
      if (!row) return { replyId: reply.id, status: 'sent' as const };
      // A holding reply only tells the customer to wait: the case stays with the expert.
      if (reply.kind !== 'holding')
        await tx
          .update(cases)
          .set({ status: 'answered', answeredAt: now, updatedAt: now })
          .where(and(eq(cases.id, reply.caseId), inArray(cases.status, [...transitions.replySent.from])));
      await audit(tx, ctx, {
        action: 'reply.sent',
        entityType: 'reply',
        entityId: reply.id,
        caseId: reply.caseId,
        details: {
          externalId: result.externalId,
          url: result.url,
          attempt: reply.attempts,
          ...(result.foundInThread ? { foundInThread: true } : {}),
        },
      });
      return { replyId: reply.id, status: 'sent' as const };
    }
    const [row] = await tx
      .update(replies)
      .set({
        status: result.status,
        lastError: result.error,
        leaseUntil: null,
        nextAttemptAt: result.status === 'queued' ? result.retryAt : now,
        ...(result.status === 'queued' ? { outcomeUnknown: result.outcomeUnknown } : {}),
        updatedAt: now,
      })
      .where(fence)
      .returning({ id: replies.id });
    if (!row) return { replyId: reply.id, status: result.status, error: result.error };
    const action = {
      failed: 'reply.failed',
      queued: 'reply.retry_scheduled',
      needs_verification: 'reply.needs_verification',
    }[result.status];
    await audit(tx, ctx, {
      action,
      entityType: 'reply',
      entityId: reply.id,
      caseId: reply.caseId,
      details: { error: result.error, attempt: reply.attempts },
    });
    return { replyId: reply.id, status: result.status, error: result.error };
  });
  await fault(ctx, 'reply:after-final-commit');
  return outcome;
}
