import { boolean, index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { brands } from './brands';
import { cases } from './cases';
import { timestamps, ts } from './columns';
import { expertAnswers } from './escalations';
import { users } from './users';

export const availabilities = ['available', 'away', 'holiday'] as const;
export type Availability = (typeof availabilities)[number];

/**
 * What routing needs to know about a person who answers questions: when they work and how much
 * they take on. Skills and languages stay on `users`, so an expert needs no advisor seat.
 */
export const expertProfiles = pgTable('expert_profiles', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** IANA zone the working hours are in (Europe/Paris). */
  timezone: text('timezone').notNull().default('UTC'),
  /** ISO weekdays worked, 1 = Monday ... 7 = Sunday. */
  workDays: integer('work_days').array().notNull().default([1, 2, 3, 4, 5]),
  /** Minutes after local midnight. */
  workStart: integer('work_start').notNull().default(540),
  workEnd: integer('work_end').notNull().default(1080),
  availability: text('availability', { enum: availabilities }).notNull().default('available'),
  /** A holiday ends by itself on this date. */
  awayUntil: ts('away_until'),
  maxOpen: integer('max_open').notNull().default(5),
  ...timestamps,
});

/** Keys Passerelle signs with (expert links, inbound webhooks), sealed with the workspace key. */
export const signingKeys = pgTable('signing_keys', {
  id: text('id').primaryKey(),
  sealedKey: text('sealed_key').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** Each signed inbound message once: a replayed signature hits the unique key and is refused. */
export const inboundReceipts = pgTable(
  'inbound_receipts',
  {
    id: text('id').primaryKey(),
    source: text('source').notNull(),
    signature: text('signature').notNull(),
    receivedAt: ts('received_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('inbound_receipts_signature').on(t.source, t.signature),
    // The SLA job deletes the expired ones every minute.
    index('inbound_receipts_received').on(t.receivedAt),
  ],
);

/** A brand's editorial guidelines: what the approver reads, and what the review checks. */
export const brandGuidelines = pgTable('brand_guidelines', {
  brandId: text('brand_id')
    .primaryKey()
    .references(() => brands.id, { onDelete: 'cascade' }),
  toneNotes: text('tone_notes').notNull().default(''),
  forbiddenWords: text('forbidden_words').array().notNull().default([]),
  /** Characters; null means the network's own limit only. */
  maxLength: integer('max_length'),
  /** Whether public answers end with the expert's first name. Off: the brand speaks. */
  signWithExpert: boolean('sign_with_expert').notNull().default(false),
  ...timestamps,
});

/**
 * Experts an admin trusts to review a brand's drafts: besides advisors, they approve, edit or send
 * back that brand's expert answers. Experts only: approving sends the brand's public reply, and
 * marketing does not reply in public.
 */
export const brandApprovers = pgTable(
  'brand_approvers',
  {
    brandId: text('brand_id')
      .notNull()
      .references(() => brands.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.brandId, t.userId] }), index('brand_approvers_user').on(t.userId)],
);

/** Approved expert answers kept for reuse: the next similar question needs no expert. */
export const knowledgeAnswers = pgTable(
  'knowledge_answers',
  {
    id: text('id').primaryKey(),
    brandId: text('brand_id')
      .notNull()
      .references(() => brands.id, { onDelete: 'cascade' }),
    question: text('question').notNull(),
    answer: text('answer').notNull(),
    topic: text('topic'),
    language: text('language').notNull(),
    sourceCaseId: text('source_case_id').references(() => cases.id, { onDelete: 'set null' }),
    /** One knowledge entry per approved answer, however often approval is retried. */
    sourceAnswerId: text('source_answer_id').references(() => expertAnswers.id, { onDelete: 'set null' }),
    expertId: text('expert_id').references(() => users.id, { onDelete: 'set null' }),
    uses: integer('uses').notNull().default(0),
    updatedById: text('updated_by_id').references(() => users.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('knowledge_answers_source').on(t.sourceAnswerId),
    index('knowledge_answers_brand').on(t.brandId, t.language),
  ],
);
