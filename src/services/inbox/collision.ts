import { and, eq, gt, inArray, max } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { auditLog } from '../../db/schema';
import { ConflictError } from '../../lib/errors';

/** What makes a draft stale: someone answered, or the customer wrote again. */
const staleningActions = ['reply.queued', 'case.follow_up', 'case.reopened'] as const;

/** The case's version: the last audit entry about it. The composer carries it as a hidden field. */
export async function caseVersion(db: Db, caseId: string): Promise<number> {
  const [row] = await db
    .select({ seq: max(auditLog.seq) })
    .from(auditLog)
    .where(eq(auditLog.caseId, caseId));
  return Number(row?.seq ?? 0);
}

export const STALE_REPLY = 'Someone replied or the customer wrote again since you opened this case';
export const STALE_CUSTOMER = 'The customer wrote again since you opened this case';

/**
 * Refuses a reply written against an older version of the case. Called after the case row is
 * locked by its conditional update, so a reply committed by someone else just before is seen.
 */
export async function assertNoNewActivity(tx: Db, caseId: string, seenVersion: number | undefined) {
  if (seenVersion === undefined) return;
  const newer = await tx
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.caseId, caseId),
        gt(auditLog.seq, seenVersion),
        inArray(auditLog.action, [...staleningActions]),
      ),
    );
  if (newer.length === 0) return;
  throw new ConflictError(newer.some((n) => n.action === 'reply.queued') ? STALE_REPLY : STALE_CUSTOMER);
}
