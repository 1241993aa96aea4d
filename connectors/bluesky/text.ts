/**
 * Bluesky text rules: a post is at most 300 graphemes and 3,000 UTF-8 bytes, and rich-text facets
 * (links, mentions, hashtags) point into the text by UTF-8 byte offsets, not JS string indices.
 */
import { trimUrl } from '../mastodon/length';
import { BLUESKY_MAX_BYTES, BLUESKY_MAX_GRAPHEMES } from './raw';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const encoder = new TextEncoder();

export function utf8Length(text: string): number {
  return encoder.encode(text).length;
}

export function graphemeLength(text: string): number {
  let count = 0;
  for (const _ of segmenter.segment(text)) count++;
  return count;
}

/**
 * Graphemes, the unit the composer shows. A text over 3,000 bytes (long runs of emoji or CJK can
 * stay under 300 graphemes) measures max + 1, so the UI says "too long" for it too.
 */
export function measureBlueskyText(text: string): number {
  if (utf8Length(text) > BLUESKY_MAX_BYTES) return BLUESKY_MAX_GRAPHEMES + 1;
  return graphemeLength(text);
}

export type FacetFeature =
  | { $type: 'app.bsky.richtext.facet#link'; uri: string }
  | { $type: 'app.bsky.richtext.facet#mention'; did: string }
  | { $type: 'app.bsky.richtext.facet#tag'; tag: string };

export interface Facet {
  index: { byteStart: number; byteEnd: number };
  features: FacetFeature[];
}

export interface TextSpan {
  kind: 'link' | 'mention' | 'tag';
  /** The URL, the handle without '@', or the tag without '#'. */
  value: string;
  /** UTF-16 indices into the text. */
  start: number;
  end: number;
}

/** A handle is a domain name with at least two labels and a letter-initial TLD (atproto handle syntax). */
export function isValidHandle(handle: string): boolean {
  if (handle.length > 253) return false;
  const labels = handle.split('.');
  if (labels.length < 2) return false;
  if (!labels.every((label) => /^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/.test(label))) return false;
  return /^[a-zA-Z]/.test(labels.at(-1) ?? '');
}

/** Finds links (http/https only), @handle mentions and #tags, as the official client's detectFacets does. */
export function findSpans(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  for (const match of text.matchAll(/(^|[\s(])(https?:\/\/[^\s]+)/gi)) {
    const url = trimUrl(match[2] ?? '');
    const start = (match.index ?? 0) + (match[1]?.length ?? 0);
    if (url.length > 'https://'.length)
      spans.push({ kind: 'link', value: url, start, end: start + url.length });
  }
  for (const match of text.matchAll(/(^|[\s(])@([a-zA-Z0-9.-]+)/g)) {
    const handle = (match[2] ?? '').replace(/[.-]+$/, '');
    if (!isValidHandle(handle)) continue;
    const start = (match.index ?? 0) + (match[1]?.length ?? 0);
    spans.push({ kind: 'mention', value: handle.toLowerCase(), start, end: start + 1 + handle.length });
  }
  for (const match of text.matchAll(/(^|\s)[#＃]([^\s#＃]+)/gu)) {
    const tag = (match[2] ?? '').replace(/\p{P}+$/u, '');
    // A tag is not a number (#1) and at most 64 characters, as the official client requires.
    if (tag === '' || /^\d+$/.test(tag) || [...tag].length > 64) continue;
    const start = (match.index ?? 0) + (match[1]?.length ?? 0);
    spans.push({ kind: 'tag', value: tag, start, end: start + 1 + tag.length });
  }
  return spans.sort((a, b) => a.start - b.start);
}

/** UTF-16 span -> UTF-8 byte range of the same text. */
export function byteRange(text: string, start: number, end: number): { byteStart: number; byteEnd: number } {
  const byteStart = utf8Length(text.slice(0, start));
  return { byteStart, byteEnd: byteStart + utf8Length(text.slice(start, end)) };
}

/**
 * Facets for `text`. Mentions need the DID of the handle: `resolveDid` gives it, or null to leave
 * that mention as plain text (an unknown handle must not block the answer).
 */
export async function buildFacets(
  text: string,
  resolveDid: (handle: string) => Promise<string | null>,
): Promise<Facet[]> {
  const facets: Facet[] = [];
  for (const span of findSpans(text)) {
    const index = byteRange(text, span.start, span.end);
    if (span.kind === 'link') {
      facets.push({ index, features: [{ $type: 'app.bsky.richtext.facet#link', uri: span.value }] });
    } else if (span.kind === 'tag') {
      facets.push({ index, features: [{ $type: 'app.bsky.richtext.facet#tag', tag: span.value }] });
    } else {
      const did = await resolveDid(span.value);
      if (did) facets.push({ index, features: [{ $type: 'app.bsky.richtext.facet#mention', did }] });
    }
  }
  return facets;
}
