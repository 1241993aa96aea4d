import { relations } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, real, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { authors } from './authors';
import { brands } from './brands';
import { cases } from './cases';
import { networks, ts } from './columns';
import { listeners } from './listeners';

export const mentions = pgTable(
  'mentions',
  {
    id: text('id').primaryKey(),
    brandId: text('brand_id')
      .notNull()
      .references(() => brands.id, { onDelete: 'cascade' }),
    listenerId: text('listener_id').references(() => listeners.id, { onDelete: 'set null' }),
    network: text('network', { enum: networks }).notNull(),
    externalId: text('external_id').notNull(),
    authorId: text('author_id')
      .notNull()
      .references(() => authors.id),
    caseId: text('case_id').references(() => cases.id, { onDelete: 'set null' }),
    text: text('text').notNull(),
    url: text('url'),
    /**
     * The labels a reader sees, kept on the row so reports filter mentions with plain column
     * tests: the latest classification overridden by an advisor's correction. Written only by
     * `storeMentions` and `correctClassification`; null for the brand's own posts, which are not
     * classified. `language` is the classifier's (then corrected) language, or the network's for
     * the brand's own posts.
     */
    language: text('language'),
    sentiment: text('sentiment', { enum: ['negative', 'neutral', 'positive'] }),
    sentimentScore: real('sentiment_score'),
    intent: text('intent', { enum: ['question', 'complaint', 'praise', 'other', 'spam'] }),
    topic: text('topic'),
    inReplyToExternalId: text('in_reply_to_external_id'),
    threadRootExternalId: text('thread_root_external_id').notNull(),
    /** Posted from the brand's own account: joins its thread, never opens a case. */
    fromBrand: boolean('from_brand').notNull().default(false),
    raw: jsonb('raw').notNull(),
    postedAt: ts('posted_at').notNull(),
    receivedAt: ts('received_at').notNull().defaultNow(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [
    // One row per brand and post: a post naming two brands is a case for each of them.
    uniqueIndex('mentions_brand_network_external').on(t.brandId, t.network, t.externalId),
    index('mentions_case').on(t.caseId),
    index('mentions_brand_posted').on(t.brandId, t.postedAt),
    // A report filtered on three dimensions reads mentions, not rollups: a topic narrows them most.
    index('mentions_brand_topic_posted').on(t.brandId, t.topic, t.postedAt),
    // Top authors by reach: does this author have mentions in the period.
    index('mentions_author_posted').on(t.authorId, t.postedAt),
  ],
);

export const classifications = pgTable(
  'classifications',
  {
    id: text('id').primaryKey(),
    mentionId: text('mention_id')
      .notNull()
      .references(() => mentions.id, { onDelete: 'cascade' }),
    language: text('language').notNull(),
    languageScore: real('language_score').notNull(),
    sentiment: text('sentiment', { enum: ['negative', 'neutral', 'positive'] }).notNull(),
    sentimentScore: real('sentiment_score').notNull(),
    intent: text('intent', { enum: ['question', 'complaint', 'praise', 'other', 'spam'] }).notNull(),
    intentScore: real('intent_score').notNull(),
    topic: text('topic').notNull(),
    topicScore: real('topic_score').notNull(),
    needsSpecialist: text('needs_specialist', { enum: ['yes', 'no', 'unsure'] }).notNull(),
    priority: integer('priority').notNull(),
    modelVersion: text('model_version').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('classifications_mention').on(t.mentionId),
    // The rollup job reads new classifications by (created_at, id).
    index('classifications_created').on(t.createdAt, t.id),
  ],
);

export const mentionsRelations = relations(mentions, ({ one, many }) => ({
  author: one(authors, { fields: [mentions.authorId], references: [authors.id] }),
  case: one(cases, { fields: [mentions.caseId], references: [cases.id] }),
  classifications: many(classifications),
}));

export const classificationsRelations = relations(classifications, ({ one }) => ({
  mention: one(mentions, { fields: [classifications.mentionId], references: [mentions.id] }),
}));
