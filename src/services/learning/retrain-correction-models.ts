import { and, desc, eq } from 'drizzle-orm';
import { type CorrectionTask, encodeCorrectionModel, trainCorrectionModel } from '../../classify';
import { withTransaction } from '../../db/client';
import { brandModels, brands, classificationCorrections, mentions } from '../../db/schema';
import { audit } from '../audit';
import type { Ctx } from '../context';

/** The newest corrections of a kind that a brand's memory keeps: bounded, so the job stays cheap. */
export const MAX_CORRECTIONS = 2000;

const TASKS: CorrectionTask[] = ['sentiment', 'intent'];

/**
 * Learning from advisors' sentiment and intent corrections: a brand whose corrections of a kind
 * changed since its last model gets a new version of its correction model, which the classifier
 * combines with the shipped models (see classify/corrections). Costs a featurisation per
 * correction: milliseconds for hundreds.
 */
export async function retrainCorrectionModels(
  ctx: Ctx,
): Promise<{ brandId: string; task: CorrectionTask; version: string }[]> {
  const trained: { brandId: string; task: CorrectionTask; version: string }[] = [];
  for (const brand of await ctx.db.select({ id: brands.id, slug: brands.slug }).from(brands)) {
    for (const task of TASKS) {
      const corrections = await ctx.db
        .select({
          text: mentions.text,
          label: classificationCorrections.toLabel,
          at: classificationCorrections.createdAt,
        })
        .from(classificationCorrections)
        .innerJoin(mentions, eq(mentions.id, classificationCorrections.mentionId))
        .where(
          and(eq(classificationCorrections.brandId, brand.id), eq(classificationCorrections.field, task)),
        )
        .orderBy(desc(classificationCorrections.createdAt))
        .limit(MAX_CORRECTIONS);
      if (corrections.length === 0) continue;
      const model = trainCorrectionModel(
        task,
        `corr-${task}-${brand.slug}`,
        corrections.map((c) => ({ text: c.text, label: c.label })),
      );
      // The version is the content's hash: unchanged corrections give the same version, nothing to do.
      const [latest] = await ctx.db
        .select({ version: brandModels.version })
        .from(brandModels)
        .where(and(eq(brandModels.brandId, brand.id), eq(brandModels.task, task)))
        .orderBy(desc(brandModels.trainedAt))
        .limit(1);
      if (latest?.version === model.version) continue;
      const stored = await withTransaction(ctx.db, async (tx) => {
        const rows = await tx
          .insert(brandModels)
          .values({
            id: ctx.ids('mdl'),
            brandId: brand.id,
            task,
            version: model.version,
            model: encodeCorrectionModel(model),
            examples: model.entries.length,
            corrections: corrections.length,
            trainedAt: ctx.clock.now(),
          })
          .onConflictDoNothing()
          .returning({ id: brandModels.id });
        if (rows.length === 0) return false;
        await audit(tx, ctx, {
          action: 'model.trained',
          entityType: 'brand',
          entityId: brand.id,
          details: { task, version: model.version, corrections: corrections.length },
        });
        return true;
      });
      if (stored) trained.push({ brandId: brand.id, task, version: model.version });
    }
  }
  return trained;
}
