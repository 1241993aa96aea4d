import type { Mention } from '../types';
import type { RawTweet, RawUser, TimelineResponse, XMentionRaw } from './raw';

export const X_WEB_BASE = 'https://x.com';

export function xPostUrl(username: string | null, id: string): string {
  return username
    ? `${X_WEB_BASE}/${encodeURIComponent(username)}/status/${id}`
    : `${X_WEB_BASE}/i/web/status/${id}`;
}

/**
 * X v2 sends post text with `&`, `<` and `>` escaped as HTML entities (and nothing else). One pass,
 * so "&amp;lt;" becomes "&lt;" as the author typed it, not "<".
 */
export function decodeXText(text: string): string {
  return text.replace(/&(amp|lt|gt);/g, (_, name: string) =>
    name === 'amp' ? '&' : name === 'lt' ? '<' : '>',
  );
}

/**
 * X tags languages with BCP 47 codes plus its own: "und" (undetermined), "qme" (media only), "zxx"
 * (no text), and the legacy "in"/"iw". Only a real ISO 639-1 code is passed on.
 */
export function normaliseXLanguage(lang: string | undefined): string | null {
  if (!lang) return null;
  const base = lang.toLowerCase().split('-')[0] ?? '';
  const legacy: Record<string, string> = { in: 'id', iw: 'he' };
  const code = legacy[base] ?? base;
  return /^[a-z]{2}$/.test(code) ? code : null;
}

/** Ascending by snowflake id, which is creation order. */
export function compareXIds(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The slice of a page that concerns one post: itself, its author and the posts it refers to. */
export function xRawFor(tweet: RawTweet, page: TimelineResponse): XMentionRaw {
  const users = page.includes?.users ?? [];
  const tweets = page.includes?.tweets ?? [];
  const refIds = new Set((tweet.referenced_tweets ?? []).map((ref) => ref.id));
  const refTweets = tweets.filter((t) => refIds.has(t.id));
  const userIds = new Set([tweet.author_id, ...refTweets.map((t) => t.author_id)]);
  const refUsers = users.filter((u) => userIds.has(u.id));
  return { data: tweet, includes: { users: refUsers, tweets: refTweets } };
}

export function mapXTweet(raw: XMentionRaw): Mention {
  const tweet = raw.data;
  const author: RawUser | undefined = raw.includes?.users?.find((u) => u.id === tweet.author_id);
  const username = author?.username ?? null;
  const repliedTo = tweet.referenced_tweets?.find((ref) => ref.type === 'replied_to');
  const followers = author?.public_metrics?.followers_count;
  return {
    externalId: tweet.id,
    text: decodeXText(tweet.note_tweet?.text ?? tweet.text),
    url: xPostUrl(username, tweet.id),
    language: normaliseXLanguage(tweet.lang),
    // created_at is always requested; a post without it is dated by its snowflake id.
    createdAt: tweet.created_at ? new Date(tweet.created_at).toISOString() : snowflakeTime(tweet.id),
    author: {
      externalId: tweet.author_id ?? author?.id ?? 'unknown',
      handle: username ?? tweet.author_id ?? 'unknown',
      displayName: author?.name ? author.name : null,
      url: username ? `${X_WEB_BASE}/${encodeURIComponent(username)}` : null,
      followers: typeof followers === 'number' ? followers : null,
    },
    inReplyToId: repliedTo?.id ?? null,
    threadRootId: tweet.conversation_id ?? tweet.id,
    raw,
  };
}

/** Twitter snowflakes carry milliseconds since 2010-11-04T01:42:54.657Z in their top bits. */
function snowflakeTime(id: string): string {
  const ms = Number(BigInt(id) >> 22n) + 1_288_834_974_657;
  return new Date(ms).toISOString();
}
