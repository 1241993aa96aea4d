import { eq } from 'drizzle-orm';
import { demoPosts } from '../../db/schema';
import type { Ctx } from '../context';
import { toRawPost } from './demo-posts';
import type { DemoTimelinePost } from './demo-thread-view';

/** One post of the demo network with whom it answers, or null: the compose page quotes it. */
export async function getDemoPost(ctx: Ctx, id: string): Promise<DemoTimelinePost | null> {
  const [row] = await ctx.db.select().from(demoPosts).where(eq(demoPosts.id, id)).limit(1);
  if (!row) return null;
  let replyToHandle: string | null = null;
  if (row.inReplyTo) {
    const [parent] = await ctx.db
      .select({ handle: demoPosts.authorHandle })
      .from(demoPosts)
      .where(eq(demoPosts.id, row.inReplyTo))
      .limit(1);
    replyToHandle = parent?.handle ?? null;
  }
  return { ...toRawPost(row), replyToHandle };
}
