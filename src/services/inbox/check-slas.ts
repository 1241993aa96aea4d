import { and, eq, inArray, isNotNull, isNull, lt, lte, or } from 'drizzle-orm';
import { withTransaction } from '../../db/client';
import { cases, escalations, slaPolicies, users } from '../../db/schema';
import { audit } from '../audit';
import type { Ctx } from '../context';
import { notify } from '../notifications/notify';
import { activeStatuses } from './case-filters';
import { slaPolicyFor } from './sla-targets';

/** Longest reminder lead we look ahead for; each policy says its own. */
const LOOKAHEAD_MS = 24 * 60 * 60_000;

/**
 * The SLA job: reminds whoever holds a case before a target is due (once per target, through the
 * notification outbox's dedupe key), and hands a question whose resolution target was missed to the
 * brand's backup expert or team lead, saying so in the case history.
 */
export async function checkSlas(ctx: Ctx) {
  const now = ctx.clock.now();
  const horizon = new Date(now.getTime() + LOOKAHEAD_MS);
  let reminded = 0;
  let moved = 0;
  const due = await ctx.db
    .select()
    .from(cases)
    .where(
      and(
        inArray(cases.status, [...activeStatuses]),
        or(
          and(
            isNull(cases.firstRespondedAt),
            isNotNull(cases.firstResponseDueAt),
            lte(cases.firstResponseDueAt, horizon),
          ),
          and(isNotNull(cases.resolutionDueAt), lte(cases.resolutionDueAt, horizon)),
        ),
      ),
    )
    .limit(500);
  for (const c of due) {
    const found = await slaPolicyFor(ctx.db, c.brandId, c.priority);
    const lead = (found?.policy.reminderMinutes ?? 30) * 60_000;
    const targets = [
      { kind: 'first_response', at: c.firstRespondedAt ? null : c.firstResponseDueAt },
      { kind: 'resolution', at: c.resolutionDueAt },
    ] as const;
    for (const t of targets) {
      if (!t.at || t.at.getTime() <= now.getTime() || t.at.getTime() - now.getTime() > lead) continue;
      const [esc] = await ctx.db
        .select({ expertId: escalations.expertId })
        .from(escalations)
        .where(and(eq(escalations.caseId, c.id), eq(escalations.status, 'open')))
        .limit(1);
      const holderId = esc?.expertId ?? c.assigneeId;
      const [holder] = holderId
        ? await ctx.db.select({ name: users.name }).from(users).where(eq(users.id, holderId))
        : [];
      const minutes = Math.round((t.at.getTime() - now.getTime()) / 60_000);
      const sent = await withTransaction(ctx.db, async (tx) => {
        const n = await notify(tx, ctx, esc ? 'experts' : 'advisors', {
          dedupeKey: `sla-reminder:${c.id}:${t.kind}:${t.at!.toISOString()}`,
          subject: `Due in ${minutes} min: ${t.kind === 'resolution' ? 'answer' : 'first response'} for case ${c.id}`,
          body: `${holder ? `${holder.name}, this` : 'This'} case is due at ${t.at!.toISOString()}.`,
          link: `${ctx.publicUrl}/cases/${encodeURIComponent(c.id)}`,
          payload: { caseId: c.id, target: t.kind, dueAt: t.at!.toISOString(), holderId: holderId ?? null },
        });
        if (n > 0) {
          await audit(tx, ctx, {
            action: 'sla.reminded',
            entityType: 'case',
            entityId: c.id,
            caseId: c.id,
            details: { target: t.kind, dueAt: t.at!.toISOString(), holderId: holderId ?? null },
          });
        }
        return n;
      });
      if (sent > 0) reminded += 1;
    }
  }

  // Missed resolution targets on questions still with an expert.
  const missed = await ctx.db
    .select({ id: cases.id, brandId: cases.brandId, priority: cases.priority })
    .from(cases)
    .where(
      and(
        eq(cases.status, 'waiting_expert'),
        isNull(cases.slaBreachHandledAt),
        isNotNull(cases.resolutionDueAt),
        lt(cases.resolutionDueAt, now),
      ),
    )
    .limit(200);
  for (const m of missed) {
    const done = await withTransaction(ctx.db, async (tx) => {
      // Conditional: two job runs at once move the question once.
      const [claimed] = await tx
        .update(cases)
        .set({ slaBreachHandledAt: now, updatedAt: now })
        .where(and(eq(cases.id, m.id), isNull(cases.slaBreachHandledAt)))
        .returning({ id: cases.id });
      if (!claimed) return false;
      const [policy] = await tx
        .select({ backupUserId: slaPolicies.backupUserId })
        .from(slaPolicies)
        .where(eq(slaPolicies.id, (await slaPolicyFor(tx, m.brandId, m.priority))?.policy.id ?? ''));
      const [esc] = await tx
        .select()
        .from(escalations)
        .where(and(eq(escalations.caseId, m.id), eq(escalations.status, 'open')))
        .limit(1);
      const backupId = policy?.backupUserId ?? null;
      const [backup] = backupId
        ? await tx.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, backupId))
        : [];
      if (esc && backup && esc.expertId !== backup.id) {
        await tx
          .update(escalations)
          .set({ expertId: backup.id, updatedAt: now })
          .where(eq(escalations.id, esc.id));
      }
      await audit(tx, ctx, {
        action: 'sla.breached',
        entityType: 'escalation',
        entityId: esc?.id ?? m.id,
        caseId: m.id,
        details: {
          target: 'resolution',
          from: esc?.expertId ?? null,
          to: backup?.id ?? null,
          reason: backup
            ? `resolution target missed: moved to ${backup.name} (backup)`
            : 'resolution target missed: no backup expert set for this brand',
        },
      });
      await notify(tx, ctx, 'experts', {
        dedupeKey: `sla-breach:${m.id}`,
        subject: `SLA missed on case ${m.id}${backup ? `: now with ${backup.name}` : ''}`,
        body: backup
          ? `The resolution target was missed; the question moves to ${backup.name}.`
          : 'The resolution target was missed and this brand has no backup expert.',
        link: `${ctx.publicUrl}/cases/${encodeURIComponent(m.id)}`,
        payload: { caseId: m.id, backupId: backup?.id ?? null },
      });
      return true;
    });
    if (done) moved += 1;
  }
  return { reminded, moved };
}
