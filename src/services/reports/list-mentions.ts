import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '../../db/client';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';
import { validate } from '../validate';
import { labelledMentions } from './labelled-mentions';
import { type ReportScope, reportFilters, resolveScope } from './report-scope';
import { rawWhere } from './sentiment-counts';
import { listenersOf } from './share-of-voice';

export const mentionListInput = reportFilters.extend({
  /** Keyset cursor: `<posted_at ISO>|<id>` of the last row of the previous page. */
  after: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export interface MentionRow {
  id: string;
  postedAt: Date;
  network: string;
  language: string;
  sentiment: string;
  intent: string;
  topic: string;
  author: string;
  followers: number | null;
  text: string;
  url: string | null;
  caseId: string | null;
}

/** The mentions behind a point, bar or row of a report: the same filters, newest first. */
export async function mentionPage(ctx: Ctx, scope: ReportScope, after: string | undefined, limit: number) {
  const listenerIds =
    scope.filters.competitor !== undefined
      ? await listenersOf(ctx, scope.brand.id, scope.filters.competitor)
      : undefined;
  const where = rawWhere(scope, { listenerIds });
  const [afterAt, afterId] = after?.split('|') ?? [];
  const keyset =
    afterAt && afterId && !Number.isNaN(Date.parse(afterAt))
      ? sql`and (l.posted_at, l.id) < (${afterAt}::timestamptz, ${afterId})`
      : sql``;
  const rows = await queryRows<Record<string, unknown>>(
    ctx.db,
    sql`select l.id, l.posted_at, l.network, l.language, l.sentiment, l.intent, l.topic, l.text, l.url, l.case_id,
               a.handle, a.followers
        from ${labelledMentions(where.mention)} l join authors a on a.id = l.author_id
        where ${where.labels} ${keyset}
        order by l.posted_at desc, l.id desc limit ${limit}`,
  );
  const items: MentionRow[] = rows.map((r) => ({
    id: String(r.id),
    postedAt: new Date(r.posted_at as string),
    network: String(r.network),
    language: String(r.language),
    sentiment: String(r.sentiment),
    intent: String(r.intent),
    topic: String(r.topic),
    author: String(r.handle),
    followers: r.followers === null ? null : Number(r.followers),
    text: String(r.text),
    url: (r.url as string | null) ?? null,
    caseId: (r.case_id as string | null) ?? null,
  }));
  const last = items[items.length - 1];
  return { items, next: items.length === limit && last ? `${last.postedAt.toISOString()}|${last.id}` : null };
}

/** Read-only list for marketing and care: no internal notes, nothing to act on. */
export async function listMentions(ctx: Ctx, raw: unknown) {
  requireActor(ctx, 'reports.read');
  const input = validate(mentionListInput, raw);
  const scope = await resolveScope(ctx, input);
  return { scope, ...(await mentionPage(ctx, scope, input.after, input.limit)) };
}
