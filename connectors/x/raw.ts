/**
 * The slice of X API v2 that Passerelle uses, as zod schemas checked on every response.
 *
 *   GET  /2/users/:id/mentions      mentions of the brand account (max_results 5..100, pagination_token)
 *   GET  /2/tweets/search/recent    keyword and hashtag listening (max_results 10..100, next_token)
 *   POST /2/tweets                  { text, reply: { in_reply_to_tweet_id } } -> 201 { data: { id, text } }
 *   POST /2/oauth2/token            grant_type=refresh_token (form) -> { access_token, refresh_token, ... }
 *
 * Timelines are newest first; `meta.newest_id` of the first page is the next `since_id`. A 200 may
 * carry a partial `errors[]` (a deleted referenced post, a suspended author) next to its data.
 * Field and expansion names are typed with twitter-api-v2's own unions so a typo fails to compile.
 * Objects are loose: unknown fields are kept, since the payload is stored as `raw` for audit.
 */
import type {
  SendTweetV2Params,
  TTweetv2Expansion,
  TTweetv2TweetField,
  TTweetv2UserField,
} from 'twitter-api-v2';
import { z } from 'zod';

export const X_MAX_WEIGHTED_LENGTH = 280;
/** USD per post read on pay-per-use (NETWORKS.md, late 2026). */
export const X_COST_PER_POST_READ = 0.005;
export const X_SEARCH_PAGE_SIZE = { min: 10, max: 100 } as const;
export const X_MENTIONS_PAGE_SIZE = { min: 5, max: 100 } as const;

export const X_EXPANSIONS = [
  'author_id',
  'referenced_tweets.id',
  // The author of a quoted post tells whether the customer quoted the brand (see checkReply).
  'referenced_tweets.id.author_id',
] as const satisfies readonly TTweetv2Expansion[];

export const X_TWEET_FIELDS = [
  'author_id',
  'created_at',
  'lang',
  'conversation_id',
  'in_reply_to_user_id',
  'referenced_tweets',
  'entities',
  'public_metrics',
  // Posts over 280 characters arrive truncated in `text`; the whole text is in note_tweet.
  'note_tweet',
] as const satisfies readonly TTweetv2TweetField[];

export const X_USER_FIELDS = [
  'username',
  'name',
  'public_metrics',
] as const satisfies readonly TTweetv2UserField[];

/** Snowflake ids: decimal strings, ordered by creation time. */
const idSchema = z.string().regex(/^\d+$/, 'expected a numeric id string');

export const rawMentionEntitySchema = z.looseObject({
  username: z.string(),
  id: idSchema.optional(),
});

export const rawReferencedTweetSchema = z.looseObject({
  type: z.enum(['replied_to', 'quoted', 'retweeted']),
  id: idSchema,
});

export const rawTweetSchema = z.looseObject({
  id: idSchema,
  text: z.string(),
  author_id: idSchema.optional(),
  created_at: z.iso.datetime({ offset: true }).optional(),
  lang: z.string().optional(),
  conversation_id: idSchema.optional(),
  in_reply_to_user_id: idSchema.optional(),
  referenced_tweets: z.array(rawReferencedTweetSchema).optional(),
  entities: z.looseObject({ mentions: z.array(rawMentionEntitySchema).optional() }).optional(),
  public_metrics: z.looseObject({}).optional(),
  note_tweet: z.looseObject({ text: z.string() }).optional(),
});

export const rawUserSchema = z.looseObject({
  id: idSchema,
  username: z.string().min(1),
  name: z.string().optional(),
  public_metrics: z.looseObject({ followers_count: z.number().int().nonnegative().optional() }).optional(),
});

/** RFC 7807 problem, as X writes it in `errors[]` and in error bodies. */
export const rawProblemSchema = z.looseObject({
  title: z.string().optional(),
  detail: z.string().optional(),
  type: z.string().optional(),
  status: z.number().optional(),
  message: z.string().optional(),
});

export const rawIncludesSchema = z.looseObject({
  users: z.array(rawUserSchema).optional(),
  tweets: z.array(rawTweetSchema).optional(),
});

export const timelineResponseSchema = z.looseObject({
  data: z.array(rawTweetSchema).optional(),
  includes: rawIncludesSchema.optional(),
  errors: z.array(rawProblemSchema).optional(),
  meta: z
    .looseObject({
      result_count: z.number().int().nonnegative().optional(),
      newest_id: idSchema.optional(),
      oldest_id: idSchema.optional(),
      next_token: z.string().min(1).optional(),
    })
    .optional(),
});

/**
 * A timeline page read leniently: the envelope must hold, each post and each included object is
 * validated on its own (see timelinePage in index.ts), so one broken post costs only itself.
 */
export const timelineEnvelopeSchema = timelineResponseSchema.extend({
  data: z.array(z.unknown()).optional(),
  includes: z
    .looseObject({ users: z.array(z.unknown()).optional(), tweets: z.array(z.unknown()).optional() })
    .optional(),
});

/** GET /2/tweets/:id: the post, or (still a 200) a "resource-not-found" problem once it is deleted. */
export const tweetLookupSchema = z.looseObject({
  data: rawTweetSchema.optional(),
  errors: z.array(rawProblemSchema).optional(),
});

export const createTweetResponseSchema = z.looseObject({
  data: z.looseObject({ id: idSchema, text: z.string() }),
});

export const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  expires_in: z.number().positive().optional(),
  token_type: z.string().optional(),
  scope: z.string().optional(),
});

/**
 * What a Mention's `raw` holds for X: the post as sent plus the included users and posts it refers
 * to, in the response's own shape, so checkReply can tell a quote of the brand without a call.
 */
export const xMentionRawSchema = z.looseObject({
  data: rawTweetSchema,
  includes: rawIncludesSchema.optional(),
});

/** The reply body, typed with the client's own definition; `reply` is never sent empty (#583). */
export type XCreateTweetBody = Required<Pick<SendTweetV2Params, 'text' | 'reply'>>;

export type RawTweet = z.infer<typeof rawTweetSchema>;
export type RawUser = z.infer<typeof rawUserSchema>;
export type TimelineResponse = z.infer<typeof timelineResponseSchema>;
export type XMentionRaw = z.infer<typeof xMentionRawSchema>;
