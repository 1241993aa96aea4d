import type { Mention } from '../types';
import { htmlToText } from './html';
import type { MastodonBaseStatus, MastodonStatus } from './raw';

/**
 * Ids of statuses read from another instance than the account's (a hashtag listener with a
 * `target`) are written `host/id`: a Mastodon id is local to the instance that served it, and the
 * prefix keeps it from colliding with, or being mistaken for, an id of the account's instance.
 */
export function foreignId(host: string, id: string): string {
  return `${host}/${id}`;
}

export function isForeignId(id: string): boolean {
  return id.includes('/');
}

/** Mastodon's languages are ISO 639-1 already; a region or script subtag is dropped. */
export function primaryLanguage(tag: string | null | undefined): string | null {
  const primary = tag?.trim().split(/[-_]/)[0]?.toLowerCase();
  return primary && /^[a-z]{2,3}$/.test(primary) ? primary : null;
}

/** The content warning stays in front of the text: an advisor must see what the author flagged. */
export function statusText(status: MastodonBaseStatus): string {
  const body = htmlToText(status.content, { mentions: status.mentions ?? [] });
  const spoiler = status.spoiler_text?.trim() ?? '';
  if (spoiler === '') return body;
  return body === '' ? `CW: ${spoiler}` : `CW: ${spoiler}\n\n${body}`;
}

/**
 * Thread fields. Mastodon gives the parent (`in_reply_to_id`) but not the conversation's first
 * post, and walking `/context` for each mention would cost a call per reply. So threadRootId is the
 * status itself for a top-level post and its parent for a reply: storage also joins a reply to the
 * case of the post it answers, so a chain resolves link by link to the case of its root.
 */
export function mapMastodonStatus(status: MastodonStatus, raw: unknown, host: string | null): Mention {
  const post: MastodonBaseStatus = status.reblog ?? status;
  const id = (value: string) => (host ? foreignId(host, value) : value);
  const parent = post.in_reply_to_id ?? null;
  const account = post.account;
  return {
    externalId: id(post.id),
    text: statusText(post),
    url: post.url ?? post.uri,
    language: primaryLanguage(post.language),
    createdAt: new Date(post.created_at).toISOString(),
    author: {
      externalId: host ? foreignId(host, account.id) : account.id,
      handle: qualifiedAcct(account.acct, host),
      displayName: account.display_name?.trim() ? account.display_name : null,
      url: account.url ?? null,
      followers: account.followers_count ?? null,
    },
    inReplyToId: parent === null ? null : id(parent),
    threadRootId: parent === null ? id(post.id) : id(parent),
    raw,
  };
}

/** A local account of a foreign instance is `user` there: say which instance it belongs to. */
function qualifiedAcct(acct: string, host: string | null): string {
  return host && !acct.includes('@') ? `${acct}@${host}` : acct;
}
