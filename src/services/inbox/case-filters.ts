import { and, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { caseStatuses, cases } from '../../db/schema';
import { networks } from '../../db/schema/columns';
import { DUE_SOON_MINUTES, slaStates } from '../../domain/sla';

export const inboxFilters = z.object({
  status: z.enum(['active', 'all', ...caseStatuses]).default('active'),
  brand: z.string().max(64).optional(),
  network: z.enum(networks).optional(),
  language: z.string().max(8).optional(),
  intent: z.enum(['question', 'complaint', 'praise', 'other', 'spam']).optional(),
  topic: z.string().max(64).optional(),
  sentiment: z.enum(['negative', 'neutral', 'positive']).optional(),
  /** me, unassigned, any, or a user id. */
  assignee: z.string().min(1).max(64).default('any'),
  sla: z.enum(slaStates as ['ok', 'due_soon', 'breached', 'met']).optional(),
  sort: z.enum(['priority', 'age']).default('priority'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type InboxFilters = z.infer<typeof inboxFilters>;

/** The filter keys that belong in a saved view or a link (the page size does not). */
export const filterKeys = [
  'status',
  'brand',
  'network',
  'language',
  'intent',
  'topic',
  'sentiment',
  'assignee',
  'sla',
  'sort',
] as const;

export const activeStatuses = ['new', 'open', 'waiting_expert', 'awaiting_approval'] as const;

/**
 * The case's SLA state in SQL, the same rules as domain/sla caseSlaState, so the inbox can filter
 * on it: a case is resolved once answered, closed or ignored.
 */
export function slaStateSql(now: Date): SQL {
  const at = sql`${now.toISOString()}::timestamptz`;
  const soon = sql`${new Date(now.getTime() + DUE_SOON_MINUTES * 60_000).toISOString()}::timestamptz`;
  const resolved = sql`(case when ${cases.status} in ('answered', 'closed', 'ignored') then coalesce(${cases.answeredAt}, ${cases.closedAt}, ${cases.updatedAt}) end)`;
  const target = (due: SQL | typeof cases.firstResponseDueAt, done: SQL) =>
    sql`(case when ${due} is null then null when ${done} is not null then (case when ${done} <= ${due} then 'met' else 'breached' end) when ${at} > ${due} then 'breached' when ${due} <= ${soon} then 'due_soon' else 'ok' end)`;
  const first = target(cases.firstResponseDueAt, sql`coalesce(${cases.firstRespondedAt}, ${resolved})`);
  const resolution = target(cases.resolutionDueAt, resolved);
  return sql`(case when 'breached' in (${first}, ${resolution}) then 'breached' when 'due_soon' in (${first}, ${resolution}) then 'due_soon' when 'ok' in (${first}, ${resolution}) then 'ok' when 'met' in (${first}, ${resolution}) then 'met' end)`;
}

/** The where clause of a filter set, for the list and for the counts of saved views alike. */
export function whereOf(f: InboxFilters, actorId: string, now: Date): SQL | undefined {
  const where: (SQL | undefined)[] = [
    f.status === 'active'
      ? inArray(cases.status, [...activeStatuses])
      : f.status === 'all'
        ? undefined
        : eq(cases.status, f.status),
    f.brand ? eq(cases.brandId, f.brand) : undefined,
    f.network ? eq(cases.network, f.network) : undefined,
    f.language ? eq(cases.language, f.language) : undefined,
    f.intent ? eq(cases.intent, f.intent) : undefined,
    f.topic ? eq(cases.topic, f.topic) : undefined,
    f.sentiment ? eq(cases.sentiment, f.sentiment) : undefined,
    f.assignee === 'me'
      ? eq(cases.assigneeId, actorId)
      : f.assignee === 'unassigned'
        ? isNull(cases.assigneeId)
        : f.assignee === 'any'
          ? undefined
          : eq(cases.assigneeId, f.assignee),
    f.sla ? sql`${slaStateSql(now)} = ${f.sla}` : undefined,
  ];
  return and(...where);
}

/**
 * Reads filters leniently from a query string or a saved view: empty values mean "any", and a value
 * the schema refuses is dropped (and said so) rather than turning the inbox into an error page.
 */
export function readFilters(query: Record<string, string>): { filters: InboxFilters; dropped: boolean } {
  const raw: Record<string, string> = {};
  for (const [k, val] of Object.entries(query))
    if (typeof val === 'string' && val.trim() !== '') raw[k] = val.trim();
  let dropped = false;
  for (let attempt = 0; attempt < 12; attempt++) {
    const parsed = inboxFilters.safeParse(raw);
    if (parsed.success) return { filters: parsed.data, dropped };
    for (const issue of parsed.error.issues) delete raw[String(issue.path[0])];
    dropped = true;
  }
  return { filters: inboxFilters.parse({}), dropped: true };
}

/** The non-default filters as query-string pairs: what a saved view stores and a link carries. */
export function filtersToQuery(f: InboxFilters): Record<string, string> {
  const defaults = inboxFilters.parse({});
  const out: Record<string, string> = {};
  for (const k of filterKeys) {
    const val = f[k];
    if (val !== undefined && val !== defaults[k]) out[k] = String(val);
  }
  return out;
}
