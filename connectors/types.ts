/**
 * The contract every network connector implements. Connectors are pure HTTP clients: they never
 * import src/, hono, drizzle or read process.env; everything they need is passed in options.
 */
import type { RejectedItem } from './items';

export type { RejectedItem } from './items';

export type NetworkId = 'demo' | 'x' | 'mastodon' | 'bluesky' | 'reddit' | 'rss' | 'hackernews';

export type ListenerKind = 'mention' | 'keyword' | 'hashtag';

export interface MentionAuthor {
  externalId: string;
  handle: string;
  displayName?: string | null;
  url?: string | null;
  /** Followers or a comparable reach figure, when the network gives one. */
  followers?: number | null;
}

/** A public post normalised to what Passerelle stores. `text` is always plain text. */
export interface Mention {
  externalId: string;
  text: string;
  url: string | null;
  /** ISO 639-1 code when the network tells it; otherwise the classifier guesses. */
  language?: string | null;
  /** ISO-8601 time the post was created on the network. */
  createdAt: string;
  author: MentionAuthor;
  /** The post this one answers, or null for a top-level post. */
  inReplyToId?: string | null;
  /** The first post of the conversation; equals externalId for a top-level post. */
  threadRootId?: string | null;
  /** The payload as the network sent it, kept for audit. */
  raw: unknown;
}

/** The brand's own account on a network, as the connector needs it. */
export interface AccountRef {
  handle: string;
  externalUserId?: string | null;
  /** Decrypted credentials; their shape is the connector's business. */
  credentials?: Record<string, string> | null;
}

export interface PollInput {
  kind: ListenerKind;
  /** Handle, keyword query or hashtag, in the network's syntax. */
  query: string;
  /**
   * Where to listen when the network needs more than a query: an RSS/Atom feed URL, a subreddit,
   * a Mastodon hashtag timeline's instance. Null when the query says it all.
   */
  target?: string | null;
  /** Opaque cursor returned by the previous successful poll; null on the first poll. */
  cursor: string | null;
  account?: AccountRef | null;
  signal?: AbortSignal;
  /**
   * Most pages this poll may fetch, so one listener does not spend the whole rate-limit budget its
   * account shares with others; connectors apply the lower of this and their own cap.
   */
  maxPages?: number;
}

export interface PollResult {
  /** New mentions, oldest first. May contain posts already seen (overlap): storage dedupes. */
  mentions: Mention[];
  /** Cursor to store once every mention above is committed. */
  nextCursor: string | null;
  /** Items of readable pages that failed validation: quarantined, the poll goes on without them. */
  rejected?: RejectedItem[];
  /** External ids of posts the network reports deleted by their author: their text must go. */
  deleted?: string[];
}

export interface ReplyInput {
  /** The post answered: the reply goes into its thread. */
  inReplyTo: { externalId: string; threadRootId?: string | null; raw?: unknown };
  text: string;
  /** Stable per reply: lets networks that support it recognise a retry. */
  idempotencyKey: string;
  account?: AccountRef | null;
  signal?: AbortSignal;
}

export interface ReplyResult {
  externalId: string;
  url: string | null;
}

/** What to look for when a reply's outcome is unknown: our post, answering `inReplyTo`, saying `text`. */
export interface FindReplyInput {
  inReplyTo: { externalId: string; threadRootId?: string | null; raw?: unknown };
  text: string;
  account?: AccountRef | null;
  signal?: AbortSignal;
}

/** `absent`: the network was read and holds no such reply; lookup errors are thrown, never guessed. */
export type FoundReply = { found: true; reply: ReplyResult } | { found: false };

/** The verdict before an advisor writes: may this post be answered publicly from the account? */
export interface ReplyCheck {
  allowed: boolean;
  /** Why not, in words an advisor understands; null when allowed. */
  reason: string | null;
}

export interface RateLimitState {
  /** Calls left in the current window, null when unknown. */
  remaining: number | null;
  /** When the window resets, null when unknown. */
  resetAt: Date | null;
}

export interface TextLimits {
  /** Maximum length in the network's own unit. */
  max: number;
  /** Length of `text` in that unit (weighted characters, graphemes...). */
  measure(text: string): number;
}

/** Limits an account's own server sets where the network lets it (a Mastodon instance's). */
export interface PostingLimits {
  maxCharacters: number;
  /** What a link counts for, whatever its length. */
  charactersReservedPerUrl: number;
}

export interface Connector {
  readonly network: NetworkId;
  /** False for read-only sources (RSS, Hacker News): the inbox says so before anyone writes. */
  readonly canReply: boolean;
  readonly limits: TextLimits;
  poll(input: PollInput): Promise<PollResult>;
  reply(input: ReplyInput): Promise<ReplyResult>;
  /** The last rate-limit state seen, to honour before calling again. */
  rateLimit(): RateLimitState;
  /**
   * True when a retried `reply` with the same idempotency key can never create a second post
   * (Mastodon's Idempotency-Key, Bluesky's record key): an attempt of unknown outcome is simply sent again.
   */
  readonly idempotentReplies?: boolean;
  /**
   * How long the network remembers an idempotency key (Mastodon: about an hour). An attempt of
   * unknown outcome older than that is looked for with `findReply` before anything is sent again.
   */
  readonly idempotencyKeyTtlMs?: number;
  /**
   * Looks in the thread for a reply of ours with this text, for networks without idempotent posting
   * (X, Reddit), so an attempt whose outcome is unknown is settled before anything is sent again.
   */
  findReply?(input: FindReplyInput): Promise<FoundReply>;
  /**
   * Whether `post` can be answered publicly from `account` (X lets a self-serve app answer only
   * posts that mention the brand; read-only sources answer nothing). Pure: no network call.
   */
  checkReply(post: { text: string; raw: unknown }, account: AccountRef | null): ReplyCheck;
  /**
   * Reads the limits the account's server sets, for networks where each server sets its own
   * (Mastodon). The caller stores them and builds the account's connectors with them.
   */
  readPostingLimits?(): Promise<PostingLimits>;
}

/** Options every connector factory accepts besides its own. */
export interface ConnectorOptions {
  fetch: FetchLike;
  /** API base URL; each network has its official default (an instance or PDS for federated ones). */
  baseUrl?: string | null;
  timeoutMs?: number;
  now?: () => Date;
  /**
   * Called when the network rotated the credentials (OAuth refresh tokens are single-use on X;
   * Bluesky sessions refresh): the caller stores them encrypted before anything else happens.
   */
  onCredentialsRotated?: (credentials: Record<string, string>) => Promise<void>;
}

export type ConnectorErrorKind =
  | 'auth' // credentials expired or revoked
  | 'forbidden' // the network refuses this action; `message` carries its reason
  | 'duplicate' // identical content refused
  | 'rate_limited' // 429 or equivalent; see retryAt
  | 'transient' // 5xx, timeout, connection reset
  | 'malformed' // the payload did not match the documented shape
  | 'unsupported' // the connector cannot do this (reply on a read-only source)
  | 'gone'; // the customer's post no longer exists on the network (its author deleted it)

export class ConnectorError extends Error {
  readonly kind: ConnectorErrorKind;
  readonly network: NetworkId;
  readonly status: number | null;
  readonly retryAt: Date | null;

  constructor(
    network: NetworkId,
    kind: ConnectorErrorKind,
    message: string,
    opts: { status?: number | null; retryAt?: Date | null; cause?: unknown } = {},
  ) {
    super(message, { cause: opts.cause });
    this.name = 'ConnectorError';
    this.network = network;
    this.kind = kind;
    this.status = opts.status ?? null;
    this.retryAt = opts.retryAt ?? null;
  }
}

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
