/**
 * Mastodon connector: a thin typed client over the REST API of any instance (masto@8 needs Node 22).
 * Listens to the account's mentions, a hashtag timeline or full-text search, and answers in the
 * customer's thread with the visibility of the post answered.
 */
import type { z } from 'zod';
import { type JsonResponse, rateLimitHeaderSpecs, requestJson } from '../http';
import { type RejectedItem, readId, splitItems, withRejected } from '../items';
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
  type PostingLimits,
  type RateLimitState,
  type ReplyInput,
  type ReplyResult,
  type TextLimits,
} from '../types';
import { htmlToText } from './html';
import { measureMastodonText } from './length';
import { isForeignId, mapMastodonStatus } from './map';
import { compareIds, maxId, minId, readCursor, type SearchCursor, writeCursor } from './paging';
import {
  MASTODON_DEFAULT_CHARACTERS_PER_URL,
  MASTODON_DEFAULT_MAX_CHARACTERS,
  MASTODON_NOTIFICATIONS_LIMIT_MAX,
  MASTODON_SEARCH_LIMIT_MAX,
  MASTODON_TIMELINE_LIMIT_MAX,
  type MastodonBaseStatus,
  type MastodonStatus,
  mastodonBaseStatusSchema,
  mastodonContextSchema,
  mastodonInstanceSchema,
  mastodonItemsSchema,
  mastodonNotificationSchema,
  mastodonSearchEnvelopeSchema,
  mastodonSearchSchema,
  mastodonStatusSchema,
} from './raw';

export { htmlToText } from './html';
export { measureMastodonText } from './length';

const NETWORK = 'mastodon';
/** How long an instance remembers an Idempotency-Key (Mastodon keeps it in Redis for an hour). */
export const MASTODON_IDEMPOTENCY_KEY_TTL_MS = 60 * 60_000;

export interface MastodonConnectorOptions extends ConnectorOptions {
  /** The instance's `configuration.statuses.max_characters` (see fetchMastodonLimits); 500 by default. */
  maxCharacters?: number;
  /** The instance's `configuration.statuses.characters_reserved_per_url`; 23 by default. */
  charactersReservedPerUrl?: number;
  /** Pages followed in one poll; a longer backlog is drained over the next polls. Default 5. */
  maxPages?: number;
  /**
   * Ask for mention notifications that the account's notification policy filtered (Mastodon 4.3+
   * filters private mentions from strangers by default): a customer writing privately is still a
   * customer. Default true; servers that do not know the parameter ignore it.
   */
  includeFilteredNotifications?: boolean;
}

/**
 * Credentials (`AccountRef.credentials`):
 *   accessToken  OAuth user token of the brand account. Scopes: read:notifications (mention
 *                listeners), read:search (keyword listeners), read:statuses and write:statuses
 *                (replies). Hashtag timelines of the instance are read with it when present.
 * `baseUrl` is the account's instance (e.g. https://mastodon.social) and is required. A hashtag
 * listener may name another instance in `PollInput.target`: it is read anonymously (the token never
 * leaves its own instance) and a post found there is looked up on the account's instance to answer it.
 */
export function createMastodonConnector(options: MastodonConnectorOptions): Connector {
  const now = options.now ?? (() => new Date());
  const maxCharacters = positiveInteger(options.maxCharacters) ?? MASTODON_DEFAULT_MAX_CHARACTERS;
  const perUrl = positiveInteger(options.charactersReservedPerUrl) ?? MASTODON_DEFAULT_CHARACTERS_PER_URL;
  const maxPages = positiveInteger(options.maxPages) ?? 5;
  const includeFiltered = options.includeFilteredNotifications ?? true;
  let lastRateLimit: RateLimitState = { remaining: null, resetAt: null };

  const limits: TextLimits = { max: maxCharacters, measure: (text) => measureMastodonText(text, perUrl) };

  interface Call {
    base: URL;
    path: string;
    query?: Array<[string, string]>;
    method?: 'GET' | 'POST';
    body?: unknown;
    token: string | null;
    headers?: Record<string, string>;
    signal?: AbortSignal;
  }

  /** One request. Only the account's own instance counts against (and reports) its rate limit. */
  async function call(request: Call, home: URL): Promise<JsonResponse> {
    const isHome = request.base.origin === home.origin;
    if (isHome) refuseWhileLimited();
    const url = new URL(`${request.base.href.replace(/\/+$/, '')}${request.path}`);
    for (const [key, value] of request.query ?? []) url.searchParams.append(key, value);
    const headers: Record<string, string> = { ...request.headers };
    if (request.token) headers.authorization = `Bearer ${request.token}`;
    return requestJson({
      network: NETWORK,
      fetch: options.fetch,
      url,
      method: request.method ?? 'GET',
      headers,
      body: request.body,
      timeoutMs: options.timeoutMs,
      signal: request.signal,
      rateLimitHeaders: isHome ? rateLimitHeaderSpecs.mastodon : undefined,
      onRateLimit: (state) => {
        lastRateLimit = state;
      },
      now,
    });
  }

  function pageCap(input: PollInput): number {
    return Math.max(1, Math.min(maxPages, Math.floor(input.maxPages ?? maxPages)));
  }

  function refuseWhileLimited(): void {
    const { remaining, resetAt } = lastRateLimit;
    if (remaining === 0 && resetAt !== null && resetAt.getTime() > now().getTime()) {
      throw new ConnectorError(
        NETWORK,
        'rate_limited',
        `Mastodon rate limit reached; calls resume at ${resetAt.toISOString()}`,
        { retryAt: resetAt },
      );
    }
  }

  async function poll(input: PollInput): Promise<PollResult> {
    const home = instanceUrl(options.baseUrl);
    const token = accessToken(input.account);
    const own = ownIdentity(input.account, home);

    if (input.kind === 'mention') {
      if (!token) throw missingToken('read the mentions of the account');
      const params: Array<[string, string]> = [['types[]', 'mention']];
      if (includeFiltered) params.push(['include_filtered', 'true']);
      return forwardWalk(input, home, own, {
        kind: 'mention',
        base: home,
        foreignHost: null,
        token,
        path: '/api/v1/notifications',
        params,
        limit: MASTODON_NOTIFICATIONS_LIMIT_MAX,
        entries: (body) => {
          const items = parseBody(mastodonItemsSchema, body, 'GET /api/v1/notifications');
          const { valid, rejected } = splitItems(mastodonNotificationSchema, items, notificationStatusId);
          return {
            entries: valid.map(({ item: n }) => ({ pageId: n.id, status: n.status ?? null, raw: n })),
            rejected: rejected.map((r) => ({ ...r, pageId: readId(r.raw) })),
          };
        },
      });
    }

    if (input.kind === 'hashtag') {
      const tag = input.query.trim().replace(/^#/, '');
      if (tag === '' || /[\s#/?]/.test(tag)) {
        throw new ConnectorError(NETWORK, 'malformed', `"${input.query}" is not a hashtag`);
      }
      const base = input.target?.trim() ? instanceUrl(input.target) : home;
      const foreign = base.origin !== home.origin;
      return forwardWalk(input, home, own, {
        kind: 'hashtag',
        base,
        foreignHost: foreign ? base.host : null,
        token: foreign ? null : token,
        path: `/api/v1/timelines/tag/${encodeURIComponent(tag)}`,
        params: [],
        limit: MASTODON_TIMELINE_LIMIT_MAX,
        entries: (body) => {
          const items = parseBody(mastodonItemsSchema, body, 'GET /api/v1/timelines/tag');
          const { valid, rejected } = splitItems(mastodonStatusSchema, items);
          return {
            entries: valid.map(({ item }) => ({ pageId: item.id, status: item, raw: item })),
            rejected: rejected.map((r) => ({ ...r, pageId: r.externalId })),
          };
        },
      });
    }

    if (!token) throw missingToken('search posts (Mastodon only searches for signed-in users)');
    return searchWalk(input, home, own, token);
  }

  interface Entry {
    /** The id paging runs on: the notification's for mentions, the status's otherwise. */
    pageId: string;
    status: MastodonStatus | null;
    raw: unknown;
  }

  interface ForwardSpec {
    kind: 'mention' | 'hashtag';
    base: URL;
    foreignHost: string | null;
    token: string | null;
    path: string;
    params: Array<[string, string]>;
    limit: number;
    entries: (body: unknown) => {
      entries: Entry[];
      rejected: Array<RejectedItem & { pageId: string | null }>;
    };
  }

  /**
   * Walks forward from the stored id with `min_id`, which returns the page immediately after it
   * (still newest first), until a page is empty or maxPages is reached. The next `min_id` is the
   * newest id of the page we got, which is also what the Link header's `prev` carries; we compute it
   * ourselves because an empty page has no Link header and older servers put `since_id` there (which
   * jumps to the newest page and skips the middle). The first poll takes only the newest page: a
   * listener starts from now, it does not backfill history.
   */
  async function forwardWalk(
    input: PollInput,
    home: URL,
    own: OwnIdentity,
    spec: ForwardSpec,
  ): Promise<PollResult> {
    const at = spec.base.origin;
    const stored = readCursor(input.cursor, spec.kind, at);
    let after = stored && 'minId' in stored ? stored.minId : null;
    const collected: Entry[] = [];
    const rejected: RejectedItem[] = [];
    const pages = pageCap(input);

    for (let page = 0; page < pages; page++) {
      const query: Array<[string, string]> = [...spec.params, ['limit', String(spec.limit)]];
      if (after !== null) query.push(['min_id', after]);
      const response = await call(
        { base: spec.base, path: spec.path, query, token: spec.token, signal: input.signal },
        home,
      );
      const { entries, rejected: bad } = spec.entries(response.body);
      const newer = (id: string) => after === null || compareIds(id, after) > 0;
      const fresh = entries.filter((e) => newer(e.pageId));
      // A quarantined item with a readable id moves the cursor like the others; one without comes back.
      const freshBad = bad.filter((b) => b.pageId === null || newer(b.pageId));
      rejected.push(...freshBad.map(({ pageId: _pageId, ...item }) => item));
      const ids = [...fresh.map((e) => e.pageId), ...freshBad.flatMap((b) => (b.pageId ? [b.pageId] : []))];
      // A server that ignores min_id answers its newest page again: nothing newer means we are done.
      if (ids.length === 0) break;
      collected.push(...fresh);
      after = maxId(ids);
      if (stored === null) break;
    }

    collected.sort((a, b) => compareIds(a.pageId, b.pageId));
    const mentions = toMentions(collected, spec.foreignHost, own, home, rejected);
    const nextCursor = after === null ? null : writeCursor({ v: 1, k: spec.kind, at, minId: after });
    return { mentions, nextCursor, ...withRejected(rejected) };
  }

  /**
   * Full-text search has no forward paging: `min_id` only filters and results come newest first.
   * So each poll walks down from the newest hit with `max_id` to the floor (the newest id of the
   * previous poll, exclusive). A backlog larger than maxPages is drained by the next polls (`maxId`
   * in the cursor) before the floor moves up to the newest id returned.
   */
  async function searchWalk(
    input: PollInput,
    home: URL,
    own: OwnIdentity,
    token: string,
  ): Promise<PollResult> {
    const query = input.query.trim();
    if (query === '') throw new ConnectorError(NETWORK, 'malformed', 'empty search query');
    const at = home.origin;
    const stored = readCursor(input.cursor, 'keyword', at) as SearchCursor | null;
    const floor = stored?.floor ?? null;
    let high = stored?.high ?? floor;
    let below = stored?.maxId ?? null;
    let drained = false;
    const collected: Entry[] = [];
    const rejected: RejectedItem[] = [];
    const pages = pageCap(input);

    for (let page = 0; page < pages; page++) {
      const params: Array<[string, string]> = [
        ['q', query],
        ['type', 'statuses'],
        ['resolve', 'false'],
        ['limit', String(MASTODON_SEARCH_LIMIT_MAX)],
      ];
      if (floor !== null) params.push(['min_id', floor]);
      if (below !== null) params.push(['max_id', below]);
      const response = await searchCall({ base: home, path: '/api/v2/search', query: params, token }, home);
      const envelope = parseBody(mastodonSearchEnvelopeSchema, response.body, 'GET /api/v2/search');
      const split = splitItems(mastodonStatusSchema, envelope.statuses);
      const inRange = (id: string) =>
        (floor === null || compareIds(id, floor) > 0) && (below === null || compareIds(id, below) < 0);
      const statuses = split.valid.map((v) => v.item).filter((s) => inRange(s.id));
      const badIds: string[] = [];
      for (const bad of split.rejected) {
        if (bad.externalId !== null && !inRange(bad.externalId)) continue;
        rejected.push(bad);
        if (bad.externalId !== null) badIds.push(bad.externalId);
      }
      if (statuses.length === 0 && badIds.length === 0) {
        drained = true;
        break;
      }
      collected.push(...statuses.map((s) => ({ pageId: s.id, status: s, raw: s })));
      const ids = [...statuses.map((s) => s.id), ...badIds];
      high = maxId(high === null ? ids : [high, ...ids]);
      below = minId(ids);
      // The first poll takes the newest page only: a listener starts from now.
      if (floor === null) {
        drained = true;
        break;
      }
    }

    collected.sort((a, b) => compareIds(a.pageId, b.pageId));
    const mentions = toMentions(collected, null, own, home, rejected);
    let next: SearchCursor | null = null;
    if (high !== null) {
      next =
        drained || floor === null || below === null
          ? { v: 1, k: 'keyword', at, floor: high }
          : { v: 1, k: 'keyword', at, floor, high, maxId: below };
    }
    return { mentions, nextCursor: next ? writeCursor(next) : null, ...withRejected(rejected) };
  }

  /** Search refusals get words saying why: search needs a user token and a server that offers it. */
  async function searchCall(request: Call, home: URL): Promise<JsonResponse> {
    try {
      return await call(request, home);
    } catch (error) {
      if (!(error instanceof ConnectorError) || error.kind !== 'forbidden') throw error;
      if (error.status === 403) {
        throw new ConnectorError(
          NETWORK,
          'forbidden',
          `this Mastodon instance refuses search to this account (the token needs the read:search scope): ${error.message}`,
          { status: error.status, cause: error },
        );
      }
      throw new ConnectorError(
        NETWORK,
        'unsupported',
        `this Mastodon instance does not offer full-text search of posts: ${error.message}`,
        { status: error.status, cause: error },
      );
    }
  }

  function toMentions(
    entries: Entry[],
    foreignHost: string | null,
    own: OwnIdentity,
    home: URL,
    rejected: RejectedItem[],
  ): Mention[] {
    const seen = new Set<string>();
    const mentions: Mention[] = [];
    for (const entry of entries) {
      if (!entry.status) continue;
      let mention: Mention;
      try {
        mention = mapMastodonStatus(entry.status, entry.raw, foreignHost);
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        rejected.push({ externalId: entry.status.id, reason: `could not be mapped: ${why}`, raw: entry.raw });
        continue;
      }
      if (seen.has(mention.externalId)) continue;
      seen.add(mention.externalId);
      // The brand's own replies come back through search and hashtags: never open a case on ourselves.
      if (isOwn(entry.status.reblog ?? entry.status, own, foreignHost ?? home.host, foreignHost === null))
        continue;
      mentions.push(mention);
    }
    return mentions;
  }

  async function reply(input: ReplyInput): Promise<ReplyResult> {
    const home = instanceUrl(options.baseUrl);
    const token = accessToken(input.account);
    if (!token) throw missingToken('reply');
    if (input.text.trim() === '') throw new ConnectorError(NETWORK, 'forbidden', 'the reply is empty');
    const written = limits.measure(input.text);
    if (written > maxCharacters) throw tooLong(written, maxCharacters, '');

    const answered = await statusToAnswer(input, home, token);
    const own = ownIdentity(input.account, home);
    const text = isOwn(answered, own, home.host, true)
      ? input.text
      : withMention(input.text, answered.account.acct);
    const length = limits.measure(text);
    if (length > maxCharacters) {
      throw tooLong(length, maxCharacters, ` with the @${answered.account.acct} mention it needs`);
    }

    const response = await call(
      {
        base: home,
        path: '/api/v1/statuses',
        method: 'POST',
        token,
        headers: { 'Idempotency-Key': input.idempotencyKey },
        body: { status: text, in_reply_to_id: answered.id, visibility: replyVisibility(answered.visibility) },
        signal: input.signal,
      },
      home,
    ).catch((error: unknown) => {
      // The endpoint exists: a 404 is the status answered (in_reply_to_id) that is not found.
      throw goneOr(error, 'the post answered no longer exists on the instance (deleted by its author)');
    });
    const status = parseBody(mastodonBaseStatusSchema, response.body, 'POST /api/v1/statuses');
    return { externalId: status.id, url: status.url ?? status.uri };
  }

  /**
   * Our reply in the status's context, for an attempt of unknown outcome older than the instance
   * remembers its Idempotency-Key (about an hour): a repeat then would post a second reply.
   */
  async function findReply(input: FindReplyInput): Promise<FoundReply> {
    const home = instanceUrl(options.baseUrl);
    const token = accessToken(input.account);
    if (!token) throw missingToken('look for our reply');
    const answered = await statusToAnswer(input, home, token);
    const response = await call(
      {
        base: home,
        path: `/api/v1/statuses/${encodeURIComponent(answered.id)}/context`,
        token,
        signal: input.signal,
      },
      home,
    ).catch((error: unknown) => {
      throw goneOr(error, 'the post answered no longer exists on the instance (deleted by its author)');
    });
    const context = parseBody(mastodonContextSchema, response.body, 'GET /api/v1/statuses/:id/context');
    const own = ownIdentity(input.account, home);
    const ours = context.descendants.find(
      (s) =>
        s.in_reply_to_id === answered.id &&
        isOwn(s, own, home.host, true) &&
        isSameReplyText(input.text, htmlToText(s.content)),
    );
    return ours
      ? { found: true, reply: { externalId: ours.id, url: ours.url ?? ours.uri } }
      : { found: false };
  }

  /**
   * The status as the account's instance knows it: its id there (to reply), its visibility and its
   * author's acct. Taken from the stored payload when it is one of ours, else asked for.
   */
  async function statusToAnswer(
    input: Pick<ReplyInput, 'inReplyTo' | 'signal'>,
    home: URL,
    token: string,
  ): Promise<MastodonBaseStatus> {
    const { externalId } = input.inReplyTo;
    const stored = storedStatus(input.inReplyTo.raw, externalId);
    if (isForeignId(externalId)) {
      if (!stored) {
        throw new ConnectorError(
          NETWORK,
          'forbidden',
          'this post was read on another instance and its payload is missing: it cannot be found from the account',
        );
      }
      // Resolving by federation URI makes the account's instance fetch the post if it does not have it.
      const response = await searchCall(
        {
          base: home,
          path: '/api/v2/search',
          query: [
            ['q', stored.uri],
            ['type', 'statuses'],
            ['resolve', 'true'],
            ['limit', '1'],
          ],
          token,
          signal: input.signal,
        },
        home,
      );
      const found = parseBody(mastodonSearchSchema, response.body, 'GET /api/v2/search').statuses[0];
      if (!found) {
        throw new ConnectorError(
          NETWORK,
          'forbidden',
          `the account's instance cannot find this post (${stored.uri}): it may be deleted or its server blocked`,
        );
      }
      return found.reblog ?? found;
    }
    if (stored) return stored;
    const response = await call(
      { base: home, path: `/api/v1/statuses/${encodeURIComponent(externalId)}`, token, signal: input.signal },
      home,
    ).catch((error: unknown) => {
      throw goneOr(error, 'the post answered no longer exists on the instance (deleted by its author)');
    });
    return parseBody(mastodonBaseStatusSchema, response.body, 'GET /api/v1/statuses/:id');
  }

  function checkReply(_post: { text: string; raw: unknown }, account: AccountRef | null) {
    if (!options.baseUrl?.trim()) {
      return { allowed: false, reason: 'No Mastodon instance is set for this account.' };
    }
    if (!account) return { allowed: false, reason: 'No Mastodon account is connected to answer from.' };
    // Mastodon has no reply restrictions: anyone who can see a post can answer it. A private or
    // direct post is answered with the same visibility, so the answer is not public either.
    return { allowed: true, reason: null };
  }

  return {
    network: NETWORK,
    canReply: true,
    // The instance remembers an Idempotency-Key for about an hour and answers a repeat with the first post.
    idempotentReplies: true,
    idempotencyKeyTtlMs: MASTODON_IDEMPOTENCY_KEY_TTL_MS,
    limits,
    poll,
    reply,
    findReply,
    rateLimit: () => ({ ...lastRateLimit }),
    checkReply,
    readPostingLimits: () => fetchMastodonLimits(options),
  };
}

/**
 * The instance's own limits, from `GET /api/v2/instance` (Mastodon 4.0+), falling back to
 * `/api/v1/instance` for older servers and forks. Pass them to createMastodonConnector.
 */
export async function fetchMastodonLimits(options: ConnectorOptions): Promise<PostingLimits> {
  const base = instanceUrl(options.baseUrl);
  const get = (path: string) =>
    requestJson({
      network: NETWORK,
      fetch: options.fetch,
      url: `${base.href.replace(/\/+$/, '')}${path}`,
      timeoutMs: options.timeoutMs,
      now: options.now,
    });
  let response: JsonResponse;
  try {
    response = await get('/api/v2/instance');
  } catch (error) {
    if (!(error instanceof ConnectorError) || (error.status !== 404 && error.status !== 410)) throw error;
    response = await get('/api/v1/instance');
  }
  const instance = parseBody(mastodonInstanceSchema, response.body, 'GET /api/v2/instance');
  const statuses = instance.configuration?.statuses;
  return {
    maxCharacters: statuses?.max_characters ?? instance.max_toot_chars ?? MASTODON_DEFAULT_MAX_CHARACTERS,
    charactersReservedPerUrl: statuses?.characters_reserved_per_url ?? MASTODON_DEFAULT_CHARACTERS_PER_URL,
  };
}

/** The visibility of an answer: the post's own, but never more public than unlisted. */
export function replyVisibility(visibility: string): 'unlisted' | 'private' | 'direct' {
  if (visibility === 'direct') return 'direct';
  if (visibility === 'public' || visibility === 'unlisted') return 'unlisted';
  // private, and the local-only or limited visibilities of forks: the narrowest standard one.
  return 'private';
}

/**
 * Mastodon notifies (and, for a direct post, shows the answer to) only the accounts mentioned in the
 * text: the reply opens with the customer's @acct unless the advisor already wrote it.
 */
export function withMention(text: string, acct: string): string {
  const escaped = acct.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const present = new RegExp(`(?<![=/\\w@])@${escaped}(?![\\w@]|[.-]\\w)`, 'i');
  return present.test(text) ? text : `@${acct} ${text}`;
}

function storedStatus(raw: unknown, externalId: string): MastodonBaseStatus | null {
  const candidates: unknown[] = [];
  const notification = mastodonNotificationSchema.safeParse(raw);
  if (notification.success && notification.data.status) candidates.push(notification.data.status);
  else candidates.push(raw);
  for (const candidate of candidates) {
    const status = mastodonStatusSchema.safeParse(candidate);
    if (!status.success) continue;
    const post = status.data.reblog ?? status.data;
    // A foreign id is host/id: the stored status carries only the id.
    const id = isForeignId(externalId) ? externalId.slice(externalId.lastIndexOf('/') + 1) : externalId;
    if (post.id === id) return post;
  }
  return null;
}

interface OwnIdentity {
  id: string | null;
  username: string | null;
  /** `user@domain` when the handle says its domain. */
  acct: string | null;
}

function ownIdentity(account: AccountRef | null | undefined, home: URL): OwnIdentity {
  const handle = account?.handle?.trim().replace(/^@/, '').toLowerCase() ?? '';
  const [username, domain] = handle.split('@');
  return {
    id: account?.externalUserId ?? null,
    username: username || null,
    acct: username ? `${username}@${domain || home.host.toLowerCase()}` : null,
  };
}

function isOwn(
  status: MastodonBaseStatus,
  own: OwnIdentity,
  servedBy: string,
  servedByHome: boolean,
): boolean {
  if (servedByHome && own.id !== null && status.account.id === own.id) return true;
  const acct = status.account.acct.toLowerCase();
  if (!acct.includes('@')) {
    // A local account of the serving instance: on the account's own instance the username says it.
    return servedByHome ? acct === own.username : `${acct}@${servedBy.toLowerCase()}` === own.acct;
  }
  return acct === own.acct;
}

function accessToken(account: AccountRef | null | undefined): string | null {
  const token = account?.credentials?.accessToken?.trim();
  return token ? token : null;
}

/** A 404 or 410 about the customer's post says it is gone; anything else is passed on as it was. */
function goneOr(error: unknown, message: string): unknown {
  if (error instanceof ConnectorError && (error.status === 404 || error.status === 410)) {
    return new ConnectorError(NETWORK, 'gone', message, { status: error.status, cause: error });
  }
  return error;
}

function tooLong(length: number, max: number, because: string): ConnectorError {
  return new ConnectorError(
    NETWORK,
    'forbidden',
    `the reply is ${length} characters${because ? ` (${because.trim()})` : ''}, the limit on this instance is ${max}`,
  );
}

function missingToken(what: string): ConnectorError {
  return new ConnectorError(
    NETWORK,
    'auth',
    `no Mastodon access token for this account: it is needed to ${what}`,
  );
}

/** The instance's base URL: http(s) only, without a trailing slash. */
function instanceUrl(value: string | null | undefined): URL {
  const text = value?.trim();
  if (!text) {
    throw new ConnectorError(
      NETWORK,
      'unsupported',
      'no Mastodon instance is set for this account (its base URL, e.g. https://mastodon.social)',
    );
  }
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    throw new ConnectorError(NETWORK, 'unsupported', `"${text}" is not a Mastodon instance URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConnectorError(NETWORK, 'unsupported', `"${text}" is not an http(s) URL`);
  }
  url.search = '';
  url.hash = '';
  return url;
}

function positiveInteger(value: number | undefined): number | null {
  return value !== undefined && Number.isFinite(value) && value >= 1 ? Math.floor(value) : null;
}

/** A notification is filed under its status's id when it has one: that is the post a person looks for. */
function notificationStatusId(raw: unknown): string | null {
  const status = raw !== null && typeof raw === 'object' ? (raw as { status?: unknown }).status : null;
  return readId(status) ?? readId(raw);
}

function parseBody<T extends z.ZodType>(schema: T, body: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unexpected shape';
    throw new ConnectorError(NETWORK, 'malformed', `${what} answered with an unexpected payload (${where})`, {
      cause: result.error,
    });
  }
  return result.data;
}
