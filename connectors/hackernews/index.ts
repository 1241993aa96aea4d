/**
 * Hacker News through its Algolia search API: a read-only listening source. Polls forward in time
 * with `created_at_i` filters rather than paging deep, because Algolia serves at most 1,000 hits
 * per query. When more hits wait than one poll may page through, the newest are returned and the
 * older rest is kept as a backlog window that the next polls drain, so nothing is skipped.
 */
import type { z } from 'zod';
import { requestJson } from '../http';
import { describeIssues, type RejectedItem, readId, withRejected } from '../items';
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
import { mapHnHit } from './map';
import {
  HN_CURSOR_VERSION,
  HN_DEFAULT_BASE_URL,
  HN_HITS_PER_PAGE_MAX,
  HN_PAGINATION_LIMIT,
  type HnCursor,
  type HnHit,
  hnCursorSchema,
  hnHitSchema,
  hnSearchEnvelopeSchema,
} from './raw';

const NETWORK = 'hackernews';

export const HN_READ_ONLY_REASON =
  'Hacker News is read-only here: Passerelle cannot post there. Answer the customer where they wrote (open the link).';

/** Algolia's 429 carries no reset header: without Retry-After, wait this long. */
export const HN_DEFAULT_RETRY_MS = 60_000;

export interface HackerNewsConnectorOptions extends ConnectorOptions {
  /** Hits per page, 1..100. Default 100. */
  hitsPerPage?: number;
  /** Pages followed in one poll. Default 5; never more than the 1,000-hit cap allows. */
  maxPages?: number;
  /**
   * How far back each poll looks again, in seconds (default 300): Algolia indexes a hit a little
   * after it is written, and several hits share a second. Ids in that window are remembered.
   */
  lookbackSeconds?: number;
  /** How far back the first poll of a listener reaches, in seconds. Default one day. */
  firstPollSeconds?: number;
}

export const hackerNewsTextLimits: TextLimits = { max: 0, measure: (text) => [...text].length };

type Seen = Array<[string, number]>;

/**
 * A hit of the window. `hit` carries what the walk needs; `read` is the validated hit, or null when
 * it failed validation (`reason`): it is then quarantined, and walks and is remembered like the others.
 */
interface Found {
  hit: { objectID: string; created_at_i: number };
  raw: unknown;
  read: HnHit | null;
  reason?: string;
}

interface WindowResult {
  hits: Found[];
  /** Broken hits without a readable id or time: quarantined, they cannot be placed in the window. */
  loose: RejectedItem[];
  /** False when the paging cap stopped the poll before the end of the window. */
  complete: boolean;
  /** Oldest created_at_i among the hits fetched (returned or not), when any. */
  oldest: number | null;
}

/**
 * Hacker News needs no credentials for reading: `AccountRef.credentials` is ignored.
 * `baseUrl` defaults to https://hn.algolia.com (the `/api/v1/...` paths are appended).
 */
export function createHackerNewsConnector(options: HackerNewsConnectorOptions): Connector {
  const apiBase = (options.baseUrl?.trim() || HN_DEFAULT_BASE_URL).replace(/\/+$/, '');
  const now = options.now ?? (() => new Date());
  const hitsPerPage = clamp(options.hitsPerPage ?? HN_HITS_PER_PAGE_MAX, 1, HN_HITS_PER_PAGE_MAX);
  const maxPages = clamp(options.maxPages ?? 5, 1, Math.floor(HN_PAGINATION_LIMIT / hitsPerPage));
  const lookback = Math.max(0, Math.floor(options.lookbackSeconds ?? 300));
  const firstPollSeconds = Math.max(0, Math.floor(options.firstPollSeconds ?? 24 * 60 * 60));
  let lastRateLimit: RateLimitState = { remaining: null, resetAt: null };

  async function searchPage(
    query: string,
    from: number,
    to: number | null,
    page: number,
    signal?: AbortSignal,
  ) {
    const url = new URL(`${apiBase}/api/v1/search_by_date`);
    url.searchParams.set('query', query);
    url.searchParams.set('tags', '(story,comment)');
    // The documented strict operators: `> from - 1` is `>= from`, `< to + 1` is `<= to`.
    const filters = [`created_at_i>${from - 1}`];
    if (to !== null) filters.push(`created_at_i<${to + 1}`);
    url.searchParams.set('numericFilters', filters.join(','));
    url.searchParams.set('hitsPerPage', String(hitsPerPage));
    url.searchParams.set('page', String(page));
    let body: unknown;
    try {
      ({ body } = await requestJson({
        network: NETWORK,
        fetch: options.fetch,
        url,
        timeoutMs: options.timeoutMs,
        signal,
        now,
      }));
    } catch (error) {
      if (error instanceof ConnectorError && error.kind === 'rate_limited') {
        const retryAt = error.retryAt ?? new Date(now().getTime() + HN_DEFAULT_RETRY_MS);
        lastRateLimit = { remaining: 0, resetAt: retryAt };
        throw new ConnectorError(
          NETWORK,
          'rate_limited',
          `Hacker News search asks to slow down (${error.message})`,
          {
            status: error.status,
            retryAt,
            cause: error,
          },
        );
      }
      throw error;
    }
    // A success after a wait: the limit is unknown again rather than still "0 left".
    lastRateLimit = { remaining: null, resetAt: null };
    const response = parseBody(hnSearchEnvelopeSchema, body, 'search_by_date');
    return { response, rawHits: response.hits };
  }

  /** Hits of [from, to] newest first, up to the paging cap, without those in `exclude`. */
  async function drainWindow(
    query: string,
    from: number,
    to: number | null,
    exclude: Set<string>,
    signal?: AbortSignal,
  ): Promise<WindowResult> {
    const found = new Map<string, Found>();
    const loose: RejectedItem[] = [];
    let oldest: number | null = null;
    for (let page = 0; page < maxPages; page++) {
      const { response, rawHits } = await searchPage(query, from, to, page, signal);
      for (const raw of rawHits) {
        const entry = readHit(raw);
        if ('externalId' in entry) {
          loose.push(entry);
          continue;
        }
        const { hit } = entry;
        if (oldest === null || hit.created_at_i < oldest) oldest = hit.created_at_i;
        // New hits arriving while paging push older ones onto the next page: seen twice, kept once.
        if (!exclude.has(hit.objectID) && !found.has(hit.objectID)) found.set(hit.objectID, entry);
      }
      const lastPage = response.hits.length < hitsPerPage || page + 1 >= response.nbPages;
      if (lastPage) {
        // Algolia stops paging at 1,000 hits: a "last page" short of nbHits is the cap, not the end.
        const complete = response.hits.length < hitsPerPage || (page + 1) * hitsPerPage >= response.nbHits;
        return { hits: [...found.values()], loose, complete, oldest };
      }
    }
    return { hits: [...found.values()], loose, complete: false, oldest };
  }

  async function poll(input: PollInput): Promise<PollResult> {
    const query = input.query.trim().replace(/^[#@]/, '').trim();
    if (query === '') throw new ConnectorError(NETWORK, 'malformed', 'empty listening query');
    const cursor = parseCursor(input.cursor);
    const resetAt = lastRateLimit.resetAt;
    if (lastRateLimit.remaining === 0 && resetAt && resetAt.getTime() > now().getTime()) {
      throw new ConnectorError(
        NETWORK,
        'rate_limited',
        `Hacker News search asked to wait until ${resetAt.toISOString()}`,
        {
          retryAt: resetAt,
        },
      );
    }

    const nowSeconds = Math.floor(now().getTime() / 1000);
    const newest = cursor?.newest ?? nowSeconds - firstPollSeconds;
    const recent: Seen = cursor?.recent ?? [];
    let next: HnCursor;
    let returned: Found[];
    let loose: RejectedItem[];

    if (cursor?.backlog) {
      const { from, to, exclude } = cursor.backlog;
      const result = await drainWindow(query, from, to, new Set(exclude.map(([id]) => id)), input.signal);
      returned = result.hits;
      loose = result.loose;
      next = {
        v: HN_CURSOR_VERSION,
        newest,
        recent: remember(recent, returned, newest - lookback),
        backlog: result.complete ? null : shrink({ from, to, exclude }, result, returned),
      };
    } else {
      const from = cursor ? newest - lookback : newest;
      const result = await drainWindow(query, from, null, new Set(recent.map(([id]) => id)), input.signal);
      returned = result.hits;
      loose = result.loose;
      const top = Math.max(newest, ...returned.map(({ hit }) => hit.created_at_i));
      next = {
        v: HN_CURSOR_VERSION,
        newest: top,
        recent: remember(recent, returned, top - lookback),
        backlog: result.complete
          ? null
          : shrink({ from, to: Number.MAX_SAFE_INTEGER, exclude: recent }, result, returned),
      };
    }

    const rejected: RejectedItem[] = [...loose];
    const mentions: Mention[] = [];
    const ordered = returned.sort(
      (a, b) => a.hit.created_at_i - b.hit.created_at_i || compareIds(a.hit.objectID, b.hit.objectID),
    );
    for (const { hit, raw, read, reason } of ordered) {
      if (!read) {
        rejected.push({ externalId: hit.objectID, reason: reason ?? 'unexpected shape', raw });
        continue;
      }
      try {
        mentions.push(mapHnHit(read, raw));
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        rejected.push({ externalId: hit.objectID, reason: `could not be mapped: ${why}`, raw });
      }
    }
    return { mentions, nextCursor: JSON.stringify(next), ...withRejected(rejected) };
  }

  return {
    network: NETWORK,
    canReply: false,
    limits: hackerNewsTextLimits,
    poll,
    reply: async () => {
      throw new ConnectorError(
        NETWORK,
        'unsupported',
        'Hacker News is read-only: Passerelle cannot reply there',
      );
    },
    rateLimit: () => ({ ...lastRateLimit }),
    checkReply: (): ReplyCheck => ({ allowed: false, reason: HN_READ_ONLY_REASON }),
  };
}

/**
 * The part of a window still to fetch after a capped poll: from its start up to the oldest second
 * reached, minus what is already returned at that second. A window that cannot shrink (more hits
 * in one second than a poll may page through, which Hacker News never produces) is dropped rather
 * than polled forever.
 */
function shrink(
  window: { from: number; to: number; exclude: Seen },
  result: WindowResult,
  returned: Array<{ hit: HnHit }>,
): HnCursor['backlog'] {
  const to = result.oldest;
  if (to === null || to < window.from) return null;
  if (to >= window.to && returned.length === 0) return null;
  const exclude: Seen = [
    ...window.exclude.filter(([, at]) => at >= window.from && at <= to),
    ...returned
      .filter(({ hit }) => hit.created_at_i === to)
      .map(({ hit }): [string, number] => [hit.objectID, to]),
  ];
  return { from: window.from, to, exclude };
}

/** Ids returned at or after `since`, the rest forgotten; bounded so a cursor stays small. */
function remember(recent: Seen, returned: Array<{ hit: HnHit }>, since: number): Seen {
  const merged = new Map<string, number>(recent);
  for (const { hit } of returned) merged.set(hit.objectID, hit.created_at_i);
  return [...merged.entries()]
    .filter(([, at]) => at >= since)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5000);
}

/** One hit: validated, or failed but placeable (id and time readable), or not placeable at all. */
function readHit(raw: unknown): Found | RejectedItem {
  const parsed = hnHitSchema.safeParse(raw);
  if (parsed.success) return { hit: parsed.data, raw, read: parsed.data };
  const reason = describeIssues(parsed.error);
  const objectID = readId(raw, 'objectID');
  const at = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>).created_at_i : null;
  if (objectID !== null && typeof at === 'number' && Number.isInteger(at)) {
    return { hit: { objectID, created_at_i: at }, raw, read: null, reason };
  }
  return { externalId: objectID, reason, raw };
}

function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(Math.floor(value), min), max);
}

function parseCursor(cursor: string | null): HnCursor | null {
  return parseJsonCursor(NETWORK, 'Hacker News', hnCursorSchema, cursor);
}

function parseBody<T extends z.ZodType>(schema: T, body: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unexpected shape';
    throw new ConnectorError(
      NETWORK,
      'malformed',
      `${what} response does not match the Hacker News API (${where})`,
      {
        cause: result.error,
      },
    );
  }
  return result.data;
}
