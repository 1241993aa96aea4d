import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { withTransaction } from '../../db/client';
import { escalations, expertAnswers, users } from '../../db/schema';
import { NotFoundError } from '../../lib/errors';
import { audit } from '../audit';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';
import { transitionCase } from '../inbox/transition';
import { validate } from '../validate';
import { canSeeEscalation } from './list-expert-queue';

export const answerInput = z.object({
  escalationId: z.string().min(1),
  body: z.string().trim().min(1, 'write the answer first').max(10_000),
});

/** The expert's draft goes to an advisor for approval; nothing is public yet. */
export async function submitAnswer(ctx: Ctx, raw: unknown) {
  const actor = requireActor(ctx, 'expert.answer');
  const { escalationId, body } = validate(answerInput, raw);
  return withTransaction(ctx.db, async (tx) => {
    const [esc] = await tx.select().from(escalations).where(eq(escalations.id, escalationId)).for('update');
    const [me] = await tx.select({ skills: users.skills }).from(users).where(eq(users.id, actor.id));
    if (!esc || !canSeeEscalation(actor, me?.skills ?? [], esc))
      throw new NotFoundError('Question', escalationId);
    await transitionCase(tx, ctx, esc.caseId, 'expertAnswer');
    const now = ctx.clock.now();
    await tx
      .update(escalations)
      .set({ status: 'answered', answeredAt: now, expertId: esc.expertId ?? actor.id, updatedAt: now })
      .where(and(eq(escalations.id, esc.id), eq(escalations.status, 'open')));
    const id = ctx.ids('ans');
    const [answer] = await tx
      .insert(expertAnswers)
      .values({ id, escalationId: esc.id, caseId: esc.caseId, authorId: actor.id, body })
      .returning();
    await audit(tx, ctx, {
      action: 'expert.answered',
      entityType: 'expert_answer',
      entityId: id,
      caseId: esc.caseId,
      details: { escalationId: esc.id, length: body.length },
    });
    return answer!;
  });
}
