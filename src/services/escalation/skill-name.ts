import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { topics } from '../../db/schema';
import type { SkillName } from '../../domain/routing';

/**
 * How the brand names a skill: the display names of its topic with that skill (the topic whose key
 * is the skill first, as in the demo's billing/billing). Undefined when no topic has the skill, so
 * the sentence falls back to the key rather than inventing a name.
 */
export async function skillNameOf(tx: Db, brandId: string, skill: string): Promise<SkillName | undefined> {
  const [t] = await tx
    .select({ en: topics.labelEn, fr: topics.labelFr })
    .from(topics)
    .where(and(eq(topics.brandId, brandId), eq(topics.skill, skill)))
    .orderBy(sql`${topics.key} <> ${skill}`, asc(topics.archivedAt), asc(topics.key))
    .limit(1);
  return t;
}
