import { and, asc, inArray, isNull } from 'drizzle-orm';
import { brands, topics, users } from '../../db/schema';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';

/** What the inbox's filter and bulk forms offer: brands, their topics, the advisors to assign to. */
export async function inboxOptions(ctx: Ctx) {
  requireActor(ctx, 'inbox.read');
  const [brandRows, topicRows, advisorRows] = await Promise.all([
    ctx.db.select({ id: brands.id, name: brands.name }).from(brands).orderBy(asc(brands.name)),
    ctx.db
      .selectDistinct({ key: topics.key, labelEn: topics.labelEn, labelFr: topics.labelFr })
      .from(topics)
      .orderBy(asc(topics.key)),
    ctx.db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(and(inArray(users.role, ['advisor', 'admin']), isNull(users.disabledAt)))
      .orderBy(asc(users.name)),
  ]);
  // Several brands may share a topic key: one entry per key.
  const topicList = [...new Map(topicRows.map((t) => [t.key, t])).values()];
  return { brands: brandRows, topics: topicList, advisors: advisorRows };
}
