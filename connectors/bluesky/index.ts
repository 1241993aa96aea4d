/**
 * Bluesky (AT Protocol) connector: a thin typed XRPC client over fetch (@atproto/api 0.21 needs
 * Node 22). Listens to the account's notifications (mentions, replies, quotes) and to post search,
 * and answers in the customer's thread with a reply record whose key derives from the idempotency
 * key, so a retried reply finds the first one instead of posting twice.
 */
import type { z } from 'zod';
import { type JsonResponse, rateLimitHeaderSpecs, requestJson } from '../http';
import { describeIssues, type RejectedItem, readId, withRejected } from '../items';
import {
  type AccountRef,
  type Connector,
  ConnectorError,
  type ConnectorOptions,
  type FetchLike,
  type Mention,
  type PollInput,
  type PollResult,
  type RateLimitState,
  type ReplyCheck,
  type ReplyInput,
  type ReplyResult,
  type TextLimits,
} from '../types';
import { type BlueskyPostLike, blueskyPostUrl, mapBlueskyPost, sortTime } from './map';
import {
  BLUESKY_MAX_BYTES,
  BLUESKY_MAX_GRAPHEMES,
  BLUESKY_PAGE_LIMIT_MAX,
  createRecordSchema,
  getPostsSchema,
  getRecordSchema,
  listNotificationsEnvelopeSchema,
  notificationSchema,
  POST_COLLECTION,
  type PostView,
  parseAtUri,
  postRecordSchema,
  postViewSchema,
  replyTargetSchema,
  resolveHandleSchema,
  type StrongRef,
  searchPostsEnvelopeSchema,
  sessionSchema,
} from './raw';
import { rkeyFromIdempotencyKey } from './rkey';
import { buildFacets, graphemeLength, measureBlueskyText, utf8Length } from './text';
import { type WalkItem, walkNewestFirst } from './walk';

export { rkeyFromIdempotencyKey } from './rkey';
export { buildFacets, measureBlueskyText } from './text';

const NETWORK = 'bluesky';
export const BLUESKY_DEFAULT_SERVICE = 'https://bsky.social';
/** Notification reasons that carry a post someone wrote to or about the brand. */
const POST_REASONS = ['mention', 'reply', 'quote'] as const;

export interface BlueskyConnectorOptions extends ConnectorOptions {
  /**
   * An AppView to send searchPosts to directly (e.g. https://api.bsky.app), without the session:
   * an access token is only valid at its own PDS. By default search goes through the PDS, which
   * forwards it to the AppView with the session's authority.
   */
  appViewUrl?: string | null;
  /** Pages followed in one poll; a longer backlog is drained over the next polls. Default 5. */
  maxPages?: number;
  /** How far below the newest time seen each poll looks again, for late-indexed posts. Default 300 s. */
  overlapSeconds?: number;
}

interface Session {
  accessJwt: string;
  refreshJwt: string;
  did: string;
  handle: string | null;
}

type Bucket = 'read' | 'write' | 'createSession';

interface XrpcRequest {
  base: URL;
  nsid: string;
  method?: 'GET' | 'POST';
  params?: Array<[string, string]>;
  body?: unknown;
  bearer?: string | null;
  bucket: Bucket;
  signal?: AbortSignal;
}

/**
 * Credentials (`AccountRef.credentials`):
 *   identifier   the account's handle or DID (defaults to `AccountRef.handle`)
 *   appPassword  an app password (Settings > App passwords), never the account password
 *   accessJwt, refreshJwt, did, handle
 *                the session, written by this connector through `onCredentialsRotated` whenever it
 *                creates or refreshes one, and read back so that a restart reuses the session:
 *                createSession is strictly rate limited (30 per 5 minutes, 300 per day).
 * `baseUrl` is the account's PDS (default https://bsky.social).
 */
export function createBlueskyConnector(options: BlueskyConnectorOptions): Connector {
  const now = options.now ?? (() => new Date());
  // Read when first needed, so a mistyped URL fails the call that uses it with a clear error.
  let services: { pds: URL; appView: URL | null } | null = null;
  const service = () => {
    services ??= {
      pds: serviceUrl(options.baseUrl?.trim() || BLUESKY_DEFAULT_SERVICE),
      appView: options.appViewUrl?.trim() ? serviceUrl(options.appViewUrl) : null,
    };
    return services;
  };
  const maxPages = positiveInteger(options.maxPages) ?? 5;
  const overlapMs = Math.max(0, options.overlapSeconds ?? 300) * 1000;

  const unknownState = (): RateLimitState => ({ remaining: null, resetAt: null });
  const buckets: Record<Bucket, RateLimitState> = {
    read: unknownState(),
    write: unknownState(),
    createSession: unknownState(),
  };
  let lastRateLimit = unknownState();
  const sessions = new Map<string, Session>();
  const renewals = new Map<string, Promise<Session>>();
  /** The XRPC error name of a failure (ExpiredToken...), which ConnectorError has no field for. */
  const errorNames = new WeakMap<ConnectorError, string>();

  const limits: TextLimits = { max: BLUESKY_MAX_GRAPHEMES, measure: measureBlueskyText };

  function isBlocked(state: RateLimitState): boolean {
    return state.remaining === 0 && state.resetAt !== null && state.resetAt.getTime() > now().getTime();
  }

  /**
   * One XRPC call. The PDS limits routes separately (writes by points per hour, createSession per
   * 5 minutes and per day): each bucket is honoured on its own, so an exhausted write budget does
   * not stop listening.
   */
  async function xrpc(request: XrpcRequest): Promise<JsonResponse> {
    const state = buckets[request.bucket];
    if (isBlocked(state) && state.resetAt) {
      const what = request.bucket === 'createSession' ? 'Bluesky login' : 'Bluesky';
      throw new ConnectorError(
        NETWORK,
        'rate_limited',
        `${what} rate limit reached; calls resume at ${state.resetAt.toISOString()}`,
        { retryAt: state.resetAt },
      );
    }
    const url = new URL(`${request.base.href.replace(/\/+$/, '')}/xrpc/${request.nsid}`);
    for (const [key, value] of request.params ?? []) url.searchParams.append(key, value);
    let errorName: string | null = null;
    // requestJson keeps only the words of an error; the XRPC error name decides what to do next.
    const peek: FetchLike = async (input, init) => {
      const response = await options.fetch(input, init);
      if (!response.ok) errorName = await xrpcErrorName(response.clone());
      return response;
    };
    try {
      return await requestJson({
        network: NETWORK,
        fetch: peek,
        url,
        method: request.method ?? 'GET',
        headers: request.bearer ? { authorization: `Bearer ${request.bearer}` } : {},
        body: request.body,
        timeoutMs: options.timeoutMs,
        signal: request.signal,
        rateLimitHeaders: rateLimitHeaderSpecs.bluesky,
        onRateLimit: (next) => {
          buckets[request.bucket] = next;
          lastRateLimit = next;
        },
        now,
      });
    } catch (error) {
      if (!(error instanceof ConnectorError) || errorName === null) throw error;
      const classified = classify(error, errorName, buckets[request.bucket]);
      errorNames.set(classified, errorName);
      throw classified;
    }
  }

  // --- sessions -----------------------------------------------------------------------------

  function identity(account: AccountRef | null | undefined): { key: string; account: AccountRef } {
    if (!account) throw new ConnectorError(NETWORK, 'auth', 'no Bluesky account to act as');
    const identifier = (account.credentials?.identifier ?? account.handle).trim().replace(/^@/, '');
    if (!identifier) throw new ConnectorError(NETWORK, 'auth', 'the Bluesky account has no handle');
    return { key: identifier.toLowerCase(), account };
  }

  /** The session in memory, else the one stored with the credentials, else a new one. */
  async function currentSession(account: AccountRef | null | undefined): Promise<Session> {
    const { key, account: ref } = identity(account);
    const known = sessions.get(key);
    if (known) return known;
    const c = ref.credentials ?? {};
    if (c.accessJwt && c.refreshJwt && c.did) {
      const stored: Session = {
        accessJwt: c.accessJwt,
        refreshJwt: c.refreshJwt,
        did: c.did,
        handle: c.handle ?? null,
      };
      sessions.set(key, stored);
      return stored;
    }
    return renew(ref, null);
  }

  /**
   * A fresh session: refreshSession with the refresh token, createSession only when that fails.
   * One renewal at a time per account: refresh tokens are single-use, so two concurrent refreshes
   * would lose one of them. Callers that saw the same expired session share the renewal.
   */
  function renew(account: AccountRef, stale: Session | null): Promise<Session> {
    const { key } = identity(account);
    const current = sessions.get(key);
    if (stale && current && current.accessJwt !== stale.accessJwt) return Promise.resolve(current);
    const pending = renewals.get(key);
    if (pending) return pending;
    const renewal = (async () => {
      const refreshJwt = (current ?? stale)?.refreshJwt ?? account.credentials?.refreshJwt ?? null;
      let next: Session | null = null;
      if (refreshJwt) {
        try {
          next = toSession(
            await xrpc({
              base: service().pds,
              nsid: 'com.atproto.server.refreshSession',
              method: 'POST',
              bearer: refreshJwt,
              bucket: 'read',
            }),
            'com.atproto.server.refreshSession',
          );
        } catch (error) {
          // An expired or revoked refresh token: log in again. Anything else (outage, rate limit) is
          // not a reason to spend a createSession.
          if (!(error instanceof ConnectorError) || error.kind !== 'auth') throw error;
        }
      }
      next ??= await createSession(account);
      sessions.set(key, next);
      await options.onCredentialsRotated?.(rotatedCredentials(account, next));
      return next;
    })().finally(() => renewals.delete(key));
    renewals.set(key, renewal);
    return renewal;
  }

  async function createSession(account: AccountRef): Promise<Session> {
    const identifier = (account.credentials?.identifier ?? account.handle).trim().replace(/^@/, '');
    const password = account.credentials?.appPassword;
    if (!password) {
      throw new ConnectorError(
        NETWORK,
        'auth',
        'no Bluesky app password for this account: it is needed to log in',
      );
    }
    return toSession(
      await xrpc({
        base: service().pds,
        nsid: 'com.atproto.server.createSession',
        method: 'POST',
        body: { identifier, password },
        bucket: 'createSession',
      }),
      'com.atproto.server.createSession',
    );
  }

  /** A call with the account's session; an expired session is renewed once and the call repeated. */
  async function withSession(
    account: AccountRef | null | undefined,
    request: XrpcRequest,
  ): Promise<JsonResponse> {
    const session = await currentSession(account);
    try {
      return await xrpc({ ...request, bearer: session.accessJwt });
    } catch (error) {
      if (!(error instanceof ConnectorError)) throw error;
      const name = errorNames.get(error);
      if (name !== 'ExpiredToken' && name !== 'InvalidToken') throw error;
      const renewed = await renew(identity(account).account, session);
      return xrpc({ ...request, bearer: renewed.accessJwt });
    }
  }

  // --- polling ------------------------------------------------------------------------------

  interface Hit {
    post: BlueskyPostLike;
    raw: unknown;
  }

  /**
   * What one list item gives the walk: a post, an item we could not read (quarantined), or
   * nothing (a like). Unreadable items still walk, so the cursor never passes one unrecorded.
   */
  type Entry = Hit | { rejected: RejectedItem } | null;

  async function poll(input: PollInput): Promise<PollResult> {
    if (input.kind === 'mention') return pollNotifications(input);
    const query = input.kind === 'hashtag' ? hashtagQuery(input.query) : input.query.trim();
    if (query === '') throw new ConnectorError(NETWORK, 'malformed', 'empty search query');
    const { items, nextCursor } = await walkNewestFirst<Entry>({
      kind: input.kind,
      stored: input.cursor,
      overlapMs,
      maxPages,
      fetchPage: async (cursor, since) => {
        const params: Array<[string, string]> = [
          ['q', query],
          ['sort', 'latest'],
          ['limit', String(BLUESKY_PAGE_LIMIT_MAX)],
        ];
        if (since) params.push(['since', since]);
        if (cursor) params.push(['cursor', cursor]);
        const request: XrpcRequest = {
          base: service().appView ?? service().pds,
          nsid: 'app.bsky.feed.searchPosts',
          params,
          bucket: 'read',
          signal: input.signal,
        };
        const response = service().appView ? await xrpc(request) : await withSession(input.account, request);
        const what = 'app.bsky.feed.searchPosts';
        const body = parseBody(searchPostsEnvelopeSchema, response.body, what);
        const read = body.posts.map((raw) => {
          const post = postViewSchema.safeParse(raw);
          if (!post.success) return badItem(raw, post.error);
          return { uri: post.data.uri, time: sortTime(post.data), value: { post: post.data, raw } as Entry };
        });
        return { items: placeUnreadable(read, what), cursor: body.cursor ?? null };
      },
    });
    return toResult(items, input.account, nextCursor);
  }

  async function pollNotifications(input: PollInput): Promise<PollResult> {
    const { items, nextCursor } = await walkNewestFirst<Entry>({
      kind: 'mention',
      stored: input.cursor,
      overlapMs,
      maxPages,
      fetchPage: async (cursor) => {
        const params: Array<[string, string]> = POST_REASONS.map((reason) => ['reasons', reason]);
        params.push(['limit', String(BLUESKY_PAGE_LIMIT_MAX)]);
        if (cursor) params.push(['cursor', cursor]);
        const response = await withSession(input.account, {
          base: service().pds,
          nsid: 'app.bsky.notification.listNotifications',
          params,
          bucket: 'read',
          signal: input.signal,
        });
        const what = 'app.bsky.notification.listNotifications';
        const body = parseBody(listNotificationsEnvelopeSchema, response.body, what);
        // Every notification takes part in the walk (its time says where the page is); only
        // those carrying a post become mentions. Servers that ignore `reasons` send likes too.
        const read = body.notifications.map((raw) => {
          const parsed = notificationSchema.safeParse(raw);
          if (!parsed.success) return badItem(raw, parsed.error);
          const n = parsed.data;
          const time = Date.parse(n.indexedAt);
          if (!(POST_REASONS as readonly string[]).includes(n.reason)) {
            return { uri: n.uri, time, value: null as Entry };
          }
          const record = postRecordSchema.safeParse(n.record);
          if (!record.success) {
            const reason = `record: ${describeIssues(record.error)}`;
            return { uri: n.uri, time, value: { rejected: { externalId: n.uri, reason, raw } } as Entry };
          }
          const post = { uri: n.uri, author: n.author, record: record.data, indexedAt: n.indexedAt };
          return { uri: n.uri, time, value: { post, raw } as Entry };
        });
        return { items: placeUnreadable(read, what), cursor: body.cursor ?? null };
      },
    });
    return toResult(items, input.account, nextCursor);
  }

  function toResult(
    items: Array<WalkItem<Entry>>,
    account: AccountRef | null | undefined,
    nextCursor: string | null,
  ): PollResult {
    const rejected: RejectedItem[] = [];
    const hits: Array<WalkItem<Hit>> = [];
    for (const item of items) {
      if (item.value === null) continue;
      if ('rejected' in item.value) rejected.push(item.value.rejected);
      else hits.push({ ...item, value: item.value });
    }
    return { mentions: toMentions(hits, account, rejected), nextCursor, ...withRejected(rejected) };
  }

  function toMentions(
    items: Array<WalkItem<Hit>>,
    account: AccountRef | null | undefined,
    rejected: RejectedItem[],
  ): Mention[] {
    const ownDids = new Set<string>();
    if (account?.externalUserId) ownDids.add(account.externalUserId);
    if (account?.credentials?.did) ownDids.add(account.credentials.did);
    const identifier = (account?.credentials?.identifier ?? account?.handle ?? '').trim().replace(/^@/, '');
    const session = identifier ? sessions.get(identifier.toLowerCase()) : undefined;
    if (session) ownDids.add(session.did);
    const ownHandle = account?.handle?.trim().replace(/^@/, '').toLowerCase() || null;
    const mentions: Mention[] = [];
    for (const item of items) {
      const { post, raw } = item.value;
      // The brand's own replies come back through search: never open a case on ourselves.
      if (ownDids.has(post.author.did) || post.author.handle.toLowerCase() === ownHandle) continue;
      try {
        mentions.push(mapBlueskyPost(post, raw));
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        rejected.push({ externalId: post.uri, reason: `could not be mapped: ${why}`, raw });
      }
    }
    return mentions;
  }

  // --- replying -----------------------------------------------------------------------------

  async function reply(input: ReplyInput): Promise<ReplyResult> {
    const text = input.text;
    if (text.trim() === '') throw new ConnectorError(NETWORK, 'forbidden', 'the reply is empty');
    const bytes = utf8Length(text);
    if (bytes > BLUESKY_MAX_BYTES) {
      throw new ConnectorError(
        NETWORK,
        'forbidden',
        `the reply is ${bytes} bytes long in UTF-8, Bluesky accepts at most ${BLUESKY_MAX_BYTES}`,
      );
    }
    const graphemes = graphemeLength(text);
    if (graphemes > BLUESKY_MAX_GRAPHEMES) {
      throw new ConnectorError(
        NETWORK,
        'forbidden',
        `the reply is ${graphemes} characters, Bluesky accepts at most ${BLUESKY_MAX_GRAPHEMES}`,
      );
    }

    const session = await currentSession(input.account);
    const parent = await postToAnswer(input);
    if (parent.viewer?.replyDisabled) {
      // The PDS would store the reply, but the AppView hides a reply its thread gate forbids.
      throw new ConnectorError(NETWORK, 'forbidden', replyDisabledReason);
    }
    const parentRef: StrongRef = { uri: parent.uri, cid: parent.cid };
    const root: StrongRef = parent.record.reply?.root
      ? { uri: parent.record.reply.root.uri, cid: parent.record.reply.root.cid }
      : parentRef;

    const facets = await buildFacets(text, async (handle) => {
      if (parent.author && parent.author.handle.toLowerCase() === handle) return parent.author.did;
      try {
        const response = await withSession(input.account, {
          base: service().pds,
          nsid: 'com.atproto.identity.resolveHandle',
          params: [['handle', handle]],
          bucket: 'read',
          signal: input.signal,
        });
        return parseBody(resolveHandleSchema, response.body, 'com.atproto.identity.resolveHandle').did;
      } catch (error) {
        // An unknown handle stays plain text; an outage or an expired login still stops the reply.
        if (error instanceof ConnectorError && error.kind === 'forbidden') return null;
        throw error;
      }
    });

    const rkey = await rkeyFromIdempotencyKey(input.idempotencyKey);
    const record: Record<string, unknown> = {
      $type: POST_COLLECTION,
      text,
      createdAt: now().toISOString(),
      reply: { root, parent: parentRef },
    };
    if (facets.length > 0) record.facets = facets;

    let created: { uri: string };
    try {
      const response = await withSession(input.account, {
        base: service().pds,
        nsid: 'com.atproto.repo.createRecord',
        method: 'POST',
        body: { repo: session.did, collection: POST_COLLECTION, rkey, record },
        bucket: 'write',
        signal: input.signal,
      });
      created = parseBody(createRecordSchema, response.body, 'com.atproto.repo.createRecord');
    } catch (error) {
      if (!(error instanceof ConnectorError) || !mayAlreadyExist(error, errorNames.get(error))) throw error;
      // A retry of a reply that did go through: the record under our key is the answer.
      const existing = await existingRecord(input, session.did, rkey);
      if (!existing) throw error;
      created = existing;
    }
    return {
      externalId: created.uri,
      url: blueskyPostUrl({ did: session.did, handle: session.handle }, created.uri),
    };
  }

  async function existingRecord(
    input: ReplyInput,
    did: string,
    rkey: string,
  ): Promise<{ uri: string } | null> {
    try {
      const response = await withSession(input.account, {
        base: service().pds,
        nsid: 'com.atproto.repo.getRecord',
        params: [
          ['repo', did],
          ['collection', POST_COLLECTION],
          ['rkey', rkey],
        ],
        bucket: 'read',
        signal: input.signal,
      });
      return parseBody(getRecordSchema, response.body, 'com.atproto.repo.getRecord');
    } catch (error) {
      if (error instanceof ConnectorError && error.kind === 'forbidden') return null;
      throw error;
    }
  }

  /** The parent's strong ref, reply refs and our viewer state, from the stored view or the AppView. */
  async function postToAnswer(input: ReplyInput) {
    const { externalId, raw } = input.inReplyTo;
    if (!parseAtUri(externalId)) {
      throw new ConnectorError(
        NETWORK,
        'forbidden',
        `"${externalId}" is not the at:// URI of a Bluesky post`,
      );
    }
    // A post view read with our session says whether a thread gate shuts us out (`viewer`); a
    // notification or an anonymous view does not, so the post is read again before answering.
    const stored = replyTargetSchema.safeParse(raw);
    if (stored.success && stored.data.uri === externalId && stored.data.viewer) return stored.data;
    const response = await withSession(input.account, {
      base: service().pds,
      nsid: 'app.bsky.feed.getPosts',
      params: [['uris', externalId]],
      bucket: 'read',
      signal: input.signal,
    });
    const post: PostView | undefined = parseBody(getPostsSchema, response.body, 'app.bsky.feed.getPosts')
      .posts[0];
    // getPosts answers without a post it cannot find: taken as deleted by its author.
    if (!post)
      throw new ConnectorError(NETWORK, 'gone', 'the post answered no longer exists (deleted by its author)');
    return post;
  }

  function checkReply(post: { text: string; raw: unknown }, account: AccountRef | null): ReplyCheck {
    if (!account) return { allowed: false, reason: 'No Bluesky account is connected to answer from.' };
    const target = replyTargetSchema.safeParse(post.raw);
    if (target.success && target.data.viewer?.replyDisabled)
      return { allowed: false, reason: replyDisabledReason };
    return { allowed: true, reason: null };
  }

  function rateLimit(): RateLimitState {
    const blocked = Object.values(buckets).filter(isBlocked);
    const state = blocked.sort((a, b) => (b.resetAt?.getTime() ?? 0) - (a.resetAt?.getTime() ?? 0))[0];
    return { ...(state ?? lastRateLimit) };
  }

  // The record key comes from the idempotency key: a repeat lands on the same record.
  return {
    network: NETWORK,
    canReply: true,
    idempotentReplies: true,
    limits,
    poll,
    reply,
    rateLimit,
    checkReply,
  };
}

const replyDisabledReason =
  'The author limits who can reply to this thread, and the brand account is not among them.';

/** XRPC error names that mean the credentials, not the request, are the problem. */
const AUTH_ERRORS = new Set([
  'AuthMissing',
  'AuthRequired',
  'AuthenticationRequired',
  'ExpiredToken',
  'InvalidToken',
  'AccountTakedown',
  'AccountDeactivated',
]);

function classify(error: ConnectorError, name: string, bucket: RateLimitState): ConnectorError {
  const opts = { status: error.status, retryAt: error.retryAt, cause: error };
  if (name === 'ExpiredToken')
    return new ConnectorError(NETWORK, 'auth', 'the Bluesky session has expired', opts);
  if (AUTH_ERRORS.has(name)) return new ConnectorError(NETWORK, 'auth', error.message, opts);
  if (name === 'RateLimitExceeded' && error.kind !== 'rate_limited') {
    return new ConnectorError(NETWORK, 'rate_limited', error.message, {
      ...opts,
      retryAt: error.retryAt ?? bucket.resetAt,
    });
  }
  return error;
}

/**
 * A create that may have succeeded before: a timeout or 5xx (the reference PDS also answers a
 * duplicate record key with a 500, bluesky-social/atproto#3718), or an explicit "already exists".
 */
function mayAlreadyExist(error: ConnectorError, name: string | undefined): boolean {
  if (error.kind === 'transient' || error.kind === 'duplicate') return true;
  return /exist/i.test(name ?? '') || /already exists/i.test(error.message);
}

async function xrpcErrorName(response: Response): Promise<string | null> {
  try {
    const body: unknown = JSON.parse(await response.text());
    if (body && typeof body === 'object' && typeof (body as { error?: unknown }).error === 'string') {
      return (body as { error: string }).error;
    }
  } catch {
    // Not JSON (a proxy's HTML page): the status code alone decides.
  }
  return null;
}

function toSession(response: JsonResponse, what: string): Session {
  const body = parseBody(sessionSchema, response.body, what);
  return {
    accessJwt: body.accessJwt,
    refreshJwt: body.refreshJwt,
    did: body.did,
    handle: body.handle ?? null,
  };
}

function rotatedCredentials(account: AccountRef, session: Session): Record<string, string> {
  const credentials: Record<string, string> = {
    ...(account.credentials ?? {}),
    accessJwt: session.accessJwt,
    refreshJwt: session.refreshJwt,
    did: session.did,
  };
  if (session.handle) credentials.handle = session.handle;
  return credentials;
}

function hashtagQuery(query: string): string {
  const tag = query.trim().replace(/^[#＃]/, '');
  if (tag === '' || /\s/.test(tag))
    throw new ConnectorError(NETWORK, 'malformed', `"${query}" is not a hashtag`);
  return `#${tag}`;
}

function serviceUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new ConnectorError(NETWORK, 'unsupported', `"${value}" is not a Bluesky service URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConnectorError(NETWORK, 'unsupported', `"${value}" is not an http(s) URL`);
  }
  url.search = '';
  url.hash = '';
  return url;
}

interface ReadItem {
  uri: string | null;
  time: number;
  value: unknown;
}

/** An item that failed validation: its uri and time when they can still be read, for the walk. */
function badItem(raw: unknown, error: z.ZodError) {
  const rejected: RejectedItem = { externalId: readId(raw, 'uri'), reason: describeIssues(error), raw };
  const fields = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const time = typeof fields.indexedAt === 'string' ? Date.parse(fields.indexedAt) : Number.NaN;
  return { uri: rejected.externalId, time, value: { rejected } };
}

/**
 * The walk orders and bounds items by time: an unreadable item without a readable time or uri
 * takes the time of its neighbour (lists are newest first) and a key of its own. A page where no
 * time can be read at all is not a page we can place: a poll error, the cursor stays.
 */
function placeUnreadable<T extends ReadItem>(items: T[], what: string): Array<WalkItem<T['value']>> {
  const known = items.map((i) => i.time).filter((t) => Number.isFinite(t));
  if (items.length > 0 && known.length === 0) {
    throw new ConnectorError(NETWORK, 'malformed', `${what} answered with no readable item on a page`);
  }
  let previous = known[0] ?? 0;
  return items.map((item, index) => {
    const time = Number.isFinite(item.time) ? item.time : previous;
    previous = time;
    return { uri: item.uri ?? `unreadable:${index}:${time}`, time, value: item.value };
  });
}

function positiveInteger(value: number | undefined): number | null {
  return value !== undefined && Number.isFinite(value) && value >= 1 ? Math.floor(value) : null;
}

function parseBody<T extends z.ZodType>(
  schema: T,
  body: unknown,
  what: string,
  prefix: Array<string | number> = [],
): z.infer<T> {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue ? [...prefix, ...issue.path].join('.') : prefix.join('.');
    const where = issue ? `${path || '(root)'}: ${issue.message}` : 'unexpected shape';
    throw new ConnectorError(NETWORK, 'malformed', `${what} answered with an unexpected payload (${where})`, {
      cause: result.error,
    });
  }
  return result.data;
}
