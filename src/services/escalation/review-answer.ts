import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { type Db, withTransaction } from '../../db/client';
import { cases, escalations, expertAnswers, users } from '../../db/schema';
import { checkGuidelines, signedBody } from '../../domain/guidelines';
import { AppError, NotFoundError, ValidationError } from '../../lib/errors';
import { audit } from '../audit';
import type { Ctx } from '../context';
import { transitionCase } from '../inbox/transition';
import { rememberAnswer } from '../knowledge/knowledge-base';
import { queueReply } from '../replies/queue-reply';
import { validate } from '../validate';
import { requireApprover } from './approvers';
import { guidelinesOf } from './guidelines';

export const approveInput = z.object({
  caseId: z.string().min(1),
  /** The text that goes out: the expert's draft as the advisor edited it. */
  body: z.string().trim().min(1, 'the answer cannot be empty').max(10_000),
});

/** The brand decides who else may review: the gate needs the case before anything moves. */
async function approverOf(tx: Db, ctx: Ctx, caseId: string) {
  if (!ctx.actor) throw new AppError('unauthorized', 'Sign in first');
  const [c] = await tx.select({ brandId: cases.brandId }).from(cases).where(eq(cases.id, caseId));
  if (!c) throw new NotFoundError('Case', caseId);
  return requireApprover(tx, ctx, c.brandId);
}

async function pendingAnswer(tx: Db, caseId: string) {
  const [answer] = await tx
    .select()
    .from(expertAnswers)
    .where(and(eq(expertAnswers.caseId, caseId), eq(expertAnswers.status, 'submitted')))
    .orderBy(desc(expertAnswers.createdAt))
    .limit(1)
    .for('update');
  if (!answer) throw new AppError('conflict', 'There is no expert answer waiting for approval on this case');
  return answer;
}

/**
 * Only approved text goes out, from the brand's account, within the brand's editorial rules; it is
 * signed with the expert's first name only when the brand asks for it. It becomes reusable knowledge.
 */
export async function approveAnswer(ctx: Ctx, raw: unknown) {
  const { caseId, body } = validate(approveInput, raw);
  const reply = await withTransaction(ctx.db, async (tx) => {
    const actor = await approverOf(tx, ctx, caseId);
    const answer = await pendingAnswer(tx, caseId);
    const c = await transitionCase(tx, ctx, caseId, 'approve');
    const rules = await guidelinesOf(tx, c.brandId);
    const violations = checkGuidelines(rules, body);
    if (violations.length > 0) {
      throw new ValidationError(
        violations.map((v) =>
          v.kind === 'forbidden'
            ? { field: 'body', message: `uses "${v.word}", which the brand's guidelines forbid` }
            : { field: 'body', message: `is ${v.used} characters; the brand's guidelines allow ${v.max}` },
        ),
      );
    }
    const [expert] = answer.authorId
      ? await tx.select({ name: users.name }).from(users).where(eq(users.id, answer.authorId))
      : [];
    const now = ctx.clock.now();
    await tx
      .update(expertAnswers)
      .set({ status: 'approved', reviewedById: actor.id, reviewedAt: now, updatedAt: now })
      .where(eq(expertAnswers.id, answer.id));
    await audit(tx, ctx, {
      action: 'answer.approved',
      entityType: 'expert_answer',
      entityId: answer.id,
      caseId,
      details: { edited: body !== answer.body },
    });
    await rememberAnswer(tx, ctx, c, answer, body);
    return queueReply(tx, ctx, c, signedBody(rules, body, expert?.name ?? answer.authorName ?? null), {
      expertAnswerId: answer.id,
      approvedById: actor.id,
    });
  });
  ctx.nudge('send-replies');
  return reply;
}

export const sendBackInput = z.object({
  caseId: z.string().min(1),
  note: z.string().trim().min(1, 'tell the expert what to change').max(4000),
});

/** Back to the expert with a note; the question is open again for them. */
export async function sendBackAnswer(ctx: Ctx, raw: unknown) {
  const { caseId, note } = validate(sendBackInput, raw);
  return withTransaction(ctx.db, async (tx) => {
    const actor = await approverOf(tx, ctx, caseId);
    const answer = await pendingAnswer(tx, caseId);
    await transitionCase(tx, ctx, caseId, 'sendBack');
    const now = ctx.clock.now();
    await tx
      .update(expertAnswers)
      .set({ status: 'returned', reviewNote: note, reviewedById: actor.id, reviewedAt: now, updatedAt: now })
      .where(eq(expertAnswers.id, answer.id));
    await tx
      .update(escalations)
      .set({ status: 'open', answeredAt: null, updatedAt: now })
      .where(eq(escalations.id, answer.escalationId));
    await audit(tx, ctx, {
      action: 'answer.sent_back',
      entityType: 'expert_answer',
      entityId: answer.id,
      caseId,
      details: { note },
    });
    return answer;
  });
}
