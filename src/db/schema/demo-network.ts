import { bigserial, boolean, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { ts } from './columns';

/**
 * The simulated public network of demo mode. It stands for the outside world, so nothing of
 * Passerelle references it: the demo connector reads and writes it over HTTP like any network.
 */
export const demoPosts = pgTable(
  'demo_posts',
  {
    id: text('id').primaryKey(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    text: text('text').notNull(),
    lang: text('lang'),
    authorId: text('author_id').notNull(),
    authorHandle: text('author_handle').notNull(),
    authorName: text('author_name').notNull(),
    followers: integer('followers').notNull().default(0),
    inReplyTo: text('in_reply_to'),
    threadRoot: text('thread_root').notNull(),
    byBrand: boolean('by_brand').notNull().default(false),
    /** Set on posts made through the API, so a retried reply returns the first post. */
    idempotencyKey: text('idempotency_key'),
    /** What the simulator meant the post to be (kind, topic), for tests and the demo page. */
    meta: jsonb('meta').notNull().default({}),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('demo_posts_seq').on(t.seq),
    uniqueIndex('demo_posts_idempotency').on(t.idempotencyKey),
    index('demo_posts_thread').on(t.threadRoot),
  ],
);
