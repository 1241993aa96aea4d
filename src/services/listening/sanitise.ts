import type { Mention, RejectedItem } from '../../../connectors/types';

/** Longest post text we store; networks cap far below this, so anything longer is hostile or broken. */
export const MAX_MENTION_TEXT = 40_000;
/** A `raw` payload kept for audit is dropped (not cut, a cut JSON is no JSON) past this size. */
const MAX_RAW_CHARS = 200_000;

/**
 * PostgreSQL refuses NUL in text and lone surrogates in jsonb: either would fail the whole
 * transaction and lose the poll. Invalid UTF-8 was already turned into U+FFFD by the decoder.
 */
export function cleanString(value: string): string {
  if (isCleanString(value)) return value;
  return value.replaceAll('\u0000', '').replace(LONE_SURROGATE, '\uFFFD');
}

// ES2024, not yet in our TypeScript lib; Node 20 and Workers have it.
const isWellFormed = (String.prototype as { isWellFormed?: (this: string) => boolean }).isWellFormed;

/** The common case, checked natively: most strings need no cleaning and are not copied. */
function isCleanString(value: string): boolean {
  return isWellFormed?.call(value) === true && !value.includes('\u0000');
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** True when cleanJson would change nothing: then the payload is kept, not copied. */
function isCleanJson(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return isCleanString(value);
  if (depth > 40) return value === null;
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) return value.every((v) => isCleanJson(v, depth + 1));
  for (const [k, v] of Object.entries(value))
    if (!isCleanString(k) || !isCleanJson(v, depth + 1)) return false;
  return true;
}

/** Deep copy with every string cleaned; keeps the JSON shape. */
export function cleanJson(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return cleanString(value);
  if (value === null || typeof value !== 'object' || depth > 40) return depth > 40 ? null : value;
  if (Array.isArray(value)) return value.map((v) => cleanJson(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[cleanString(k)] = cleanJson(v, depth + 1);
  return out;
}

/**
 * Splits what a connector returned into what we store and what we quarantine: an oversized text is
 * not cut silently (the case would show half a post), it goes to the dead letters with its reason.
 * Duplicates inside one poll (the same post on two pages) are stored once.
 */
export function screenMentions(mentions: Mention[]): { kept: Mention[]; rejected: RejectedItem[] } {
  const kept: Mention[] = [];
  const rejected: RejectedItem[] = [];
  const seen = new Set<string>();
  for (const m of mentions) {
    if (seen.has(m.externalId)) continue;
    seen.add(m.externalId);
    if (m.text.length > MAX_MENTION_TEXT) {
      rejected.push({
        externalId: m.externalId,
        reason: `text is ${m.text.length} characters, more than the ${MAX_MENTION_TEXT} we store`,
        raw: m.raw,
      });
      continue;
    }
    const raw = isCleanJson(m.raw ?? {}) ? (m.raw ?? {}) : cleanJson(m.raw ?? {});
    kept.push({
      ...m,
      externalId: cleanString(m.externalId),
      text: cleanString(m.text),
      // Every string is stored, so every string is cleaned (rows travel as JSON: db/bulk.ts).
      url: cleanOptional(m.url),
      language: cleanOptional(m.language),
      inReplyToId: cleanOptional(m.inReplyToId),
      threadRootId: cleanOptional(m.threadRootId),
      raw: JSON.stringify(raw).length > MAX_RAW_CHARS ? { truncated: true } : raw,
      author: {
        ...m.author,
        externalId: cleanString(m.author.externalId),
        handle: cleanString(m.author.handle),
        displayName: cleanOptional(m.author.displayName),
        url: cleanOptional(m.author.url),
      },
    });
  }
  return { kept, rejected };
}

function cleanOptional<T extends string | null | undefined>(value: T): T {
  return (typeof value === 'string' ? cleanString(value) : value) as T;
}
