import type { Mention } from '../types';
import { decodeEntities, htmlToText } from './html';
import type { RedditThing } from './raw';

export const REDDIT_WEB_BASE = 'https://www.reddit.com';

/** Authors Reddit shows for deleted or removed accounts: not a person to link to. */
const GONE_AUTHORS = new Set(['[deleted]', '[removed]']);

/**
 * Reddit keeps a deleted comment in its listings with "[deleted]" (or "[removed]" by moderators)
 * as its body: its text is gone, so it is reported deleted, never stored as a mention.
 */
export function isDeletedThing(thing: RedditThing): boolean {
  if (thing.kind === 't1') return GONE_AUTHORS.has(thing.data.body.trim());
  const text = thing.data.selftext?.trim();
  return text !== undefined && GONE_AUTHORS.has(text) && GONE_AUTHORS.has(thing.data.author ?? '[deleted]');
}

export function redditUrl(path: string | undefined | null): string | null {
  if (!path) return null;
  if (/^https?:\/\//i.test(path)) return path;
  if (!path.startsWith('/')) return null;
  // Comment messages link with "?context=3": the comment's own page is the permalink without it.
  return `${REDDIT_WEB_BASE}${path.split('?')[0]}`;
}

/** The post a comment belongs to, from link_id or, for inbox comment messages, from their context path. */
export function linkIdOf(thing: RedditThing): string | null {
  if (thing.kind === 't3') return thing.data.name;
  if (thing.data.link_id) return thing.data.link_id;
  const match = /\/comments\/([a-z0-9]+)\//i.exec(thing.data.context ?? thing.data.permalink ?? '');
  return match?.[1] ? `t3_${match[1].toLowerCase()}` : null;
}

/**
 * Text as a person reads it: the Markdown source (entities decoded: Markdown renders "&amp;" as
 * "&"), or the HTML reduced to text when the source is missing. A post's title leads its body.
 */
export function redditText(thing: RedditThing): string {
  if (thing.kind === 't1') {
    const { body, body_html: html } = thing.data;
    return body.trim() === '' && html ? htmlToText(html) : decodeEntities(body).trim();
  }
  const { title, selftext, selftext_html: html } = thing.data;
  const body =
    selftext && selftext.trim() !== '' ? decodeEntities(selftext).trim() : html ? htmlToText(html) : '';
  const heading = decodeEntities(title).trim();
  return body === '' ? heading : `${heading}\n\n${body}`;
}

export function mapRedditThing(thing: RedditThing): Mention {
  const data = thing.data;
  const author = data.author ?? '[deleted]';
  const gone = GONE_AUTHORS.has(author);
  return {
    externalId: data.name,
    text: redditText(thing),
    url: redditUrl(thing.kind === 't1' ? (data.permalink ?? thing.data.context) : thing.data.permalink),
    language: null,
    createdAt: new Date(data.created_utc * 1000).toISOString(),
    author: {
      externalId: data.author_fullname ?? (gone ? author : `u/${author}`),
      handle: author,
      displayName: null,
      url: gone ? null : `${REDDIT_WEB_BASE}/user/${encodeURIComponent(author)}`,
      followers: null,
    },
    inReplyToId: thing.kind === 't1' ? thing.data.parent_id : null,
    threadRootId: linkIdOf(thing) ?? data.name,
    raw: thing.raw,
  };
}
