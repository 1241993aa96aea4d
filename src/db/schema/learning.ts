import { index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { brands } from './brands';
import { ts } from './columns';
import { mentions } from './mentions';
import { users } from './users';

export const correctableFields = ['language', 'sentiment', 'intent', 'topic'] as const;
export type CorrectableField = (typeof correctableFields)[number];

/** An advisor's correction of a label: the ground truth the brand's models learn from. */
export const classificationCorrections = pgTable(
  'classification_corrections',
  {
    id: text('id').primaryKey(),
    brandId: text('brand_id')
      .notNull()
      .references(() => brands.id, { onDelete: 'cascade' }),
    mentionId: text('mention_id')
      .notNull()
      .references(() => mentions.id, { onDelete: 'cascade' }),
    field: text('field', { enum: correctableFields }).notNull(),
    fromLabel: text('from_label').notNull(),
    toLabel: text('to_label').notNull(),
    /** The model that produced the corrected label. */
    modelVersion: text('model_version').notNull(),
    correctedById: text('corrected_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    // The latest word on a field wins: one row per mention and field, updated on a new correction.
    uniqueIndex('corrections_mention_field').on(t.mentionId, t.field),
    index('corrections_brand').on(t.brandId, t.createdAt),
  ],
);

/** A brand's trained models; the newest per task is the one in use. */
export const brandModels = pgTable(
  'brand_models',
  {
    id: text('id').primaryKey(),
    brandId: text('brand_id')
      .notNull()
      .references(() => brands.id, { onDelete: 'cascade' }),
    task: text('task', { enum: ['topic', 'sentiment', 'intent'] }).notNull(),
    version: text('version').notNull(),
    /** Serialised model, as the classifier's serialiser writes it. */
    model: text('model').notNull(),
    examples: integer('examples').notNull(),
    corrections: integer('corrections').notNull(),
    metrics: jsonb('metrics').notNull().default({}),
    trainedAt: ts('trained_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('brand_models_version').on(t.brandId, t.task, t.version),
    index('brand_models_latest').on(t.brandId, t.task, t.trainedAt),
  ],
);
