import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { withTransaction } from '../../db/client';
import { savedViews } from '../../db/schema';
import { ConflictError, NotFoundError } from '../../lib/errors';
import { audit } from '../audit';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';
import { validate } from '../validate';
import { filtersToQuery, readFilters } from './case-filters';
import { countCases } from './list-cases';

export const saveViewInput = z.object({
  name: z.string().trim().min(1, 'give the view a name').max(60),
  filters: z.record(z.string(), z.string()),
});

/** Saves the current filters under a name, for this person only; a second view of that name is refused. */
export async function saveView(ctx: Ctx, raw: unknown) {
  const actor = requireActor(ctx, 'inbox.read');
  const data = validate(saveViewInput, raw);
  const filters = filtersToQuery(readFilters(data.filters).filters);
  return withTransaction(ctx.db, async (tx) => {
    const id = ctx.ids('view');
    // The unique (user, name) settles two saves at once: one wins, the other is told.
    const [row] = await tx
      .insert(savedViews)
      .values({ id, userId: actor.id, name: data.name, filters, createdAt: ctx.clock.now() })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new ConflictError('You already have a view with this name');
    await audit(tx, ctx, {
      action: 'view.saved',
      entityType: 'saved_view',
      entityId: id,
      details: { filters },
    });
    return row;
  });
}

export async function deleteView(ctx: Ctx, raw: unknown) {
  const actor = requireActor(ctx, 'inbox.read');
  const { id } = validate(z.object({ id: z.string().min(1) }), raw);
  return withTransaction(ctx.db, async (tx) => {
    const [row] = await tx
      .delete(savedViews)
      .where(and(eq(savedViews.id, id), eq(savedViews.userId, actor.id)))
      .returning();
    if (!row) throw new NotFoundError('Saved view', id);
    await audit(tx, ctx, { action: 'view.deleted', entityType: 'saved_view', entityId: id });
    return row;
  });
}

/** The person's views with how many cases each matches now. */
export async function listViews(ctx: Ctx) {
  const actor = requireActor(ctx, 'inbox.read');
  const rows = await ctx.db
    .select()
    .from(savedViews)
    .where(eq(savedViews.userId, actor.id))
    .orderBy(asc(savedViews.name));
  return Promise.all(
    rows.map(async (r) => ({
      ...r,
      count: await countCases(ctx, readFilters(r.filters).filters),
      query: new URLSearchParams(r.filters).toString(),
    })),
  );
}
