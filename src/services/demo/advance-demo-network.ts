import { and, desc, eq, gt, inArray, isNull, notExists, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { corpusIndexOfText, demoCorpus } from '../../../connectors/demo/corpus';
import {
  createDemoSimulator,
  type DemoThreadRef,
  type SimulatedPost,
} from '../../../connectors/demo/simulator';
import { type Db, withTransaction } from '../../db/client';
import { demoPosts } from '../../db/schema';
import type { Ctx } from '../context';
import { type DemoPostMeta, demoAccount, lockDemoPosts, metaOf, simulatedKey } from './demo-posts';

/** Fixed so every demo shows the same story: the same slot gives the same post on every machine. */
export const DEMO_NETWORK_SEED = 7;

export interface AdvanceDemoNetworkOptions {
  seed?: number;
  /** Length of a simulator slot (at most one post per slot). */
  intervalMs?: number;
}

const DAY = 24 * 60 * 60 * 1000;
/** A customer who has waited this long without an answer has given up: they stop following up. */
const FOLLOW_UP_HORIZON_MS = 2 * DAY;
/** Bounds the state read on each tick, however long the demo has been running. */
const MAX_OPEN_THREADS = 200;

/** Entries that have something to say later: only their threads can get a follow-up. */
const entriesWithFollowUps = demoCorpus.flatMap((entry, index) =>
  (entry.followUps?.length ?? 0) > 0 ? [index] : [],
);

const isSimulated = sql`${demoPosts.meta}->>'source' = 'simulator'`;

/**
 * Lets the simulated customers publish what they would have published since the last call: the
 * opening posts on an empty network, then the posts of each elapsed slot, including "any news?"
 * follow-ups in the threads the brand has not answered.
 *
 * Safe to call from several jobs or instances at once, for two independent reasons:
 * 1. all writers serialise on lockDemoPosts and the simulator's state is read after it, so a
 *    second caller sees the first one's posts and the slots it would fill are already past `since`;
 * 2. each simulated post carries a key derived from its slot (`sim:slot:<epoch ms>`, or
 *    `sim:initial:<n>`) in the unique idempotency column, inserted with ON CONFLICT DO NOTHING, so
 *    even a caller that computed the same slot from stale state cannot store it twice.
 */
export async function advanceDemoNetwork(
  ctx: Ctx,
  options: AdvanceDemoNetworkOptions = {},
): Promise<{ created: number }> {
  const simulator = createDemoSimulator({
    seed: options.seed ?? DEMO_NETWORK_SEED,
    ...(options.intervalMs ? { intervalMs: options.intervalMs } : {}),
  });
  return withTransaction(ctx.db, async (tx) => {
    await lockDemoPosts(tx);
    const now = ctx.clock.now();
    const since = await newestSimulatedAt(tx);
    let posts: SimulatedPost[];
    let keyOf: (post: SimulatedPost, index: number) => string;
    if (since === null) {
      posts = simulator.initialPosts(now);
      keyOf = (_post, index) => simulatedKey(`initial:${index}`);
    } else {
      const threadsAwaitingFollowUp = await openThreads(tx, now);
      posts = simulator.next(now, { since, threadsAwaitingFollowUp });
      keyOf = (post) => simulatedKey(`slot:${post.createdAt.getTime()}`);
    }
    if (posts.length === 0) return { created: 0 };

    const rows = posts.map((post, index) => {
      const id = ctx.ids('dp');
      const author = demoAccount(post.author.handle);
      const meta: DemoPostMeta = {
        source: 'simulator',
        kind: post.kind,
        topic: post.topic,
        corpusIndex: post.corpusIndex,
        followUpIndex: post.followUpIndex,
      };
      return {
        id,
        text: post.text,
        lang: post.lang,
        authorId: author.id,
        authorHandle: post.author.handle,
        authorName: post.author.name,
        followers: post.author.followers,
        inReplyTo: post.inReplyTo,
        threadRoot: post.threadRoot ?? id,
        byBrand: false,
        idempotencyKey: keyOf(post, index),
        meta,
        createdAt: post.createdAt,
      };
    });
    // Oldest first in one statement, so seq follows createdAt as readers expect of a timeline.
    const inserted = await tx
      .insert(demoPosts)
      .values(rows)
      .onConflictDoNothing({ target: demoPosts.idempotencyKey })
      .returning({ id: demoPosts.id });
    if (inserted.length > 0) ctx.logger.info('demo network advanced', { created: inserted.length });
    return { created: inserted.length };
  });
}

async function newestSimulatedAt(tx: Db): Promise<Date | null> {
  const [row] = await tx
    .select({ createdAt: demoPosts.createdAt })
    .from(demoPosts)
    .where(isSimulated)
    .orderBy(desc(demoPosts.createdAt))
    .limit(1);
  return row?.createdAt ?? null;
}

/** Simulated threads with follow-ups left to say and no brand post anywhere in them. */
async function openThreads(tx: Db, now: Date): Promise<DemoThreadRef[]> {
  if (entriesWithFollowUps.length === 0) return [];
  const brandPost = alias(demoPosts, 'brand_post');
  const roots = await tx
    .select()
    .from(demoPosts)
    .where(
      and(
        isNull(demoPosts.inReplyTo),
        eq(demoPosts.byBrand, false),
        isSimulated,
        inArray(sql<number>`(${demoPosts.meta}->>'corpusIndex')::int`, entriesWithFollowUps),
        gt(demoPosts.createdAt, new Date(now.getTime() - FOLLOW_UP_HORIZON_MS)),
        notExists(
          tx
            .select({ one: sql`1` })
            .from(brandPost)
            .where(and(eq(brandPost.threadRoot, demoPosts.id), eq(brandPost.byBrand, true))),
        ),
      ),
    )
    .orderBy(desc(demoPosts.seq))
    .limit(MAX_OPEN_THREADS);
  if (roots.length === 0) return [];

  const replies = await tx
    .select({
      id: demoPosts.id,
      threadRoot: demoPosts.threadRoot,
      seq: demoPosts.seq,
      createdAt: demoPosts.createdAt,
      meta: demoPosts.meta,
    })
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
    .orderBy(demoPosts.seq);

  const threads: DemoThreadRef[] = [];
  for (const root of roots) {
    const meta = metaOf(root);
    const corpusIndex = meta.corpusIndex ?? corpusIndexOfText(root.text);
    const inThread = replies.filter((reply) => reply.threadRoot === root.id);
    const last = inThread.at(-1) ?? root;
    const followUpsPosted = inThread.filter((reply) => {
      const m = metaOf(reply);
      return m.source === 'simulator' && typeof m.followUpIndex === 'number';
    }).length;
    const pending = demoCorpus[corpusIndex]?.followUps?.length ?? 0;
    if (corpusIndex < 0 || followUpsPosted >= pending) continue;
    threads.push({
      rootId: root.id,
      lastPostId: last.id,
      lastPostAt: last.createdAt,
      authorHandle: root.authorHandle,
      corpusIndex,
      followUpsPosted,
    });
  }
  return threads;
}
