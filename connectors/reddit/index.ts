/**
 * Reddit connector: a thin typed client over fetch (no maintained TypeScript client exists).
 *
 * Polling. Listings are newest first, so "what is new since last time" is found like this:
 * 1. Read the newest page (no before/after). If it contains the cursor's newest fullname (or any
 *    remembered one, or anything older than the cursor's time), everything above it is new: done in
 *    one request, the usual case. If the listing ends within that page, everything in it is new.
 * 2. Otherwise more than a page arrived since the last poll. Walk forward from the cursor with
 *    `before=<newest seen>`: each page is the items just newer than the anchor, so the walk is
 *    contiguous and can stop at the page cap with a cursor that covers exactly what was returned;
 *    the next poll continues from there. The walk ends when it meets an item of the newest page.
 * 3. If the anchor was deleted (a `before` page comes back empty), the next remembered fullname is
 *    tried; if all are gone, the listing is walked backward with `after` from the newest page down to
 *    the cursor's time (at most ten pages, Reddit's own depth limit), so nothing reachable is skipped.
 * The first poll of a listener reads the newest page only: Reddit is not backfilled.
 */
import type { z } from 'zod';
import { parseRateLimit, rateLimitHeaderSpecs } from '../http';
import { describeIssues, type RejectedItem, withRejected } from '../items';
import { isSameReplyText } from '../reply-match';
import {
  type AccountRef,
  type Connector,
  ConnectorError,
  type ConnectorOptions,
  type FindReplyInput,
  type FoundReply,
  type Mention,
  type PollInput,
  type PollResult,
  type RateLimitState,
  type ReplyCheck,
  type ReplyInput,
  type ReplyResult,
  type TextLimits,
} from '../types';
import { type CallOptions, type CapturedResponse, callJson, parseMaybeJson } from '../x/request';
import { type Credentials, createTokenRotation } from '../x/token-rotation';
import { parseRedditCursor, REDDIT_RECENT_KEPT, type RedditCursor, serialiseRedditCursor } from './cursor';
import { isDeletedThing, mapRedditThing, redditUrl } from './map';
import {
  commentResponseSchema,
  createdCommentSchema,
  listingEnvelopeSchema,
  REDDIT_LISTING_DEPTH_PAGES,
  REDDIT_MAX_TEXT_LENGTH,
  REDDIT_PAGE_SIZE_MAX,
  type RedditThing,
  rawChildSchema,
  rawCommentSchema,
  rawPostSchema,
  tokenResponseSchema,
} from './raw';

const NETWORK = 'reddit';
export const REDDIT_DEFAULT_BASE_URL = 'https://oauth.reddit.com';
export const REDDIT_DEFAULT_TOKEN_URL = 'https://www.reddit.com/api/v1/access_token';

export interface RedditConnectorOptions extends ConnectorOptions {
  /**
   * Sent on every request; Reddit requires a descriptive one and throttles generic agents, e.g.
   * `web:passerelle:0.1.0 (by /u/lumo_support)`.
   */
  userAgent: string;
  /** Where refresh tokens are exchanged; default https://www.reddit.com/api/v1/access_token. */
  tokenUrl?: string;
  /** Items per page, 1..100; default 100. */
  pageSize?: number;
  /** Requests per poll when more than a page is new (at least 2); default 5. */
  maxPages?: number;
}

/** Reddit's comment limit: 10,000 characters, counted as code points. */
export const redditTextLimits: TextLimits = {
  max: REDDIT_MAX_TEXT_LENGTH,
  measure: (text) => [...text].length,
};

/**
 * A listed item that failed validation but whose fullname and time can be read: it takes part in
 * the walk like any item (so the cursor covers it exactly when it is quarantined) and is then
 * quarantined instead of stored.
 */
interface Unreadable {
  kind: 'unreadable';
  data: { name: string; created_utc: number };
  rejected: RejectedItem;
}

type Listed = RedditThing | Unreadable;

interface Page {
  things: Listed[];
  after: string | null;
  /** Broken items without a readable fullname or time: quarantined, they cannot anchor a walk. */
  loose: RejectedItem[];
}

/**
 * Credentials (`AccountRef.credentials`), all strings:
 * - `accessToken`  OAuth 2 bearer token (scopes read, privatemessages for mentions, submit for replies);
 * - `refreshToken` optional: renews the access token on a 401 (permanent tokens only);
 * - `clientId`, `clientSecret` the app's id and secret for the renewal (secret empty for installed apps).
 * Renewed tokens are handed to onCredentialsRotated (with `expiresAt`, ISO) before they are used.
 */
export function createRedditConnector(options: RedditConnectorOptions): Connector {
  const userAgent = options.userAgent?.trim();
  if (!userAgent) throw new Error('createRedditConnector needs a descriptive userAgent: Reddit requires one');
  const apiBase = (options.baseUrl ?? REDDIT_DEFAULT_BASE_URL).replace(/\/+$/, '');
  const tokenUrl = options.tokenUrl ?? REDDIT_DEFAULT_TOKEN_URL;
  const now = options.now ?? (() => new Date());
  const pageSize = Math.min(
    Math.max(Math.floor(options.pageSize ?? REDDIT_PAGE_SIZE_MAX), 1),
    REDDIT_PAGE_SIZE_MAX,
  );
  const maxPages = Math.max(2, Math.floor(options.maxPages ?? 5));
  let lastRateLimit: RateLimitState = { remaining: null, resetAt: null };

  /** One request: refuses while the window is spent, records the rate-limit headers of every answer. */
  async function call(request: Omit<CallOptions, 'network' | 'fetch'>) {
    const current = now();
    if (lastRateLimit.remaining === 0 && lastRateLimit.resetAt && lastRateLimit.resetAt > current) {
      throw new ConnectorError(
        NETWORK,
        'rate_limited',
        `Reddit rate limit reached; calls resume at ${lastRateLimit.resetAt.toISOString()}`,
        { retryAt: lastRateLimit.resetAt },
      );
    }
    const captured: CapturedResponse = { headers: null, errorBody: null };
    const headers = { 'user-agent': userAgent, ...request.headers };
    try {
      const response = await callJson(
        {
          ...request,
          headers,
          network: NETWORK,
          fetch: options.fetch,
          timeoutMs: options.timeoutMs,
          now,
          rateLimitHeaders: rateLimitHeaderSpecs.reddit,
        },
        captured,
      );
      record(response.headers);
      return response;
    } catch (error) {
      if (captured.headers) record(captured.headers);
      throw refineError(error, captured);
    }
  }

  function record(headers: Headers) {
    const state = parseRateLimit(headers, rateLimitHeaderSpecs.reddit, now());
    if (state) lastRateLimit = state;
  }

  function refineError(error: unknown, captured: CapturedResponse): unknown {
    if (!(error instanceof ConnectorError)) return error;
    if (error.kind === 'rate_limited') {
      const when = error.retryAt ? `; calls resume at ${error.retryAt.toISOString()}` : '';
      return new ConnectorError(NETWORK, 'rate_limited', `Reddit rate limit reached${when}`, {
        status: error.status,
        retryAt: error.retryAt,
        cause: error,
      });
    }
    // Reddit says why in `reason` ("private", "banned", "quarantined") next to a bare "Forbidden".
    const body = parseMaybeJson(captured.errorBody) as { reason?: unknown } | null;
    if (error.kind === 'forbidden' && typeof body?.reason === 'string' && body.reason.trim() !== '') {
      return new ConnectorError(
        NETWORK,
        'forbidden',
        `Reddit refused: ${error.message} (${body.reason.trim()})`,
        {
          status: error.status,
          cause: error,
        },
      );
    }
    return error;
  }

  const rotation = createTokenRotation({
    onCredentialsRotated: options.onCredentialsRotated,
    exchange: async (credentials) => {
      const { refreshToken, clientId } = credentials;
      if (!refreshToken || !clientId) {
        throw new ConnectorError(NETWORK, 'auth', 'the Reddit access expired: reconnect the Reddit account');
      }
      let body: unknown;
      try {
        ({ body } = await call({
          url: tokenUrl,
          method: 'POST',
          headers: { authorization: `Basic ${btoa(`${clientId}:${credentials.clientSecret ?? ''}`)}` },
          form: { grant_type: 'refresh_token', refresh_token: refreshToken },
        }));
      } catch (error) {
        if (error instanceof ConnectorError && !['transient', 'rate_limited'].includes(error.kind)) {
          throw new ConnectorError(
            NETWORK,
            'auth',
            `Reddit refused to renew the access (${error.message}): reconnect the Reddit account`,
            { status: error.status, cause: error },
          );
        }
        throw error;
      }
      // Reddit answers a bad refresh token with 200 {"error": "invalid_grant"}.
      const refused = (body as { error?: unknown } | null)?.error;
      if (typeof refused === 'string') {
        throw new ConnectorError(
          NETWORK,
          'auth',
          `Reddit refused to renew the access (${refused}): reconnect the Reddit account`,
        );
      }
      const token = parseBody(tokenResponseSchema, body, 'POST /api/v1/access_token');
      const rotated: Credentials = {
        ...credentials,
        accessToken: token.access_token,
        refreshToken: token.refresh_token ?? refreshToken,
      };
      if (token.expires_in)
        rotated.expiresAt = new Date(now().getTime() + token.expires_in * 1000).toISOString();
      return rotated;
    },
  });

  /** Runs `send` with the account's token, renewing it once on a 401 when a refresh token is known. */
  async function authorised<T>(account: AccountRef | null | undefined, send: (token: string) => Promise<T>) {
    let credentials = await rotation.current(account?.credentials ?? {});
    if (!credentials.accessToken) {
      throw new ConnectorError(NETWORK, 'auth', 'the Reddit account has no access token: reconnect it');
    }
    const canRefresh = Boolean(credentials.refreshToken && credentials.clientId);
    if (canRefresh && credentials.expiresAt && Date.parse(credentials.expiresAt) <= now().getTime()) {
      credentials = await rotation.refresh(credentials);
      return send(credentials.accessToken ?? '');
    }
    try {
      return await send(credentials.accessToken);
    } catch (error) {
      if (!(error instanceof ConnectorError && error.kind === 'auth' && canRefresh)) throw error;
      credentials = await rotation.refresh(credentials);
      return send(credentials.accessToken ?? '');
    }
  }

  async function poll(input: PollInput): Promise<PollResult> {
    const cursor = parseRedditCursor(input.cursor);
    const { path, params } = listingRequest(input);
    const source = `${path}?${new URLSearchParams(params).toString()}`;
    const ownHandle = normaliseHandle(input.account?.handle);
    let budget = maxPages;
    const loose: RejectedItem[] = [];

    const fetchPage = async (anchor: { before?: string; after?: string }): Promise<Page> => {
      budget -= 1;
      const url = new URL(`${apiBase}${path}`);
      for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
      url.searchParams.set('limit', String(pageSize));
      url.searchParams.set('raw_json', '1');
      if (anchor.before) url.searchParams.set('before', anchor.before);
      if (anchor.after) url.searchParams.set('after', anchor.after);
      const response = await authorised(input.account, (token) =>
        call({ url, headers: { authorization: `bearer ${token}` }, signal: input.signal }),
      );
      const page = parseListing(response.body, `GET ${path}`);
      loose.push(...page.loose);
      return page;
    };

    const newestPage = await fetchPage({});
    const newest = newestPage.things;
    // Newest first, contiguous from the cursor (or from the newest page on a first poll).
    let fresh: Listed[];
    if (!cursor || cursor.source !== source) {
      fresh = newest;
    } else {
      const known = new Set(cursor.recent);
      const reached = newest.findIndex((t) => known.has(t.data.name) || t.data.created_utc < cursor.time);
      if (reached >= 0 || newestPage.after === null) {
        fresh = (reached >= 0 ? newest.slice(0, reached) : newest).filter((t) => !known.has(t.data.name));
      } else {
        fresh = await catchUp(cursor, newestPage, fetchPage, () => budget);
      }
    }

    const nextCursor = advance(cursor, source, fresh);
    // The cursor moves past the brand's own comments, but they are not mentions.
    const rejected: RejectedItem[] = [...loose];
    const mentions: Mention[] = [];
    const deleted: string[] = [];
    for (const thing of oldestFirst(fresh)) {
      if (thing.kind === 'unreadable') {
        rejected.push(thing.rejected);
        continue;
      }
      if (isDeletedThing(thing)) {
        deleted.push(thing.data.name);
        continue;
      }
      if (ownHandle !== null && thing.data.author?.toLowerCase() === ownHandle) continue;
      try {
        mentions.push(mapRedditThing(thing));
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        rejected.push({ externalId: thing.data.name, reason: `could not be mapped: ${why}`, raw: thing.raw });
      }
    }
    return {
      mentions,
      nextCursor: serialiseRedditCursor(nextCursor),
      ...withRejected(rejected),
      ...(deleted.length > 0 ? { deleted } : {}),
    };
  }

  async function reply(input: ReplyInput): Promise<ReplyResult> {
    const thingId = input.inReplyTo.externalId.trim();
    if (!/^t[13]_[a-z0-9]+$/.test(thingId)) {
      throw new ConnectorError(
        NETWORK,
        'forbidden',
        `"${thingId}" is not a Reddit comment or post: nothing to answer`,
      );
    }
    if (input.text.trim() === '') throw new ConnectorError(NETWORK, 'forbidden', 'the reply is empty');
    const length = redditTextLimits.measure(input.text);
    if (length > REDDIT_MAX_TEXT_LENGTH) {
      throw new ConnectorError(
        NETWORK,
        'forbidden',
        `the reply is ${length} characters, Reddit accepts at most ${REDDIT_MAX_TEXT_LENGTH}`,
      );
    }
    const response = await authorised(input.account, (token) =>
      call({
        url: `${apiBase}/api/comment?raw_json=1`,
        method: 'POST',
        headers: { authorization: `bearer ${token}` },
        form: { api_type: 'json', thing_id: thingId, text: input.text },
        signal: input.signal,
      }),
    );
    const body = parseBody(commentResponseSchema, response.body, 'POST /api/comment');
    const apiError = body.json.errors[0];
    if (apiError) throw commentError(apiError, now());
    const thing = body.json.data?.things[0];
    if (!thing) {
      throw new ConnectorError(
        NETWORK,
        'malformed',
        'POST /api/comment answered without the created comment',
      );
    }
    const created = parseBody(
      createdCommentSchema,
      thing.data,
      'POST /api/comment (json.data.things.0.data)',
    );
    return { externalId: created.name, url: redditUrl(created.permalink) };
  }

  /**
   * Reddit has no idempotency key: after an attempt of unknown outcome, the brand account's newest
   * comments (its own profile listing, consistent at once) tell whether the reply went through.
   */
  async function findReply(input: FindReplyInput): Promise<FoundReply> {
    const handle = normaliseHandle(input.account?.handle);
    if (!handle) throw new ConnectorError(NETWORK, 'auth', 'no Reddit account to look for our reply');
    const thingId = input.inReplyTo.externalId.trim();
    const url = new URL(`${apiBase}/user/${encodeURIComponent(handle)}/comments`);
    url.searchParams.set('sort', 'new');
    url.searchParams.set('limit', String(REDDIT_PAGE_SIZE_MAX));
    url.searchParams.set('raw_json', '1');
    const response = await authorised(input.account, (token) =>
      call({ url, headers: { authorization: `bearer ${token}` }, signal: input.signal }),
    );
    const page = parseListing(response.body, 'GET /user/:name/comments');
    for (const thing of page.things) {
      if (thing.kind !== 't1' || thing.data.parent_id !== thingId) continue;
      if (!isSameReplyText(input.text, thing.data.body)) continue;
      const link = thing.data.permalink ? redditUrl(thing.data.permalink) : null;
      return { found: true, reply: { externalId: thing.data.name, url: link } };
    }
    return { found: false };
  }

  return {
    network: NETWORK,
    canReply: true,
    limits: redditTextLimits,
    poll,
    reply,
    findReply,
    rateLimit: () => ({ ...lastRateLimit }),
    checkReply: checkRedditReply,
  };
}

/** Step 2 and 3 of the polling rule (see the top of this file). Returns the new items, newest first. */
async function catchUp(
  cursor: RedditCursor,
  newestPage: Page,
  fetchPage: (anchor: { before?: string; after?: string }) => Promise<Page>,
  budget: () => number,
): Promise<Listed[]> {
  const known = new Set(cursor.recent);
  const newestNames = new Set(newestPage.things.map((t) => t.data.name));

  // Forward from the newest remembered fullname still in the listing.
  let page: Listed[] = [];
  for (const anchor of cursor.recent.slice(0, 3)) {
    if (budget() <= 0) return [];
    page = (await fetchPage({ before: anchor })).things;
    if (page.length > 0) break;
  }
  if (page.length > 0) {
    let collected: Listed[] = [];
    for (;;) {
      collected = [...page, ...collected];
      if (page.some((t) => newestNames.has(t.data.name))) {
        return dedupe([...newestPage.things, ...collected]).filter((t) => !known.has(t.data.name));
      }
      const top = page[0];
      if (budget() <= 0 || !top) break;
      page = (await fetchPage({ before: top.data.name })).things;
      // Nothing newer than an item that the newest page shows is newer still: the anchor vanished
      // under us. Stop here; the cursor covers what was walked and the next poll resumes.
      if (page.length === 0) break;
    }
    return dedupe(collected).filter((t) => !known.has(t.data.name));
  }

  // Every remembered anchor is gone: walk back from the newest page down to the cursor's time.
  const walked: Listed[] = [...newestPage.things];
  let after = newestPage.after;
  for (let depth = 1; depth < REDDIT_LISTING_DEPTH_PAGES && after; depth++) {
    const older = await fetchPage({ after });
    walked.push(...older.things);
    if (older.things.some((t) => known.has(t.data.name) || t.data.created_utc < cursor.time)) break;
    after = older.after;
  }
  return dedupe(walked).filter((t) => !known.has(t.data.name) && t.data.created_utc >= cursor.time);
}

function advance(cursor: RedditCursor | null, source: string, fresh: Listed[]): RedditCursor | null {
  const top = fresh[0];
  if (!top) return cursor && cursor.source === source ? cursor : null;
  const previous = cursor && cursor.source === source ? cursor.recent : [];
  const recent = [...new Set([...fresh.map((t) => t.data.name), ...previous])].slice(0, REDDIT_RECENT_KEPT);
  return { v: 1, source, newest: top.data.name, time: top.data.created_utc, recent };
}

function dedupe<T extends Listed>(things: T[]): T[] {
  const seen = new Set<string>();
  return things.filter((t) => {
    if (seen.has(t.data.name)) return false;
    seen.add(t.data.name);
    return true;
  });
}

/** Listing order reversed, then by time: a stable sort keeps Reddit's order for equal seconds. */
function oldestFirst<T extends Listed>(newestFirst: T[]): T[] {
  return [...newestFirst].reverse().sort((a, b) => a.data.created_utc - b.data.created_utc);
}

/** Which listing a listener reads. `target` is a subreddit name ("lumo", "r/lumo" or "/r/lumo"). */
export function listingRequest(input: Pick<PollInput, 'kind' | 'query' | 'target'>): {
  path: string;
  params: Record<string, string>;
} {
  if (input.kind === 'mention') return { path: '/message/mentions', params: { mark: 'false' } };
  // Reddit has no hashtags: a hashtag listener searches the word.
  const q = (input.kind === 'hashtag' ? input.query.trim().replace(/^#+/, '') : input.query).trim();
  if (q === '') throw new ConnectorError(NETWORK, 'malformed', 'empty listening query');
  const target = input.target?.trim().replace(/^\/?r\//i, '') ?? '';
  if (target === '') return { path: '/search', params: { q, sort: 'new', type: 'link' } };
  if (!/^[A-Za-z0-9_]{2,21}$/.test(target)) {
    throw new ConnectorError(NETWORK, 'malformed', `"${input.target}" is not a subreddit name`);
  }
  return { path: `/r/${target}/search`, params: { q, sort: 'new', type: 'link', restrict_sr: '1' } };
}

/**
 * Reddit refuses a reply inside a 200: ["RATELIMIT", "...Try again in 6 seconds.", "ratelimit"] is
 * write throttling (retry later), anything else is a refusal with Reddit's own words.
 */
function commentError(apiError: (string | null)[], now: Date): ConnectorError {
  const [code, message] = apiError;
  const words = message?.trim() || code || 'unknown error';
  if (code === 'DELETED_COMMENT' || code === 'DELETED_LINK') {
    return new ConnectorError(NETWORK, 'gone', `the post answered no longer exists on Reddit (${words})`, {
      status: 200,
    });
  }
  if (code === 'RATELIMIT') {
    const wait = /(\d+)\s*(millisecond|second|minute|hour)s?/i.exec(words);
    const unit: Record<string, number> = { millisecond: 1, second: 1000, minute: 60_000, hour: 3_600_000 };
    const retryAt =
      wait?.[1] && wait[2]
        ? new Date(now.getTime() + Number(wait[1]) * (unit[wait[2].toLowerCase()] ?? 1000))
        : null;
    return new ConnectorError(
      NETWORK,
      'rate_limited',
      `Reddit is throttling replies from this account: ${words}`,
      {
        status: 200,
        retryAt,
      },
    );
  }
  return new ConnectorError(
    NETWORK,
    'forbidden',
    `Reddit refused the reply: ${words}${code ? ` (${code})` : ''}`,
    {
      status: 200,
    },
  );
}

/**
 * Anyone on Reddit can be answered in the thread, except where Reddit itself refuses: archived
 * threads (older than six months) and threads locked by moderators. Pure: reads the stored `raw`.
 */
export function checkRedditReply(
  post: { text: string; raw: unknown },
  account: AccountRef | null,
): ReplyCheck {
  if (!account || !normaliseHandle(account.handle)) {
    return { allowed: false, reason: 'No Reddit account is connected to answer from.' };
  }
  const data = (post.raw as { data?: { archived?: unknown; locked?: unknown } } | null)?.data;
  if (data?.archived === true) {
    return {
      allowed: false,
      reason: 'This Reddit thread is archived: Reddit no longer accepts replies in it.',
    };
  }
  if (data?.locked === true) {
    return { allowed: false, reason: 'The moderators locked this Reddit thread: nobody can reply in it.' };
  }
  return { allowed: true, reason: null };
}

function parseListing(body: unknown, what: string): Page {
  const listing = parseBody(listingEnvelopeSchema, body, what);
  const things: Listed[] = [];
  const loose: RejectedItem[] = [];
  for (const raw of listing.data.children) {
    const child = rawChildSchema.safeParse(raw);
    if (!child.success) {
      loose.push({ externalId: null, reason: describeIssues(child.error), raw });
      continue;
    }
    // Other kinds (more, t4 messages, t5 subreddits) are not posts to listen to.
    if (child.data.kind !== 't1' && child.data.kind !== 't3') continue;
    const schema = child.data.kind === 't1' ? rawCommentSchema : rawPostSchema;
    const result = schema.safeParse(child.data.data);
    if (!result.success) {
      const fields = (child.data.data ?? {}) as Record<string, unknown>;
      const name = typeof fields.name === 'string' && fields.name !== '' ? fields.name : null;
      const time = typeof fields.created_utc === 'number' ? fields.created_utc : null;
      const rejected = { externalId: name, reason: `data: ${describeIssues(result.error)}`, raw };
      if (name !== null && time !== null && Number.isFinite(time)) {
        things.push({ kind: 'unreadable', data: { name, created_utc: time }, rejected });
      } else loose.push(rejected);
      continue;
    }
    things.push(
      child.data.kind === 't1'
        ? { kind: 't1', data: result.data as z.infer<typeof rawCommentSchema>, raw: child.data }
        : { kind: 't3', data: result.data as z.infer<typeof rawPostSchema>, raw: child.data },
    );
  }
  return { things, after: listing.data.after ?? null, loose };
}

function normaliseHandle(handle: string | null | undefined): string | null {
  const value = handle
    ?.trim()
    .replace(/^\/?u\//i, '')
    .toLowerCase();
  return value ? value : null;
}

function parseBody<T extends z.ZodType>(schema: T, body: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(body);
  if (!result.success) throw malformed(what, result.error, '');
  return result.data;
}

function malformed(what: string, error: z.ZodError, prefix: string): ConnectorError {
  const issue = error.issues[0];
  const where = issue ? `${prefix}${issue.path.join('.')}`.replace(/\.$/, '') || '(root)' : '(root)';
  return new ConnectorError(
    NETWORK,
    'malformed',
    `${what} response does not match the Reddit API (${where}: ${issue?.message ?? 'unexpected shape'})`,
    { cause: error },
  );
}
