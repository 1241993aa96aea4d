import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { type Db, withTransaction } from '../../db/client';
import { brandGuidelines, brands } from '../../db/schema';
import { type Guidelines, noGuidelines } from '../../domain/guidelines';
import { NotFoundError } from '../../lib/errors';
import { audit } from '../audit';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';
import { validate } from '../validate';
import { requireApprover } from './approvers';

export async function guidelinesOf(db: Db, brandId: string): Promise<Guidelines> {
  const [g] = await db.select().from(brandGuidelines).where(eq(brandGuidelines.brandId, brandId));
  return g
    ? {
        toneNotes: g.toneNotes,
        forbiddenWords: g.forbiddenWords,
        maxLength: g.maxLength,
        signWithExpert: g.signWithExpert,
      }
    : noGuidelines;
}

/** What the brand's approvers read: advisors, admins and the brand's designated approvers. */
export async function getGuidelines(ctx: Ctx, brandId: string) {
  await requireApprover(ctx.db, ctx, brandId);
  return guidelinesOf(ctx.db, brandId);
}

export const guidelinesInput = z.object({
  brandId: z.string().min(1),
  toneNotes: z.string().trim().max(4000).default(''),
  forbiddenWords: z.array(z.string().trim().min(1).max(100)).max(200).default([]),
  maxLength: z.coerce.number().int().min(1).max(10_000).nullable().default(null),
  signWithExpert: z.coerce.boolean().default(false),
});

/** Admins set each brand's editorial rules; approvers read them on every review. */
export async function updateGuidelines(ctx: Ctx, raw: unknown) {
  requireActor(ctx, 'guidelines.manage');
  const d = validate(guidelinesInput, raw);
  return withTransaction(ctx.db, async (tx) => {
    const [brand] = await tx.select({ id: brands.id }).from(brands).where(eq(brands.id, d.brandId));
    if (!brand) throw new NotFoundError('Brand', d.brandId);
    const values = {
      toneNotes: d.toneNotes,
      forbiddenWords: [...new Set(d.forbiddenWords)],
      maxLength: d.maxLength,
      signWithExpert: d.signWithExpert,
      updatedAt: ctx.clock.now(),
    };
    await tx
      .insert(brandGuidelines)
      .values({ brandId: d.brandId, ...values })
      .onConflictDoUpdate({ target: brandGuidelines.brandId, set: values });
    await audit(tx, ctx, {
      action: 'guidelines.updated',
      entityType: 'brand',
      entityId: d.brandId,
      details: {
        forbiddenWords: values.forbiddenWords.length,
        maxLength: d.maxLength,
        signWithExpert: d.signWithExpert,
      },
    });
    return { brandId: d.brandId, ...values };
  });
}
