import { z } from 'zod';
import { priorityOf } from '../../classify';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';
import { brandTopicsFor } from '../learning/topic-models';
import { validate } from '../validate';

export const classifyInput = z
  .object({
    text: z.string().max(100_000).optional(),
    texts: z.array(z.string().max(100_000)).max(1000).optional(),
    /** Classify with this brand's topics; without it, topic is always `unsure`. */
    brandId: z.string().optional(),
    languageHint: z.string().max(8).optional(),
  })
  .refine((v) => (v.text === undefined) !== (v.texts === undefined), {
    message: 'send either `text` or `texts`',
    path: ['text'],
  });

/** The classifier as a service: the same code the listening job uses, for one text or a batch. */
export async function classifyTexts(ctx: Ctx, raw: unknown) {
  requireActor(ctx, 'classify.run');
  const data = validate(classifyInput, raw);
  const brandTopics = data.brandId ? await brandTopicsFor(ctx, data.brandId) : [];
  const one = (text: string) => {
    const c = ctx.classifier.classify({ text, languageHint: data.languageHint ?? null, topics: brandTopics });
    const priority = priorityOf({
      sentiment: c.sentiment,
      intent: c.intent,
      followers: null,
      waitingMinutes: 0,
      needsSpecialist: c.needsSpecialist,
    });
    return { ...c, priority };
  };
  return data.text !== undefined ? one(data.text) : (data.texts ?? []).map(one);
}
