import { z } from 'zod';
import { withTransaction } from '../../db/client';
import { AppError, ValidationError } from '../../lib/errors';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';
import { escalateCase } from '../escalation/escalate-case';
import { queueReply } from '../replies/queue-reply';
import { preflightIn } from '../replies/reply-preflight';
import { validate } from '../validate';
import { assertNoNewActivity } from './collision';
import { getCaseOr404 } from './transition';

export const escalateWithHoldingInput = z.object({
  caseId: z.string().min(1),
  skill: z.string().trim().min(1).max(64).optional(),
  note: z.string().trim().max(4000).optional(),
  /** A short public answer for the customer while the specialist looks; empty sends none. */
  holding: z.string().trim().max(10_000).optional(),
  seenVersion: z.coerce.number().int().min(0).optional(),
});

/**
 * Escalates, and when asked sends the customer a holding reply through the same outbox. The text is
 * checked first (room, duplicate, someone else's reply) so a refused holding reply leaves the case
 * untouched rather than escalated without the promised answer.
 */
export async function escalateWithHolding(ctx: Ctx, raw: unknown) {
  const actor = requireActor(ctx, 'case.escalate');
  const data = validate(escalateWithHoldingInput, raw);
  const holding = data.holding?.trim() ? data.holding.trim() : null;
  if (holding) {
    requireActor(ctx, 'case.reply');
    const c = await getCaseOr404(ctx.db, data.caseId);
    await assertNoNewActivity(ctx.db, c.id, data.seenVersion);
    const verdict = await preflightIn(ctx.db, ctx, c, holding);
    if (!verdict.allowed)
      throw new AppError('conflict', verdict.reason ?? `This post cannot be answered on ${c.network}`);
    if (verdict.used > verdict.max) {
      throw new ValidationError([
        { field: 'holding', message: `is ${verdict.used} characters; ${c.network} allows ${verdict.max}` },
      ]);
    }
    if (verdict.duplicate) {
      throw new ValidationError([
        {
          field: 'holding',
          message:
            'repeats an earlier public reply word for word: personalise it (networks refuse duplicates)',
        },
      ]);
    }
  }
  const escalation = await escalateCase(ctx, { caseId: data.caseId, skill: data.skill, note: data.note });
  if (!holding) return { escalation, holdingReply: null };
  const holdingReply = await withTransaction(ctx.db, async (tx) => {
    const c = await getCaseOr404(tx, data.caseId);
    return queueReply(tx, ctx, c, holding, { approvedById: actor.id, kind: 'holding' });
  });
  ctx.nudge('send-replies');
  return { escalation, holdingReply };
}
