/**
 * The X polling cursor, following X's documented rule: the FIRST page's `meta.newest_id` becomes
 * the next `since_id`; while following `next_token` the `since_id` stays fixed; the cursor moves to
 * the new `since_id` only once every page was returned. A poll that stops at its page cap returns a
 * resume cursor (same `since_id`, the `next_token`, and the newest id remembered from the traversal's
 * first page), so the next poll finishes the traversal before moving on.
 *
 * Serialised as JSON: `{"v":1,"sinceId":"..."}` or, mid-traversal,
 * `{"v":1,"sinceId":"...","startTime":"...","resume":{"nextToken":"...","newestId":"...","query":"..."}}`.
 */
import { z } from 'zod';
import { ConnectorError } from '../types';

const idSchema = z.string().regex(/^\d+$/);

const cursorSchema = z.object({
  v: z.literal(1),
  sinceId: idSchema.nullable(),
  /** Only on a first traversal (no since_id yet): the lower bound it started with. */
  startTime: z.iso.datetime().optional(),
  resume: z
    .object({
      nextToken: z.string().min(1),
      newestId: idSchema.nullable(),
      /** The request the token belongs to: a token is only valid with the same query. */
      query: z.string(),
    })
    .optional(),
});

export type XCursor = z.infer<typeof cursorSchema>;

export function parseXCursor(cursor: string | null): XCursor {
  if (cursor === null) return { v: 1, sinceId: null };
  let json: unknown;
  try {
    json = JSON.parse(cursor);
  } catch {
    json = undefined;
  }
  const parsed = cursorSchema.safeParse(json);
  if (!parsed.success) {
    throw new ConnectorError('x', 'malformed', `the stored X cursor was not written by this connector`);
  }
  return parsed.data;
}

export function serialiseXCursor(cursor: XCursor): string | null {
  if (cursor.sinceId === null && cursor.resume === undefined) return null;
  return JSON.stringify(cursor);
}
