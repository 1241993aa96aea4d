/**
 * The slice of Reddit's API that Passerelle uses, as zod schemas (https://www.reddit.com/dev/api).
 *
 *   GET  /message/mentions                          Listing of t1 "comment messages" (username mentions)
 *   GET  /search?q=&sort=new&type=link              Listing of t3 posts, site-wide
 *   GET  /r/{sub}/search?q=&sort=new&restrict_sr=1  the same inside one subreddit
 *   POST /api/comment  form api_type=json&thing_id=t1_...|t3_...&text=...
 *        200 { json: { errors: [[CODE, message, field]], data?: { things: [{ kind: 't1', data }] } } }
 *   POST https://www.reddit.com/api/v1/access_token  grant_type=refresh_token (HTTP Basic client auth)
 *
 * Listings are newest first and page with `before`/`after` fullnames, `limit` <= 100, at most about
 * 1,000 items deep. Every request carries `raw_json=1` so text fields are not HTML-escaped.
 * Objects are loose: unknown fields are kept, since the payload is stored as `raw` for audit.
 */
import { z } from 'zod';

export const REDDIT_MAX_TEXT_LENGTH = 10_000;
export const REDDIT_PAGE_SIZE_MAX = 100;
/** Reddit stops listings around 1,000 items: ten full pages is as deep as any listing goes. */
export const REDDIT_LISTING_DEPTH_PAGES = 10;

const fullname = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}_[a-z0-9]+$`), `expected a ${prefix}_ fullname`);

/** Fields every listed thing (comment, comment message, post) has. */
const thingFields = {
  id: z.string().min(1),
  author: z.string().nullable(),
  /** Absent for deleted or removed authors and special accounts. */
  author_fullname: fullname('t2').nullish(),
  created_utc: z.number().nonnegative(),
  subreddit: z.string().nullish(),
  archived: z.boolean().optional(),
  locked: z.boolean().optional(),
};

/**
 * A comment, either as a comment object (permalink, link_id) or as the inbox's "comment message"
 * that /message/mentions returns (context, no link_id): both have kind t1.
 */
export const rawCommentSchema = z.looseObject({
  ...thingFields,
  name: fullname('t1'),
  body: z.string(),
  body_html: z.string().nullish(),
  parent_id: z.string().regex(/^t[13]_[a-z0-9]+$/, 'expected a t1_ or t3_ fullname'),
  link_id: fullname('t3').optional(),
  permalink: z.string().optional(),
  /** "/r/sub/comments/<link id>/<slug>/<comment id>/?context=3" on comment messages. */
  context: z.string().optional(),
  link_title: z.string().optional(),
  type: z.string().optional(),
});

export const rawPostSchema = z.looseObject({
  ...thingFields,
  name: fullname('t3'),
  title: z.string(),
  selftext: z.string().optional(),
  selftext_html: z.string().nullish(),
  permalink: z.string(),
  url: z.string().optional(),
});

export const rawChildSchema = z.looseObject({ kind: z.string(), data: z.unknown() });

export const listingSchema = z.looseObject({
  kind: z.literal('Listing'),
  data: z.looseObject({
    after: z.string().nullable().optional(),
    before: z.string().nullable().optional(),
    children: z.array(rawChildSchema),
  }),
});

/** A listing read leniently: each child is validated on its own (see parseListing). */
export const listingEnvelopeSchema = listingSchema.extend({
  data: listingSchema.shape.data.extend({ children: z.array(z.unknown()) }),
});

/** `[code, message, field]`, e.g. ["RATELIMIT", "Take a break for 6 seconds before trying again.", "ratelimit"]. */
export const apiErrorSchema = z.array(z.string().nullable()).min(1);

export const commentResponseSchema = z.looseObject({
  json: z.looseObject({
    errors: z.array(apiErrorSchema),
    data: z
      .looseObject({
        things: z.array(z.looseObject({ kind: z.string(), data: z.looseObject({}) })),
      })
      .optional(),
  }),
});

export const createdCommentSchema = z.looseObject({
  name: fullname('t1'),
  permalink: z.string().optional(),
  link_id: fullname('t3').optional(),
});

export const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  expires_in: z.number().positive().optional(),
  token_type: z.string().optional(),
  scope: z.string().optional(),
});

export type RawComment = z.infer<typeof rawCommentSchema>;
export type RawPost = z.infer<typeof rawPostSchema>;
export type RawChild = z.infer<typeof rawChildSchema>;
export type Listing = z.infer<typeof listingSchema>;

/** A listed item after validation: the original child (kept as `raw`) and its typed data. */
export type RedditThing =
  | { kind: 't1'; data: RawComment; raw: RawChild }
  | { kind: 't3'; data: RawPost; raw: RawChild };
