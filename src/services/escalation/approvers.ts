import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { type Db, withTransaction } from '../../db/client';
import { authors, brandApprovers, brands, cases, expertAnswers, users } from '../../db/schema';
import { can } from '../../domain/permissions';
import { AppError, ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors';
import { audit } from '../audit';
import { requireActor } from '../authorize';
import type { Actor, Ctx } from '../context';
import { notify } from '../notifications/notify';
import { validate } from '../validate';

/** Whether this person is on the brand's list of designated approvers. */
export async function isDesignatedApprover(db: Db, userId: string, brandId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: brandApprovers.userId })
    .from(brandApprovers)
    .where(and(eq(brandApprovers.brandId, brandId), eq(brandApprovers.userId, userId)));
  return Boolean(row);
}

/**
 * Advisors and admins approve every brand's drafts; an expert only those of the brands an admin
 * designated them for. Marketing never: approving sends the brand's public reply.
 */
export async function mayApprove(db: Db, actor: Actor | null | undefined, brandId: string): Promise<boolean> {
  if (!actor) return false;
  if (can(actor.role, 'case.approve')) return true;
  return actor.role === 'expert' && isDesignatedApprover(db, actor.id, brandId);
}

/** The approval verbs' gate, once the case's brand is known. */
export async function requireApprover(db: Db, ctx: Ctx, brandId: string): Promise<Actor> {
  const actor = ctx.actor;
  if (!actor) throw new AppError('unauthorized', 'Sign in first');
  if (!(await mayApprove(db, actor, brandId))) {
    throw new ForbiddenError(
      `A ${actor.role} who is not a designated approver of this brand may not do this`,
    );
  }
  return actor;
}

/** Each brand with its designated approvers, and the experts an admin may pick from. */
export async function listApprovers(ctx: Ctx) {
  requireActor(ctx, 'guidelines.manage');
  const rows = await ctx.db
    .select({ brandId: brandApprovers.brandId, userId: brandApprovers.userId })
    .from(brandApprovers);
  const experts = await ctx.db
    .select({ id: users.id, name: users.name, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.role, 'expert'))
    .orderBy(asc(users.name));
  const byBrand = new Map<string, string[]>();
  for (const r of rows) byBrand.set(r.brandId, [...(byBrand.get(r.brandId) ?? []), r.userId]);
  return { byBrand, experts: experts.filter((e) => !e.disabledAt) };
}

/** One brand's designated approvers, for the API. */
export async function getApprovers(ctx: Ctx, brandId: string) {
  requireActor(ctx, 'guidelines.manage');
  const [brand] = await ctx.db.select({ id: brands.id }).from(brands).where(eq(brands.id, brandId));
  if (!brand) throw new NotFoundError('Brand', brandId);
  const rows = await ctx.db
    .select({ id: users.id, name: users.name })
    .from(brandApprovers)
    .innerJoin(users, eq(users.id, brandApprovers.userId))
    .where(eq(brandApprovers.brandId, brandId))
    .orderBy(asc(users.name));
  return { brandId, approvers: rows };
}

export const approversInput = z.object({
  brandId: z.string().min(1),
  userIds: z.array(z.string().min(1)).max(200).default([]),
});

/** An admin replaces a brand's list of designated approvers; only experts may be on it. */
export async function setApprovers(ctx: Ctx, raw: unknown) {
  requireActor(ctx, 'guidelines.manage');
  const d = validate(approversInput, raw);
  const userIds = [...new Set(d.userIds)];
  return withTransaction(ctx.db, async (tx) => {
    const [brand] = await tx.select({ id: brands.id }).from(brands).where(eq(brands.id, d.brandId));
    if (!brand) throw new NotFoundError('Brand', d.brandId);
    const people = userIds.length
      ? await tx
          .select({ id: users.id, name: users.name, role: users.role })
          .from(users)
          .where(inArray(users.id, userIds))
      : [];
    const refused = userIds.filter((id) => people.find((p) => p.id === id)?.role !== 'expert');
    if (refused.length > 0) {
      throw new ValidationError([
        {
          field: 'userIds',
          message:
            'only experts can be designated approvers: advisors already approve, marketing does not reply',
        },
      ]);
    }
    await tx.delete(brandApprovers).where(eq(brandApprovers.brandId, d.brandId));
    if (userIds.length > 0) {
      await tx.insert(brandApprovers).values(userIds.map((userId) => ({ brandId: d.brandId, userId })));
    }
    await audit(tx, ctx, {
      action: 'approvers.updated',
      entityType: 'brand',
      entityId: d.brandId,
      details: { userIds },
    });
    return { brandId: d.brandId, userIds };
  });
}

/** Drafts waiting for approval on the brands this expert was designated for, newest first. */
export async function listApprovalQueue(ctx: Ctx) {
  const actor = requireActor(ctx, 'expert.queue');
  const mine = await ctx.db
    .select({ brandId: brandApprovers.brandId })
    .from(brandApprovers)
    .where(eq(brandApprovers.userId, actor.id));
  if (mine.length === 0) return [];
  const rows = await ctx.db
    .select({
      caseId: cases.id,
      network: cases.network,
      brand: brands.name,
      author: authors.handle,
      answerId: expertAnswers.id,
      body: expertAnswers.body,
      submittedAt: expertAnswers.createdAt,
    })
    .from(expertAnswers)
    .innerJoin(cases, eq(cases.id, expertAnswers.caseId))
    .innerJoin(brands, eq(brands.id, cases.brandId))
    .innerJoin(authors, eq(authors.id, cases.authorId))
    .where(
      and(
        eq(expertAnswers.status, 'submitted'),
        eq(cases.status, 'awaiting_approval'),
        inArray(
          cases.brandId,
          mine.map((m) => m.brandId),
        ),
      ),
    )
    .orderBy(desc(expertAnswers.createdAt))
    .limit(100);
  return rows;
}

/**
 * Tells each of the brand's designated approvers, in their language, that an expert's draft waits
 * for them: the experts' channels carry it, and e-mail goes to that approver alone. The author of
 * the draft is not told about their own answer. Brands without designated approvers leave the
 * draft to the advisors' inbox, where it already shows.
 */
export async function notifyApprovers(
  tx: Db,
  ctx: Ctx,
  draft: { id: string; caseId: string; body: string; authorId: string | null },
): Promise<number> {
  const [c] = await tx
    .select({ brandId: cases.brandId, handle: authors.handle })
    .from(cases)
    .innerJoin(authors, eq(authors.id, cases.authorId))
    .where(eq(cases.id, draft.caseId));
  if (!c) return 0;
  const approvers = await tx
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      locale: users.locale,
      disabledAt: users.disabledAt,
    })
    .from(brandApprovers)
    .innerJoin(users, eq(users.id, brandApprovers.userId))
    .where(eq(brandApprovers.brandId, c.brandId));
  let queued = 0;
  for (const a of approvers) {
    if (a.disabledAt || a.id === draft.authorId) continue;
    const fr = a.locale === 'fr';
    queued += await notify(tx, ctx, 'experts', {
      dedupeKey: `approval:${draft.id}:${a.id}`,
      // Named: a shared channel shows one message per approver.
      subject: fr
        ? `${a.name} : une réponse pour @${c.handle} attend votre validation`
        : `${a.name}: a draft answer for @${c.handle} waits for your approval`,
      body: [
        `« ${draft.body.slice(0, 600)} »`,
        fr
          ? 'Validez-la, modifiez-la ou renvoyez-la depuis le dossier : rien n’est public avant.'
          : 'Approve, edit or send it back from the case: nothing is public until then.',
      ].join('\n'),
      link: `${ctx.publicUrl}/cases/${encodeURIComponent(draft.caseId)}`,
      payload: {
        event: 'answer.awaiting_approval',
        caseId: draft.caseId,
        answerId: draft.id,
        approverId: a.id,
        recipient: a.email,
      },
    });
  }
  return queued;
}
