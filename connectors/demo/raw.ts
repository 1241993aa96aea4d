/**
 * The demo network's HTTP API, as a contract shared by the client (this connector) and the server
 * that Passerelle mounts at `/demo-network/api` in demo mode. Both sides validate with these schemas,
 * so a change here is a change of the API.
 *
 *   GET  {base}/posts?after=<seq>&limit=<1..100>&q=<query>&kind=<mention|keyword|hashtag>
 *        200 ListPostsResponse, posts ascending by seq
 *   POST {base}/posts  CreatePostRequest, header Idempotency-Key
 *        201 CreatePostResponse (200 with the same post when the key was seen before)
 *   errors: 4xx/5xx ErrorResponse; every response may carry the x-ratelimit-* headers (reset in epoch seconds)
 */
import { z } from 'zod';

/** Replies are limited to 500 Unicode code points of the NFC text, as on a default Mastodon server. */
export const DEMO_MAX_TEXT_LENGTH = 500;
export const DEMO_PAGE_SIZE_MAX = 100;
export const DEMO_IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const demoRateLimitHeaders = {
  limit: 'x-ratelimit-limit',
  remaining: 'x-ratelimit-remaining',
  reset: 'x-ratelimit-reset',
} as const;

/** Code points, not UTF-16 units: an emoji counts once, as a reader would count it. */
export function measureDemoText(text: string): number {
  return [...text.normalize('NFC')].length;
}

export const demoListenerKindSchema = z.enum(['mention', 'keyword', 'hashtag']);

export const rawAuthorSchema = z.object({
  id: z.string().min(1),
  handle: z.string().min(1),
  name: z.string(),
  followers: z.number().int().nonnegative(),
});

export const rawPostSchema = z.object({
  id: z.string().min(1),
  /** Strictly increasing over the whole network: the client's cursor. */
  seq: z.number().int().nonnegative(),
  text: z.string(),
  /** ISO 639-1 when known. */
  lang: z.string().nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  author: rawAuthorSchema,
  inReplyTo: z.string().min(1).nullable(),
  /** The first post of the conversation; the post's own id when it is top level. */
  threadRoot: z.string().min(1),
  /** Written by a brand account through POST /posts (Passerelle's own replies). */
  byBrand: z.boolean(),
  /** Set when its author deleted the post: its text is gone and readers must forget it. */
  deleted: z.boolean().optional(),
});

/**
 * Query of GET /posts as the server should parse it (strings in, numbers out). `after` is the seq
 * after which to list (exclusive); absent means from the start. For `mention`, q is a handle with or
 * without '@'; for `keyword`, a post matches when it contains any word of q, case-insensitively, as a
 * substring; for `hashtag`, q is the tag with or without '#', matched case-insensitively.
 */
export const listPostsQuerySchema = z.object({
  after: z.coerce.number().int().nonnegative().optional(),
  limit: z.coerce.number().int().min(1).max(DEMO_PAGE_SIZE_MAX).default(50),
  q: z.string().trim().min(1),
  kind: demoListenerKindSchema,
});

/**
 * `next` is the value to pass as `after` for the following page (the seq of this page's last post,
 * as a decimal string), or null when this page is the last.
 */
export const listPostsResponseSchema = z.object({
  posts: z.array(rawPostSchema),
  next: z.string().min(1).nullable(),
});

/** The page alone: its posts are validated one by one, so one broken post does not sink the page. */
export const listPostsEnvelopeSchema = z.object({
  posts: z.array(z.unknown()),
  next: z.string().min(1).nullable(),
});

export const createPostRequestSchema = z.object({
  text: z
    .string()
    .refine((text) => text.trim() !== '', 'text is empty')
    .refine((text) => measureDemoText(text) <= DEMO_MAX_TEXT_LENGTH, 'text is longer than 500 characters'),
  /** The post answered; null for a top-level post. The server derives threadRoot from it. */
  inReplyTo: z.string().min(1).nullable(),
  /** The account that writes, without '@'. */
  handle: z.string().min(1),
});

export const createPostResponseSchema = z.object({ post: rawPostSchema });

export const errorResponseSchema = z.object({ error: z.string() });

export type DemoListenerKind = z.infer<typeof demoListenerKindSchema>;
export type RawAuthor = z.infer<typeof rawAuthorSchema>;
export type RawPost = z.infer<typeof rawPostSchema>;
export type ListPostsQuery = z.infer<typeof listPostsQuerySchema>;
export type ListPostsResponse = z.infer<typeof listPostsResponseSchema>;
export type CreatePostRequest = z.infer<typeof createPostRequestSchema>;
export type CreatePostResponse = z.infer<typeof createPostResponseSchema>;
export type ErrorResponse = z.infer<typeof errorResponseSchema>;
