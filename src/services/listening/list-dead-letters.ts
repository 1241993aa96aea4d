import { and, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { brands, deadLetters, listeners } from '../../db/schema';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';
import { validate } from '../validate';

const input = z.object({
  includeDismissed: z
    .union([z.boolean(), z.enum(['true', 'false'])])
    .optional()
    .transform((v) => v === true || v === 'true'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** What the networks sent that we could not read, newest first; dismissed ones only on request. */
export async function listDeadLetters(ctx: Ctx, raw: unknown = {}) {
  requireActor(ctx, 'connections.manage');
  const { includeDismissed, limit } = validate(input, raw);
  const rows = await ctx.db
    .select({
      letter: deadLetters,
      listenerQuery: listeners.query,
      listenerKind: listeners.kind,
      brandName: brands.name,
    })
    .from(deadLetters)
    .innerJoin(listeners, eq(listeners.id, deadLetters.listenerId))
    .innerJoin(brands, eq(brands.id, deadLetters.brandId))
    .where(includeDismissed ? undefined : and(isNull(deadLetters.dismissedAt)))
    .orderBy(desc(deadLetters.lastSeenAt), desc(deadLetters.id))
    .limit(limit);
  return rows.map((r) => ({
    ...r.letter,
    listenerQuery: r.listenerQuery,
    listenerKind: r.listenerKind,
    brandName: r.brandName,
  }));
}

export type DeadLetterRow = Awaited<ReturnType<typeof listDeadLetters>>[number];
