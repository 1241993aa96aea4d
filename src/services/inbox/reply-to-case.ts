import { z } from 'zod';
import { withTransaction } from '../../db/client';
import { ConflictError } from '../../lib/errors';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';
import { queueReply } from '../replies/queue-reply';
import { validate } from '../validate';
import { assertNoNewActivity } from './collision';
import { freeOrHeldBy, transitionCase } from './transition';

export const replyInput = z.object({
  caseId: z.string().min(1),
  body: z.string().trim().min(1, 'write the answer first').max(10_000),
  /** The case version the composer was opened at; a newer reply or customer post refuses the send. */
  seenVersion: z.coerce.number().int().min(0).optional(),
});

/** An advisor answers a standard question: they are the approver of their own text. */
export async function replyToCase(ctx: Ctx, raw: unknown) {
  const actor = requireActor(ctx, 'case.reply');
  const { caseId, body, seenVersion } = validate(replyInput, raw);
  const reply = await withTransaction(ctx.db, async (tx) => {
    // Someone else's claimed case is theirs to answer: no double replies from two advisors.
    const c = await transitionCase(
      tx,
      ctx,
      caseId,
      'reply',
      { assigneeId: actor.id },
      freeOrHeldBy(actor.id),
    ).catch(async (err: unknown) => {
      // A case answered meanwhile is refused by its status; saying "someone replied since you
      // opened it" is the clearer reason when that is what happened.
      if (err instanceof ConflictError) await assertNoNewActivity(tx, caseId, seenVersion);
      throw err;
    });
    await assertNoNewActivity(tx, caseId, seenVersion);
    return queueReply(tx, ctx, c, body, { approvedById: actor.id });
  });
  ctx.nudge('send-replies');
  return reply;
}
