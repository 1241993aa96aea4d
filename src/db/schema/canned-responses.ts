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
    /** A holding reply tells the customer a specialist is looking and when to expect the answer ({due}). */
    purpose: text('purpose', { enum: ['answer', 'holding'] })
      .notNull()
      .default('answer'),
    ...timestamps,
  },
  (t) => [index('canned_responses_brand').on(t.brandId, t.language)],
);
