/**
 * RSS and Atom feeds (forums, review sites, news) as a read-only listening source. The feed
 * address is the listener's `target` (or, failing that, `baseUrl`); its `query` holds keywords
 * matched here (see keywords.ts). Novelty is decided by the ids already seen, kept in the cursor.
 */

import { DEFAULT_TIMEOUT_MS } from '../http';
import { describeIssues, type RejectedItem, withRejected } from '../items';
import { parseJsonCursor } from '../json-cursor';
import {
  type Connector,
  ConnectorError,
  type ConnectorOptions,
  type Mention,
  type PollInput,
  type PollResult,
  type RateLimitState,
  type ReplyCheck,
  type TextLimits,
} from '../types';
import { decodeFeed, FeedEncodingError } from './decode';
import { checkFeedUrl, DEFAULT_MAX_BYTES, fetchFeed } from './fetch-feed';
import { textOf } from './html-text';
import { keywordMatcher } from './keywords';
import { feedItemDate, feedItemId, hash53, mapFeedItem } from './map';
import { FeedFormatError, parseFeed } from './parse-feed';
import {
  type RawFeedItem,
  RSS_CURSOR_VERSION,
  type RssCursor,
  rawFeedItemSchema,
  rssCursorSchema,
} from './raw';

const NETWORK = 'rss';

export const RSS_READ_ONLY_REASON =
  'This source is a read-only feed: Passerelle cannot post there. Answer the customer where they wrote (open the link).';

export const DEFAULT_MAX_SEEN_IDS = 1000;
/** A feed server's 429 without Retry-After: wait this long before asking that host again. */
export const DEFAULT_RETRY_MS = 60_000;
export const DEFAULT_USER_AGENT = 'Passerelle feed reader';

export interface RssConnectorOptions extends ConnectorOptions {
  /**
   * Hostname -> IP addresses, used to refuse feeds whose name points into a private network. There
   * is deliberately no default: `node:dns` would pull Node built-ins into the Workers bundle. On
   * Node, inject `(host) => dns.promises.lookup(host, { all: true }).then((a) => a.map((x) => x.address))`.
   * Without it only literal IP addresses and `localhost` are refused.
   */
  resolveHost?: (hostname: string) => Promise<string[]>;
  /** Lets tests read feeds served on 127.0.0.1. Never set it in production. */
  allowPrivateAddresses?: boolean;
  /** Largest feed read, in bytes (after decompression). Default 5 MB. */
  maxBytes?: number;
  /** Ids remembered beyond those of the current document. Default 1000. */
  maxSeenIds?: number;
  userAgent?: string;
}

/** Read-only sources have nothing to measure against; code points keep `measure` meaningful. */
export const rssTextLimits: TextLimits = { max: 0, measure: (text) => [...text].length };

/**
 * No credentials: feeds are public. `AccountRef.credentials` is ignored. (A feed behind a login
 * answers 401 and fails with kind 'auth'.)
 */
export function createRssConnector(options: RssConnectorOptions): Connector {
  const now = options.now ?? (() => new Date());
  const maxSeen = Math.max(1, Math.floor(options.maxSeenIds ?? DEFAULT_MAX_SEEN_IDS));
  const fetchOptions = {
    fetch: options.fetch,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
    userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
    now,
    resolveHost: options.resolveHost,
    allowPrivateAddresses: options.allowPrivateAddresses ?? false,
  };
  // A 429 from one forum says nothing about another: waits are kept per host.
  const hostLimits = new Map<string, Date>();
  let lastRateLimit: RateLimitState = { remaining: null, resetAt: null };

  async function poll(input: PollInput): Promise<PollResult> {
    const target = input.target?.trim() || options.baseUrl?.trim() || '';
    if (target === '') {
      throw new ConnectorError(
        NETWORK,
        'forbidden',
        'no feed address: set the listener target to the RSS or Atom URL',
      );
    }
    const url = checkFeedUrl(target);
    const scope = url.toString();
    const cursor = parseCursor(input.cursor);

    const waitUntil = hostLimits.get(url.host);
    if (waitUntil && waitUntil.getTime() > now().getTime()) {
      throw new ConnectorError(
        NETWORK,
        'rate_limited',
        `${url.host} asked to wait until ${waitUntil.toISOString()}`,
        {
          retryAt: waitUntil,
        },
      );
    }

    const sameFeed = cursor !== null && cursor.url === scope;
    let response: Awaited<ReturnType<typeof fetchFeed>>;
    try {
      response = await fetchFeed(
        {
          url: scope,
          etag: sameFeed ? cursor.etag : null,
          lastModified: sameFeed ? cursor.lastModified : null,
          signal: input.signal,
        },
        fetchOptions,
      );
    } catch (error) {
      if (error instanceof ConnectorError && error.kind === 'rate_limited') {
        const retryAt = error.retryAt ?? new Date(now().getTime() + DEFAULT_RETRY_MS);
        hostLimits.set(url.host, retryAt);
        lastRateLimit = { remaining: 0, resetAt: retryAt };
        if (!error.retryAt)
          throw new ConnectorError(NETWORK, 'rate_limited', error.message, { status: error.status, retryAt });
      }
      throw error;
    }
    hostLimits.delete(url.host);

    // 304: nothing changed since the stored validators; the cursor stays exactly as it was.
    if (response.status === 'not-modified') return { mentions: [], nextCursor: input.cursor };

    let items: RawFeedItem[];
    try {
      const { text } = decodeFeed(response.bytes, response.contentType);
      items = parseFeed(text, response.url).items;
    } catch (error) {
      if (error instanceof FeedFormatError || error instanceof FeedEncodingError) {
        throw new ConnectorError(NETWORK, 'malformed', `${url.host}: ${error.message}`, { cause: error });
      }
      throw error;
    }

    const polledAt = now();
    const seen = new Set(cursor?.seen ?? []);
    const matcher = keywordMatcher(input.query);
    const documentHashes: string[] = [];
    const fresh: Array<{ mention: Mention; order: number }> = [];
    let newest: Date | null = cursor?.newest ? new Date(cursor.newest) : null;
    const inDocument = new Set<string>();
    const rejected: RejectedItem[] = [];
    for (const [index, item] of items.entries()) {
      // One item the parser could not make sense of costs only itself, never the feed.
      const problem = itemProblem(item);
      try {
        const key = hash53(feedItemId(item, scope));
        if (inDocument.has(key)) continue;
        inDocument.add(key);
        documentHashes.push(key);
        const date = problem ? null : feedItemDate(item, polledAt);
        if (date && (newest === null || date > newest)) newest = date;
        if (seen.has(key)) continue;
        if (problem) {
          rejected.push({ externalId: item.id ?? item.link ?? null, reason: problem, raw: item });
          continue;
        }
        // Items that do not match are remembered too: they were considered and will not be again.
        if (!matcher.matches(matchableText(item))) continue;
        fresh.push({
          mention: mapFeedItem(item, { scope, firstSeen: polledAt, now: polledAt }),
          order: index,
        });
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        rejected.push({
          externalId: item?.id ?? null,
          reason: problem ?? `could not be read: ${why}`,
          raw: item,
        });
      }
    }

    // Oldest first; feeds list newest first, so among equal dates the later in the document is older.
    fresh.sort(
      (a, b) => Date.parse(a.mention.createdAt) - Date.parse(b.mention.createdAt) || b.order - a.order,
    );

    const remembered = [
      ...documentHashes,
      ...(cursor?.seen ?? []).filter((key) => !inDocument.has(key)),
    ].slice(0, Math.max(maxSeen, documentHashes.length));
    const next: RssCursor = {
      v: RSS_CURSOR_VERSION,
      url: scope,
      etag: response.etag,
      lastModified: response.lastModified,
      newest: newest ? newest.toISOString() : null,
      seen: remembered,
    };
    return {
      mentions: fresh.map((entry) => entry.mention),
      nextCursor: JSON.stringify(next),
      ...withRejected(rejected),
    };
  }

  return {
    network: NETWORK,
    canReply: false,
    limits: rssTextLimits,
    poll,
    reply: async () => {
      throw new ConnectorError(
        NETWORK,
        'unsupported',
        'feeds are read-only: Passerelle cannot reply to an RSS or Atom item',
      );
    },
    rateLimit: () => ({ ...lastRateLimit }),
    checkReply: (): ReplyCheck => ({ allowed: false, reason: RSS_READ_ONLY_REASON }),
  };
}

/** Why an item cannot become a mention, or null: the parser's own shape, and something to read. */
function itemProblem(item: RawFeedItem): string | null {
  const shape = rawFeedItemSchema.safeParse(item);
  if (!shape.success) return describeIssues(shape.error);
  if (textOf(item.title) === '' && textOf(item.body) === '' && textOf(item.summary) === '' && !item.link) {
    return 'the item has no title, no text and no link: nothing to read';
  }
  return null;
}

function matchableText(item: RawFeedItem): string {
  return [textOf(item.title), textOf(item.body), textOf(item.summary), ...item.categories].join('\n');
}

function parseCursor(cursor: string | null): RssCursor | null {
  return parseJsonCursor(NETWORK, 'feed', rssCursorSchema, cursor);
}
