import { z } from 'zod';
import { withTransaction } from '../../db/client';
import { audit } from '../audit';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';
import { validate } from '../validate';
import { transitionCase } from './transition';

export const ignoreInput = z.object({
  caseId: z.string().min(1),
  reason: z.string().trim().max(500).optional(),
});

export async function ignoreCase(ctx: Ctx, raw: unknown) {
  requireActor(ctx, 'case.ignore');
  const { caseId, reason } = validate(ignoreInput, raw);
  return withTransaction(ctx.db, async (tx) => {
    const row = await transitionCase(tx, ctx, caseId, 'ignore', { closedAt: ctx.clock.now() });
    await audit(tx, ctx, {
      action: 'case.ignored',
      entityType: 'case',
      entityId: caseId,
      caseId,
      details: reason ? { reason } : {},
    });
    return row;
  });
}
