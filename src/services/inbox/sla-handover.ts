import { and, eq, inArray, isNotNull, isNull, lt } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { withTransaction } from '../../db/client';
import { cases, escalations, users } from '../../db/schema';
import { audit } from '../audit';
import type { Ctx } from '../context';
import { notify } from '../notifications/notify';
import { slaPolicyFor } from './sla-targets';
import { firstResponseReason, handOverText, langOf, resolutionReason, type SlaTarget } from './sla-text';

type Backup = { id: string; name: string; email: string; locale: string };

/** The policy's backup, if it still has an active account: a disabled one cannot take anything. */
async function backupFor(tx: Db, brandId: string, priority: number): Promise<Backup | null> {
  const backupId = (await slaPolicyFor(tx, brandId, priority))?.policy.backupUserId;
  if (!backupId) return null;
  const [u] = await tx
    .select({ id: users.id, name: users.name, email: users.email, locale: users.locale })
    .from(users)
    .where(and(eq(users.id, backupId), isNull(users.disabledAt)));
  return u ?? null;
}

/** The case's open question to an expert, if any: whoever holds it holds the case's SLA. */
export async function openEscalation(tx: Db, caseId: string) {
  const [esc] = await tx
    .select({ id: escalations.id, expertId: escalations.expertId })
    .from(escalations)
    .where(and(eq(escalations.caseId, caseId), eq(escalations.status, 'open')))
    .limit(1);
  return esc ?? null;
}

/** Tells the new holder, in their language and to their own address on e-mail channels. */
async function tellNewHolder(
  tx: Db,
  ctx: Ctx,
  h: { caseId: string; target: SlaTarget; audience: 'experts' | 'advisors'; backup: Backup | null },
) {
  const text = handOverText(langOf(h.backup?.locale), { caseId: h.caseId, target: h.target, to: h.backup });
  await notify(tx, ctx, h.audience, {
    dedupeKey: h.target === 'resolution' ? `sla-breach:${h.caseId}` : `sla-breach:${h.caseId}:first_response`,
    ...text,
    link: `${ctx.publicUrl}/cases/${encodeURIComponent(h.caseId)}`,
    payload: {
      caseId: h.caseId,
      target: h.target,
      backupId: h.backup?.id ?? null,
      ...(h.backup ? { recipient: h.backup.email } : {}),
    },
  });
}

/**
 * Cases still unanswered past their first-response target: a question with an expert goes to the
 * backup expert, a case with an advisor (or with nobody) to the backup as assignee. Once per case.
 * A case awaiting approval is left alone: its reply is written and only waits for an approver.
 */
export async function handOverMissedFirstResponses(ctx: Ctx, now: Date): Promise<number> {
  const missed = await ctx.db
    .select({ id: cases.id })
    .from(cases)
    .where(
      and(
        inArray(cases.status, ['new', 'open', 'waiting_expert']),
        isNull(cases.firstRespondedAt),
        isNull(cases.firstResponseBreachHandledAt),
        isNotNull(cases.firstResponseDueAt),
        lt(cases.firstResponseDueAt, now),
      ),
    )
    .limit(200);
  let moved = 0;
  for (const m of missed) {
    const done = await withTransaction(ctx.db, async (tx) => {
      // Conditional: two job runs at once hand the case over once, and a reply that went out in
      // the meantime means there is nothing left to hand over.
      const [c] = await tx
        .update(cases)
        .set({ firstResponseBreachHandledAt: now })
        .where(
          and(eq(cases.id, m.id), isNull(cases.firstResponseBreachHandledAt), isNull(cases.firstRespondedAt)),
        )
        .returning();
      if (!c) return false;
      const backup = await backupFor(tx, c.brandId, c.priority);
      const esc = c.status === 'waiting_expert' ? await openEscalation(tx, c.id) : null;
      const from = esc ? esc.expertId : c.assigneeId;
      const moves = backup !== null && backup.id !== from;
      if (moves && esc) {
        await tx
          .update(escalations)
          .set({ expertId: backup.id, updatedAt: now })
          .where(and(eq(escalations.id, esc.id), eq(escalations.status, 'open')));
      } else if (moves) {
        await tx
          .update(cases)
          .set({ assigneeId: backup.id, status: c.status === 'new' ? 'open' : c.status, updatedAt: now })
          .where(eq(cases.id, c.id));
      }
      await audit(tx, ctx, {
        action: 'sla.breached',
        entityType: esc ? 'escalation' : 'case',
        entityId: esc?.id ?? c.id,
        caseId: c.id,
        details: {
          target: 'first_response',
          holder: esc ? 'expert' : 'assignee',
          from: from ?? null,
          to: backup?.id ?? null,
          ...firstResponseReason(backup, backup !== null && !moves),
        },
      });
      await tellNewHolder(tx, ctx, {
        caseId: c.id,
        target: 'first_response',
        audience: esc ? 'experts' : 'advisors',
        backup,
      });
      return true;
    });
    if (done) moved += 1;
  }
  return moved;
}

/** Questions still with an expert past their resolution target go to the backup, once each. */
export async function moveMissedResolutions(ctx: Ctx, now: Date): Promise<number> {
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
  let moved = 0;
  for (const m of missed) {
    const done = await withTransaction(ctx.db, async (tx) => {
      // Conditional: two job runs at once move the question once.
      const [claimed] = await tx
        .update(cases)
        .set({ slaBreachHandledAt: now, updatedAt: now })
        .where(and(eq(cases.id, m.id), isNull(cases.slaBreachHandledAt)))
        .returning({ id: cases.id });
      if (!claimed) return false;
      const backup = await backupFor(tx, m.brandId, m.priority);
      const esc = await openEscalation(tx, m.id);
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
          ...resolutionReason(backup),
        },
      });
      await tellNewHolder(tx, ctx, { caseId: m.id, target: 'resolution', audience: 'experts', backup });
      return true;
    });
    if (done) moved += 1;
  }
  return moved;
}
