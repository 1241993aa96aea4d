/**
 * Polling Bluesky lists that come newest first (notifications, searchPosts with sort=latest) and
 * page backwards with an opaque server `cursor`.
 *
 * Cursor (opaque JSON, written only by this connector):
 *   {"v":1,"k":"mention"|"keyword"|"hashtag","high":"<ISO>","recent":["at://..."],
 *    "drain"?:{"cursor":"<server cursor>","floor":"<ISO>|null","recent":["at://..."]}}
 *
 * `high` is the newest time returned so far; a poll walks down until it passes `high - overlap`
 * (search is also told `since` = that time, so the server stops there). Times near the boundary are
 * not exact (indexing lags, several posts share a millisecond, search's `since` is inclusive and
 * uses the server's own sortAt), so the walk goes `overlap` further and drops the posts already
 * returned, which `recent` lists (those within `overlap` of `high`). The first poll takes only the
 * newest page: a listener starts from now. When maxPages is reached before the boundary, the
 * server cursor is kept in `drain` and the next poll resumes there, down to the same floor; new
 * posts above `high` wait for the drain to finish, so nothing is skipped.
 */
import { z } from 'zod';
import { ConnectorError, type ListenerKind } from '../types';

/** Posts remembered at the boundary; a busier window only costs duplicates, which storage drops. */
const RECENT_MAX = 300;

const walkCursorSchema = z.object({
  v: z.literal(1),
  k: z.enum(['mention', 'keyword', 'hashtag']),
  high: z.string().nullable(),
  recent: z.array(z.string()),
  drain: z
    .object({ cursor: z.string().min(1), floor: z.string().nullable(), recent: z.array(z.string()) })
    .optional(),
});

export type WalkCursor = z.infer<typeof walkCursorSchema>;

export interface WalkItem<T> {
  uri: string;
  /** Milliseconds since the epoch, in the list's own order. */
  time: number;
  value: T;
}

export interface WalkPage<T> {
  items: Array<WalkItem<T>>;
  cursor: string | null;
}

export interface WalkOptions<T> {
  kind: ListenerKind;
  stored: string | null;
  overlapMs: number;
  maxPages: number;
  /** One page: `cursor` from the previous page (undefined first), `since` the lower bound or null. */
  fetchPage: (cursor: string | undefined, since: string | null) => Promise<WalkPage<T>>;
}

export function readWalkCursor(cursor: string | null, kind: ListenerKind): WalkCursor | null {
  if (cursor === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(cursor);
  } catch {
    json = undefined;
  }
  const parsed = walkCursorSchema.safeParse(json);
  if (!parsed.success) {
    throw new ConnectorError(
      'bluesky',
      'malformed',
      'the stored Bluesky cursor is not one this connector wrote',
    );
  }
  // A cursor of another kind (the listener was edited) says nothing about this list: start afresh.
  return parsed.data.k === kind ? parsed.data : null;
}

export async function walkNewestFirst<T>(
  options: WalkOptions<T>,
): Promise<{ items: Array<WalkItem<T>>; nextCursor: string | null }> {
  const stored = readWalkCursor(options.stored, options.kind);
  const drain = stored?.drain;
  const floor = drain ? drain.floor : (stored?.high ?? null);
  const floorRecent = new Set(drain ? drain.recent : (stored?.recent ?? []));
  const floorMs = floor === null ? null : Date.parse(floor) - options.overlapMs;
  const since = floorMs === null ? null : new Date(floorMs).toISOString();

  let serverCursor = drain?.cursor;
  let finished = false;
  const collected = new Map<string, WalkItem<T>>();
  for (let page = 0; page < options.maxPages; page++) {
    let result: WalkPage<T>;
    try {
      result = await options.fetchPage(serverCursor, since);
    } catch (error) {
      // A server cursor kept for a drain may have expired: walk again from the top to the same
      // floor. Posts above the gap come back once more (storage drops them); none is skipped.
      if (page > 0 || !drain || !(error instanceof ConnectorError) || error.kind !== 'forbidden') throw error;
      serverCursor = undefined;
      result = await options.fetchPage(serverCursor, since);
    }
    const { items, cursor } = result;
    let passedFloor = false;
    for (const item of items) {
      if (floorMs !== null && item.time < floorMs) {
        passedFloor = true;
        continue;
      }
      if (floorRecent.has(item.uri) || collected.has(item.uri)) continue;
      collected.set(item.uri, item);
    }
    if (!cursor || items.length === 0 || passedFloor || stored === null) {
      finished = true;
      break;
    }
    if (cursor === serverCursor) {
      throw new ConnectorError(
        'bluesky',
        'malformed',
        'Bluesky returned a page cursor that does not advance',
      );
    }
    serverCursor = cursor;
  }

  const items = [...collected.values()].sort((a, b) => a.time - b.time);
  const storedHighMs = stored?.high ? Date.parse(stored.high) : null;
  const times = items.map((i) => i.time);
  if (storedHighMs !== null) times.push(storedHighMs);
  if (times.length === 0) return { items, nextCursor: null };
  const highMs = Math.max(...times);

  // Posts within `overlap` of the new high will be seen again by the next poll: remember them,
  // newest first (the stored ones sit at or below the stored high), so the cap drops the oldest.
  const window = items.filter((i) => i.time >= highMs - options.overlapMs).reverse();
  const above = window.filter((i) => storedHighMs === null || i.time > storedHighMs).map((i) => i.uri);
  const below = window.filter((i) => storedHighMs !== null && i.time <= storedHighMs).map((i) => i.uri);
  const kept =
    storedHighMs !== null && storedHighMs >= highMs - options.overlapMs ? (stored?.recent ?? []) : [];
  const recent = [...above, ...kept, ...below];

  const next: WalkCursor = {
    v: 1,
    k: options.kind,
    high: new Date(highMs).toISOString(),
    recent: [...new Set(recent)].slice(0, RECENT_MAX),
  };
  if (!finished && serverCursor !== undefined) {
    next.drain = { cursor: serverCursor, floor, recent: [...floorRecent] };
  }
  return { items, nextCursor: JSON.stringify(next) };
}
