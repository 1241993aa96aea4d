import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '../../db/client';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';
import { validate } from '../validate';
import { type ReportScope, reportFilters, resolveScope } from './report-scope';
import { caseWhere } from './volume-report';

export const caseListInput = reportFilters.extend({
  after: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/**
 * Cases behind the care and volume reports: labels and times only. Escalation notes, expert drafts
 * and reply bodies are internal and never part of a report.
 */
export interface CaseRow {
  id: string;
  createdAt: Date;
  network: string;
  status: string;
  language: string | null;
  intent: string | null;
  sentiment: string | null;
  topic: string | null;
  firstResponseSeconds: number | null;
  resolutionSeconds: number | null;
}

export async function casePage(ctx: Ctx, scope: ReportScope, after: string | undefined, limit: number) {
  const [afterAt, afterId] = after?.split('|') ?? [];
  const keyset =
    afterAt && afterId && !Number.isNaN(Date.parse(afterAt))
      ? sql`and (c.created_at, c.id) < (${afterAt}::timestamptz, ${afterId})`
      : sql``;
  const rows = await queryRows<Record<string, unknown>>(
    ctx.db,
    sql`select c.id, c.created_at, c.network, c.status, c.language, c.intent, c.sentiment, c.topic,
               extract(epoch from ((select min(r.sent_at) from replies r where r.case_id = c.id and r.status = 'sent') - c.created_at)) as frt,
               extract(epoch from (coalesce(c.answered_at, c.closed_at) - c.created_at)) as rt
        from cases c where ${caseWhere(scope)} ${keyset}
        order by c.created_at desc, c.id desc limit ${limit}`,
  );
  const items: CaseRow[] = rows.map((r) => ({
    id: String(r.id),
    createdAt: new Date(r.created_at as string),
    network: String(r.network),
    status: String(r.status),
    language: (r.language as string | null) ?? null,
    intent: (r.intent as string | null) ?? null,
    sentiment: (r.sentiment as string | null) ?? null,
    topic: (r.topic as string | null) ?? null,
    firstResponseSeconds: r.frt === null ? null : Number(r.frt),
    resolutionSeconds: r.rt === null ? null : Number(r.rt),
  }));
  const last = items[items.length - 1];
  return {
    items,
    next: items.length === limit && last ? `${last.createdAt.toISOString()}|${last.id}` : null,
  };
}

export async function listCases(ctx: Ctx, raw: unknown) {
  requireActor(ctx, 'reports.read');
  const input = validate(caseListInput, raw);
  const scope = await resolveScope(ctx, input);
  return { scope, ...(await casePage(ctx, scope, input.after, input.limit)) };
}
