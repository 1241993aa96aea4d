import { boolean, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { networkAccounts } from './accounts';
import { brands } from './brands';
import { networks, timestamps, ts } from './columns';

/** What to listen for on a network, with its cursor, schedule and health. */
export const listeners = pgTable(
  'listeners',
  {
    id: text('id').primaryKey(),
    brandId: text('brand_id')
      .notNull()
      .references(() => brands.id, { onDelete: 'cascade' }),
    accountId: text('account_id').references(() => networkAccounts.id, { onDelete: 'set null' }),
    network: text('network', { enum: networks }).notNull(),
    kind: text('kind', { enum: ['mention', 'keyword', 'hashtag'] }).notNull(),
    query: text('query').notNull(),
    /** Feed URL, subreddit or instance when the query alone does not say where to listen. */
    target: text('target'),
    /** Opaque connector cursor; moves only in the transaction that stores what it covers. */
    cursor: text('cursor'),
    intervalSeconds: integer('interval_seconds').notNull().default(60),
    nextPollAt: ts('next_poll_at').notNull().defaultNow(),
    /** Lease of the poller currently working on it, so two instances never poll it at once. */
    leaseUntil: ts('lease_until'),
    enabled: boolean('enabled').notNull().default(true),
    lastPolledAt: ts('last_polled_at'),
    lastSuccessAt: ts('last_success_at'),
    lastErrorAt: ts('last_error_at'),
    lastError: text('last_error'),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    /** The competitor this listener watches (its name); null when it listens for the brand itself. */
    competitor: text('competitor'),
    ...timestamps,
  },
  (t) => [index('listeners_due').on(t.enabled, t.nextPollAt)],
);
