import type { Mention, MentionAuthor } from '../types';
import { parseFeedDate } from './dates';
import { textOf } from './html-text';
import type { RawFeedItem } from './raw';

/** Longest `Mention.text` kept: whole articles come through feeds; the raw item keeps the rest. */
export const MAX_TEXT_LENGTH = 10_000;

/** A date further ahead than this is a wrong clock or a scheduled post: the first-seen time stands in. */
const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

/**
 * 53-bit string hash (cyrb53, public domain), used for ids of items that have neither guid nor
 * link and for the compact ids kept in the cursor. Not cryptographic: it only has to spread.
 */
export function hash53(text: string, seed = 0): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * The item's id: its guid / Atom id, else its link, else a hash of its title and date. A guid
 * that is a URI (`https://...`, `tag:...`, `urn:...`) is unique on its own; a bare one ("42") is
 * only unique within its feed, and mentions are unique per brand and network, so it is prefixed
 * with the feed address the listener names (`scope`) to keep two forums' "42" apart.
 */
export function feedItemId(item: RawFeedItem, scope: string): string {
  if (item.id) return HAS_SCHEME.test(item.id) ? item.id : `${scope}#${item.id}`;
  if (item.link) return item.link;
  const title = item.title?.value ?? '';
  const date = item.published ?? item.updated ?? '';
  // Without a title the body is all that tells two undated items apart.
  const fallback = title === '' ? (item.body?.value ?? '') : '';
  const key = `${scope}\n${title}\n${date}\n${fallback}`;
  return `${scope}#hash-${hash53(key, 1)}${hash53(key, 2)}`;
}

/** The item's date, or null when the feed gives none that can be trusted. */
export function feedItemDate(item: RawFeedItem, now: Date): Date | null {
  const date = parseFeedDate(item.published) ?? parseFeedDate(item.updated);
  if (!date || date.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) return null;
  return date;
}

/** Title, then body unless it merely repeats the title, as plain text. */
export function feedItemText(item: RawFeedItem): string {
  const title = textOf(item.title);
  const body = textOf(item.body) || textOf(item.summary);
  let text: string;
  if (title === '') text = body;
  else if (body === '') text = title;
  else if (body.startsWith(title)) text = body;
  else text = `${title}\n\n${body}`;
  return text.length > MAX_TEXT_LENGTH ? `${text.slice(0, MAX_TEXT_LENGTH - 1).trimEnd()}…` : text;
}

/** ISO 639-1 from `en-us`, `fr_FR`, `de`; null for anything else. */
export function languageCode(value: string | null): string | null {
  const primary = value?.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return /^[a-z]{2}$/.test(primary) ? primary : null;
}

function feedAuthor(item: RawFeedItem): MentionAuthor {
  const site = item.feedLink ?? item.feedUrl;
  const name = item.author?.name ?? null;
  const email = item.author?.email ?? null;
  const uri = item.author?.uri ?? null;
  const label = name ?? email;
  if (label === null && uri === null) {
    // Nobody named: the post belongs to the site that published it.
    return {
      externalId: site,
      handle: item.feedTitle ?? hostOf(site),
      displayName: item.feedTitle,
      url: item.feedLink,
    };
  }
  return {
    // A name is only unique on its own site: "admin" of two forums are two people.
    externalId: uri ?? `${site}#author:${label}`,
    handle: label ?? uri ?? hostOf(site),
    displayName: name,
    url: uri,
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export interface MapFeedItemContext {
  /** The feed address as the listener names it: the scope of bare guids. */
  scope: string;
  /** The date to use when the item has none (first seen). */
  firstSeen: Date;
  now: Date;
}

export function mapFeedItem(item: RawFeedItem, context: MapFeedItemContext): Mention {
  const externalId = feedItemId(item, context.scope);
  const createdAt = feedItemDate(item, context.now) ?? context.firstSeen;
  const permaLink = item.idIsPermaLink && item.id && /^https?:\/\//i.test(item.id) ? item.id : null;
  const parent = item.inReplyTo
    ? HAS_SCHEME.test(item.inReplyTo.ref)
      ? item.inReplyTo.ref
      : `${context.scope}#${item.inReplyTo.ref}`
    : null;
  return {
    externalId,
    text: feedItemText(item),
    url: item.link ?? permaLink,
    language: languageCode(item.language),
    createdAt: createdAt.toISOString(),
    author: feedAuthor(item),
    inReplyToId: parent,
    // Atom threading names only the parent; for the comment feeds that use it, that is the article.
    threadRootId: parent ?? externalId,
    raw: item,
  };
}
