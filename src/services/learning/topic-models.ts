import { and, desc, eq } from 'drizzle-orm';
import { decodeModel, fromBase64, type TopicDef, type TopicModel, topicModelOf } from '../../classify';
import { brandModels, topics } from '../../db/schema';
import type { Ctx } from '../context';

/**
 * Which trained model serves which topic list. The classifier asks it for the list it is given;
 * the services register each brand's list with that brand's latest model, so one brand's topics
 * and corrections never reach another brand's classification.
 */
export interface TopicModelRegistry {
  forList(list: readonly TopicDef[]): TopicModel | null;
  register(list: readonly TopicDef[], version: string, encoded: string): void;
}

export function createTopicModelRegistry(): TopicModelRegistry {
  const byList = new WeakMap<readonly TopicDef[], TopicModel>();
  const byVersion = new Map<string, TopicModel>();
  return {
    forList: (list) => byList.get(list) ?? null,
    register(list, version, encoded) {
      let model = byVersion.get(version);
      if (!model) {
        model = topicModelOf(decodeModel(fromBase64(encoded)));
        byVersion.set(version, model);
      }
      byList.set(list, model);
    },
  };
}

/** The brand's topics as the classifier reads them, tied to the brand's latest trained model. */
export async function brandTopicsFor(ctx: Ctx, brandId: string): Promise<TopicDef[]> {
  const rows = await ctx.db.select().from(topics).where(eq(topics.brandId, brandId));
  const list: TopicDef[] = rows.map((t) => ({
    key: t.key,
    keywords: t.keywords,
    examples: t.examples,
    needsSpecialist: t.needsSpecialist,
    skill: t.skill,
  }));
  const [latest] = await ctx.db
    .select({ version: brandModels.version, model: brandModels.model })
    .from(brandModels)
    .where(and(eq(brandModels.brandId, brandId), eq(brandModels.task, 'topic')))
    .orderBy(desc(brandModels.trainedAt))
    .limit(1);
  if (latest) ctx.topicModels.register(list, latest.version, latest.model);
  return list;
}
