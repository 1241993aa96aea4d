import { integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { brands } from './brands';
import { networks, timestamps, ts } from './columns';

/** An account's server's own limits, as read from it (the connector's PostingLimits), with when. */
export interface StoredPostingLimits {
  maxCharacters: number;
  charactersReservedPerUrl: number;
  readAt: string;
}

/** The brand's own accounts on each network: what replies are posted from. */
export const networkAccounts = pgTable(
  'network_accounts',
  {
    id: text('id').primaryKey(),
    brandId: text('brand_id')
      .notNull()
      .references(() => brands.id, { onDelete: 'cascade' }),
    network: text('network', { enum: networks }).notNull(),
    handle: text('handle').notNull(),
    externalUserId: text('external_user_id'),
    /** Base URL of the network's API (an instance, a PDS, a proxy, the local demo network). */
    baseUrl: text('base_url'),
    /** AES-GCM ciphertext of the credentials JSON; never returned by the API. */
    credentials: text('credentials'),
    /**
     * Limits the account's own server sets (a Mastodon instance's characters per post), read when
     * the account is connected; null where the network has one limit, or it could not be read yet.
     */
    postingLimits: jsonb('posting_limits').$type<StoredPostingLimits>(),
    lastSuccessAt: ts('last_success_at'),
    lastErrorAt: ts('last_error_at'),
    lastError: text('last_error'),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    ...timestamps,
  },
  (t) => [uniqueIndex('network_accounts_brand_network_handle').on(t.brandId, t.network, t.handle)],
);
