import { and, eq, inArray, isNull, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { type CaseStatus, cases } from '../../db/schema';
import { allowedFrom, type CaseVerb, transitions } from '../../domain/case-status';
import { ConflictError, NotFoundError } from '../../lib/errors';
import type { Ctx } from '../context';

type CaseRow = typeof cases.$inferSelect;

/**
 * Moves a case with a conditional update (`where status in (...)`): two people acting at once
 * cannot both win, and the loser gets a conflict saying what the case became.
 */
export async function transitionCase(
  tx: Db,
  ctx: Ctx,
  caseId: string,
  verb: CaseVerb,
  set: Partial<typeof cases.$inferInsert> = {},
  extraWhere?: SQL,
): Promise<CaseRow> {
  const to: CaseStatus = transitions[verb].to;
  const [row] = await tx
    .update(cases)
    .set({ ...set, status: to, updatedAt: ctx.clock.now() })
    .where(and(eq(cases.id, caseId), inArray(cases.status, [...allowedFrom(verb)]), extraWhere))
    .returning();
  if (row) return row;
  const [current] = await tx.select().from(cases).where(eq(cases.id, caseId));
  if (!current) throw new NotFoundError('Case', caseId);
  if (
    current.assigneeId &&
    ctx.actor &&
    current.assigneeId !== ctx.actor.id &&
    allowedFrom(verb).includes(current.status)
  ) {
    throw new ConflictError('Another advisor has claimed this case');
  }
  throw new ConflictError(
    `This case is ${current.status.replace('_', ' ')}: it cannot be ${verbPast[verb]} now`,
  );
}

const verbPast: Record<CaseVerb, string> = {
  claim: 'claimed',
  reply: 'answered',
  escalate: 'escalated',
  expertAnswer: 'answered by an expert',
  approve: 'approved',
  sendBack: 'sent back',
  ignore: 'ignored',
  replySent: 'marked answered',
  close: 'closed',
};

/** A case nobody holds, or one the actor holds: someone else's claimed case is theirs to work. */
export function freeOrHeldBy(actorId: string): SQL {
  return or(isNull(cases.assigneeId), eq(cases.assigneeId, actorId))!;
}

export async function getCaseOr404(db: Db, caseId: string): Promise<CaseRow> {
  const [row] = await db.select().from(cases).where(eq(cases.id, caseId));
  if (!row) throw new NotFoundError('Case', caseId);
  return row;
}
