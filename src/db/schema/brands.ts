import { relations } from 'drizzle-orm';
import { boolean, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestamps, ts } from './columns';

export const brands = pgTable('brands', {
  id: text('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  defaultLanguage: text('default_language', { enum: ['en', 'fr'] })
    .notNull()
    .default('en'),
  timezone: text('timezone').notNull().default('UTC'),
  ...timestamps,
});

/** The brand's own topics: what it is asked about, and who answers each. */
export const topics = pgTable(
  'topics',
  {
    id: text('id').primaryKey(),
    brandId: text('brand_id')
      .notNull()
      .references(() => brands.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    labelEn: text('label_en').notNull(),
    labelFr: text('label_fr').notNull(),
    keywords: text('keywords').array().notNull().default([]),
    examples: text('examples').array().notNull().default([]),
    needsSpecialist: boolean('needs_specialist').notNull().default(false),
    skill: text('skill'),
    /** Archived topics keep their key (cases and corrections name it) but leave the classifier. */
    archivedAt: ts('archived_at'),
    ...timestamps,
  },
  (t) => [uniqueIndex('topics_brand_key').on(t.brandId, t.key)],
);

export const brandsRelations = relations(brands, ({ many }) => ({ topics: many(topics) }));
export const topicsRelations = relations(topics, ({ one }) => ({
  brand: one(brands, { fields: [topics.brandId], references: [brands.id] }),
}));
