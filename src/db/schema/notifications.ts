import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestamps, ts } from './columns';

export const channelKinds = ['slack', 'teams', 'webhook', 'email'] as const;
export const audiences = ['admins', 'experts', 'marketing', 'advisors'] as const;
export type Audience = (typeof audiences)[number];

/** Where the workspace's people are told things: a Slack or Teams webhook, a signed webhook, e-mail. */
export const notificationChannels = pgTable('notification_channels', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind', { enum: channelKinds }).notNull(),
  /** Webhook URL or e-mail address. */
  target: text('target').notNull(),
  /** Sealed HMAC secret for signed webhooks. */
  secret: text('secret'),
  audiences: text('audiences').array().notNull().default([]),
  /** Kind-specific settings (SMTP host, port, secure, user, from); the password stays in `secret`. */
  settings: jsonb('settings').$type<Record<string, string | number | boolean>>().notNull().default({}),
  enabled: boolean('enabled').notNull().default(true),
  lastSuccessAt: ts('last_success_at'),
  lastErrorAt: ts('last_error_at'),
  lastError: text('last_error'),
  consecutiveFailures: integer('consecutive_failures').notNull().default(0),
  ...timestamps,
});

/** The notification outbox: written with the event that causes it, sent by a job with retries. */
export const notifications = pgTable(
  'notifications',
  {
    id: text('id').primaryKey(),
    channelId: text('channel_id')
      .notNull()
      .references(() => notificationChannels.id, { onDelete: 'cascade' }),
    /** One notification per event and channel, however often the event is noticed. */
    dedupeKey: text('dedupe_key').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    link: text('link'),
    payload: jsonb('payload').notNull().default({}),
    status: text('status', { enum: ['queued', 'sending', 'sent', 'failed'] })
      .notNull()
      .default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at').notNull().defaultNow(),
    leaseUntil: ts('lease_until'),
    lastError: text('last_error'),
    sentAt: ts('sent_at'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('notifications_dedupe').on(t.channelId, t.dedupeKey),
    index('notifications_due').on(t.status, t.nextAttemptAt),
  ],
);
