import { relations } from 'drizzle-orm';
import { index, pgTable, text } from 'drizzle-orm/pg-core';
import { cases } from './cases';
import { timestamps, ts } from './columns';
import { users } from './users';

/** A question handed from an advisor to the experts of a skill. */
export const escalations = pgTable(
  'escalations',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    skill: text('skill').notNull(),
    language: text('language').notNull(),
    /** The expert it was routed to; null means the skill's team queue. */
    expertId: text('expert_id').references(() => users.id, { onDelete: 'set null' }),
    status: text('status', { enum: ['open', 'answered', 'cancelled'] })
      .notNull()
      .default('open'),
    /** What the advisor asks the expert, internal only. */
    note: text('note'),
    /** Why it went where it went, in words, for the case history. */
    routingReason: text('routing_reason').notNull(),
    /** The same explanation in French. */
    routingReasonFr: text('routing_reason_fr').notNull().default(''),
    createdById: text('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    answeredAt: ts('answered_at'),
    ...timestamps,
  },
  (t) => [index('escalations_case').on(t.caseId), index('escalations_expert').on(t.expertId, t.status)],
);

/** An expert's draft answer; only an approved one becomes a public reply. */
export const expertAnswers = pgTable(
  'expert_answers',
  {
    id: text('id').primaryKey(),
    escalationId: text('escalation_id')
      .notNull()
      .references(() => escalations.id, { onDelete: 'cascade' }),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
    /** The name the answerer gave on a team question's link, where no session says who they are. */
    authorName: text('author_name'),
    body: text('body').notNull(),
    status: text('status', { enum: ['submitted', 'approved', 'returned'] })
      .notNull()
      .default('submitted'),
    /** Where the expert answered from: a signed-in page, the signed link, an e-mail reply, a bot. */
    via: text('via', { enum: ['page', 'link', 'email', 'webhook'] })
      .notNull()
      .default('page'),
    reviewNote: text('review_note'),
    reviewedById: text('reviewed_by_id').references(() => users.id, { onDelete: 'set null' }),
    reviewedAt: ts('reviewed_at'),
    ...timestamps,
  },
  (t) => [index('expert_answers_escalation').on(t.escalationId)],
);

export const escalationsRelations = relations(escalations, ({ one, many }) => ({
  case: one(cases, { fields: [escalations.caseId], references: [cases.id] }),
  expert: one(users, { fields: [escalations.expertId], references: [users.id] }),
  answers: many(expertAnswers),
}));

export const expertAnswersRelations = relations(expertAnswers, ({ one }) => ({
  escalation: one(escalations, { fields: [expertAnswers.escalationId], references: [escalations.id] }),
}));
