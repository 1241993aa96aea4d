import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import { cases, mentions } from '../../db/schema';
import { caseSlaState } from '../../domain/sla';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';
import { validate } from '../validate';
import { inboxFilters, whereOf } from './case-filters';

export { type InboxFilters, inboxFilters } from './case-filters';

/** The advisor's inbox: highest priority first, then the longest waiting. */
export async function listCases(ctx: Ctx, raw: unknown) {
  const actor = requireActor(ctx, 'inbox.read');
  const f = validate(inboxFilters, raw);
  const now = ctx.clock.now();
  const rows = await ctx.db.query.cases.findMany({
    where: whereOf(f, actor.id, now),
    orderBy:
      f.sort === 'priority'
        ? [desc(cases.priority), asc(cases.lastMentionAt), asc(cases.id)]
        : [asc(cases.lastMentionAt), asc(cases.id)],
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
  return rows.map((r) => ({ ...r, latest: excerpt.get(r.id) ?? null, sla: slaOf(r, now) }));
}

/** How many cases a filter set matches (the counts beside saved views). */
export async function countCases(ctx: Ctx, raw: unknown): Promise<number> {
  const actor = requireActor(ctx, 'inbox.read');
  const f = validate(inboxFilters, raw);
  const [row] = await ctx.db
    .select({ n: count() })
    .from(cases)
    .where(whereOf(f, actor.id, ctx.clock.now()));
  return Number(row?.n ?? 0);
}

type CaseRow = typeof cases.$inferSelect;

export function slaOf(c: CaseRow, now: Date) {
  const resolved = ['answered', 'closed', 'ignored'].includes(c.status)
    ? (c.answeredAt ?? c.closedAt ?? c.updatedAt)
    : null;
  return caseSlaState(
    {
      firstResponseDueAt: c.firstResponseDueAt,
      firstRespondedAt: c.firstRespondedAt,
      resolutionDueAt: c.resolutionDueAt,
      resolvedAt: resolved,
    },
    now,
  );
}
