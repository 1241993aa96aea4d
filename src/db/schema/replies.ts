import { boolean, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { cases } from './cases';
import { networks, timestamps, ts } from './columns';
import { expertAnswers } from './escalations';
import { knowledgeAnswers } from './expert-bridge';
import { mentions } from './mentions';
import { users } from './users';

/**
 * `needs_verification`: an attempt's outcome is unknown on a network without idempotent posting (X,
 * Reddit) and looking in the thread could not settle it; a person says whether it was posted.
 */
export const replyStatuses = [
  'queued',
  'sending',
  'sent',
  'failed',
  'unknown',
  'needs_verification',
] as const;
export type ReplyStatus = (typeof replyStatuses)[number];

/** The outbox: an approved public answer waiting to be posted, posted, or stuck for a person. */
export const replies = pgTable(
  'replies',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    /** The customer's post answered: the reply goes into its thread. */
    inReplyToMentionId: text('in_reply_to_mention_id')
      .notNull()
      .references(() => mentions.id),
    network: text('network', { enum: networks }).notNull(),
    body: text('body').notNull(),
    /** A holding reply tells the customer a specialist is looking: sending it does not answer the case. */
    kind: text('kind', { enum: ['answer', 'holding'] })
      .notNull()
      .default('answer'),
    status: text('status', { enum: replyStatuses }).notNull().default('queued'),
    /** Stable across retries so networks that support it recognise a repeat. */
    idempotencyKey: text('idempotency_key').notNull(),
    attempts: integer('attempts').notNull().default(0),
    /**
     * An earlier attempt may have reached the network (a crash while `sending`, a timeout): before
     * sending again on a network without idempotent posting, the thread is searched for our reply.
     */
    outcomeUnknown: boolean('outcome_unknown').notNull().default(false),
    /**
     * When the first attempt was made: a network remembers an idempotency key only so long
     * (Mastodon about an hour), so an older attempt of unknown outcome is looked for, not re-sent.
     */
    firstAttemptAt: ts('first_attempt_at'),
    leaseUntil: ts('lease_until'),
    nextAttemptAt: ts('next_attempt_at').notNull().defaultNow(),
    externalId: text('external_id'),
    externalUrl: text('external_url'),
    lastError: text('last_error'),
    expertAnswerId: text('expert_answer_id').references(() => expertAnswers.id, { onDelete: 'set null' }),
    /** The reusable answer the advisor started from, so reports count answers given without an expert. */
    knowledgeAnswerId: text('knowledge_answer_id').references(() => knowledgeAnswers.id, {
      onDelete: 'set null',
    }),
    createdById: text('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    approvedById: text('approved_by_id').references(() => users.id, { onDelete: 'set null' }),
    sentAt: ts('sent_at'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('replies_idempotency_key').on(t.idempotencyKey),
    index('replies_due').on(t.status, t.nextAttemptAt),
    index('replies_case').on(t.caseId),
  ],
);
