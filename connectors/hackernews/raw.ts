/**
 * The Hacker News Search API (hn.algolia.com/api), as far as this connector uses it.
 *
 *   GET {base}/api/v1/search_by_date?query=<q>&tags=(story,comment)
 *       &numericFilters=created_at_i>=<from>[,created_at_i<=<to>]&hitsPerPage=<1..100>&page=<n>
 *   200 SearchResponse: hits newest first; `nbPages` is capped so that page * hitsPerPage < 1000
 *   (Algolia's paginationLimitedTo): hits past the first 1,000 of a query are never reachable.
 *   errors: 4xx/5xx `{ message, status }`; 429 carries no rate-limit headers (Retry-After at most).
 *
 * Fields that do not apply to a hit are absent or null (a story has no comment_text, a comment no
 * title), so every field but the identity ones is optional and nullable.
 */
import { z } from 'zod';

export const HN_DEFAULT_BASE_URL = 'https://hn.algolia.com';
export const HN_ITEM_URL = 'https://news.ycombinator.com/item?id=';
export const HN_USER_URL = 'https://news.ycombinator.com/user?id=';
export const HN_HITS_PER_PAGE_MAX = 100;
/** Algolia serves at most this many hits per query, whatever the paging. */
export const HN_PAGINATION_LIMIT = 1000;

const optionalString = z.string().nullish();
const optionalInt = z.number().int().nullish();

export const hnHitSchema = z.looseObject({
  objectID: z.string().min(1),
  created_at_i: z.number().int().nonnegative(),
  created_at: z.string().nullish(),
  author: optionalString,
  title: optionalString,
  url: optionalString,
  story_text: optionalString,
  comment_text: optionalString,
  story_id: optionalInt,
  story_title: optionalString,
  story_url: optionalString,
  parent_id: optionalInt,
  points: optionalInt,
  num_comments: optionalInt,
  _tags: z.array(z.string()).nullish(),
});

export const hnSearchResponseSchema = z.looseObject({
  hits: z.array(hnHitSchema),
  nbHits: z.number().int().nonnegative(),
  page: z.number().int().nonnegative(),
  nbPages: z.number().int().nonnegative(),
  hitsPerPage: z.number().int().nonnegative(),
});

/** The page read leniently: each hit is validated on its own. */
export const hnSearchEnvelopeSchema = hnSearchResponseSchema.extend({ hits: z.array(z.unknown()) });

export type HnHit = z.infer<typeof hnHitSchema>;
export type HnSearchResponse = z.infer<typeof hnSearchResponseSchema>;

export const HN_CURSOR_VERSION = 1;

/** [objectID, created_at_i] */
const seenSchema = z.array(z.tuple([z.string(), z.number().int()]));

/**
 * The cursor. `newest` is the newest created_at_i returned; `recent` the ids returned with
 * created_at_i >= newest - lookback, so the next query can start `lookback` seconds earlier (hits
 * that Algolia indexed late, same-second hits) and still return each hit once. `backlog` is a
 * window [from, to] (created_at_i, inclusive) still to drain after a poll met the paging cap; its
 * `exclude` holds the ids of that window already returned.
 */
export const hnCursorSchema = z.object({
  v: z.literal(HN_CURSOR_VERSION),
  newest: z.number().int(),
  recent: seenSchema,
  backlog: z.object({ from: z.number().int(), to: z.number().int(), exclude: seenSchema }).nullable(),
});

export type HnCursor = z.infer<typeof hnCursorSchema>;
