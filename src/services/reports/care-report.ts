import { sql } from 'drizzle-orm';
import { withTransaction } from '../../db/client';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';
import { validate } from '../validate';
import { type Attainment, careMetrics, type Durations } from './care-metrics';
import { reportFilters, resolveScope } from './report-scope';

export interface CareReport {
  firstResponse: Durations;
  resolution: Durations;
  expertAnswerByTopic: (Durations & { topic: string })[];
  slaFirstResponse: Attainment;
  slaResolution: Attainment;
  knowledgeShare: { answered: number; fromKnowledge: number; percent: number | null };
}

/** Care performance over the cases opened in the period: each metric of `careMetrics`, by key. */
export async function careReport(ctx: Ctx, raw: unknown) {
  requireActor(ctx, 'reports.read');
  const scope = await resolveScope(ctx, validate(reportFilters, raw));
  // Percentiles over tens of thousands of cases look expensive to the planner, whose JIT then costs
  // more than the query itself; these short reads run without it. The metrics are independent
  // reads, so each runs on its own connection at the same time (PGlite simply queues them).
  const values = await Promise.all(
    careMetrics.map((m) =>
      withTransaction(ctx.db, async (tx) => {
        await tx.execute(sql`set local jit = off`);
        return m.compute({ ...ctx, db: tx }, scope);
      }),
    ),
  );
  const metrics = Object.fromEntries(careMetrics.map((m, i) => [m.key, values[i]])) as unknown as CareReport;
  return { scope, metrics };
}
