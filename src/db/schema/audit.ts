import { bigserial, index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { ts } from './columns';

/** Every action, by whom and when. Append-only: no foreign keys, so erasing a user keeps history. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    /** Commit order of the entries: timestamps tie within a transaction (and under a test clock). */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    at: ts('at').notNull().defaultNow(),
    /** Null for the system (jobs, the network). */
    actorId: text('actor_id'),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    caseId: text('case_id'),
    details: jsonb('details').notNull().default({}),
  },
  (t) => [index('audit_log_case').on(t.caseId, t.seq), index('audit_log_at').on(t.at)],
);
