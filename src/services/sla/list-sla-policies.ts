import { asc, eq, isNull } from 'drizzle-orm';
import { brands, slaPolicies, users } from '../../db/schema';
import { NotFoundError } from '../../lib/errors';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';

export type SlaPolicyRow = typeof slaPolicies.$inferSelect;

/** A brand's SLA policies for the admin, lowest priority threshold first, with the backup's name. */
export async function listSlaPolicies(ctx: Ctx, input: { brandId: string }) {
  requireActor(ctx, 'sla.manage');
  const [brand] = await ctx.db
    .select({ id: brands.id, name: brands.name, slug: brands.slug, timezone: brands.timezone })
    .from(brands)
    .where(eq(brands.id, input.brandId));
  if (!brand) throw new NotFoundError('Brand', input.brandId);
  const rows = await ctx.db
    .select({ policy: slaPolicies, backupName: users.name })
    .from(slaPolicies)
    .leftJoin(users, eq(users.id, slaPolicies.backupUserId))
    .where(eq(slaPolicies.brandId, brand.id))
    .orderBy(asc(slaPolicies.minPriority));
  return { brand, policies: rows.map((r) => ({ ...r.policy, backupName: r.backupName ?? null })) };
}

export async function getSlaPolicy(ctx: Ctx, policyId: string): Promise<SlaPolicyRow> {
  requireActor(ctx, 'sla.manage');
  const [row] = await ctx.db.select().from(slaPolicies).where(eq(slaPolicies.id, policyId));
  if (!row) throw new NotFoundError('SLA policy', policyId);
  return row;
}

/** Who may be a policy's backup: anyone with an active account (an expert or a team lead). */
export async function listBackupCandidates(ctx: Ctx) {
  requireActor(ctx, 'sla.manage');
  return ctx.db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role })
    .from(users)
    .where(isNull(users.disabledAt))
    .orderBy(asc(users.name));
}
