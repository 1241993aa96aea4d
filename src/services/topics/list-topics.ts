import { and, asc, eq, isNull } from 'drizzle-orm';
import { brands, topics } from '../../db/schema';
import { NotFoundError } from '../../lib/errors';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';

export type TopicRow = typeof topics.$inferSelect;

/** A brand's topics for the admin, the archived ones last. */
export async function listTopics(ctx: Ctx, input: { brandId: string; archived?: boolean }) {
  requireActor(ctx, 'topics.manage');
  const [brand] = await ctx.db
    .select({ id: brands.id, name: brands.name, slug: brands.slug })
    .from(brands)
    .where(eq(brands.id, input.brandId));
  if (!brand) throw new NotFoundError('Brand', input.brandId);
  const rows = await ctx.db
    .select()
    .from(topics)
    .where(
      input.archived
        ? eq(topics.brandId, brand.id)
        : and(eq(topics.brandId, brand.id), isNull(topics.archivedAt)),
    )
    .orderBy(asc(topics.archivedAt), asc(topics.key));
  return { brand, topics: rows };
}

export async function getTopic(ctx: Ctx, topicId: string): Promise<TopicRow> {
  requireActor(ctx, 'topics.manage');
  const [row] = await ctx.db.select().from(topics).where(eq(topics.id, topicId));
  if (!row) throw new NotFoundError('Topic', topicId);
  return row;
}
