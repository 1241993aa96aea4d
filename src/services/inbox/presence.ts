import { and, eq, gt, ne } from 'drizzle-orm';
import { casePresence, users } from '../../db/schema';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';

/** Older entries are people who closed the page: they are ignored rather than cleaned up. */
export const PRESENCE_TTL_MS = 60_000;

/** Records that the actor has the case open now (the case page calls it on load and every 20 s). */
export async function touchPresence(ctx: Ctx, caseId: string): Promise<void> {
  const actor = requireActor(ctx, 'case.read');
  const now = ctx.clock.now();
  await ctx.db
    .insert(casePresence)
    .values({ caseId, userId: actor.id, lastSeenAt: now })
    .onConflictDoUpdate({ target: [casePresence.caseId, casePresence.userId], set: { lastSeenAt: now } });
}

/** The other people who had the case open within the last minute. */
export async function otherViewers(ctx: Ctx, caseId: string): Promise<{ id: string; name: string }[]> {
  const actor = requireActor(ctx, 'case.read');
  const since = new Date(ctx.clock.now().getTime() - PRESENCE_TTL_MS);
  return ctx.db
    .select({ id: users.id, name: users.name })
    .from(casePresence)
    .innerJoin(users, eq(users.id, casePresence.userId))
    .where(
      and(
        eq(casePresence.caseId, caseId),
        ne(casePresence.userId, actor.id),
        gt(casePresence.lastSeenAt, since),
      ),
    )
    .orderBy(users.name);
}
