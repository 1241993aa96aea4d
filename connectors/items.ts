/**
 * Per-item validation of a page: one broken post must not cost the poll the other posts on its
 * page. The envelope (the page's own shape) is still validated whole by each connector: a page we
 * cannot read at all is a poll error, an item we cannot read is quarantined and the poll goes on.
 */
import type { z } from 'zod';

/** An item the connector could not read; Passerelle stores it in its dead-letter table. */
export interface RejectedItem {
  /** The item's id on the network when one could be read, so a replay counts on the same row. */
  externalId: string | null;
  /** What did not match, in the schema's words (path: message). */
  reason: string;
  /** The item as the network sent it. */
  raw: unknown;
}

export interface SplitItems<T> {
  valid: Array<{ item: T; raw: unknown }>;
  rejected: RejectedItem[];
}

/** Validates each element of an array on its own; `idOf` reads an id even from a broken item. */
export function splitItems<T extends z.ZodType>(
  schema: T,
  items: readonly unknown[],
  idOf: (raw: unknown) => string | null = readId,
): SplitItems<z.infer<T>> {
  const valid: Array<{ item: z.infer<T>; raw: unknown }> = [];
  const rejected: RejectedItem[] = [];
  for (const raw of items) {
    const result = schema.safeParse(raw);
    if (result.success) valid.push({ item: result.data, raw });
    else rejected.push({ externalId: idOf(raw), reason: describeIssues(result.error), raw });
  }
  return { valid, rejected };
}

/**
 * Maps what validated; a mapper that still throws (an impossible date, say) quarantines its item
 * rather than the page.
 */
export function mapItems<T, M>(
  items: ReadonlyArray<{ item: T; raw: unknown }>,
  map: (item: T, raw: unknown) => M,
  rejected: RejectedItem[],
  idOf: (raw: unknown) => string | null = readId,
): M[] {
  const out: M[] = [];
  for (const { item, raw } of items) {
    try {
      out.push(map(item, raw));
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      rejected.push({ externalId: idOf(raw), reason: `could not be mapped: ${why}`, raw });
    }
  }
  return out;
}

export function describeIssues(error: z.ZodError): string {
  const parts = error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  return parts.length > 0 ? parts.join('; ') : 'unexpected shape';
}

/** The `id` of an object when it is a string or a number, else null. */
export function readId(raw: unknown, key = 'id'): string | null {
  if (raw === null || typeof raw !== 'object') return null;
  const value = (raw as Record<string, unknown>)[key];
  if (typeof value === 'string' && value !== '') return value.slice(0, 200);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** `rejected` only when there is something in it, so a clean poll's result stays as it was. */
export function withRejected(rejected: RejectedItem[]): { rejected?: RejectedItem[] } {
  return rejected.length > 0 ? { rejected } : {};
}
