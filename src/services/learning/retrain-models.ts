import type { Ctx } from '../context';
import { retrainCorrectionModels } from './retrain-correction-models';
import { retrainTopicModels } from './retrain-topic-models';

/** The learning job: each brand's topic model and its sentiment and intent corrections. */
export async function retrainModels(ctx: Ctx) {
  const topics = await retrainTopicModels(ctx);
  const corrections = await retrainCorrectionModels(ctx);
  return [...topics.map((t) => ({ ...t, task: 'topic' as const })), ...corrections];
}
