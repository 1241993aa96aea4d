import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { withTransaction } from '../../db/client';
import { cases, classificationCorrections, correctableFields, mentions, topics } from '../../db/schema';
import { NotFoundError, ValidationError } from '../../lib/errors';
import { audit } from '../audit';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';
import { validate } from '../validate';

const labels: Record<(typeof correctableFields)[number], readonly string[] | null> = {
  language: ['en', 'fr', 'other'],
  sentiment: ['negative', 'neutral', 'positive'],
  intent: ['question', 'complaint', 'praise', 'other', 'spam'],
  topic: null, // the brand's own topics, checked below
};

export const correctionInput = z.object({
  mentionId: z.string().min(1),
  field: z.enum(correctableFields),
  label: z.string().trim().min(1).max(64),
});

/**
 * One click in the inbox: the advisor says what the label should have been. The correction is
 * kept for learning (with the model version it corrects) and the case shows the new label at once.
 */
export async function correctClassification(ctx: Ctx, raw: unknown) {
  const actor = requireActor(ctx, 'case.reply');
  const data = validate(correctionInput, raw);
  return withTransaction(ctx.db, async (tx) => {
    const [m] = await tx.select().from(mentions).where(eq(mentions.id, data.mentionId));
    if (!m) throw new NotFoundError('Mention', data.mentionId);
    const brandTopics = await tx
      .select()
      .from(topics)
      .where(and(eq(topics.brandId, m.brandId), isNull(topics.archivedAt)));
    const allowed = labels[data.field] ?? [...brandTopics.map((t) => t.key), 'none'];
    if (!allowed.includes(data.label)) {
      throw new ValidationError([{ field: 'label', message: `must be one of ${allowed.join(', ')}` }]);
    }
    const latest = m.classification;
    if (!latest) throw new NotFoundError('Classification of mention', m.id);
    const from = String(latest[data.field]);
    await tx
      .insert(classificationCorrections)
      .values({
        id: ctx.ids('cor'),
        brandId: m.brandId,
        mentionId: m.id,
        field: data.field,
        fromLabel: from,
        toLabel: data.label,
        modelVersion: latest.modelVersion,
        correctedById: actor.id,
        createdAt: ctx.clock.now(),
      })
      .onConflictDoUpdate({
        target: [classificationCorrections.mentionId, classificationCorrections.field],
        set: { toLabel: data.label, correctedById: actor.id, createdAt: ctx.clock.now() },
      });
    // The mention row carries the labels reports read: the correction shows there at once too.
    await tx
      .update(mentions)
      .set({ [data.field]: data.label })
      .where(eq(mentions.id, m.id));
    if (m.caseId) {
      const set =
        data.field === 'topic'
          ? {
              topic: data.label,
              // The topic decides who answers: a corrected topic corrects the routing too.
              needsSpecialist: brandTopics.find((t) => t.key === data.label)?.needsSpecialist
                ? ('yes' as const)
                : ('no' as const),
            }
          : data.field === 'intent'
            ? { intent: data.label }
            : data.field === 'sentiment'
              ? { sentiment: data.label }
              : { language: data.label };
      await tx
        .update(cases)
        .set({ ...set, updatedAt: ctx.clock.now() })
        .where(eq(cases.id, m.caseId));
    }
    await audit(tx, ctx, {
      action: 'classification.corrected',
      entityType: 'mention',
      entityId: m.id,
      caseId: m.caseId,
      details: { field: data.field, from, to: data.label, modelVersion: latest.modelVersion },
    });
    return { mentionId: m.id, field: data.field, from, to: data.label };
  });
}
