import { index, pgTable, text } from 'drizzle-orm/pg-core';
import { brands } from './brands';
import { timestamps } from './columns';

export const cannedResponses = pgTable(
  'canned_responses',
  {
    id: text('id').primaryKey(),
    brandId: text('brand_id')
      .notNull()
      .references(() => brands.id, { onDelete: 'cascade' }),
    language: text('language', { enum: ['en', 'fr'] }).notNull(),
    title: text('title').notNull(),
    /** May use {name}, {handle} and {case_link}; filled in per customer so no two replies are identical. */
    body: text('body').notNull(),
    topic: text('topic'),
    ...timestamps,
  },
  (t) => [index('canned_responses_brand').on(t.brandId, t.language)],
);
