import { requireActor } from '../authorize';
import type { Ctx } from '../context';
import { validate } from '../validate';
import { careMetrics, type Durations } from './care-metrics';
import { reportFilters, resolveScope } from './report-scope';

export interface CareReport {
  firstResponse: Durations;
  resolution: Durations;
  expertAnswerByTopic: (Durations & { topic: string })[];
  /** Metrics added later (SLA attainment, knowledge-base share) appear here by their key. */
  [key: string]: unknown;
}

/** Care performance over the cases opened in the period: each metric of `careMetrics`, by key. */
export async function careReport(ctx: Ctx, raw: unknown) {
  requireActor(ctx, 'reports.read');
  const scope = await resolveScope(ctx, validate(reportFilters, raw));
  const values = await Promise.all(careMetrics.map((m) => m.compute(ctx, scope)));
  const metrics = Object.fromEntries(careMetrics.map((m, i) => [m.key, values[i]])) as CareReport;
  return { scope, metrics };
}
