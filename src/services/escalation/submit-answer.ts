import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { type Db, withTransaction } from '../../db/client';
import { escalations, expertAnswers, users } from '../../db/schema';
import { AppError, NotFoundError } from '../../lib/errors';
import { audit } from '../audit';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';
import { transitionCase } from '../inbox/transition';
import { validate } from '../validate';
import { notifyApprovers } from './approvers';
import { canSeeEscalation } from './list-expert-queue';

export const answerInput = z.object({
  escalationId: z.string().min(1),
  body: z.string().trim().min(1, 'write the answer first').max(10_000),
});

export type AnswerVia = 'page' | 'link' | 'email' | 'webhook';
type Escalation = typeof escalations.$inferSelect;

/**
 * Stores a draft for approval and moves the case on; shared by every way an expert answers.
 * The conditional update settles two answers at once: the second finds the question answered.
 */
export async function recordAnswer(
  tx: Db,
  ctx: Ctx,
  esc: Escalation,
  o: { authorId: string | null; authorName?: string | null; body: string; via: AnswerVia },
) {
  const now = ctx.clock.now();
  const [won] = await tx
    .update(escalations)
    .set({ status: 'answered', answeredAt: now, expertId: esc.expertId ?? o.authorId, updatedAt: now })
    .where(and(eq(escalations.id, esc.id), eq(escalations.status, 'open')))
    .returning({ id: escalations.id });
  if (!won) throw new AppError('conflict', 'This question is already answered: an advisor is reviewing it');
  await transitionCase(tx, ctx, esc.caseId, 'expertAnswer');
  const id = ctx.ids('ans');
  const [answer] = await tx
    .insert(expertAnswers)
    .values({
      id,
      escalationId: esc.id,
      caseId: esc.caseId,
      authorId: o.authorId,
      authorName: o.authorName ?? null,
      body: o.body,
      via: o.via,
    })
    .returning();
  await audit(tx, ctx, {
    action: 'expert.answered',
    entityType: 'expert_answer',
    entityId: id,
    caseId: esc.caseId,
    details: {
      escalationId: esc.id,
      length: o.body.length,
      via: o.via,
      ...(o.authorName ? { authorName: o.authorName } : {}),
    },
  });
  await notifyApprovers(tx, ctx, answer!);
  return answer!;
}

/** The expert's draft goes to an advisor for approval; nothing is public yet. */
export async function submitAnswer(ctx: Ctx, raw: unknown) {
  const actor = requireActor(ctx, 'expert.answer');
  const { escalationId, body } = validate(answerInput, raw);
  return withTransaction(ctx.db, async (tx) => {
    const [esc] = await tx.select().from(escalations).where(eq(escalations.id, escalationId)).for('update');
    const [me] = await tx.select({ skills: users.skills }).from(users).where(eq(users.id, actor.id));
    if (!esc || !canSeeEscalation(actor, me?.skills ?? [], esc))
      throw new NotFoundError('Question', escalationId);
    return recordAnswer(tx, ctx, esc, { authorId: actor.id, body, via: 'page' });
  });
}
