import { and, asc, desc, eq, ilike, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Db, withTransaction } from '../../db/client';
import { type cases, knowledgeAnswers, mentions } from '../../db/schema';
import { NotFoundError } from '../../lib/errors';
import { audit } from '../audit';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';
import { validate } from '../validate';
import { suggestKnowledge } from './suggest-knowledge';

type CaseRow = typeof cases.$inferSelect;

/**
 * Every approved expert answer becomes a reusable one, in the approval's transaction. The unique
 * source answer makes a retried approval add nothing.
 */
export async function rememberAnswer(
  tx: Db,
  ctx: Ctx,
  c: CaseRow,
  answer: { id: string; authorId: string | null },
  body: string,
) {
  const [first] = await tx
    .select({ text: mentions.text })
    .from(mentions)
    .where(and(eq(mentions.caseId, c.id), eq(mentions.fromBrand, false)))
    .orderBy(asc(mentions.postedAt))
    .limit(1);
  const id = ctx.ids('kno');
  const rows = await tx
    .insert(knowledgeAnswers)
    .values({
      id,
      brandId: c.brandId,
      question: first?.text ?? '',
      answer: body,
      topic: c.topic,
      language: c.language === 'fr' ? 'fr' : 'en',
      sourceCaseId: c.id,
      sourceAnswerId: answer.id,
      expertId: answer.authorId,
    })
    .onConflictDoNothing()
    .returning({ id: knowledgeAnswers.id });
  if (rows[0]) {
    await audit(tx, ctx, {
      action: 'knowledge.added',
      entityType: 'knowledge_answer',
      entityId: id,
      caseId: c.id,
    });
  }
}

export const knowledgeQuery = z.object({
  q: z.string().trim().max(500).optional(),
  language: z.enum(['en', 'fr']).optional(),
  topic: z.string().trim().max(64).optional(),
});

export async function listKnowledge(ctx: Ctx, raw: unknown) {
  requireActor(ctx, 'knowledge.read');
  const d = validate(knowledgeQuery, raw);
  const words = d.q ? `%${d.q.replaceAll('%', '').replaceAll('_', '')}%` : null;
  return ctx.db
    .select()
    .from(knowledgeAnswers)
    .where(
      and(
        d.language ? eq(knowledgeAnswers.language, d.language) : undefined,
        d.topic ? eq(knowledgeAnswers.topic, d.topic) : undefined,
        words
          ? or(ilike(knowledgeAnswers.question, words), ilike(knowledgeAnswers.answer, words))
          : undefined,
      ),
    )
    .orderBy(desc(knowledgeAnswers.uses), desc(knowledgeAnswers.updatedAt))
    .limit(200);
}

export async function getKnowledge(ctx: Ctx, id: string) {
  requireActor(ctx, 'knowledge.read');
  const [row] = await ctx.db.select().from(knowledgeAnswers).where(eq(knowledgeAnswers.id, id));
  if (!row) throw new NotFoundError('Reusable answer', id);
  return row;
}

export const knowledgeEdit = z.object({
  id: z.string().min(1),
  question: z.string().trim().min(1, 'is required').max(4000),
  answer: z.string().trim().min(1, 'is required').max(10_000),
  topic: z.string().trim().max(64).optional(),
});

/** Experts and marketing keep the reusable answers right; every edit is in the audit log. */
export async function updateKnowledge(ctx: Ctx, raw: unknown) {
  const actor = requireActor(ctx, 'knowledge.edit');
  const d = validate(knowledgeEdit, raw);
  return withTransaction(ctx.db, async (tx) => {
    const [row] = await tx
      .update(knowledgeAnswers)
      .set({
        question: d.question,
        answer: d.answer,
        topic: d.topic || null,
        updatedById: actor.id,
        updatedAt: ctx.clock.now(),
      })
      .where(eq(knowledgeAnswers.id, d.id))
      .returning();
    if (!row) throw new NotFoundError('Reusable answer', d.id);
    await audit(tx, ctx, { action: 'knowledge.edited', entityType: 'knowledge_answer', entityId: d.id });
    return row;
  });
}

/** Suggestions for a case: its customer's words against the brand's reusable answers. */
export async function suggestForCase(ctx: Ctx, caseId: string) {
  requireActor(ctx, 'case.reply');
  const c = await ctx.db.query.cases.findFirst({ where: (t, { eq }) => eq(t.id, caseId) });
  if (!c) throw new NotFoundError('Case', caseId);
  const posts = await ctx.db
    .select({ text: mentions.text })
    .from(mentions)
    .where(and(eq(mentions.caseId, caseId), eq(mentions.fromBrand, false)));
  return suggestKnowledge(ctx.db, {
    brandId: c.brandId,
    language: c.language === 'fr' ? 'fr' : 'en',
    text: posts.map((p) => p.text).join('\n'),
    excludeCaseId: caseId,
  });
}

/** Counts a use, for the knowledge page and the reports. */
export async function countUse(tx: Db, id: string) {
  await tx
    .update(knowledgeAnswers)
    .set({ uses: sql`${knowledgeAnswers.uses} + 1` })
    .where(eq(knowledgeAnswers.id, id));
}
