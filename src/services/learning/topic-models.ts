import { and, desc, eq, isNull } from 'drizzle-orm';
import { decodeModel, fromBase64, type TopicDef, type TopicModel, topicModelOf } from '../../classify';
import { brandModels, topics } from '../../db/schema';
import type { Ctx } from '../context';

/**
 * Which trained model serves which topic list. The classifier asks it for the list it is given;
 * the services hand out one list per brand, tied to that brand's latest model, so one brand's topics
 * and corrections never reach another brand's classification. The same list is reused until the
 * brand's topics or model change, so the classifier's per-list cache holds between polls.
 */
export interface TopicModelRegistry {
  forList(list: readonly TopicDef[]): TopicModel | null;
  /** The cached list for this brand and signature, or null. */
  cachedList(brandId: string, signature: string): TopicDef[] | null;
  remember(brandId: string, signature: string, list: TopicDef[], model: TopicModel | null): void;
  /** A decoded model by version, when this process has seen it. */
  model(version: string): TopicModel | null;
}

export function createTopicModelRegistry(): TopicModelRegistry {
  const byList = new WeakMap<readonly TopicDef[], TopicModel>();
  const byVersion = new Map<string, TopicModel>();
  const byBrand = new Map<string, { signature: string; list: TopicDef[] }>();
  return {
    forList: (list) => byList.get(list) ?? null,
    cachedList: (brandId, signature) => {
      const hit = byBrand.get(brandId);
      return hit && hit.signature === signature ? hit.list : null;
    },
    remember(brandId, signature, list, model) {
      byBrand.set(brandId, { signature, list });
      if (model) {
        byList.set(list, model);
        byVersion.set(model.model.version, model);
      }
    },
    model: (version) => byVersion.get(version) ?? null,
  };
}

/** The brand's topics as the classifier reads them, tied to the brand's latest trained model. */
export async function brandTopicsFor(ctx: Ctx, brandId: string): Promise<TopicDef[]> {
  // Archived topics leave the classifier; their key stays for past cases and corrections.
  const rows = await ctx.db
    .select()
    .from(topics)
    .where(and(eq(topics.brandId, brandId), isNull(topics.archivedAt)));
  // Only the version is read on every poll; the model itself once per process and version.
  const [latest] = await ctx.db
    .select({ id: brandModels.id, version: brandModels.version })
    .from(brandModels)
    .where(and(eq(brandModels.brandId, brandId), eq(brandModels.task, 'topic')))
    .orderBy(desc(brandModels.trainedAt))
    .limit(1);
  const signature = JSON.stringify([latest?.version ?? null, rows.map((t) => [t.id, t.updatedAt.getTime()])]);
  const cached = ctx.topicModels.cachedList(brandId, signature);
  if (cached) return cached;
  const list: TopicDef[] = rows.map((t) => ({
    key: t.key,
    keywords: t.keywords,
    examples: t.examples,
    needsSpecialist: t.needsSpecialist,
    skill: t.skill,
  }));
  let model: TopicModel | null = null;
  if (latest) {
    model = ctx.topicModels.model(latest.version);
    if (!model) {
      const [row] = await ctx.db
        .select({ model: brandModels.model })
        .from(brandModels)
        .where(eq(brandModels.id, latest.id));
      model = topicModelOf(decodeModel(fromBase64(row!.model)));
    }
  }
  ctx.topicModels.remember(brandId, signature, list, model);
  return list;
}
