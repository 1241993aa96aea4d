import { and, desc, eq, isNull } from 'drizzle-orm';
import {
  type BrandCorrections,
  type CorrectionModel,
  correctionModelOf,
  decodeCorrectionModel,
  decodeModel,
  fromBase64,
  type TopicDef,
  type TopicModel,
  topicModelOf,
} from '../../classify';
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
  remember(
    brandId: string,
    signature: string,
    list: TopicDef[],
    model: TopicModel | null,
    corrections?: BrandCorrections | null,
  ): void;
  /** A decoded model by version, when this process has seen it. */
  model(version: string): TopicModel | null;
  /** The brand's sentiment and intent corrections for the list handed out for it. */
  correctionsFor(list: readonly TopicDef[]): BrandCorrections | null;
  /** A decoded correction model by version, when this process has seen it. */
  correctionModel(version: string): CorrectionModel | null;
}

export function createTopicModelRegistry(): TopicModelRegistry {
  const byList = new WeakMap<readonly TopicDef[], TopicModel>();
  const byVersion = new Map<string, TopicModel>();
  const byBrand = new Map<string, { signature: string; list: TopicDef[] }>();
  const correctionsByList = new WeakMap<readonly TopicDef[], BrandCorrections>();
  const correctionsByVersion = new Map<string, CorrectionModel>();
  return {
    forList: (list) => byList.get(list) ?? null,
    cachedList: (brandId, signature) => {
      const hit = byBrand.get(brandId);
      return hit && hit.signature === signature ? hit.list : null;
    },
    remember(brandId, signature, list, model, corrections) {
      byBrand.set(brandId, { signature, list });
      if (corrections) {
        correctionsByList.set(list, corrections);
        for (const c of [corrections.sentiment, corrections.intent])
          if (c) correctionsByVersion.set(c.version, c);
      }
      if (model) {
        byList.set(list, model);
        byVersion.set(model.model.version, model);
      }
    },
    model: (version) => byVersion.get(version) ?? null,
    correctionsFor: (list) => correctionsByList.get(list) ?? null,
    correctionModel: (version) => correctionsByVersion.get(version) ?? null,
  };
}

/** The brand's topics as the classifier reads them, tied to the brand's latest trained model. */
export async function brandTopicsFor(ctx: Ctx, brandId: string): Promise<TopicDef[]> {
  // Archived topics leave the classifier; their key stays for past cases and corrections.
  const rows = await ctx.db
    .select()
    .from(topics)
    .where(and(eq(topics.brandId, brandId), isNull(topics.archivedAt)));
  // Only the versions are read on every poll; the models themselves once per process and version.
  const latest = await latestModel(ctx, brandId, 'topic');
  const sentiment = await latestModel(ctx, brandId, 'sentiment');
  const intent = await latestModel(ctx, brandId, 'intent');
  const signature = JSON.stringify([
    latest?.version ?? null,
    sentiment?.version ?? null,
    intent?.version ?? null,
    rows.map((t) => [t.id, t.updatedAt.getTime()]),
  ]);
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
  const corrections: BrandCorrections = {};
  const sentimentModel = sentiment && (await correctionModel(ctx, sentiment));
  if (sentimentModel) corrections.sentiment = sentimentModel;
  const intentModel = intent && (await correctionModel(ctx, intent));
  if (intentModel) corrections.intent = intentModel;
  ctx.topicModels.remember(
    brandId,
    signature,
    list,
    model,
    sentimentModel || intentModel ? corrections : null,
  );
  return list;
}

async function latestModel(ctx: Ctx, brandId: string, task: 'topic' | 'sentiment' | 'intent') {
  const [row] = await ctx.db
    .select({ id: brandModels.id, version: brandModels.version })
    .from(brandModels)
    .where(and(eq(brandModels.brandId, brandId), eq(brandModels.task, task)))
    .orderBy(desc(brandModels.trainedAt))
    .limit(1);
  return row ?? null;
}

async function correctionModel(ctx: Ctx, row: { id: string; version: string }): Promise<CorrectionModel> {
  const known = ctx.topicModels.correctionModel(row.version);
  if (known) return known;
  const [stored] = await ctx.db
    .select({ model: brandModels.model })
    .from(brandModels)
    .where(eq(brandModels.id, row.id));
  return correctionModelOf(decodeCorrectionModel(stored!.model));
}
