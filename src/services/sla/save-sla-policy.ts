import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { withTransaction } from '../../db/client';
import { brands, slaPolicies, users } from '../../db/schema';
import { NotFoundError, ValidationError } from '../../lib/errors';
import { audit } from '../audit';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';
import { validate } from '../validate';
import { createSlaPolicyInput, updateSlaPolicyInput } from './sla-policy-input';

const PRIORITY_TAKEN = 'this brand already has a policy from this priority';

/** A backup must be someone who can still sign in: a disabled account would leave cases stranded. */
async function checkBackup(tx: Db, backupUserId: string | null): Promise<void> {
  if (!backupUserId) return;
  const [user] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, backupUserId), isNull(users.disabledAt)));
  if (!user) throw new ValidationError([{ field: 'backupUserId', message: 'choose a user from the list' }]);
}

/**
 * New targets apply to cases opened from now on; open cases keep the due times they were given, so
 * a change never makes an open case late after the fact.
 */
export async function createSlaPolicy(ctx: Ctx, raw: unknown) {
  requireActor(ctx, 'sla.manage');
  const { brandId, ...data } = validate(createSlaPolicyInput, raw);
  return withTransaction(ctx.db, async (tx) => {
    const [brand] = await tx.select({ id: brands.id }).from(brands).where(eq(brands.id, brandId));
    if (!brand) throw new NotFoundError('Brand', brandId);
    await checkBackup(tx, data.backupUserId);
    const now = ctx.clock.now();
    // The unique (brand, priority) index settles two admins adding the same threshold at once.
    const [created] = await tx
      .insert(slaPolicies)
      .values({ id: ctx.ids('sla'), brandId: brand.id, ...data, createdAt: now, updatedAt: now })
      .onConflictDoNothing()
      .returning();
    if (!created) throw new ValidationError([{ field: 'minPriority', message: PRIORITY_TAKEN }]);
    await audit(tx, ctx, {
      action: 'sla_policy.created',
      entityType: 'sla_policy',
      entityId: created.id,
      details: { brandId: brand.id, ...data },
    });
    return created;
  });
}

export async function updateSlaPolicy(ctx: Ctx, raw: unknown) {
  requireActor(ctx, 'sla.manage');
  const { policyId, ...data } = validate(updateSlaPolicyInput, raw);
  return withTransaction(ctx.db, async (tx) => {
    const [current] = await tx.select().from(slaPolicies).where(eq(slaPolicies.id, policyId));
    if (!current) throw new NotFoundError('SLA policy', policyId);
    await checkBackup(tx, data.backupUserId);
    const [taken] = await tx
      .select({ id: slaPolicies.id })
      .from(slaPolicies)
      .where(and(eq(slaPolicies.brandId, current.brandId), eq(slaPolicies.minPriority, data.minPriority)));
    // A friendly refusal; the unique index still settles a race with another admin.
    if (taken && taken.id !== policyId) {
      throw new ValidationError([{ field: 'minPriority', message: PRIORITY_TAKEN }]);
    }
    const [updated] = await tx
      .update(slaPolicies)
      .set({ ...data, updatedAt: ctx.clock.now() })
      .where(eq(slaPolicies.id, policyId))
      .returning();
    if (!updated) throw new NotFoundError('SLA policy', policyId);
    await audit(tx, ctx, {
      action: 'sla_policy.updated',
      entityType: 'sla_policy',
      entityId: updated.id,
      details: { brandId: updated.brandId, ...data },
    });
    return updated;
  });
}

/** Deleted for good: open cases keep their due times; new cases fall to the next lower threshold. */
export async function deleteSlaPolicy(ctx: Ctx, input: { policyId: string }) {
  requireActor(ctx, 'sla.manage');
  return withTransaction(ctx.db, async (tx) => {
    const [deleted] = await tx.delete(slaPolicies).where(eq(slaPolicies.id, input.policyId)).returning();
    if (!deleted) throw new NotFoundError('SLA policy', input.policyId);
    await audit(tx, ctx, {
      action: 'sla_policy.deleted',
      entityType: 'sla_policy',
      entityId: deleted.id,
      details: { brandId: deleted.brandId, minPriority: deleted.minPriority },
    });
    return deleted;
  });
}
