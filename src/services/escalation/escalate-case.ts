import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { withTransaction } from '../../db/client';
import { escalations, topics } from '../../db/schema';
import { routeQuestion } from '../../domain/routing';
import { audit } from '../audit';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';
import { applySlaTargets } from '../inbox/sla-targets';
import { freeOrHeldBy, transitionCase } from '../inbox/transition';
import { validate } from '../validate';
import { loadCandidates } from './expert-directory';
import { notifyExperts } from './notify-expert';
import { skillNameOf } from './skill-name';

export const escalateInput = z.object({
  caseId: z.string().min(1),
  /** Skill to route to; defaults to the skill of the case's topic. */
  skill: z.string().trim().min(1).max(64).optional(),
  note: z.string().trim().max(4000).optional(),
});

export async function escalateCase(ctx: Ctx, raw: unknown) {
  const actor = requireActor(ctx, 'case.escalate');
  const data = validate(escalateInput, raw);
  return withTransaction(ctx.db, async (tx) => {
    const c = await transitionCase(
      tx,
      ctx,
      data.caseId,
      'escalate',
      { assigneeId: actor.id },
      freeOrHeldBy(actor.id),
    );
    const [topic] = c.topic
      ? await tx
          .select()
          .from(topics)
          .where(and(eq(topics.brandId, c.brandId), eq(topics.key, c.topic)))
      : [];
    const skill = data.skill ?? topic?.skill ?? 'general';
    const language = c.language === 'fr' ? 'fr' : 'en';
    const decision = routeQuestion(
      skill,
      language,
      await loadCandidates(tx),
      ctx.clock.now(),
      await skillNameOf(tx, c.brandId, skill),
    );
    await applySlaTargets(tx, c.id, ctx.clock.now(), 'escalated');
    const id = ctx.ids('esc');
    const [row] = await tx
      .insert(escalations)
      .values({
        id,
        caseId: c.id,
        skill,
        language,
        expertId: decision.expertId,
        note: data.note ?? null,
        routingReason: decision.reason,
        routingReasonFr: decision.reasonFr,
        createdById: actor.id,
      })
      .returning();
    await audit(tx, ctx, {
      action: 'case.escalated',
      entityType: 'escalation',
      entityId: id,
      caseId: c.id,
      details: {
        skill,
        language,
        expertId: decision.expertId,
        reason: decision.reason,
        reasonFr: decision.reasonFr,
        explanation: decision.explanation,
      },
    });
    await notifyExperts(tx, ctx, row!);
    return row!;
  });
}
