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

/** The first window read backwards from the end of the period (then 4 days, 16 days...). */
const WINDOW_MS = 24 * 3600_000;

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
  const [afterAt, afterId] = after?.split('|') ?? [];
  const hasKeyset = Boolean(afterAt && afterId && !Number.isNaN(Date.parse(afterAt)));
  const keyset = hasKeyset ? sql`and (l.posted_at, l.id) < (${afterAt}::timestamptz, ${afterId})` : sql``;
  // Labels come from each mention's latest classification and corrections, so a label filter cannot
  // use an index: labelling every mention of 90 days to show 50 costs most of a second on a million
  // rows. Newest first, the page is usually found in the last day or two: read windows backwards,
  // each four times longer than the last, until the page is full or the period is exhausted.
  const since = scope.since.getTime();
  let upper = hasKeyset ? Math.min(scope.until.getTime(), Date.parse(afterAt!) + 1) : scope.until.getTime();
  let span = WINDOW_MS;
  const rows: Record<string, unknown>[] = [];
  while (rows.length < limit && upper > since) {
    const lower = Math.max(since, upper - span);
    const where = rawWhere(scope, {
      listenerIds,
      since: new Date(lower).toISOString(),
      until: new Date(upper).toISOString(),
    });
    rows.push(
      ...(await queryRows<Record<string, unknown>>(
        ctx.db,
        sql`select l.id, l.posted_at, l.network, l.language, l.sentiment, l.intent, l.topic, l.text, l.url, l.case_id,
                   a.handle, a.followers
            from ${labelledMentions(where.mention)} l join authors a on a.id = l.author_id
            where ${where.labels} ${keyset}
            order by l.posted_at desc, l.id desc limit ${limit - rows.length}`,
      )),
    );
    upper = lower;
    span *= 4;
  }
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
