import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { knowledgeAnswers } from '../../db/schema';
import { rankBySimilarity } from '../../domain/similarity';

/** Below this, a "suggestion" is noise: better no suggestion than a wrong one. */
export const MIN_SCORE = 0.12;

/** The closest reusable answers of the brand, in the question's language. */
export async function suggestKnowledge(
  db: Db,
  q: { brandId: string; language: string; text: string; limit?: number; excludeCaseId?: string },
) {
  const rows = await db
    .select()
    .from(knowledgeAnswers)
    .where(and(eq(knowledgeAnswers.brandId, q.brandId), eq(knowledgeAnswers.language, q.language)))
    .orderBy(desc(knowledgeAnswers.updatedAt))
    .limit(2000);
  const candidates = rows.filter((r) => r.sourceCaseId !== q.excludeCaseId);
  return rankBySimilarity(q.text, candidates, (r) => `${r.question}\n${r.question}\n${r.answer}`)
    .filter((r) => r.score >= MIN_SCORE)
    .slice(0, q.limit ?? 3)
    .map((r) => ({ ...r.doc, score: Math.round(r.score * 100) / 100 }));
}
