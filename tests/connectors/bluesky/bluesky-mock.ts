/**
 * A local Bluesky PDS (with its AppView behind it) on 127.0.0.1 (node:http, port 0) speaking the
 * XRPC endpoints the connector uses: sessions with single-use refresh tokens, notifications and
 * search newest first with opaque cursors, getPosts, resolveHandle, createRecord / getRecord.
 * Errors are `{ error, message }` as in the XRPC spec; ratelimit-* headers carry epoch seconds.
 * Like the reference PDS (bluesky-social/atproto#3718), creating a record under an existing key
 * answers 500 InternalServerError.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  alice,
  type NotificationFixture,
  type PostRecordFixture,
  type PostViewFixture,
  type ProfileFixture,
  profile,
  tid,
} from './fixtures';

export interface RecordedRequest {
  method: string;
  url: URL;
  nsid: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export interface CannedResponse {
  status: number;
  body: string;
  headers?: Record<string, string>;
  delayMs?: number;
  /** Answer only a request to this method; other requests are handled normally meanwhile. */
  nsid?: string;
}

export interface BlueskyMock {
  baseUrl: string;
  brand: ProfileFixture;
  identifier: string;
  appPassword: string;
  requests: RecordedRequest[];
  posts: PostViewFixture[];
  notifications: NotificationFixture[];
  /** Records written through createRecord, by rkey. */
  records: Map<string, { uri: string; cid: string; value: unknown }>;
  /** Handles resolveHandle knows. */
  handles: Map<string, string>;
  /** Search needs no session (an AppView open to anonymous search). */
  publicSearch: boolean;
  addPost(input: {
    text: string;
    author?: ProfileFixture;
    replyTo?: PostViewFixture;
    langs?: string[];
    createdAt?: string;
    indexedAt?: string;
    replyDisabled?: boolean;
  }): PostViewFixture;
  notify(reason: NotificationFixture['reason'], post: PostViewFixture): NotificationFixture;
  /** Issues a session directly (as if created earlier), for tests that start with stored tokens. */
  issueSession(): { accessJwt: string; refreshJwt: string };
  /** Every access token issued so far now answers ExpiredToken. */
  expireAccessTokens(): void;
  revokeRefreshTokens(): void;
  respondNext(...responses: CannedResponse[]): void;
  rateLimitHeaders: Record<string, string>;
  /** Moves the network's clock (times of the posts added next). */
  advance(ms: number): void;
  count(nsid: string): number;
  close(): Promise<void>;
}

let clockMs = Date.UTC(2026, 1, 1, 9, 0, 0);

export async function startBlueskyMock(): Promise<BlueskyMock> {
  const requests: RecordedRequest[] = [];
  const posts: PostViewFixture[] = [];
  const notifications: NotificationFixture[] = [];
  const records = new Map<string, { uri: string; cid: string; value: unknown }>();
  const handles = new Map<string, string>();
  const queue: CannedResponse[] = [];
  const access = new Map<string, 'valid' | 'expired'>();
  const refresh = new Map<string, 'valid' | 'used'>();
  let tokenCounter = 0;

  const brand = profile('lumo.bsky.social', 'did:plc:lumobrandlumobrandlumob', 'Lumo');
  handles.set(brand.handle, brand.did);
  handles.set(alice().handle, alice().did);

  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;

  const mock = {
    rateLimitHeaders: {} as Record<string, string>,
    publicSearch: false,
    identifier: brand.handle,
    appPassword: 'abcd-efgh-ijkl-mnop',
  };

  const cidOf = (value: unknown) =>
    `bafyrei${createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 52)}`;

  const addPost: BlueskyMock['addPost'] = (input) => {
    clockMs += 1000;
    const createdAt = input.createdAt ?? new Date(clockMs).toISOString();
    const author = input.author ?? alice();
    const record: PostRecordFixture = {
      $type: 'app.bsky.feed.post',
      text: input.text,
      createdAt,
      langs: input.langs ?? ['en'],
    };
    if (input.replyTo) {
      const parent = { uri: input.replyTo.uri, cid: input.replyTo.cid };
      record.reply = { root: input.replyTo.record.reply?.root ?? parent, parent };
    }
    const post: PostViewFixture = {
      uri: `at://${author.did}/app.bsky.feed.post/${tid(clockMs, posts.length)}`,
      cid: cidOf(record),
      author,
      record,
      replyCount: 0,
      repostCount: 0,
      likeCount: 0,
      quoteCount: 0,
      indexedAt: input.indexedAt ?? new Date(clockMs + 120).toISOString(),
      viewer: { threadMuted: false, embeddingDisabled: false },
      labels: [],
    };
    if (input.replyDisabled) post.viewer.replyDisabled = true;
    posts.push(post);
    return post;
  };

  const notify: BlueskyMock['notify'] = (reason, post) => {
    const notification: NotificationFixture = {
      uri: post.uri,
      cid: post.cid,
      author: post.author,
      reason,
      record: post.record,
      isRead: false,
      indexedAt: post.indexedAt,
      labels: [],
    };
    if (reason === 'reply' && post.record.reply) notification.reasonSubject = post.record.reply.parent.uri;
    notifications.push(notification);
    return notification;
  };

  const issueSession = () => {
    tokenCounter += 1;
    const accessJwt = `access-${tokenCounter}`;
    const refreshJwt = `refresh-${tokenCounter}`;
    access.set(accessJwt, 'valid');
    refresh.set(refreshJwt, 'valid');
    return { accessJwt, refreshJwt };
  };

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      ...mock.rateLimitHeaders,
      ...headers,
    });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
  const xrpcError = (res: ServerResponse, status: number, error: string, message: string) =>
    send(res, status, { error, message });

  const bearer = (req: IncomingMessage) => /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? null;

  /** null when the request may go on; otherwise the refusal was sent. */
  const checkAccess = (req: IncomingMessage, res: ServerResponse): boolean => {
    const token = bearer(req);
    if (token === null) {
      xrpcError(res, 401, 'AuthMissing', 'Authentication Required');
      return false;
    }
    const state = access.get(token);
    if (state === undefined) {
      xrpcError(res, 401, 'InvalidToken', 'Token could not be verified');
      return false;
    }
    if (state === 'expired') {
      xrpcError(res, 400, 'ExpiredToken', 'Token has expired');
      return false;
    }
    return true;
  };

  const sessionBody = (tokens: { accessJwt: string; refreshJwt: string }) => ({
    ...tokens,
    handle: brand.handle,
    did: brand.did,
    email: 'care@lumo.example',
    emailConfirmed: true,
    active: true,
  });

  /** Keyset paging newest first, like the AppView: cursor = "<time>::<cid>" of the last item. */
  const keysetPage = <T extends { cid: string }>(items: T[], time: (item: T) => string, url: URL) => {
    const limit = Math.min(Number(url.searchParams.get('limit') ?? 50) || 50, 100);
    const sorted = [...items].sort((a, b) =>
      time(a) === time(b) ? (a.cid < b.cid ? 1 : -1) : time(a) < time(b) ? 1 : -1,
    );
    const cursor = url.searchParams.get('cursor');
    let start = 0;
    if (cursor) {
      const [at, cid] = cursor.split('::');
      start = sorted.findIndex(
        (item) => time(item) < (at ?? '') || (time(item) === at && item.cid < (cid ?? '')),
      );
      if (start < 0) start = sorted.length;
    }
    const page = sorted.slice(start, start + limit);
    const last = page.at(-1);
    return { page, cursor: last ? `${time(last)}::${last.cid}` : undefined };
  };

  const sortAt = (post: PostViewFixture) =>
    new Date(Math.min(Date.parse(post.indexedAt), Date.parse(post.record.createdAt))).toISOString();

  const handle = (req: IncomingMessage, res: ServerResponse, url: URL, nsid: string, body: unknown) => {
    const input = (body ?? {}) as Record<string, unknown>;
    switch (nsid) {
      case 'com.atproto.server.createSession': {
        if (input.identifier !== mock.identifier || input.password !== mock.appPassword) {
          return xrpcError(res, 401, 'AuthenticationRequired', 'Invalid identifier or password');
        }
        return send(res, 200, sessionBody(issueSession()));
      }
      case 'com.atproto.server.refreshSession': {
        const token = bearer(req);
        if (token === null || refresh.get(token) !== 'valid') {
          return xrpcError(res, 400, 'ExpiredToken', 'Token has been revoked');
        }
        refresh.set(token, 'used');
        return send(res, 200, sessionBody(issueSession()));
      }
      case 'app.bsky.notification.listNotifications': {
        if (!checkAccess(req, res)) return;
        const reasons = url.searchParams.getAll('reasons');
        const items = notifications.filter((n) => reasons.length === 0 || reasons.includes(n.reason));
        const { page, cursor } = keysetPage(items, (n) => n.indexedAt, url);
        return send(res, 200, {
          notifications: page,
          cursor,
          priority: false,
          seenAt: '2026-01-01T00:00:00.000Z',
        });
      }
      case 'app.bsky.feed.searchPosts': {
        if (!mock.publicSearch && !checkAccess(req, res)) return;
        const q = (url.searchParams.get('q') ?? '').toLowerCase();
        if (q === '')
          return xrpcError(res, 400, 'InvalidRequest', 'Error: Params must have the property "q"');
        const since = url.searchParams.get('since');
        const hits = posts.filter(
          (p) =>
            p.record.text.toLowerCase().includes(q) &&
            (since === null || sortAt(p) >= new Date(since).toISOString()),
        );
        const { page, cursor } = keysetPage(hits, sortAt, url);
        return send(res, 200, { posts: page, cursor, hitsTotal: hits.length });
      }
      case 'app.bsky.feed.getPosts': {
        if (!checkAccess(req, res)) return;
        const uris = url.searchParams.getAll('uris');
        return send(res, 200, { posts: posts.filter((p) => uris.includes(p.uri)) });
      }
      case 'com.atproto.identity.resolveHandle': {
        if (!checkAccess(req, res)) return;
        const did = handles.get(url.searchParams.get('handle') ?? '');
        return did
          ? send(res, 200, { did })
          : xrpcError(res, 400, 'InvalidRequest', 'Unable to resolve handle');
      }
      case 'com.atproto.repo.createRecord': {
        if (!checkAccess(req, res)) return;
        if (input.repo !== brand.did) return xrpcError(res, 400, 'InvalidRequest', 'Invalid repo');
        const rkey = String(input.rkey ?? '');
        if (!/^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/.test(rkey)) {
          return xrpcError(res, 400, 'InvalidRequest', 'Invalid record key');
        }
        if (records.has(rkey)) return xrpcError(res, 500, 'InternalServerError', 'Internal Server Error');
        const record = input.record as PostRecordFixture;
        if (typeof record?.text !== 'string' || typeof record.createdAt !== 'string') {
          return xrpcError(
            res,
            400,
            'InvalidRequest',
            'Invalid app.bsky.feed.post record: Record must have the property "text"',
          );
        }
        const uri = `at://${brand.did}/app.bsky.feed.post/${rkey}`;
        const cid = cidOf(record);
        records.set(rkey, { uri, cid, value: record });
        clockMs += 1000;
        posts.push({
          uri,
          cid,
          author: brand,
          record,
          replyCount: 0,
          repostCount: 0,
          likeCount: 0,
          quoteCount: 0,
          indexedAt: new Date(clockMs).toISOString(),
          viewer: { threadMuted: false, embeddingDisabled: false },
          labels: [],
        });
        return send(res, 200, {
          uri,
          cid,
          commit: { cid: cidOf(uri), rev: tid(clockMs) },
          validationStatus: 'valid',
        });
      }
      case 'com.atproto.repo.getRecord': {
        const rkey = url.searchParams.get('rkey') ?? '';
        const found = url.searchParams.get('repo') === brand.did ? records.get(rkey) : undefined;
        if (!found) {
          return xrpcError(
            res,
            400,
            'RecordNotFound',
            `Could not locate record: at://${url.searchParams.get('repo')}/app.bsky.feed.post/${rkey}`,
          );
        }
        return send(res, 200, found);
      }
      default:
        return xrpcError(res, 501, 'MethodNotImplemented', 'Method Not Implemented');
    }
  };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', baseUrl);
      const text = Buffer.concat(chunks).toString('utf8');
      const body: unknown = text === '' ? null : JSON.parse(text);
      const nsid = url.pathname.replace(/^\/xrpc\//, '');
      requests.push({ method: req.method ?? '', url, nsid, headers: req.headers, body });
      const index = queue.findIndex((c) => c.nsid === undefined || c.nsid === nsid);
      const canned = index >= 0 ? queue.splice(index, 1)[0] : undefined;
      if (!canned) return handle(req, res, url, nsid, body);
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(canned.status, { 'content-type': 'application/json', ...canned.headers });
        res.end(canned.body);
      }, canned.delayMs ?? 0);
    });
  });

  return Object.assign(mock, {
    baseUrl,
    brand,
    requests,
    posts,
    notifications,
    records,
    handles,
    addPost,
    notify,
    issueSession,
    expireAccessTokens: () => {
      for (const key of access.keys()) access.set(key, 'expired');
    },
    revokeRefreshTokens: () => {
      for (const key of refresh.keys()) refresh.set(key, 'used');
    },
    respondNext: (...responses: CannedResponse[]) => {
      queue.push(...responses);
    },
    advance: (ms: number) => {
      clockMs += ms;
    },
    count: (nsid: string) => requests.filter((r) => r.nsid === nsid).length,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  });
}
