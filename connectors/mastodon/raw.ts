/**
 * The Mastodon REST payloads this connector reads, as documented at docs.joinmastodon.org
 * (entities Status, Account, Notification, Search, Instance). Objects are loose: unknown keys are
 * kept, so the parsed value is still the payload as the server sent it (stored as `raw`).
 *
 *   GET  /api/v1/notifications?types[]=mention&limit<=80   Notification[] newest first, Link header
 *   GET  /api/v1/timelines/tag/:hashtag?limit<=40           Status[] newest first, Link header
 *   GET  /api/v2/search?type=statuses&q=&limit<=40          { accounts, statuses, hashtags }
 *   GET  /api/v1/statuses/:id                               Status
 *   POST /api/v1/statuses { status, in_reply_to_id, visibility }, header Idempotency-Key -> Status
 *   GET  /api/v2/instance                                   configuration.statuses.max_characters
 *   errors: { "error": "..." } localised; rate limits X-RateLimit-* with Reset as ISO-8601
 */
import { z } from 'zod';

export const MASTODON_DEFAULT_MAX_CHARACTERS = 500;
export const MASTODON_DEFAULT_CHARACTERS_PER_URL = 23;
/** Page sizes as capped by Mastodon (asking for more silently returns the cap). */
export const MASTODON_NOTIFICATIONS_LIMIT_MAX = 80;
export const MASTODON_TIMELINE_LIMIT_MAX = 40;
export const MASTODON_SEARCH_LIMIT_MAX = 40;

const dateString = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not a date');

export const mastodonAccountSchema = z.looseObject({
  id: z.string().min(1),
  username: z.string(),
  /** `user` for a local account, `user@domain` for a remote one: relative to the instance asked. */
  acct: z.string().min(1),
  display_name: z.string().nullish(),
  url: z.string().nullish(),
  followers_count: z.number().int().nonnegative().nullish(),
});

export const mastodonStatusMentionSchema = z.looseObject({
  id: z.string(),
  username: z.string(),
  acct: z.string(),
  url: z.string(),
});

const statusShape = {
  /** Local to the instance that served it: the same post has another id on another instance. */
  id: z.string().min(1),
  /** The federation id (ActivityPub object URI): the same everywhere. */
  uri: z.string().min(1),
  url: z.string().nullish(),
  created_at: dateString,
  account: mastodonAccountSchema,
  /** HTML. */
  content: z.string(),
  spoiler_text: z.string().nullish(),
  /** public | unlisted | private | direct; forks add others (local, limited). */
  visibility: z.string(),
  language: z.string().nullish(),
  in_reply_to_id: z.string().nullish(),
  in_reply_to_account_id: z.string().nullish(),
  mentions: z.array(mastodonStatusMentionSchema).nullish(),
};

export const mastodonBaseStatusSchema = z.looseObject(statusShape);
export const mastodonStatusSchema = z.looseObject({
  ...statusShape,
  reblog: mastodonBaseStatusSchema.nullish(),
});

export const mastodonNotificationSchema = z.looseObject({
  id: z.string().min(1),
  type: z.string(),
  created_at: dateString,
  account: mastodonAccountSchema,
  /** Absent for follows; null when the status was deleted meanwhile. */
  status: mastodonStatusSchema.nullish(),
});

/** GET /api/v1/statuses/:id/context: the thread around a status. */
export const mastodonContextSchema = z.looseObject({
  ancestors: z.array(mastodonBaseStatusSchema),
  descendants: z.array(mastodonBaseStatusSchema),
});

export const mastodonNotificationsSchema = z.array(mastodonNotificationSchema);
export const mastodonStatusesSchema = z.array(mastodonStatusSchema);
/** Page envelopes: their items are validated one by one (see connectors/items.ts). */
export const mastodonItemsSchema = z.array(z.unknown());
export const mastodonSearchEnvelopeSchema = z.looseObject({ statuses: z.array(z.unknown()) });
export const mastodonSearchSchema = z.looseObject({ statuses: z.array(mastodonStatusSchema) });

const statusesConfiguration = z
  .looseObject({
    max_characters: z.number().int().positive().nullish(),
    characters_reserved_per_url: z.number().int().nonnegative().nullish(),
  })
  .nullish();

/** v2 since Mastodon 4.0; v1 keeps `configuration` since 3.4 and some forks say `max_toot_chars`. */
export const mastodonInstanceSchema = z.looseObject({
  configuration: z.looseObject({ statuses: statusesConfiguration }).nullish(),
  max_toot_chars: z.number().int().positive().nullish(),
});

export type MastodonAccount = z.infer<typeof mastodonAccountSchema>;
export type MastodonStatus = z.infer<typeof mastodonStatusSchema>;
export type MastodonBaseStatus = z.infer<typeof mastodonBaseStatusSchema>;
export type MastodonNotification = z.infer<typeof mastodonNotificationSchema>;
