/**
 * The Reddit polling cursor. Reddit listings are newest first and page by fullname: `after=X`
 * gives the items just older than X, `before=X` the ones just newer. The cursor remembers where the
 * last poll stopped: the newest fullname returned, its creation time, and a few more recent
 * fullnames in case that one is deleted (a `before` anchor that left the listing yields an empty page).
 *
 * Serialised as JSON: `{"v":1,"source":"/search?q=lumo","newest":"t3_abc","time":1767261600,"recent":["t3_abc",...]}`.
 */
import { z } from 'zod';
import { ConnectorError } from '../types';

/** Fullnames remembered besides the newest, as fallback anchors and to drop repeats. */
export const REDDIT_RECENT_KEPT = 10;

const cursorSchema = z.object({
  v: z.literal(1),
  /** The listing the cursor belongs to; a changed listener query starts over. */
  source: z.string(),
  newest: z.string().regex(/^t[13]_[a-z0-9]+$/),
  /** created_utc (seconds) of `newest`. */
  time: z.number().nonnegative(),
  /** Newest first; starts with `newest`. */
  recent: z
    .array(z.string().regex(/^t[13]_[a-z0-9]+$/))
    .min(1)
    .max(REDDIT_RECENT_KEPT),
});

export type RedditCursor = z.infer<typeof cursorSchema>;

export function parseRedditCursor(cursor: string | null): RedditCursor | null {
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
      'reddit',
      'malformed',
      'the stored Reddit cursor was not written by this connector',
    );
  }
  return parsed.data;
}

export function serialiseRedditCursor(cursor: RedditCursor | null): string | null {
  return cursor === null ? null : JSON.stringify(cursor);
}
