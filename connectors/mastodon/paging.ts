/**
 * Paging helpers for Mastodon: id ordering, the Link header, and the connector's own cursor.
 *
 * Cursor (opaque JSON, written only by this connector):
 *   {"v":1,"k":"mention"|"hashtag","at":"<instance origin>","minId":"<id>"}
 *       forward walk: the newest notification/status id returned; the next poll asks `min_id` of it.
 *   {"v":1,"k":"keyword","at":"<origin>","floor":"<id>","high"?:"<id>","maxId"?:"<id>"}
 *       search walks down from the newest hit to `floor` (exclusive). `maxId` and `high` are present
 *       only while a backlog larger than one poll is drained: the next poll resumes below `maxId`,
 *       and `high` (the newest id already returned) becomes the floor once the backlog is done.
 */
import { z } from 'zod';
import { ConnectorError, type ListenerKind } from '../types';

/**
 * Mastodon ids are decimal strings of growing length (snowflakes), but the docs only promise a
 * string: Pleroma and Akkoma send base62 flake ids of fixed width. Same-length strings compare
 * lexically in both cases; a longer numeric id is a later one.
 */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length && /^\d+$/.test(a) && /^\d+$/.test(b)) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function maxId(ids: readonly string[]): string | null {
  let best: string | null = null;
  for (const id of ids) if (best === null || compareIds(id, best) > 0) best = id;
  return best;
}

export function minId(ids: readonly string[]): string | null {
  let best: string | null = null;
  for (const id of ids) if (best === null || compareIds(id, best) < 0) best = id;
  return best;
}

/** RFC 8288 `Link: <url>; rel="next", <url>; rel="prev"` -> { next: URL, prev: URL }. */
export function parseLinkHeader(value: string | null): Record<string, URL> {
  const links: Record<string, URL> = {};
  if (!value) return links;
  for (const part of value.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (!match?.[1]) continue;
    const rel = /;\s*rel\s*=\s*"?([^";]+)"?/i.exec(match[2] ?? '')?.[1];
    if (!rel) continue;
    try {
      for (const name of rel.trim().split(/\s+/)) links[name.toLowerCase()] = new URL(match[1]);
    } catch {
      // A broken URL in a Link header only loses the hint; the connector keeps its own cursor.
    }
  }
  return links;
}

const forwardCursorSchema = z.object({
  v: z.literal(1),
  k: z.enum(['mention', 'hashtag']),
  at: z.string().min(1),
  minId: z.string().min(1),
});
const searchCursorSchema = z.object({
  v: z.literal(1),
  k: z.literal('keyword'),
  at: z.string().min(1),
  floor: z.string().min(1),
  high: z.string().min(1).optional(),
  maxId: z.string().min(1).optional(),
});
const cursorSchema = z.union([forwardCursorSchema, searchCursorSchema]);

export type ForwardCursor = z.infer<typeof forwardCursorSchema>;
export type SearchCursor = z.infer<typeof searchCursorSchema>;
export type MastodonCursor = z.infer<typeof cursorSchema>;

/**
 * Reads a stored cursor. One written for another kind or another instance (the listener was
 * edited) means nothing here: the poll starts afresh instead of sending a foreign id.
 */
export function readCursor(cursor: string | null, kind: ListenerKind, at: string): MastodonCursor | null {
  if (cursor === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(cursor);
  } catch {
    json = undefined;
  }
  const parsed = cursorSchema.safeParse(json);
  if (!parsed.success) {
    throw new ConnectorError(
      'mastodon',
      'malformed',
      `the stored Mastodon cursor is not one this connector wrote`,
    );
  }
  return parsed.data.k === kind && parsed.data.at === at ? parsed.data : null;
}

export function writeCursor(cursor: MastodonCursor): string {
  return JSON.stringify(cursor);
}
