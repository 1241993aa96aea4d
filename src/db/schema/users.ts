import { relations } from 'drizzle-orm';
import { index, pgTable, text } from 'drizzle-orm/pg-core';
import { timestamps, ts } from './columns';

export const roles = ['advisor', 'expert', 'marketing', 'admin'] as const;
export type Role = (typeof roles)[number];

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  role: text('role', { enum: roles }).notNull(),
  /** PBKDF2-SHA256 via WebCrypto, so the same hash verifies on Node and on Workers. */
  passwordHash: text('password_hash'),
  locale: text('locale', { enum: ['en', 'fr'] })
    .notNull()
    .default('en'),
  /** IANA zone the user reads reports in; null falls back to the brand's zone. */
  timezone: text('timezone'),
  /** Topic skills an expert answers (e.g. billing, technical). */
  skills: text('skills').array().notNull().default([]),
  /** Languages the user answers in. */
  languages: text('languages').array().notNull().default(['en']),
  disabledAt: ts('disabled_at'),
  ...timestamps,
});

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie token: a database leak does not leak live sessions. */
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    expiresAt: ts('expires_at').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    lastUsedAt: ts('last_used_at'),
    revokedAt: ts('revoked_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('api_tokens_user').on(t.userId)],
);

export const usersRelations = relations(users, ({ many }) => ({
  sessions: many(sessions),
  apiTokens: many(apiTokens),
}));
