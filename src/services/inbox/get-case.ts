import { and, asc, eq } from 'drizzle-orm';
import { auditLog, escalations, expertAnswers, mentions, replies, users } from '../../db/schema';
import { NotFoundError } from '../../lib/errors';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';
import { isDesignatedApprover } from '../escalation/approvers';
import { canSeeEscalation } from '../escalation/list-expert-queue';

/** Everything the case page shows: the thread, the author, the classification, the history. */
export async function getCase(ctx: Ctx, caseId: string) {
  const actor = requireActor(ctx, 'case.read');
  const c = await ctx.db.query.cases.findFirst({
    where: (t, { eq }) => eq(t.id, caseId),
    with: { author: true, assignee: { columns: { id: true, name: true } }, brand: true },
  });
  if (!c) throw new NotFoundError('Case', caseId);
  const escalationRows = await ctx.db
    .select()
    .from(escalations)
    .where(eq(escalations.caseId, caseId))
    .orderBy(asc(escalations.createdAt));
  if (actor.role === 'expert') {
    // Experts see only the cases escalated to them or to their team, and a designated approver
    // the escalated cases of their brand.
    const [me] = await ctx.db.select({ skills: users.skills }).from(users).where(eq(users.id, actor.id));
    if (
      !escalationRows.some((e) => canSeeEscalation(actor, me?.skills ?? [], e)) &&
      !(escalationRows.length > 0 && (await isDesignatedApprover(ctx.db, actor.id, c.brandId)))
    ) {
      throw new NotFoundError('Case', caseId);
    }
  }
  const thread = await ctx.db.query.mentions.findMany({
    where: (m, { eq }) => eq(m.caseId, caseId),
    orderBy: [asc(mentions.postedAt)],
    with: { author: true },
  });
  const answers = await ctx.db
    .select()
    .from(expertAnswers)
    .where(eq(expertAnswers.caseId, caseId))
    .orderBy(asc(expertAnswers.createdAt));
  const outbox = await ctx.db
    .select()
    .from(replies)
    .where(eq(replies.caseId, caseId))
    .orderBy(asc(replies.createdAt));
  const history = await ctx.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.caseId, caseId)))
    .orderBy(asc(auditLog.seq));
  // The case is read as its latest customer post was classified.
  const latest = [...thread].reverse().find((m) => !m.fromBrand && m.classification);
  const latestClassification =
    latest?.classification && latest.classifiedAt
      ? { ...latest.classification, mentionId: latest.id, createdAt: latest.classifiedAt }
      : null;
  return {
    case: c,
    thread,
    classification: latestClassification,
    escalations: escalationRows,
    answers,
    replies: outbox,
    history,
  };
}
