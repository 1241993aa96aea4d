import type { Mention } from '../types';
import { type PostRecord, type Profile, parseAtUri } from './raw';

/** The public web page of a post; the handle reads better, the DID survives a handle change. */
export function blueskyPostUrl(author: { did: string; handle?: string | null }, uri: string): string | null {
  const parts = parseAtUri(uri);
  if (!parts) return null;
  const who = author.handle && author.handle !== 'handle.invalid' ? author.handle : author.did;
  return `https://bsky.app/profile/${encodeURIComponent(who)}/post/${encodeURIComponent(parts.rkey)}`;
}

/** `langs` holds BCP-47 tags ("pt-BR"); Mention.language wants the ISO 639 primary subtag. */
export function primaryLanguage(langs: readonly string[] | null | undefined): string | null {
  const primary = langs?.[0]?.trim().split(/[-_]/)[0]?.toLowerCase();
  return primary && /^[a-z]{2,3}$/.test(primary) ? primary : null;
}

export interface BlueskyPostLike {
  uri: string;
  author: Profile;
  record: PostRecord;
  indexedAt: string;
}

/**
 * A post, from a notification or a search hit. The record's `createdAt` is written by the author's
 * client and may be unreadable: the server's `indexedAt` stands in for it then.
 */
export function mapBlueskyPost(post: BlueskyPostLike, raw: unknown): Mention {
  const created = Date.parse(post.record.createdAt);
  const reply = post.record.reply ?? null;
  const handle = post.author.handle === 'handle.invalid' ? post.author.did : post.author.handle;
  return {
    externalId: post.uri,
    text: post.record.text,
    url: blueskyPostUrl(post.author, post.uri),
    language: primaryLanguage(post.record.langs),
    createdAt: new Date(Number.isNaN(created) ? Date.parse(post.indexedAt) : created).toISOString(),
    author: {
      externalId: post.author.did,
      handle,
      displayName: post.author.displayName?.trim() ? post.author.displayName : null,
      url: `https://bsky.app/profile/${encodeURIComponent(handle)}`,
      followers: post.author.followersCount ?? null,
    },
    inReplyToId: reply?.parent.uri ?? null,
    threadRootId: reply?.root.uri ?? post.uri,
    raw,
  };
}

/**
 * Where a post sits in the list that sort=latest orders: the server's sortAt, which is the earlier
 * of indexedAt and createdAt (a post dated in the future does not jump ahead).
 */
export function sortTime(post: { indexedAt: string; record: { createdAt: string } }): number {
  const indexed = Date.parse(post.indexedAt);
  const created = Date.parse(post.record.createdAt);
  return Number.isNaN(created) ? indexed : Math.min(indexed, created);
}
