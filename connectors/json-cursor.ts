import type { z } from 'zod';
import { ConnectorError, type NetworkId } from './types';

/**
 * Reads a JSON cursor this connector wrote earlier. Anything else (hand-edited, another network's,
 * an older format) is `malformed` with the reason, so the listener shows it instead of guessing.
 */
export function parseJsonCursor<S extends z.ZodType>(
  network: NetworkId,
  what: string,
  schema: S,
  cursor: string | null,
): z.infer<S> | null {
  if (cursor === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(cursor);
  } catch {
    throw new ConnectorError(
      network,
      'malformed',
      `the stored ${what} cursor is not JSON: it was not written by this connector`,
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') || 'root';
    throw new ConnectorError(
      network,
      'malformed',
      `the stored ${what} cursor has an unexpected shape (${where})`,
    );
  }
  return parsed.data;
}
