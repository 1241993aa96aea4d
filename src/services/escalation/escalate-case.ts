import { and, count, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { withTransaction } from '../../db/client';
import { escalations, topics, users } from '../../db/schema';
import { routeQuestion } from '../../domain/routing';
import { audit } from '../audit';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';
import { applySlaTargets } from '../inbox/sla-targets';
import { freeOrHeldBy, transitionCase } from '../inbox/transition';
import { validate } from '../validate';

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
    const experts = await tx
      .select({ id: users.id, name: users.name, skills: users.skills, languages: users.languages })
      .from(users)
      .where(and(eq(users.role, 'expert'), isNull(users.disabledAt)));
    const load = await tx
      .select({ expertId: escalations.expertId, open: count() })
      .from(escalations)
      .where(eq(escalations.status, 'open'))
      .groupBy(escalations.expertId);
    const openBy = new Map(load.map((l) => [l.expertId, Number(l.open)]));
    const decision = routeQuestion(
      skill,
      language,
      experts.map((e) => ({ ...e, openQuestions: openBy.get(e.id) ?? 0 })),
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
        createdById: actor.id,
      })
      .returning();
    await audit(tx, ctx, {
      action: 'case.escalated',
      entityType: 'escalation',
      entityId: id,
      caseId: c.id,
      details: { skill, language, expertId: decision.expertId, reason: decision.reason },
    });
    return row!;
  });
}
