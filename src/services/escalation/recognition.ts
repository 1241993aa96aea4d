import { eq, inArray } from 'drizzle-orm';
import { escalations, expertAnswers, knowledgeAnswers, replies, users } from '../../db/schema';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Who helped, how fast, and what became of it: answers, median time from the question to the
 * answer, approved / sent back / posted, and how often their answers were reused.
 */
export async function recognition(ctx: Ctx) {
  requireActor(ctx, 'recognition.read');
  const rows = await ctx.db
    .select({
      answerId: expertAnswers.id,
      authorId: expertAnswers.authorId,
      status: expertAnswers.status,
      answeredAt: expertAnswers.createdAt,
      askedAt: escalations.createdAt,
    })
    .from(expertAnswers)
    .innerJoin(escalations, eq(escalations.id, expertAnswers.escalationId));
  const authorIds = [...new Set(rows.map((r) => r.authorId).filter((x): x is string => Boolean(x)))];
  if (authorIds.length === 0) return [];
  const people = await ctx.db
    .select({ id: users.id, name: users.name, skills: users.skills })
    .from(users)
    .where(inArray(users.id, authorIds));
  const posted = await ctx.db
    .select({ expertAnswerId: replies.expertAnswerId })
    .from(replies)
    .where(eq(replies.status, 'sent'));
  const postedSet = new Set(posted.map((p) => p.expertAnswerId));
  const reuse = await ctx.db
    .select({ expertId: knowledgeAnswers.expertId, uses: knowledgeAnswers.uses })
    .from(knowledgeAnswers);
  return people
    .map((p) => {
      const mine = rows.filter((r) => r.authorId === p.id);
      return {
        id: p.id,
        name: p.name,
        skills: p.skills,
        answered: mine.length,
        medianSeconds: median(mine.map((r) => (r.answeredAt.getTime() - r.askedAt.getTime()) / 1000)),
        approved: mine.filter((r) => r.status === 'approved').length,
        sentBack: mine.filter((r) => r.status === 'returned').length,
        waiting: mine.filter((r) => r.status === 'submitted').length,
        posted: mine.filter((r) => postedSet.has(r.answerId)).length,
        reused: reuse.filter((k) => k.expertId === p.id).reduce((n, k) => n + k.uses, 0),
      };
    })
    .sort((a, b) => b.answered - a.answered || a.name.localeCompare(b.name));
}
