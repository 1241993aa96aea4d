/**
 * The AT Protocol / Bluesky XRPC payloads this connector reads, after the lexicons in
 * bluesky-social/atproto (`lexicons/app/bsky/...`, `lexicons/com/atproto/...`). Objects are loose:
 * unknown keys are kept, so the parsed value is still the payload as sent (stored as `raw`).
 *
 *   POST /xrpc/com.atproto.server.createSession  { identifier, password }  -> Session
 *   POST /xrpc/com.atproto.server.refreshSession (Bearer refreshJwt)       -> Session
 *   GET  /xrpc/app.bsky.notification.listNotifications?reasons=&limit<=100&cursor=
 *   GET  /xrpc/app.bsky.feed.searchPosts?q=&sort=latest&since=&limit<=100&cursor=
 *   GET  /xrpc/app.bsky.feed.getPosts?uris=
 *   GET  /xrpc/com.atproto.identity.resolveHandle?handle=
 *   POST /xrpc/com.atproto.repo.createRecord { repo, collection, rkey, record } -> { uri, cid }
 *   GET  /xrpc/com.atproto.repo.getRecord?repo=&collection=&rkey=             -> { uri, cid, value }
 *   errors: { error: "AuthMissing" | "ExpiredToken" | "InvalidToken" | "RateLimitExceeded" |
 *             "InvalidRequest" | ..., message }; rate limits ratelimit-* (reset in epoch seconds)
 */
import { z } from 'zod';

export const BLUESKY_MAX_GRAPHEMES = 300;
export const BLUESKY_MAX_BYTES = 3000;
export const BLUESKY_PAGE_LIMIT_MAX = 100;
export const POST_COLLECTION = 'app.bsky.feed.post';

const dateString = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not a date');
const atUri = z.string().startsWith('at://');

export const strongRefSchema = z.looseObject({ uri: atUri, cid: z.string().min(1) });

/** app.bsky.feed.post. `createdAt` is written by the author's client: it may be odd, or backdated. */
export const postRecordSchema = z.looseObject({
  $type: z.string().optional(),
  text: z.string(),
  createdAt: z.string(),
  langs: z.array(z.string()).nullish(),
  reply: z.looseObject({ root: strongRefSchema, parent: strongRefSchema }).nullish(),
  facets: z.array(z.unknown()).nullish(),
});

/** profileViewBasic / profileView (followersCount only in profileViewDetailed). */
export const profileSchema = z.looseObject({
  did: z.string().startsWith('did:'),
  handle: z.string().min(1),
  displayName: z.string().nullish(),
  followersCount: z.number().int().nonnegative().nullish(),
});

export const postViewSchema = z.looseObject({
  uri: atUri,
  cid: z.string().min(1),
  author: profileSchema,
  record: postRecordSchema,
  indexedAt: dateString,
  viewer: z.looseObject({ replyDisabled: z.boolean().nullish() }).nullish(),
});

export const notificationSchema = z.looseObject({
  uri: atUri,
  cid: z.string().min(1),
  author: profileSchema,
  reason: z.string(),
  reasonSubject: z.string().nullish(),
  /** The record that caused the notification; a post for mention, reply and quote. */
  record: z.unknown(),
  isRead: z.boolean().optional(),
  indexedAt: dateString,
});

export const listNotificationsSchema = z.looseObject({
  notifications: z.array(notificationSchema),
  cursor: z.string().nullish(),
});

export const searchPostsSchema = z.looseObject({
  posts: z.array(postViewSchema),
  cursor: z.string().nullish(),
  hitsTotal: z.number().nullish(),
});

/** The envelopes of the polled lists, read leniently: each item is validated on its own. */
export const listNotificationsEnvelopeSchema = listNotificationsSchema.extend({
  notifications: z.array(z.unknown()),
});
export const searchPostsEnvelopeSchema = searchPostsSchema.extend({ posts: z.array(z.unknown()) });

export const getPostsSchema = z.looseObject({ posts: z.array(postViewSchema) });

export const sessionSchema = z.looseObject({
  accessJwt: z.string().min(1),
  refreshJwt: z.string().min(1),
  did: z.string().startsWith('did:'),
  handle: z.string().nullish(),
});

export const createRecordSchema = z.looseObject({ uri: atUri, cid: z.string().min(1) });
export const getRecordSchema = z.looseObject({ uri: atUri, cid: z.string().nullish(), value: z.unknown() });
export const resolveHandleSchema = z.looseObject({ did: z.string().startsWith('did:') });

/** What a stored mention's raw must hold to be answered: the post's strong ref and its reply refs. */
export const replyTargetSchema = z.looseObject({
  uri: atUri,
  cid: z.string().min(1),
  author: profileSchema.optional(),
  record: z.looseObject({
    reply: z.looseObject({ root: strongRefSchema, parent: strongRefSchema }).nullish(),
  }),
  viewer: z.looseObject({ replyDisabled: z.boolean().nullish() }).nullish(),
});

export type PostRecord = z.infer<typeof postRecordSchema>;
export type Profile = z.infer<typeof profileSchema>;
export type PostView = z.infer<typeof postViewSchema>;
export type BlueskyNotification = z.infer<typeof notificationSchema>;
export type StrongRef = { uri: string; cid: string };

/** at://did/collection/rkey -> parts; null when the URI is not of that form. */
export function parseAtUri(uri: string): { repo: string; collection: string; rkey: string } | null {
  const match = /^at:\/\/([^/]+)\/([^/]+)\/([^/?#]+)$/.exec(uri);
  if (!match?.[1] || !match[2] || !match[3]) return null;
  return { repo: match[1], collection: match[2], rkey: match[3] };
}
