import { timestamp } from 'drizzle-orm/pg-core';

export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const timestamps = {
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
};

export const networks = ['demo', 'x', 'mastodon', 'bluesky', 'reddit', 'rss', 'hackernews'] as const;
export const languages = ['en', 'fr'] as const;
