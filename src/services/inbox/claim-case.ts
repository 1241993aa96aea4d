import { z } from 'zod';
import { withTransaction } from '../../db/client';
import { audit } from '../audit';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';
import { validate } from '../validate';
import { freeOrHeldBy, transitionCase } from './transition';

const input = z.object({ caseId: z.string().min(1) });

/** Atomic: only an unassigned case, or one already ours, can be claimed. */
export async function claimCase(ctx: Ctx, raw: unknown) {
  const actor = requireActor(ctx, 'case.claim');
  const { caseId } = validate(input, raw);
  return withTransaction(ctx.db, async (tx) => {
    const row = await transitionCase(
      tx,
      ctx,
      caseId,
      'claim',
      { assigneeId: actor.id },
      freeOrHeldBy(actor.id),
    );
    await audit(tx, ctx, { action: 'case.claimed', entityType: 'case', entityId: caseId, caseId });
    return row;
  });
}
