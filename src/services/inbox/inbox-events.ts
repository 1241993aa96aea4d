import { and, asc, gt, inArray, isNotNull, max } from 'drizzle-orm';
import { auditLog } from '../../db/schema';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';

/** What changes an inbox row: new mentions, claims, answers, escalations, bulk actions. */
export const liveActions = [
  'case.opened',
  'case.follow_up',
  'case.reopened',
  'case.claimed',
  'case.assigned',
  'case.ignored',
  'case.marked_spam',
  'case.topic_set',
  'case.escalated',
  'reply.queued',
  'reply.sent',
  'expert.answered',
  'answer.approved',
  'sla.breached',
] as const;

export interface InboxEvent {
  id: number;
  action: string;
  caseId: string;
  actor: string;
}

/** The last event id now: a stream opened without Last-Event-ID starts from here. */
export async function latestEventId(ctx: Ctx): Promise<number> {
  requireActor(ctx, 'inbox.read');
  const [row] = await ctx.db.select({ seq: max(auditLog.seq) }).from(auditLog);
  return Number(row?.seq ?? 0);
}

/**
 * Inbox changes after an event id, oldest first. Polled by the SSE stream: Workers have no
 * LISTEN/NOTIFY, and the audit sequence is already the commit order of every change.
 */
export async function inboxEventsSince(ctx: Ctx, since: number, limit = 50): Promise<InboxEvent[]> {
  requireActor(ctx, 'inbox.read');
  const rows = await ctx.db
    .select({
      seq: auditLog.seq,
      action: auditLog.action,
      caseId: auditLog.caseId,
      actor: auditLog.actorLabel,
    })
    .from(auditLog)
    .where(
      and(gt(auditLog.seq, since), isNotNull(auditLog.caseId), inArray(auditLog.action, [...liveActions])),
    )
    .orderBy(asc(auditLog.seq))
    .limit(limit);
  return rows.map((r) => ({ id: r.seq, action: r.action, caseId: r.caseId ?? '', actor: r.actor }));
}
