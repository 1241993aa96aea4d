import { index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { brands } from './brands';
import { networks, ts } from './columns';
import { listeners } from './listeners';
import { users } from './users';

/**
 * Items a network sent that we could not read. The rest of their poll went on; an admin sees them
 * and dismisses them. One row per listener and item (by its id, or a hash of the payload when no id
 * could be read): a network that keeps sending the same broken item bumps `count`.
 */
export const deadLetters = pgTable(
  'dead_letters',
  {
    id: text('id').primaryKey(),
    brandId: text('brand_id')
      .notNull()
      .references(() => brands.id, { onDelete: 'cascade' }),
    listenerId: text('listener_id')
      .notNull()
      .references(() => listeners.id, { onDelete: 'cascade' }),
    network: text('network', { enum: networks }).notNull(),
    fingerprint: text('fingerprint').notNull(),
    externalId: text('external_id'),
    reason: text('reason').notNull(),
    /** The payload as sent, truncated: enough to see what broke, not a second copy of a huge post. */
    payload: text('payload').notNull(),
    firstSeenAt: ts('first_seen_at').notNull().defaultNow(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
    count: integer('count').notNull().default(1),
    dismissedAt: ts('dismissed_at'),
    dismissedBy: text('dismissed_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('dead_letters_listener_fingerprint').on(t.listenerId, t.fingerprint),
    index('dead_letters_open').on(t.dismissedAt, t.lastSeenAt),
  ],
);

/**
 * The last rate-limit window a network announced for an account (key `account:<id>`) or for
 * anonymous access (`network:<name>`). Stored so that a restart or another instance does not call
 * before the reset the network asked for.
 */
export const networkRateLimits = pgTable('network_rate_limits', {
  key: text('key').primaryKey(),
  network: text('network', { enum: networks }).notNull(),
  remaining: integer('remaining'),
  resetAt: ts('reset_at'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
