import { and, asc, eq, isNull } from 'drizzle-orm';
import { classificationCorrections, mentions, topics, users } from '../../db/schema';
import { NotFoundError } from '../../lib/errors';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';

/** What the correction forms of a mention need: the brand's topics and the corrections so far. */
export async function listCorrections(ctx: Ctx, input: { mentionId: string }) {
  requireActor(ctx, 'case.read');
  const [m] = await ctx.db
    .select({ id: mentions.id, brandId: mentions.brandId })
    .from(mentions)
    .where(eq(mentions.id, input.mentionId));
  if (!m) throw new NotFoundError('Mention', input.mentionId);
  const brandTopics = await ctx.db
    .select({ key: topics.key, labelEn: topics.labelEn, labelFr: topics.labelFr })
    .from(topics)
    .where(and(eq(topics.brandId, m.brandId), isNull(topics.archivedAt)))
    .orderBy(asc(topics.key));
  const corrections = await ctx.db
    .select({
      field: classificationCorrections.field,
      from: classificationCorrections.fromLabel,
      to: classificationCorrections.toLabel,
      modelVersion: classificationCorrections.modelVersion,
      at: classificationCorrections.createdAt,
      by: users.name,
    })
    .from(classificationCorrections)
    .leftJoin(users, eq(users.id, classificationCorrections.correctedById))
    .where(eq(classificationCorrections.mentionId, m.id));
  return { topics: brandTopics, corrections };
}
