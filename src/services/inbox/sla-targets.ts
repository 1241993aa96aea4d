import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { brands, cases, slaPolicies } from '../../db/schema';
import { addBusinessMinutes, type BusinessHours, policyFor } from '../../domain/sla';

type Policy = typeof slaPolicies.$inferSelect;

/** The policy's business hours, in its own time zone when it names one, else the brand's. */
export function hoursOf(policy: Policy, brandTimeZone: string): BusinessHours {
  return {
    timeZone: policy.timeZone ?? brandTimeZone,
    windows: policy.openingHours,
    closedDays: policy.closedDays,
  };
}

/** The brand's policy for a priority and the brand's time zone; null when the brand has no SLA. */
export async function slaPolicyFor(
  tx: Db,
  brandId: string,
  priority: number,
): Promise<{ policy: Policy; hours: BusinessHours } | null> {
  const policies = await tx
    .select()
    .from(slaPolicies)
    .where(eq(slaPolicies.brandId, brandId))
    .orderBy(asc(slaPolicies.minPriority));
  const policy = policyFor(policies, priority);
  if (!policy) return null;
  const [brand] = await tx.select({ timezone: brands.timezone }).from(brands).where(eq(brands.id, brandId));
  return { policy, hours: hoursOf(policy, brand?.timezone ?? 'UTC') };
}

/**
 * Gives a case its due times. On opening both targets count from the customer's post; on escalation
 * the resolution target counts from the hand-over, unless the case already had one (escalating
 * must not buy time).
 */
export async function applySlaTargets(
  tx: Db,
  caseId: string,
  from: Date,
  moment: 'opened' | 'escalated',
): Promise<void> {
  const [c] = await tx.select().from(cases).where(eq(cases.id, caseId));
  if (!c) return;
  const found = await slaPolicyFor(tx, c.brandId, c.priority);
  if (!found) return;
  const { policy, hours } = found;
  if (moment === 'opened') {
    const firstResponseDueAt = addBusinessMinutes(from, policy.firstResponseMinutes, hours);
    await tx
      .update(cases)
      .set({
        firstResponseDueAt,
        dueAt: firstResponseDueAt,
        resolutionDueAt: addBusinessMinutes(from, policy.resolutionMinutes, hours),
      })
      .where(eq(cases.id, caseId));
    return;
  }
  if (c.resolutionDueAt) return;
  await tx
    .update(cases)
    .set({ resolutionDueAt: addBusinessMinutes(from, policy.resolutionMinutes, hours) })
    .where(eq(cases.id, caseId));
}

/**
 * Due times for cases opened in bulk at ingest: the brand's policies are read once per poll, not
 * once per case. Null fields when the brand has no policy for that priority.
 */
export async function openingTargetsFor(
  tx: Db,
  brandId: string,
): Promise<(priority: number, postedAt: Date) => { firstResponseDueAt: Date; resolutionDueAt: Date } | null> {
  const policies = await tx.select().from(slaPolicies).where(eq(slaPolicies.brandId, brandId));
  if (policies.length === 0) return () => null;
  const [brand] = await tx.select({ timezone: brands.timezone }).from(brands).where(eq(brands.id, brandId));
  const zone = brand?.timezone ?? 'UTC';
  const hoursByPolicy = new Map(policies.map((p) => [p.id, hoursOf(p, zone)]));
  return (priority, postedAt) => {
    const policy = policyFor(policies, priority);
    if (!policy) return null;
    const hours = hoursByPolicy.get(policy.id)!;
    return {
      firstResponseDueAt: addBusinessMinutes(postedAt, policy.firstResponseMinutes, hours),
      resolutionDueAt: addBusinessMinutes(postedAt, policy.resolutionMinutes, hours),
    };
  };
}
