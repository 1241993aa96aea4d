import { and, desc, eq, inArray, isNull, or } from 'drizzle-orm';
import { authors, cases, escalations, mentions } from '../../db/schema';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';

/** What an expert may see: questions routed to them, or to the queue of a skill they have. */
export async function listExpertQueue(ctx: Ctx, opts: { status?: 'open' | 'answered' } = {}) {
  const actor = requireActor(ctx, 'expert.queue');
  const [me] = await ctx.db.query.users.findMany({ where: (u, { eq }) => eq(u.id, actor.id), limit: 1 });
  const skills = me?.skills ?? [];
  const visible =
    actor.role === 'admin'
      ? undefined
      : or(
          eq(escalations.expertId, actor.id),
          skills.length > 0
            ? and(isNull(escalations.expertId), inArray(escalations.skill, skills))
            : undefined,
        );
  const rows = await ctx.db
    .select({
      escalation: escalations,
      case: {
        id: cases.id,
        status: cases.status,
        language: cases.language,
        topic: cases.topic,
        network: cases.network,
      },
      author: { handle: authors.handle, displayName: authors.displayName },
    })
    .from(escalations)
    .innerJoin(cases, eq(cases.id, escalations.caseId))
    .innerJoin(authors, eq(authors.id, cases.authorId))
    .where(and(eq(escalations.status, opts.status ?? 'open'), visible))
    .orderBy(desc(escalations.createdAt))
    .limit(200);
  const caseIds = rows.map((r) => r.case.id);
  const firstTexts = caseIds.length
    ? await ctx.db
        .select({ caseId: mentions.caseId, text: mentions.text, postedAt: mentions.postedAt })
        .from(mentions)
        .where(and(inArray(mentions.caseId, caseIds), eq(mentions.fromBrand, false)))
        .orderBy(mentions.postedAt)
    : [];
  const question = new Map<string, string>();
  for (const m of firstTexts) if (m.caseId && !question.has(m.caseId)) question.set(m.caseId, m.text);
  return rows.map((r) => ({ ...r, question: question.get(r.case.id) ?? '' }));
}

/** The same visibility rule for one escalation; unknown or not visible are both a 404. */
export function canSeeEscalation(
  actor: { id: string; role: string },
  skills: string[],
  e: { expertId: string | null; skill: string },
): boolean {
  if (actor.role === 'admin') return true;
  if (e.expertId === actor.id) return true;
  return e.expertId === null && skills.includes(e.skill);
}
