import { eq } from 'drizzle-orm';
import { withTransaction } from '../../db/client';
import { brands, topics } from '../../db/schema';
import { NotFoundError, ValidationError } from '../../lib/errors';
import { audit } from '../audit';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';
import { validate } from '../validate';
import { archiveTopicInput, createTopicInput, updateTopicInput } from './topic-input';

/**
 * A topic change reaches the classifier on the next classification: the brand's topic list is
 * keyed by its topics' update times. A brand whose model was trained on its corrections also
 * needs that model retrained with the new examples, so the learning job is nudged.
 */
function changed(ctx: Ctx) {
  ctx.nudge('retrain-models');
}

export async function createTopic(ctx: Ctx, raw: unknown) {
  requireActor(ctx, 'topics.manage');
  const data = validate(createTopicInput, raw);
  const row = await withTransaction(ctx.db, async (tx) => {
    const [brand] = await tx.select({ id: brands.id }).from(brands).where(eq(brands.id, data.brandId));
    if (!brand) throw new NotFoundError('Brand', data.brandId);
    const now = ctx.clock.now();
    // The unique (brand, key) index settles two admins creating the same key at once.
    const [created] = await tx
      .insert(topics)
      .values({
        id: ctx.ids('top'),
        brandId: brand.id,
        key: data.key,
        labelEn: data.labelEn,
        labelFr: data.labelFr,
        examples: data.examples,
        keywords: data.keywords,
        needsSpecialist: data.needsSpecialist,
        skill: data.skill ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!created)
      throw new ValidationError([{ field: 'key', message: 'another topic of this brand has this key' }]);
    await audit(tx, ctx, {
      action: 'topic.created',
      entityType: 'topic',
      entityId: created.id,
      details: { brandId: brand.id, key: created.key },
    });
    return created;
  });
  changed(ctx);
  return row;
}

export async function updateTopic(ctx: Ctx, raw: unknown) {
  requireActor(ctx, 'topics.manage');
  const data = validate(updateTopicInput, raw);
  const row = await withTransaction(ctx.db, async (tx) => {
    const [updated] = await tx
      .update(topics)
      .set({
        labelEn: data.labelEn,
        labelFr: data.labelFr,
        examples: data.examples,
        keywords: data.keywords,
        needsSpecialist: data.needsSpecialist,
        skill: data.skill ?? null,
        updatedAt: ctx.clock.now(),
      })
      .where(eq(topics.id, data.topicId))
      .returning();
    if (!updated) throw new NotFoundError('Topic', data.topicId);
    await audit(tx, ctx, {
      action: 'topic.updated',
      entityType: 'topic',
      entityId: updated.id,
      details: { brandId: updated.brandId, key: updated.key },
    });
    return updated;
  });
  changed(ctx);
  return row;
}

/** Archived, not deleted: past cases and corrections keep naming the key; restoring brings it back. */
export async function archiveTopic(ctx: Ctx, raw: unknown) {
  requireActor(ctx, 'topics.manage');
  const data = validate(archiveTopicInput, raw);
  const row = await withTransaction(ctx.db, async (tx) => {
    const now = ctx.clock.now();
    const [updated] = await tx
      .update(topics)
      .set({ archivedAt: data.archived ? now : null, updatedAt: now })
      .where(eq(topics.id, data.topicId))
      .returning();
    if (!updated) throw new NotFoundError('Topic', data.topicId);
    await audit(tx, ctx, {
      action: data.archived ? 'topic.archived' : 'topic.restored',
      entityType: 'topic',
      entityId: updated.id,
      details: { brandId: updated.brandId, key: updated.key },
    });
    return updated;
  });
  changed(ctx);
  return row;
}
