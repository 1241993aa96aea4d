import { and, asc, desc, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { caseStatuses, cases, mentions } from '../../db/schema';
import { networks } from '../../db/schema/columns';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';
import { validate } from '../validate';

export const inboxFilters = z.object({
  status: z.enum(['active', ...caseStatuses]).default('active'),
  network: z.enum(networks).optional(),
  language: z.string().max(8).optional(),
  intent: z.enum(['question', 'complaint', 'praise', 'other', 'spam']).optional(),
  topic: z.string().max(64).optional(),
  assignee: z.enum(['me', 'unassigned', 'any']).default('any'),
  sort: z.enum(['priority', 'age']).default('priority'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type InboxFilters = z.infer<typeof inboxFilters>;

const activeStatuses = ['new', 'open', 'waiting_expert', 'awaiting_approval'] as const;

/** The advisor's inbox: highest priority first, then the longest waiting. */
export async function listCases(ctx: Ctx, raw: unknown) {
  const actor = requireActor(ctx, 'inbox.read');
  const f = validate(inboxFilters, raw);
  const where: (SQL | undefined)[] = [
    f.status === 'active' ? inArray(cases.status, [...activeStatuses]) : eq(cases.status, f.status),
    f.network ? eq(cases.network, f.network) : undefined,
    f.language ? eq(cases.language, f.language) : undefined,
    f.intent ? eq(cases.intent, f.intent) : undefined,
    f.topic ? eq(cases.topic, f.topic) : undefined,
    f.assignee === 'me' ? eq(cases.assigneeId, actor.id) : undefined,
    f.assignee === 'unassigned' ? isNull(cases.assigneeId) : undefined,
  ];
  const rows = await ctx.db.query.cases.findMany({
    where: and(...where),
    orderBy:
      f.sort === 'priority' ? [desc(cases.priority), asc(cases.lastMentionAt)] : [asc(cases.lastMentionAt)],
    limit: f.limit,
    with: { author: true, assignee: { columns: { id: true, name: true } } },
  });
  const ids = rows.map((r) => r.id);
  const latest = ids.length
    ? await ctx.db
        .select({
          caseId: mentions.caseId,
          text: mentions.text,
          url: mentions.url,
          postedAt: mentions.postedAt,
        })
        .from(mentions)
        .where(and(inArray(mentions.caseId, ids), eq(mentions.fromBrand, false)))
        .orderBy(desc(mentions.postedAt))
    : [];
  const excerpt = new Map<string, (typeof latest)[number]>();
  for (const m of latest) if (m.caseId && !excerpt.has(m.caseId)) excerpt.set(m.caseId, m);
  return rows.map((r) => ({ ...r, latest: excerpt.get(r.id) ?? null }));
}
