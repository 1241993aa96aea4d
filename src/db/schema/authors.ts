import { index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { networks, timestamps, ts } from './columns';

export const authors = pgTable(
  'authors',
  {
    id: text('id').primaryKey(),
    network: text('network', { enum: networks }).notNull(),
    externalId: text('external_id').notNull(),
    handle: text('handle').notNull(),
    displayName: text('display_name'),
    url: text('url'),
    followers: integer('followers'),
    /** Erased on the person's request: handle and name are blanked and later polls keep them blank. */
    erasedAt: ts('erased_at'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('authors_network_external').on(t.network, t.externalId),
    // Top authors by reach walk authors from the most followed down.
    index('authors_followers').on(t.followers),
  ],
);
