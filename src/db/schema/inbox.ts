import { index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { brands } from './brands';
import { cases } from './cases';
import { timestamps, ts } from './columns';
import { users } from './users';

/** A named set of inbox filters, one person's: the filters are the query string, so a view is a link. */
export const savedViews = pgTable(
  'saved_views',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    filters: jsonb('filters').$type<Record<string, string>>().notNull().default({}),
    ...timestamps,
  },
  (t) => [uniqueIndex('saved_views_user_name').on(t.userId, t.name)],
);

/** Who has a case open right now: refreshed by the case page, entries older than a minute ignored. */
export const casePresence = pgTable(
  'case_presence',
  {
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    lastSeenAt: ts('last_seen_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.userId] }),
    index('case_presence_seen').on(t.caseId, t.lastSeenAt),
  ],
);

/** Internal notes on a case: never sent out, read by advisors and experts only. */
export const caseNotes = pgTable(
  'case_notes',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    ...timestamps,
  },
  (t) => [index('case_notes_case').on(t.caseId, t.createdAt)],
);

/** One stretch of opening hours: an ISO weekday and minutes after local midnight (end up to 1440). */
export interface OpeningWindow {
  day: number;
  start: number;
  end: number;
}

/**
 * A brand's service-level targets for cases at or above a priority, counted in its business hours
 * (its time zone, opening hours and closed days).
 */
export const slaPolicies = pgTable(
  'sla_policies',
  {
    id: text('id').primaryKey(),
    brandId: text('brand_id')
      .notNull()
      .references(() => brands.id, { onDelete: 'cascade' }),
    /** The policy applies to cases whose priority is at least this (the highest matching one wins). */
    minPriority: integer('min_priority').notNull().default(0),
    firstResponseMinutes: integer('first_response_minutes').notNull(),
    resolutionMinutes: integer('resolution_minutes').notNull(),
    /**
     * When the team works: windows of an ISO weekday (1 = Monday ... 7 = Sunday), in minutes after
     * local midnight, several a day for a lunch break; a day without a window is closed.
     */
    openingHours: jsonb('opening_hours').$type<OpeningWindow[]>().notNull(),
    /** Holidays: "2026-12-25" once or "12-25" every year, read in the policy's time zone. */
    closedDays: text('closed_days').array().notNull().default([]),
    /** IANA zone the business hours are read in; null means the brand's own time zone. */
    timeZone: text('time_zone'),
    /** How long before a due time the assignee is reminded. */
    reminderMinutes: integer('reminder_minutes').notNull().default(30),
    /** Who takes over a case whose target was missed: backup expert or team lead. */
    backupUserId: text('backup_user_id').references(() => users.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [uniqueIndex('sla_policies_brand_priority').on(t.brandId, t.minPriority)],
);
