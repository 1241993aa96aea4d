import { and, asc, desc, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { RawPost } from '../../../connectors/demo/raw';
import { demoPosts } from '../../db/schema';
import type { Ctx } from '../context';
import { validate } from '../validate';
import { type DemoPostRow, toRawPost } from './demo-posts';

const input = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

export interface DemoTimelinePost extends RawPost {
  /** Handle of the post this one answers, for "replying to @x"; null for a top-level post. */
  replyToHandle: string | null;
}

export interface DemoThread {
  root: DemoTimelinePost;
  /** Customer follow-ups and brand replies, in the order they were posted. */
  replies: DemoTimelinePost[];
}

/**
 * What a visitor of the demo network sees: the newest conversations first, each with everything
 * said in it below, so a brand reply shows up right under the customer it answers.
 */
export async function demoThreadView(ctx: Ctx, raw: unknown = {}): Promise<DemoThread[]> {
  const { limit } = validate(input, raw);
  const roots = await ctx.db
    .select()
    .from(demoPosts)
    .where(isNull(demoPosts.inReplyTo))
    .orderBy(desc(demoPosts.createdAt), desc(demoPosts.seq))
    .limit(limit);
  if (roots.length === 0) return [];
  const replies = await ctx.db
    .select()
    .from(demoPosts)
    .where(
      and(
        inArray(
          demoPosts.threadRoot,
          roots.map((root) => root.id),
        ),
        sql`${demoPosts.id} <> ${demoPosts.threadRoot}`,
      ),
    )
    .orderBy(asc(demoPosts.seq));

  const handleOf = new Map<string, string>();
  for (const row of [...roots, ...replies]) handleOf.set(row.id, row.authorHandle);
  const view = (row: DemoPostRow): DemoTimelinePost => ({
    ...toRawPost(row),
    replyToHandle: row.inReplyTo ? (handleOf.get(row.inReplyTo) ?? null) : null,
  });
  return roots.map((root) => ({
    root: view(root),
    replies: replies.filter((reply) => reply.threadRoot === root.id).map(view),
  }));
}
