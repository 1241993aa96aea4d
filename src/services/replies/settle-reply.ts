import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { withTransaction } from '../../db/client';
import { cases, replies } from '../../db/schema';
import { transitions } from '../../domain/case-status';
import { AppError, NotFoundError } from '../../lib/errors';
import { audit } from '../audit';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';
import { validate } from '../validate';

export const settleReplyInput = z.discriminatedUnion('outcome', [
  z.object({
    caseId: z.string().min(1),
    replyId: z.string().min(1),
    outcome: z.literal('posted'),
    /** Where the person found the reply on the network. */
    url: z
      .string()
      .trim()
      .max(2000)
      .url()
      .refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) link'),
  }),
  z.object({
    caseId: z.string().min(1),
    replyId: z.string().min(1),
    outcome: z.literal('send_again'),
  }),
]);

/**
 * A person settles a reply the outbox could not: "it was posted" (with its link) records it as
 * sent; "send again" queues it once more, without looking in the thread first, since a person
 * has looked. Only a reply still waiting for verification changes: two advisors clicking at once
 * settle it once.
 */
export async function settleReply(ctx: Ctx, raw: unknown) {
  requireActor(ctx, 'case.reply');
  const input = validate(settleReplyInput, raw);
  const now = ctx.clock.now();
  return withTransaction(ctx.db, async (tx) => {
    const waiting = and(
      eq(replies.id, input.replyId),
      eq(replies.caseId, input.caseId),
      eq(replies.status, 'needs_verification'),
    );
    const [row] =
      input.outcome === 'posted'
        ? await tx
            .update(replies)
            .set({
              status: 'sent',
              externalUrl: input.url,
              sentAt: now,
              lastError: null,
              outcomeUnknown: false,
              updatedAt: now,
            })
            .where(waiting)
            .returning()
        : await tx
            .update(replies)
            .set({
              status: 'queued',
              outcomeUnknown: false,
              lastError: null,
              nextAttemptAt: now,
              updatedAt: now,
            })
            .where(waiting)
            .returning();
    if (!row) {
      const [exists] = await tx
        .select({ id: replies.id })
        .from(replies)
        .where(and(eq(replies.id, input.replyId), eq(replies.caseId, input.caseId)));
      if (!exists) throw new NotFoundError('Reply', input.replyId);
      throw new AppError('conflict', 'This reply no longer waits for verification');
    }
    // A holding reply only tells the customer to wait: the case stays with the expert.
    if (input.outcome === 'posted' && row.kind !== 'holding') {
      await tx
        .update(cases)
        .set({ status: 'answered', answeredAt: now, updatedAt: now })
        .where(and(eq(cases.id, input.caseId), inArray(cases.status, [...transitions.replySent.from])));
    }
    await audit(tx, ctx, {
      action: input.outcome === 'posted' ? 'reply.confirmed_posted' : 'reply.resend_approved',
      entityType: 'reply',
      entityId: row.id,
      caseId: input.caseId,
      details: input.outcome === 'posted' ? { url: input.url } : {},
    });
    if (input.outcome === 'send_again') ctx.nudge('send-replies');
    return row;
  });
}
