import { brands } from '../../db/schema';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';

/** The brands an admin can attach accounts and listeners to. */
export async function listBrands(ctx: Ctx) {
  requireActor(ctx, 'connections.manage');
  return ctx.db
    .select({ id: brands.id, name: brands.name, slug: brands.slug, timezone: brands.timezone })
    .from(brands)
    .orderBy(brands.name);
}
