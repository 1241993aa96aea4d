import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { withTransaction } from '../../db/client';
import { deadLetters } from '../../db/schema';
import { NotFoundError } from '../../lib/errors';
import { audit } from '../audit';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';
import { validate } from '../validate';

const input = z.object({ id: z.string().trim().min(1, 'is required') });

/**
 * An admin has looked at a quarantined item and puts it away. Dismissing twice is harmless: the
 * update only touches a row still open, and the audit row records the first dismissal only.
 */
export async function dismissDeadLetter(ctx: Ctx, raw: unknown) {
  const actor = requireActor(ctx, 'connections.manage');
  const { id } = validate(input, raw);
  return withTransaction(ctx.db, async (tx) => {
    const [row] = await tx
      .update(deadLetters)
      .set({ dismissedAt: ctx.clock.now(), dismissedBy: actor.id })
      .where(and(eq(deadLetters.id, id), isNull(deadLetters.dismissedAt)))
      .returning({ id: deadLetters.id, listenerId: deadLetters.listenerId });
    if (!row) {
      const [exists] = await tx
        .select({ id: deadLetters.id })
        .from(deadLetters)
        .where(eq(deadLetters.id, id));
      if (!exists) throw new NotFoundError('Dead letter', id);
      return { id, dismissed: false };
    }
    await audit(tx, ctx, {
      action: 'dead_letter.dismissed',
      entityType: 'dead_letter',
      entityId: id,
      details: { listenerId: row.listenerId },
    });
    return { id, dismissed: true };
  });
}
