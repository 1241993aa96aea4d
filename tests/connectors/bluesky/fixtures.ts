/**
 * Bluesky payloads shaped like the API reference examples (docs.bsky.app: app.bsky.feed.defs#postView,
 * app.bsky.notification.listNotifications, app.bsky.actor.defs#profileView): fields the connector
 * does not read are present too, so the schemas meet the real shape.
 */

const BASE32_SORTABLE = '234567abcdefghijklmnopqrstuvwxyz';

/** A real TID for a time: 53 bits of microseconds, 10 bits of clock id (atproto TID spec). */
export function tid(ms: number, clockId = 0): string {
  let value = (BigInt(ms) * 1000n) << 10n;
  value |= BigInt(clockId & 1023);
  let out = '';
  for (let i = 0; i < 13; i++) {
    out = BASE32_SORTABLE[Number(value & 31n)] + out;
    value >>= 5n;
  }
  return out;
}

export interface ProfileFixture {
  did: string;
  handle: string;
  displayName?: string;
  avatar?: string;
  associated?: unknown;
  viewer?: unknown;
  labels?: unknown[];
  createdAt?: string;
  description?: string;
  indexedAt?: string;
}

export interface PostRecordFixture {
  $type: 'app.bsky.feed.post';
  text: string;
  createdAt: string;
  langs?: string[];
  reply?: { root: { uri: string; cid: string }; parent: { uri: string; cid: string } };
  facets?: unknown[];
  embed?: unknown;
}

export interface PostViewFixture {
  uri: string;
  cid: string;
  author: ProfileFixture;
  record: PostRecordFixture;
  replyCount: number;
  repostCount: number;
  likeCount: number;
  quoteCount: number;
  indexedAt: string;
  viewer: { threadMuted: boolean; embeddingDisabled: boolean; replyDisabled?: boolean };
  labels: unknown[];
}

export interface NotificationFixture {
  uri: string;
  cid: string;
  author: ProfileFixture;
  reason: 'like' | 'repost' | 'follow' | 'mention' | 'reply' | 'quote';
  reasonSubject?: string;
  record: unknown;
  isRead: boolean;
  indexedAt: string;
  labels: unknown[];
}

export function profile(handle: string, did: string, displayName = ''): ProfileFixture {
  return {
    did,
    handle,
    displayName,
    avatar: `https://cdn.bsky.app/img/avatar/plain/${did}/bafkreihwihm6kpd6zuwhhlro75p5qks5qtrcu55jp3gddbfjsieiv7wuka@jpeg`,
    associated: { chat: { allowIncoming: 'following' } },
    viewer: { muted: false, blockedBy: false },
    labels: [],
    createdAt: '2023-04-12T04:53:57.057Z',
    description: '',
    indexedAt: '2024-01-25T23:54:12.979Z',
  };
}

export const alice = () => profile('alice.bsky.social', 'did:plc:aliceaaaaaaaaaaaaaaaaaaa', 'Alice 🌻');
export const bob = () => profile('bob.example.com', 'did:plc:bobbbbbbbbbbbbbbbbbbbbbb');
