import { and, desc, eq, max } from 'drizzle-orm';
import { encodeModel, toBase64, topicExamplesFrom, trainTopicModel } from '../../classify';
import { withTransaction } from '../../db/client';
import { brandModels, brands, classificationCorrections, mentions } from '../../db/schema';
import { audit } from '../audit';
import type { Ctx } from '../context';
import { brandTopicsFor } from './topic-models';

const CORRECTION_WEIGHT = 4;

/**
 * Learning from advisors: a brand whose topic corrections are newer than its model gets a new
 * model version, trained on its topics' examples and keywords plus the corrected mentions; so
 * does a brand whose topics an admin edited since its model was trained.
 */
export async function retrainTopicModels(ctx: Ctx): Promise<{ brandId: string; version: string }[]> {
  const trained: { brandId: string; version: string }[] = [];
  for (const brand of await ctx.db.select({ id: brands.id, slug: brands.slug }).from(brands)) {
    const corrections = await ctx.db
      .select({
        text: mentions.text,
        topic: classificationCorrections.toLabel,
        at: classificationCorrections.createdAt,
      })
      .from(classificationCorrections)
      .innerJoin(mentions, eq(mentions.id, classificationCorrections.mentionId))
      .where(
        and(eq(classificationCorrections.brandId, brand.id), eq(classificationCorrections.field, 'topic')),
      );
    if (corrections.length === 0) continue;
    const [latest] = await ctx.db
      .select({
        trainedAt: brandModels.trainedAt,
        corrections: brandModels.corrections,
        metrics: brandModels.metrics,
      })
      .from(brandModels)
      .where(and(eq(brandModels.brandId, brand.id), eq(brandModels.task, 'topic')))
      .orderBy(desc(brandModels.trainedAt))
      .limit(1);
    const [newest] = await ctx.db
      .select({ at: max(classificationCorrections.createdAt) })
      .from(classificationCorrections)
      .where(
        and(eq(classificationCorrections.brandId, brand.id), eq(classificationCorrections.field, 'topic')),
      );
    // An admin's edit of the topics (examples, keywords, an archived topic) also outdates the
    // model: the model remembers what its topics said, compared by content (not by clocks).
    const topicList = await brandTopicsFor(ctx, brand.id);
    const topicsSignature = JSON.stringify(topicList.map((t) => [t.key, t.examples, t.keywords]));
    const trainedOn = (latest?.metrics as { topics?: string } | undefined)?.topics;
    const upToDate =
      latest &&
      newest?.at &&
      latest.trainedAt >= newest.at &&
      (trainedOn === undefined || trainedOn === topicsSignature) &&
      latest.corrections === corrections.length;
    if (upToDate) continue;
    // An advisor's correction is the brand's own ground truth: it outweighs a generic example phrase.
    const examples = [
      ...topicExamplesFrom(topicList),
      ...corrections.map((c) => ({ text: c.text, topic: c.topic, weight: CORRECTION_WEIGHT })),
    ];
    const model = trainTopicModel(examples, { name: `topic-${brand.slug}` });
    const version = model.model.version;
    await withTransaction(ctx.db, async (tx) => {
      await tx
        .insert(brandModels)
        .values({
          id: ctx.ids('mdl'),
          brandId: brand.id,
          task: 'topic',
          version,
          model: toBase64(encodeModel(model.model)),
          examples: examples.length,
          corrections: corrections.length,
          metrics: { topics: topicsSignature },
          trainedAt: ctx.clock.now(),
        })
        .onConflictDoNothing();
      await audit(tx, ctx, {
        action: 'model.trained',
        entityType: 'brand',
        entityId: brand.id,
        details: { task: 'topic', version, examples: examples.length, corrections: corrections.length },
      });
    });
    trained.push({ brandId: brand.id, version });
  }
  return trained;
}
