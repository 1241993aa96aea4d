import { and, count, eq } from 'drizzle-orm';
import { z } from 'zod';
import { withTransaction } from '../../db/client';
import { auditLog, cases, escalations, users } from '../../db/schema';
import { manualRouting } from '../../domain/routing';
import { AppError, NotFoundError } from '../../lib/errors';
import { audit } from '../audit';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';
import { validate } from '../validate';
import { loadCandidates } from './expert-directory';
import { notifyExperts } from './notify-expert';
import { skillNameOf } from './skill-name';

export const rerouteInput = z
  .object({
    escalationId: z.string().min(1),
    /** To this person... */
    expertId: z.string().min(1).optional(),
    /** ...or to this skill's team queue. */
    skill: z.string().trim().toLowerCase().min(1).max(64).optional(),
  })
  .refine((d) => Boolean(d.expertId) !== Boolean(d.skill), {
    message: 'choose either an expert or a team',
    path: ['expertId'],
  });

/** An advisor sends an open question to someone else, or back to a team; the history says why. */
export async function rerouteEscalation(ctx: Ctx, raw: unknown) {
  const actor = requireActor(ctx, 'case.reroute');
  const d = validate(rerouteInput, raw);
  return withTransaction(ctx.db, async (tx) => {
    const [esc] = await tx.select().from(escalations).where(eq(escalations.id, d.escalationId)).for('update');
    if (!esc) throw new NotFoundError('Question', d.escalationId);
    if (esc.status !== 'open') throw new AppError('conflict', 'This question is already answered');
    const [c] = await tx.select({ brandId: cases.brandId }).from(cases).where(eq(cases.id, esc.caseId));
    let skill = esc.skill;
    let text: { reason: string; reasonFr: string };
    if (d.expertId) {
      const target = (await loadCandidates(tx)).find((x) => x.id === d.expertId);
      if (!target) throw new NotFoundError('Expert', d.expertId);
      const [u] = await tx.select({ skills: users.skills }).from(users).where(eq(users.id, d.expertId));
      skill = u?.skills.includes(esc.skill) ? esc.skill : (u?.skills[0] ?? esc.skill);
      const name = c ? await skillNameOf(tx, c.brandId, skill) : undefined;
      text = manualRouting({ kind: 'expert', ...target }, skill, actor.name, name);
    } else {
      skill = d.skill!;
      const name = c ? await skillNameOf(tx, c.brandId, skill) : undefined;
      text = manualRouting({ kind: 'team' }, skill, actor.name, name);
    }
    const now = ctx.clock.now();
    // Conditional on still open: an answer that lands meanwhile wins, the reroute is refused.
    const [row] = await tx
      .update(escalations)
      .set({
        expertId: d.expertId ?? null,
        skill,
        routingReason: text.reason,
        routingReasonFr: text.reasonFr,
        updatedAt: now,
      })
      .where(and(eq(escalations.id, esc.id), eq(escalations.status, 'open')))
      .returning();
    if (!row) throw new AppError('conflict', 'This question is already answered');
    await audit(tx, ctx, {
      action: 'case.rerouted',
      entityType: 'escalation',
      entityId: esc.id,
      caseId: esc.caseId,
      details: {
        from: esc.expertId,
        to: d.expertId ?? null,
        skill,
        reason: text.reason,
        reasonFr: text.reasonFr,
      },
    });
    const [{ n } = { n: 0 }] = await tx
      .select({ n: count() })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, esc.id), eq(auditLog.action, 'case.rerouted')));
    await notifyExperts(tx, ctx, row, n);
    return row;
  });
}
