import { and, eq, inArray, isNotNull, isNull, lte, or } from 'drizzle-orm';
import { withTransaction } from '../../db/client';
import { cases, users } from '../../db/schema';
import { audit } from '../audit';
import type { Ctx } from '../context';
import { notify } from '../notifications/notify';
import { activeStatuses } from './case-filters';
import { handOverMissedFirstResponses, moveMissedResolutions, openEscalation } from './sla-handover';
import { slaPolicyFor } from './sla-targets';
import { langOf, reminderText } from './sla-text';

/** Longest reminder lead we look ahead for; each policy says its own. */
const LOOKAHEAD_MS = 24 * 60 * 60_000;

/**
 * The SLA job: reminds whoever holds a case before a target is due (once per target, through the
 * notification outbox's dedupe key), hands a case whose first-response target was missed to the
 * backup, and moves a question whose resolution target was missed to the backup expert or team
 * lead, saying so in the case history.
 */
export async function checkSlas(ctx: Ctx) {
  const now = ctx.clock.now();
  const reminded = await remindHolders(ctx, now);
  const handedOver = await handOverMissedFirstResponses(ctx, now);
  const moved = await moveMissedResolutions(ctx, now);
  return { reminded, handedOver, moved };
}

/**
 * One reminder per target, to the person holding the case (the expert of an open escalation, else
 * the assignee), in their language and to their own address on e-mail channels. A case nobody
 * holds reminds the whole audience.
 */
async function remindHolders(ctx: Ctx, now: Date): Promise<number> {
  const horizon = new Date(now.getTime() + LOOKAHEAD_MS);
  let reminded = 0;
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
    const timeZone = found?.hours.timeZone ?? 'UTC';
    const targets = [
      { kind: 'first_response', at: c.firstRespondedAt ? null : c.firstResponseDueAt },
      { kind: 'resolution', at: c.resolutionDueAt },
    ] as const;
    for (const t of targets) {
      const at = t.at;
      if (!at || at.getTime() <= now.getTime() || at.getTime() - now.getTime() > lead) continue;
      const esc = await openEscalation(ctx.db, c.id);
      const holderId = esc?.expertId ?? c.assigneeId;
      const [holder] = holderId
        ? await ctx.db
            .select({ name: users.name, email: users.email, locale: users.locale })
            .from(users)
            .where(eq(users.id, holderId))
        : [];
      const text = reminderText(langOf(holder?.locale), {
        caseId: c.id,
        target: t.kind,
        dueAt: at,
        minutes: Math.round((at.getTime() - now.getTime()) / 60_000),
        timeZone,
        holder: holder?.name ?? null,
      });
      const sent = await withTransaction(ctx.db, async (tx) => {
        const n = await notify(tx, ctx, esc ? 'experts' : 'advisors', {
          dedupeKey: `sla-reminder:${c.id}:${t.kind}:${at.toISOString()}`,
          ...text,
          link: `${ctx.publicUrl}/cases/${encodeURIComponent(c.id)}`,
          payload: {
            caseId: c.id,
            target: t.kind,
            dueAt: at.toISOString(),
            holderId: holderId ?? null,
            // E-mail channels send to this person only; chat channels name them in the text.
            ...(holder ? { recipient: holder.email } : {}),
          },
        });
        if (n > 0) {
          await audit(tx, ctx, {
            action: 'sla.reminded',
            entityType: 'case',
            entityId: c.id,
            caseId: c.id,
            details: { target: t.kind, dueAt: at.toISOString(), holderId: holderId ?? null },
          });
        }
        return n;
      });
      if (sent > 0) reminded += 1;
    }
  }
  return reminded;
}
