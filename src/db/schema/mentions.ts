import { relations, sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, real, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { authors } from './authors';
import { brands } from './brands';
import { cases } from './cases';
import { networks, ts } from './columns';
import { listeners } from './listeners';

export interface ModelClassification {
  language: string;
  languageScore: number;
  sentiment: 'negative' | 'neutral' | 'positive';
  sentimentScore: number;
  intent: 'question' | 'complaint' | 'praise' | 'other' | 'spam';
  intentScore: number;
  topic: string;
  topicScore: number;
  needsSpecialist: 'yes' | 'no' | 'unsure';
  priority: number;
  modelVersion: string;
}

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
    /**
     * What the model said, as it said it: labels before any correction, their scores, the
     * routing flag, the priority and the model version. The case page and the accuracy report
     * read it; a correction never changes it. Kept on the row: a second table cost ingest a row
     * and three index entries per mention. Null for the brand's own posts.
     */
    classification: jsonb('classification').$type<ModelClassification>(),
    classifiedAt: ts('classified_at'),
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
    // A report filtered on three dimensions reads mentions, not rollups: a topic or a network
    // narrows them to a range of their own (the unique index above spans every day). Partial, on
    // the labelled customer posts reports read: ingest's lookups by (brand, network, post id)
    // cannot pick them instead of the unique index, which a young table without statistics did.
    index('mentions_brand_topic_posted')
      .on(t.brandId, t.topic, t.postedAt)
      .where(sql`${t.fromBrand} = false and ${t.sentiment} is not null`),
    index('mentions_brand_network_posted')
      .on(t.brandId, t.network, t.postedAt)
      .where(sql`${t.fromBrand} = false and ${t.sentiment} is not null`),
    // The rollup job reads the mentions labelled since its watermark by (classified_at, id).
    index('mentions_classified').on(t.classifiedAt, t.id),
    // Top authors by reach: does this author have mentions in the period.
    index('mentions_author_posted').on(t.authorId, t.postedAt),
  ],
);

export const mentionsRelations = relations(mentions, ({ one }) => ({
  author: one(authors, { fields: [mentions.authorId], references: [authors.id] }),
  case: one(cases, { fields: [mentions.caseId], references: [cases.id] }),
}));
