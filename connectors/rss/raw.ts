/**
 * Shapes of what this connector reads and keeps. A feed is XML, not JSON, so the "payload" kept as
 * `Mention.raw` is the item as the feed wrote it (markup and date strings untouched, links made
 * absolute), described by `rawFeedItemSchema`; `rssCursorSchema` is the cursor stored between polls.
 */
import { z } from 'zod';

export const FEED_FORMATS = ['rss', 'rdf', 'atom'] as const;

/** How a text construct is written: RSS text is HTML in practice; Atom says so with `type`. */
export const rawTextSchema = z.object({
  type: z.enum(['text', 'html', 'xhtml']),
  /** Source as written: HTML source for `html`, XHTML markup for `xhtml`, literal text for `text`. */
  value: z.string(),
});

export const rawFeedItemSchema = z.object({
  format: z.enum(FEED_FORMATS),
  /** The address the document was read from, after redirects. */
  feedUrl: z.string(),
  feedTitle: z.string().nullable(),
  /** The site the feed belongs to (RSS channel link, Atom alternate link), absolute. */
  feedLink: z.string().nullable(),
  /** RSS `guid` or Atom `id`, trimmed; null when absent or empty. */
  id: z.string().nullable(),
  /** RSS `guid isPermaLink` (true unless "false"); Atom ids are never links. */
  idIsPermaLink: z.boolean(),
  /** The item's page, made absolute against xml:base and the feed address; http(s) only. */
  link: z.string().nullable(),
  title: rawTextSchema.nullable(),
  /** RSS `content:encoded` or `description`; Atom `content` or `summary`. */
  body: rawTextSchema.nullable(),
  /** RSS `description` or Atom `summary` when `body` is the full content. */
  summary: rawTextSchema.nullable(),
  /** As written: `pubDate` / `dc:date` / Atom `published`. */
  published: z.string().nullable(),
  /** As written: Atom `updated`. */
  updated: z.string().nullable(),
  author: z
    .object({ name: z.string().nullable(), email: z.string().nullable(), uri: z.string().nullable() })
    .nullable(),
  /** `xml:lang`, `dc:language` or the channel's `language`, as written. */
  language: z.string().nullable(),
  categories: z.array(z.string()),
  /** Atom threading (RFC 4685) `thr:in-reply-to`: the entry this one answers. */
  inReplyTo: z.object({ ref: z.string(), href: z.string().nullable() }).nullable(),
});

export type RawText = z.infer<typeof rawTextSchema>;
export type RawFeedItem = z.infer<typeof rawFeedItemSchema>;
export type FeedFormat = (typeof FEED_FORMATS)[number];

export const RSS_CURSOR_VERSION = 1;

/**
 * The cursor: a feed has no "since" parameter, so novelty is decided by the ids already seen.
 * `seen` holds short hashes of the externalIds of every item in the last document plus older ones
 * up to a bound, newest first, so a re-fetch returns nothing new and an item that appears later with
 * an old date is still returned once. `etag` / `lastModified` belong to `url` and drive the
 * conditional GET. `newest` is the newest item date seen, for health displays.
 */
export const rssCursorSchema = z.object({
  v: z.literal(RSS_CURSOR_VERSION),
  url: z.string(),
  etag: z.string().nullable(),
  lastModified: z.string().nullable(),
  newest: z.string().nullable(),
  seen: z.array(z.string()),
});

export type RssCursor = z.infer<typeof rssCursorSchema>;
