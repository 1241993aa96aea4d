/**
 * X (Twitter) API v2 connector.
 *
 * Why a thin fetch client and not `TwitterApi`: twitter-api-v2 sends every request through
 * `https.request` from node:https. It cannot take the injected `fetch` (the contract of every
 * connector), cannot reach an `http://127.0.0.1` mock, bypasses the shared timeout and error mapping,
 * and pulls node:https into the Workers bundle. We keep the package for what it is good at here: its
 * type definitions (field, expansion and request-body types in raw.ts). Text length uses the official
 * `twitter-text` counter.
 */
import twitterText from 'twitter-text';
import type { z } from 'zod';
import { parseRateLimit, parseResetValue, rateLimitHeaderSpecs } from '../http';
import { mapItems, type RejectedItem, splitItems, withRejected } from '../items';
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
import { parseXCursor, serialiseXCursor, type XCursor } from './cursor';
import { compareXIds, mapXTweet, xPostUrl, xRawFor } from './map';
import {
  createTweetResponseSchema,
  type RawTweet,
  rawTweetSchema,
  rawUserSchema,
  type TimelineResponse,
  timelineEnvelopeSchema,
  timelineResponseSchema,
  tokenResponseSchema,
  tweetLookupSchema,
  X_COST_PER_POST_READ,
  X_EXPANSIONS,
  X_MAX_WEIGHTED_LENGTH,
  X_MENTIONS_PAGE_SIZE,
  X_SEARCH_PAGE_SIZE,
  X_TWEET_FIELDS,
  X_USER_FIELDS,
  type XCreateTweetBody,
  xMentionRawSchema,
} from './raw';
import { type CallOptions, type CapturedResponse, callJson, parseMaybeJson } from './request';
import { type Credentials, createTokenRotation } from './token-rotation';

export type { XCursor } from './cursor';

const NETWORK = 'x';
export const X_DEFAULT_BASE_URL = 'https://api.x.com';

export interface XConnectorOptions extends ConnectorOptions {
  /** App-only bearer token for reads; `credentials.bearerToken` of the account is used when absent. */
  bearerToken?: string;
  /** Posts asked per page (clamped to what each endpoint accepts); default 100. */
  pageSize?: number;
  /** Pages followed per poll; the cursor resumes the traversal on the next poll. Default 5. */
  maxPages?: number;
  /**
   * How far back the very first poll of a listener reads (X start_time). Recent search otherwise
   * returns seven days, billed per post read. Null reads whatever X returns. Default 24 hours.
   */
  initialLookbackMs?: number | null;
}

/** X's own length rule: 280 weighted characters (URL = 23, most emoji and CJK = 2, NFC). */
export const xTextLimits: TextLimits = {
  max: X_MAX_WEIGHTED_LENGTH,
  measure: (text) => twitterText.parseTweet(text).weightedLength,
};

/**
 * USD billed by X for reading `postsRead` posts on pay-per-use. The connector reads exactly the posts
 * it returns (its search excludes the brand's own posts in the query), so
 * `xReadCost(result.mentions.length)` is the cost of a poll. Posts pulled in by expansions (the post
 * answered or quoted) are not counted: whether X bills them is unverified.
 */
export function xReadCost(postsRead: number): number {
  if (!Number.isFinite(postsRead) || postsRead <= 0) return 0;
  return Math.round(Math.floor(postsRead) * X_COST_PER_POST_READ * 1e6) / 1e6;
}

type Endpoint = 'mentions' | 'search' | 'lookup' | 'post' | 'token';
const endpointWords: Record<Endpoint, string> = {
  mentions: 'reading mentions',
  lookup: 'looking up a post',
  search: 'searching recent posts',
  post: 'posting',
  token: 'renewing the access',
};

/**
 * Credentials (`AccountRef.credentials`), all strings:
 * - `bearerToken`  app-only token for reads (or pass `bearerToken` in the options);
 * - `accessToken`  OAuth 2 user token (scopes tweet.read tweet.write users.read offline.access) for posting;
 * - `refreshToken` single-use OAuth 2 refresh token; rotated on a 401 and handed to onCredentialsRotated;
 * - `clientId`     the app's OAuth 2 client id (needed to refresh);
 * - `clientSecret` only for confidential clients (sent as HTTP Basic when refreshing);
 * - `expiresAt`    ISO time the access token expires, written by this connector on refresh.
 * `account.externalUserId` (the brand's numeric user id) is required to read mentions.
 */
export function createXConnector(options: XConnectorOptions): Connector {
  const apiBase = (options.baseUrl ?? X_DEFAULT_BASE_URL).replace(/\/+$/, '');
  const now = options.now ?? (() => new Date());
  const requestedPageSize = Math.floor(options.pageSize ?? 100);
  const maxPages = Math.max(1, Math.floor(options.maxPages ?? 5));
  const initialLookbackMs = options.initialLookbackMs === undefined ? 86_400_000 : options.initialLookbackMs;

  const limitsByEndpoint = new Map<Endpoint, RateLimitState>();
  let lastRateLimit: RateLimitState = { remaining: null, resetAt: null };

  /** One request: refuses while the endpoint's window is spent, records every rate-limit header seen. */
  async function call(endpoint: Endpoint, request: Omit<CallOptions, 'network' | 'fetch'>) {
    const known = limitsByEndpoint.get(endpoint);
    const current = now();
    if (known?.remaining === 0 && known.resetAt && known.resetAt > current) {
      throw new ConnectorError(
        NETWORK,
        'rate_limited',
        `X rate limit reached for ${endpointWords[endpoint]}; calls resume at ${known.resetAt.toISOString()}`,
        { retryAt: known.resetAt },
      );
    }
    const captured: CapturedResponse = { headers: null, errorBody: null };
    try {
      const response = await callJson(
        {
          ...request,
          network: NETWORK,
          fetch: options.fetch,
          timeoutMs: options.timeoutMs,
          now,
          rateLimitHeaders: rateLimitHeaderSpecs.x,
        },
        captured,
      );
      record(endpoint, response.headers);
      return response;
    } catch (error) {
      if (captured.headers) record(endpoint, captured.headers);
      throw refineError(endpoint, error, captured);
    }
  }

  function record(endpoint: Endpoint, headers: Headers) {
    const state = xRateLimitState(headers, now());
    if (!state) return;
    limitsByEndpoint.set(endpoint, state);
    lastRateLimit = state;
  }

  function refineError(endpoint: Endpoint, error: unknown, captured: CapturedResponse): unknown {
    if (!(error instanceof ConnectorError)) return error;
    if (error.kind === 'rate_limited') {
      // A spent 24-hour cap outlasts the 15-minute window that Retry-After and x-rate-limit-reset tell.
      const state = limitsByEndpoint.get(endpoint);
      const retryAt =
        state?.remaining === 0 && state.resetAt && (!error.retryAt || state.resetAt > error.retryAt)
          ? state.resetAt
          : error.retryAt;
      const when = retryAt ? `; calls resume at ${retryAt.toISOString()}` : '';
      return new ConnectorError(
        NETWORK,
        'rate_limited',
        `X rate limit reached for ${endpointWords[endpoint]}${when}`,
        {
          status: error.status,
          retryAt,
          cause: error,
        },
      );
    }
    if (error.kind === 'forbidden' || error.kind === 'malformed') {
      // A 400 says "One or more parameters to your request was invalid."; the parameter is in errors[].
      const body = parseMaybeJson(captured.errorBody) as { errors?: { message?: unknown }[] } | null;
      const detail = body?.errors?.[0]?.message;
      if (typeof detail === 'string' && detail.trim() !== '' && !error.message.includes(detail)) {
        return new ConnectorError(NETWORK, error.kind, `${error.message} ${detail.trim()}`, {
          status: error.status,
          cause: error,
        });
      }
    }
    return error;
  }

  const rotation = createTokenRotation({
    onCredentialsRotated: options.onCredentialsRotated,
    exchange: async (credentials) => {
      const { refreshToken, clientId, clientSecret } = credentials;
      if (!refreshToken || !clientId) {
        throw new ConnectorError(NETWORK, 'auth', 'the X access expired: reconnect the X account');
      }
      const headers: Record<string, string> = {};
      if (clientSecret) headers.authorization = `Basic ${btoa(`${clientId}:${clientSecret}`)}`;
      let body: unknown;
      try {
        ({ body } = await call('token', {
          url: `${apiBase}/2/oauth2/token`,
          method: 'POST',
          headers,
          form: { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId },
        }));
      } catch (error) {
        // A refused refresh token (used twice, revoked) cannot be retried: the account must reconnect.
        if (error instanceof ConnectorError && !['transient', 'rate_limited'].includes(error.kind)) {
          throw new ConnectorError(
            NETWORK,
            'auth',
            `X refused to renew the access (${error.message}): reconnect the X account`,
            { status: error.status, cause: error },
          );
        }
        throw error;
      }
      const token = parseBody(tokenResponseSchema, body, 'POST /2/oauth2/token');
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

  async function poll(input: PollInput): Promise<PollResult> {
    const cursor = parseXCursor(input.cursor);
    const bearer = options.bearerToken ?? input.account?.credentials?.bearerToken;
    if (!bearer) throw new ConnectorError(NETWORK, 'auth', 'no X bearer token is configured for reading');
    const ownId = input.account?.externalUserId ?? null;
    const ownHandle = normaliseHandle(input.account?.handle);

    let path: string;
    let query: string | null = null;
    let pageSize: number;
    let paginationParam: string;
    if (input.kind === 'mention') {
      if (!ownId) {
        throw new ConnectorError(
          NETWORK,
          'auth',
          'the X account has no user id: reconnect it to read its mentions',
        );
      }
      path = `/2/users/${encodeURIComponent(ownId)}/mentions`;
      pageSize = clamp(requestedPageSize, X_MENTIONS_PAGE_SIZE);
      paginationParam = 'pagination_token';
    } else {
      query = searchQuery(input.kind, input.query, ownHandle);
      path = '/2/tweets/search/recent';
      pageSize = clamp(requestedPageSize, X_SEARCH_PAGE_SIZE);
      paginationParam = 'next_token';
    }
    const requestKey = `${path}?${query ?? ''}`;

    // A resume token belongs to the exact request it came from; a changed query starts afresh.
    const resume = cursor.resume?.query === requestKey ? cursor.resume : undefined;
    const sinceId = cursor.sinceId;
    const startTime =
      sinceId !== null
        ? undefined
        : resume
          ? cursor.startTime
          : initialLookbackMs === null
            ? undefined
            : new Date(now().getTime() - initialLookbackMs).toISOString().replace(/\.\d{3}Z$/, 'Z');

    let nextToken = resume?.nextToken ?? null;
    let newestId = resume ? resume.newestId : null;
    const firstPageOfTraversal = !resume;
    const tweets = new Map<string, Mention>();
    const rejected: RejectedItem[] = [];

    for (let page = 0; page < maxPages; page++) {
      const url = new URL(`${apiBase}${path}`);
      if (query !== null) url.searchParams.set('query', query);
      if (sinceId !== null) url.searchParams.set('since_id', sinceId);
      if (startTime) url.searchParams.set('start_time', startTime);
      url.searchParams.set('max_results', String(pageSize));
      if (nextToken) url.searchParams.set(paginationParam, nextToken);
      url.searchParams.set('expansions', X_EXPANSIONS.join(','));
      url.searchParams.set('tweet.fields', X_TWEET_FIELDS.join(','));
      url.searchParams.set('user.fields', X_USER_FIELDS.join(','));

      const response = await call(input.kind === 'mention' ? 'mentions' : 'search', {
        url,
        headers: { authorization: `Bearer ${bearer}` },
        signal: input.signal,
      });
      const what = `GET ${path.replace(/\/users\/[^/]+\//, '/users/:id/')}`;
      const { body, valid } = timelinePage(response.body, what, rejected);
      if (page === 0 && firstPageOfTraversal) newestId = body.meta?.newest_id ?? null;
      const theirs = valid.filter(({ item }) => !isOwnPost(item, ownId));
      for (const mention of mapItems(theirs, (tweet) => mapXTweet(xRawFor(tweet, body)), rejected)) {
        tweets.set(mention.externalId, mention);
      }
      const next = body.meta?.next_token ?? null;
      if (next !== null && next === nextToken) {
        throw new ConnectorError(NETWORK, 'malformed', 'X returned the same next_token twice');
      }
      nextToken = next;
      if (nextToken === null) break;
    }

    const mentions = [...tweets.values()].sort((a, b) => compareXIds(a.externalId, b.externalId));
    const next: XCursor =
      nextToken !== null
        ? {
            v: 1,
            sinceId,
            ...(startTime ? { startTime } : {}),
            resume: { nextToken, newestId, query: requestKey },
          }
        : { v: 1, sinceId: newestId ?? sinceId };
    // A quarantined post is behind the cursor like a stored one: it is in the dead letters, not lost.
    return { mentions, nextCursor: serialiseXCursor(next), ...withRejected(rejected) };
  }

  async function reply(input: ReplyInput): Promise<ReplyResult> {
    const account = input.account;
    const handle = normaliseHandle(account?.handle);
    if (!account || !handle) throw new ConnectorError(NETWORK, 'auth', 'no X account to reply from');
    const target = input.inReplyTo.externalId.trim();
    // An empty `reply: {}` makes X answer 400 "in_reply_to_tweet_id is missing" (twitter-api-v2 #583).
    if (!/^\d+$/.test(target)) {
      throw new ConnectorError(NETWORK, 'forbidden', `"${target}" is not an X post id: nothing to answer`);
    }
    if (input.text.trim() === '') throw new ConnectorError(NETWORK, 'forbidden', 'the reply is empty');
    const length = xTextLimits.measure(input.text);
    if (length > X_MAX_WEIGHTED_LENGTH) {
      throw new ConnectorError(
        NETWORK,
        'forbidden',
        `the reply is ${length} characters as X counts them, the limit is ${X_MAX_WEIGHTED_LENGTH}`,
      );
    }

    let credentials = await rotation.current(account.credentials ?? {});
    if (!credentials.accessToken) {
      throw new ConnectorError(NETWORK, 'auth', 'the X account has no user access token: reconnect it');
    }
    const canRefresh = Boolean(credentials.refreshToken && credentials.clientId);
    let refreshed = false;
    if (canRefresh && credentials.expiresAt && Date.parse(credentials.expiresAt) <= now().getTime()) {
      credentials = await rotation.refresh(credentials);
      refreshed = true;
    }

    const body: XCreateTweetBody = { text: input.text, reply: { in_reply_to_tweet_id: target } };
    const send = (accessToken: string | undefined) =>
      call('post', {
        url: `${apiBase}/2/tweets`,
        method: 'POST',
        headers: { authorization: `Bearer ${accessToken ?? ''}` },
        json: body,
        signal: input.signal,
      });

    let response: Awaited<ReturnType<typeof send>>;
    try {
      try {
        response = await send(credentials.accessToken);
      } catch (error) {
        if (!(error instanceof ConnectorError && error.kind === 'auth' && canRefresh && !refreshed))
          throw error;
        credentials = await rotation.refresh(credentials);
        response = await send(credentials.accessToken);
      }
    } catch (error) {
      if (
        error instanceof ConnectorError &&
        error.kind === 'forbidden' &&
        /only reply to or quote posts where you are mentioned/i.test(error.message)
      ) {
        throw new ConnectorError(NETWORK, 'forbidden', notMentionedReason(handle), {
          status: error.status,
          cause: error,
        });
      }
      throw error;
    }
    const created = parseBody(createTweetResponseSchema, response.body, 'POST /2/tweets');
    return { externalId: created.data.id, url: xPostUrl(handle, created.data.id) };
  }

  /**
   * X has no idempotency key: after an attempt of unknown outcome, recent search for the brand's
   * posts in the conversation tells whether it went through. Search is indexed within seconds; the
   * outbox waits at least a lease (minutes) before asking, so "absent" can be trusted.
   */
  async function findReply(input: FindReplyInput): Promise<FoundReply> {
    const handle = normaliseHandle(input.account?.handle);
    if (!handle) throw new ConnectorError(NETWORK, 'auth', 'no X account to look for our reply');
    const bearer = options.bearerToken ?? input.account?.credentials?.bearerToken;
    if (!bearer) throw new ConnectorError(NETWORK, 'auth', 'no X bearer token is configured for reading');
    const target = input.inReplyTo.externalId.trim();
    const root = input.inReplyTo.threadRootId?.trim() || target;
    const url = new URL(`${apiBase}/2/tweets/search/recent`);
    url.searchParams.set('query', `conversation_id:${root} from:${handle}`);
    url.searchParams.set('max_results', '100');
    url.searchParams.set('tweet.fields', X_TWEET_FIELDS.join(','));
    const response = await call('search', {
      url,
      headers: { authorization: `Bearer ${bearer}` },
      signal: input.signal,
    });
    const page = parseTimeline(response.body, 'GET /2/tweets/search/recent');
    const ours = (page.data ?? []).find(
      (t) =>
        (t.referenced_tweets ?? []).some((r) => r.type === 'replied_to' && r.id === target) &&
        isSameReplyText(input.text, t.text),
    );
    if (ours) return { found: true, reply: { externalId: ours.id, url: xPostUrl(handle, ours.id) } };
    // Not there: before anything is sent again, make sure the post answered still exists.
    await ensureExists(target, bearer, input.signal);
    return { found: false };
  }

  /** Throws `gone` when X says the post is not found (deleted); a post we may not see is not gone. */
  async function ensureExists(id: string, bearer: string, signal?: AbortSignal): Promise<void> {
    const url = new URL(`${apiBase}/2/tweets/${encodeURIComponent(id)}`);
    url.searchParams.set('tweet.fields', 'id');
    const response = await call('lookup', { url, headers: { authorization: `Bearer ${bearer}` }, signal });
    const body = parseBody(tweetLookupSchema, response.body, 'GET /2/tweets/:id');
    const notFound = (body.errors ?? []).some((e) => e.type?.endsWith('/resource-not-found'));
    if (!body.data && notFound) {
      throw new ConnectorError(
        NETWORK,
        'gone',
        'the post answered no longer exists on X (deleted by its author)',
      );
    }
  }

  return {
    network: NETWORK,
    canReply: true,
    limits: xTextLimits,
    poll,
    reply,
    findReply,
    rateLimit: () => ({ ...lastRateLimit }),
    checkReply: checkXReply,
  };
}

/**
 * Since 2026-02-23 a self-serve X app may answer only posts that mention the brand account (in
 * `entities.mentions` or as @handle in the text) or quote one of its posts. Pure: reads `raw` as
 * the connector stored it (see raw.ts `xMentionRawSchema`) and falls back to the text.
 */
export function checkXReply(post: { text: string; raw: unknown }, account: AccountRef | null): ReplyCheck {
  const handle = normaliseHandle(account?.handle);
  if (!account || !handle) return { allowed: false, reason: 'No X account is connected to answer from.' };
  const ownId = account.externalUserId ?? null;
  const parsed = xMentionRawSchema.safeParse(post.raw);
  const tweet = parsed.success ? parsed.data.data : null;

  const entityMentions = tweet?.entities?.mentions ?? [];
  if (entityMentions.some((m) => m.username.toLowerCase() === handle || (ownId !== null && m.id === ownId))) {
    return { allowed: true, reason: null };
  }
  const textMentions = twitterText.extractMentions(tweet?.note_tweet?.text ?? tweet?.text ?? post.text);
  if (textMentions.some((name) => name.toLowerCase() === handle)) return { allowed: true, reason: null };

  if (parsed.success) {
    const quotedIds = new Set(
      (tweet?.referenced_tweets ?? []).filter((ref) => ref.type === 'quoted').map((ref) => ref.id),
    );
    const quoted = (parsed.data.includes?.tweets ?? []).filter((t) => quotedIds.has(t.id));
    const users = parsed.data.includes?.users ?? [];
    const quotesBrand = quoted.some(
      (t) =>
        (ownId !== null && t.author_id === ownId) ||
        users.some((u) => u.id === t.author_id && u.username.toLowerCase() === handle),
    );
    if (quotesBrand) return { allowed: true, reason: null };
  }
  return { allowed: false, reason: notMentionedReason(handle) };
}

function notMentionedReason(handle: string): string {
  return `X only lets the brand answer posts that mention @${handle}`;
}

/**
 * The search query for a keyword or hashtag listener. The brand's own posts are excluded by X
 * itself (`-from:`) so they are neither returned as mentions nor billed as reads; the listener's
 * query is parenthesised because X binds implicit AND tighter than OR.
 */
export function searchQuery(kind: PollInput['kind'], raw: string, ownHandle: string | null): string {
  const trimmed = raw.trim();
  const base = kind === 'hashtag' ? `#${trimmed.replace(/^#+/, '')}` : trimmed;
  if (base === '' || base === '#') throw new ConnectorError(NETWORK, 'malformed', 'empty listening query');
  if (!ownHandle) return base;
  const simple = /^[^\s()]+$/.test(base);
  return `${simple ? base : `(${base})`} -from:${ownHandle}`;
}

/**
 * X's rate-limit state: the 15-minute window, unless a 24-hour cap (per app or per user) is spent,
 * in which case that cap's reset is the one that matters.
 */
export function xRateLimitState(headers: Headers, now: Date): RateLimitState | null {
  const window = parseRateLimit(headers, rateLimitHeaderSpecs.x, now);
  let spent: RateLimitState | null = null;
  for (const prefix of ['x-app-limit-24hour', 'x-user-limit-24hour']) {
    const remaining = headers.get(`${prefix}-remaining`);
    if (remaining === null || Number(remaining) > 0) continue;
    const resetAt = parseResetValue(headers.get(`${prefix}-reset`), 'epoch-seconds', now);
    if (resetAt && (!spent?.resetAt || resetAt > spent.resetAt)) spent = { remaining: 0, resetAt };
  }
  if (spent && (!window?.resetAt || (spent.resetAt && spent.resetAt > window.resetAt))) return spent;
  return window;
}

function isOwnPost(tweet: RawTweet, ownId: string | null): boolean {
  return ownId !== null && tweet.author_id === ownId;
}

function normaliseHandle(handle: string | null | undefined): string | null {
  const value = handle?.trim().replace(/^@/, '').toLowerCase();
  return value ? value : null;
}

function clamp(value: number, range: { min: number; max: number }): number {
  return Math.min(Math.max(Number.isFinite(value) ? value : range.max, range.min), range.max);
}

/**
 * A timeline page. A 200 that carries only `errors[]` (no data, no meta) is a refusal in a 200,
 * e.g. "Could not find user with id"; with data or meta, the errors are partial and the data is kept.
 */
function parseTimeline(body: unknown, what: string): TimelineResponse {
  const page = parseBody(timelineResponseSchema, body, what);
  const problem = page.errors?.[0];
  if (page.data === undefined && page.meta === undefined && problem) {
    const reason = problem.detail ?? problem.message ?? problem.title ?? 'unknown error';
    throw new ConnectorError(NETWORK, 'forbidden', `X refused ${what}: ${reason}`, { status: 200 });
  }
  return page;
}

/**
 * A timeline page for polling: the envelope is read strictly (a page we cannot read is a poll error),
 * each post on its own (a broken one goes to `rejected`), and a broken included user or post is left
 * out so it costs only the author name or quote it would have given.
 */
function timelinePage(
  raw: unknown,
  what: string,
  rejected: RejectedItem[],
): { body: TimelineResponse; valid: Array<{ item: RawTweet; raw: unknown }> } {
  const envelope = parseBody(timelineEnvelopeSchema, raw, what);
  const problem = envelope.errors?.[0];
  if (envelope.data === undefined && envelope.meta === undefined && problem) {
    const reason = problem.detail ?? problem.message ?? problem.title ?? 'unknown error';
    throw new ConnectorError(NETWORK, 'forbidden', `X refused ${what}: ${reason}`, { status: 200 });
  }
  const split = splitItems(rawTweetSchema, envelope.data ?? []);
  rejected.push(...split.rejected);
  const users = (envelope.includes?.users ?? []).flatMap((u) => {
    const parsed = rawUserSchema.safeParse(u);
    return parsed.success ? [parsed.data] : [];
  });
  const included = (envelope.includes?.tweets ?? []).flatMap((t) => {
    const parsed = rawTweetSchema.safeParse(t);
    return parsed.success ? [parsed.data] : [];
  });
  const body: TimelineResponse = {
    ...envelope,
    data: split.valid.map((v) => v.item),
    includes: { users, tweets: included },
  };
  return { body, valid: split.valid };
}

function parseBody<T extends z.ZodType>(schema: T, body: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unexpected shape';
    throw new ConnectorError(NETWORK, 'malformed', `${what} response does not match the X API (${where})`, {
      cause: result.error,
    });
  }
  return result.data;
}
