import { htmlToText } from '../rss/html-text';
import type { Mention } from '../types';
import { HN_ITEM_URL, HN_USER_URL, type HnHit } from './raw';

export function hnItemUrl(id: string | number): string {
  return `${HN_ITEM_URL}${encodeURIComponent(String(id))}`;
}

/** `_tags` says what a hit is; a hit without them is a comment when it has comment text. */
export function isComment(hit: HnHit): boolean {
  if (hit._tags?.includes('comment')) return true;
  if (hit._tags?.includes('story')) return false;
  return typeof hit.comment_text === 'string';
}

/** A story is its title, its link and its text (Ask HN); a comment its text. HTML reduced. */
export function hnText(hit: HnHit): string {
  if (isComment(hit)) return htmlToText(hit.comment_text ?? '');
  const parts = [hit.title?.trim() ?? '', hit.url?.trim() ?? '', htmlToText(hit.story_text ?? '')];
  return parts.filter((part) => part !== '').join('\n\n');
}

export function mapHnHit(hit: HnHit, raw: unknown): Mention {
  const comment = isComment(hit);
  const author = hit.author?.trim() || null;
  return {
    externalId: hit.objectID,
    text: hnText(hit),
    url: hnItemUrl(hit.objectID),
    // Hacker News does not tag languages; the classifier guesses.
    language: null,
    createdAt: new Date(hit.created_at_i * 1000).toISOString(),
    author: author
      ? {
          externalId: author,
          handle: author,
          displayName: null,
          url: `${HN_USER_URL}${encodeURIComponent(author)}`,
        }
      : // Algolia keeps a few hits whose account is gone.
        { externalId: '[deleted]', handle: '[deleted]', displayName: null, url: null },
    inReplyToId: comment && hit.parent_id != null ? String(hit.parent_id) : null,
    threadRootId: comment && hit.story_id != null ? String(hit.story_id) : hit.objectID,
    raw,
  };
}
