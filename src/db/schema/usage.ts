import { date, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { listeners } from './listeners';

/** Posts read per listener per UTC day: what a query costs on pay-per-read networks (X). */
export const listenerUsage = pgTable(
  'listener_usage',
  {
    listenerId: text('listener_id')
      .notNull()
      .references(() => listeners.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    postsRead: integer('posts_read').notNull().default(0),
    requests: integer('requests').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.listenerId, t.day] })],
);
