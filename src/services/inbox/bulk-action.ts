import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import { z } from 'zod';
import { withTransaction } from '../../db/client';
import { cases, topics, users } from '../../db/schema';
import { allowedFrom } from '../../domain/case-status';
import { ValidationError } from '../../lib/errors';
import { audit } from '../audit';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';
import { validate } from '../validate';
import { activeStatuses } from './case-filters';

export const bulkInput = z.object({
  caseIds: z.array(z.string().min(1)).min(1, 'select at least one case').max(200),
  action: z.enum(['assign', 'ignore', 'spam', 'topic']),
  /** For assign: a user id, or "me". */
  assigneeId: z.string().min(1).max(64).optional(),
  topic: z.string().trim().min(1).max(64).optional(),
});

export interface BulkResult {
  done: string[];
  /** Cases left as they were, each with why (in English; the page translates the known reasons). */
  failed: { caseId: string; reason: 'not_found' | 'not_active' | 'held_by_other' }[];
}

/**
 * One action on many cases in one transaction, each case moved by a conditional update. Cases that
 * cannot take the action (answered meanwhile, someone else's) are reported, not forced.
 */
export async function bulkAction(ctx: Ctx, raw: unknown): Promise<BulkResult> {
  const actor = requireActor(ctx, 'case.claim');
  const data = validate(bulkInput, raw);
  if (data.action === 'ignore' || data.action === 'spam') requireActor(ctx, 'case.ignore');
  const ids = [...new Set(data.caseIds)];
  return withTransaction(ctx.db, async (tx) => {
    const now = ctx.clock.now();
    let assigneeId: string | null = null;
    if (data.action === 'assign') {
      const wanted = data.assigneeId === 'me' || !data.assigneeId ? actor.id : data.assigneeId;
      const [u] = await tx
        .select({ id: users.id, role: users.role })
        .from(users)
        .where(and(eq(users.id, wanted), isNull(users.disabledAt)));
      if (!u || (u.role !== 'advisor' && u.role !== 'admin')) {
        throw new ValidationError([{ field: 'assigneeId', message: 'must be an active advisor' }]);
      }
      assigneeId = u.id;
    }
    if (data.action === 'topic' && !data.topic) {
      throw new ValidationError([{ field: 'topic', message: 'choose a topic' }]);
    }
    const free = or(isNull(cases.assigneeId), eq(cases.assigneeId, actor.id));
    let moved: { id: string; brandId: string }[] = [];
    if (data.action === 'assign') {
      moved = await tx
        .update(cases)
        .set({ assigneeId, status: 'open', updatedAt: now })
        .where(and(inArray(cases.id, ids), inArray(cases.status, [...allowedFrom('claim')]), free))
        .returning({ id: cases.id, brandId: cases.brandId });
    } else if (data.action === 'ignore' || data.action === 'spam') {
      moved = await tx
        .update(cases)
        .set({
          status: 'ignored',
          closedAt: now,
          updatedAt: now,
          ...(data.action === 'spam' ? { intent: 'spam' } : {}),
        })
        .where(and(inArray(cases.id, ids), inArray(cases.status, [...allowedFrom('ignore')]), free))
        .returning({ id: cases.id, brandId: cases.brandId });
    } else {
      // A topic must be one of the case's brand: checked per case after the update, rolled back if not.
      moved = await tx
        .update(cases)
        .set({ topic: data.topic, updatedAt: now })
        .where(and(inArray(cases.id, ids), inArray(cases.status, [...activeStatuses])))
        .returning({ id: cases.id, brandId: cases.brandId });
      const brandIds = [...new Set(moved.map((m) => m.brandId))];
      const known = brandIds.length
        ? await tx
            .select({ brandId: topics.brandId })
            .from(topics)
            .where(and(inArray(topics.brandId, brandIds), eq(topics.key, data.topic ?? '')))
        : [];
      const ok = new Set(known.map((k) => k.brandId));
      if (moved.some((m) => !ok.has(m.brandId)) && data.topic !== 'none') {
        throw new ValidationError([
          { field: 'topic', message: 'is not a topic of every selected case’s brand' },
        ]);
      }
    }
    const done = new Set(moved.map((m) => m.id));
    const rest = ids.filter((id) => !done.has(id));
    const current = rest.length
      ? await tx
          .select({ id: cases.id, status: cases.status, assigneeId: cases.assigneeId })
          .from(cases)
          .where(inArray(cases.id, rest))
      : [];
    const byId = new Map(current.map((c) => [c.id, c]));
    const failed: BulkResult['failed'] = rest.map((caseId) => {
      const c = byId.get(caseId);
      if (!c) return { caseId, reason: 'not_found' };
      if (
        c.assigneeId &&
        c.assigneeId !== actor.id &&
        (activeStatuses as readonly string[]).includes(c.status)
      ) {
        return { caseId, reason: 'held_by_other' };
      }
      return { caseId, reason: 'not_active' };
    });
    const action = {
      assign: 'case.assigned',
      ignore: 'case.ignored',
      spam: 'case.marked_spam',
      topic: 'case.topic_set',
    }[data.action];
    await audit(
      tx,
      ctx,
      moved.map((m) => ({
        action,
        entityType: 'case',
        entityId: m.id,
        caseId: m.id,
        details: {
          bulk: true,
          ...(assigneeId ? { assigneeId } : {}),
          ...(data.topic ? { topic: data.topic } : {}),
        },
      })),
    );
    return { done: [...done], failed };
  });
}
