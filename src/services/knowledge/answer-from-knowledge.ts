import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { withTransaction } from '../../db/client';
import { knowledgeAnswers, replies } from '../../db/schema';
import { NotFoundError } from '../../lib/errors';
import { audit } from '../audit';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';
import { freeOrHeldBy, transitionCase } from '../inbox/transition';
import { queueReply } from '../replies/queue-reply';
import { validate } from '../validate';
import { countUse } from './knowledge-base';

export const knowledgeReplyInput = z.object({
  caseId: z.string().min(1),
  knowledgeAnswerId: z.string().min(1),
  /** The reusable answer as the advisor personalised it. */
  body: z.string().trim().min(1, 'write the answer first').max(10_000),
});

/**
 * An advisor answers from the knowledge base, without escalating. The reply remembers where it
 * came from, so reports can count the questions experts no longer had to answer.
 */
export async function answerFromKnowledge(ctx: Ctx, raw: unknown) {
  const actor = requireActor(ctx, 'case.reply');
  const d = validate(knowledgeReplyInput, raw);
  const reply = await withTransaction(ctx.db, async (tx) => {
    const [k] = await tx.select().from(knowledgeAnswers).where(eq(knowledgeAnswers.id, d.knowledgeAnswerId));
    if (!k) throw new NotFoundError('Reusable answer', d.knowledgeAnswerId);
    const c = await transitionCase(
      tx,
      ctx,
      d.caseId,
      'reply',
      { assigneeId: actor.id },
      freeOrHeldBy(actor.id),
    );
    const queued = await queueReply(tx, ctx, c, d.body, { approvedById: actor.id });
    const [row] = await tx
      .update(replies)
      .set({ knowledgeAnswerId: k.id })
      .where(eq(replies.id, queued.id))
      .returning();
    await countUse(tx, k.id);
    await audit(tx, ctx, {
      action: 'knowledge.used',
      entityType: 'knowledge_answer',
      entityId: k.id,
      caseId: c.id,
      details: { replyId: queued.id },
    });
    return row!;
  });
  ctx.nudge('send-replies');
  return reply;
}
