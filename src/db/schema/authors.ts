import { index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { networks, timestamps } from './columns';

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
    ...timestamps,
  },
  (t) => [
    uniqueIndex('authors_network_external').on(t.network, t.externalId),
    // Top authors by reach walk authors from the most followed down.
    index('authors_followers').on(t.followers),
  ],
);
