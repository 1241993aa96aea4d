import { relations } from 'drizzle-orm';
import { index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { authors } from './authors';
import { brands } from './brands';
import { networks, timestamps, ts } from './columns';
import { users } from './users';

export const caseStatuses = [
  'new',
  'open',
  'waiting_expert',
  'awaiting_approval',
  'answered',
  'closed',
  'ignored',
] as const;
export type CaseStatus = (typeof caseStatuses)[number];

/** A conversation thread with one customer on one network. */
export const cases = pgTable(
  'cases',
  {
    id: text('id').primaryKey(),
    brandId: text('brand_id')
      .notNull()
      .references(() => brands.id, { onDelete: 'cascade' }),
    network: text('network', { enum: networks }).notNull(),
    threadRootExternalId: text('thread_root_external_id').notNull(),
    authorId: text('author_id')
      .notNull()
      .references(() => authors.id),
    status: text('status', { enum: caseStatuses }).notNull().default('new'),
    assigneeId: text('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    priority: integer('priority').notNull().default(0),
    language: text('language'),
    intent: text('intent'),
    sentiment: text('sentiment'),
    topic: text('topic'),
    needsSpecialist: text('needs_specialist', { enum: ['yes', 'no', 'unsure'] }),
    dueAt: ts('due_at'),
    /** SLA targets in the brand's business hours, kept on the case so reports can measure attainment. */
    firstResponseDueAt: ts('first_response_due_at'),
    resolutionDueAt: ts('resolution_due_at'),
    /** The first public reply queued for the customer (a holding reply counts). */
    firstRespondedAt: ts('first_responded_at'),
    /** Set once a missed resolution target has moved the question on, so the job does it once. */
    slaBreachHandledAt: ts('sla_breach_handled_at'),
    /** Set once a missed first-response target has handed the case over, so the job does it once. */
    firstResponseBreachHandledAt: ts('first_response_breach_handled_at'),
    lastMentionAt: ts('last_mention_at').notNull(),
    answeredAt: ts('answered_at'),
    closedAt: ts('closed_at'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('cases_brand_thread').on(t.brandId, t.network, t.threadRootExternalId),
    index('cases_inbox').on(t.status, t.priority),
    index('cases_assignee').on(t.assigneeId),
    // Case reports read a brand's cases opened in a period.
    index('cases_brand_created').on(t.brandId, t.createdAt),
  ],
);

export const casesRelations = relations(cases, ({ one }) => ({
  author: one(authors, { fields: [cases.authorId], references: [authors.id] }),
  assignee: one(users, { fields: [cases.assigneeId], references: [users.id] }),
  brand: one(brands, { fields: [cases.brandId], references: [brands.id] }),
}));
