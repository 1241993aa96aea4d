/**
 * A local stand-in for the slice of X API v2 the connector uses, on 127.0.0.1 with node:http:
 * mentions timeline and recent search (newest first, since_id exclusive, next_token pagination with a
 * fixed since_id, expansions in `includes`), POST /2/tweets with X's documented refusals, and the
 * OAuth 2 refresh with single-use refresh tokens. Payload shapes follow X's documented examples.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MockUser {
  id: string;
  username: string;
  name: string;
  public_metrics?: { followers_count: number; following_count?: number; tweet_count?: number };
}

export interface MockTweet {
  id: string;
  text: string;
  author_id: string;
  created_at: string;
  lang?: string;
  conversation_id: string;
  in_reply_to_user_id?: string;
  referenced_tweets?: { type: 'replied_to' | 'quoted' | 'retweeted'; id: string }[];
  entities?: { mentions?: { start: number; end: number; username: string; id: string }[] };
  public_metrics?: Record<string, number>;
  edit_history_tweet_ids: string[];
}

export interface RecordedRequest {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  /** Parsed JSON, or the form fields of a form body, or null. */
  body: unknown;
}

export interface CannedResponse {
  status: number;
  /** Sent verbatim: lets a test send broken JSON. */
  body: string;
  headers?: Record<string, string>;
  delayMs?: number;
}

export const BRAND: MockUser = {
  id: '1500000000000000001',
  username: 'lumo',
  name: 'Lumo',
  public_metrics: { followers_count: 12_000 },
};
export const SARAH: MockUser = {
  id: '2244994945',
  username: 'sarah_builds',
  name: 'Sarah Whitfield',
  public_metrics: { followers_count: 412 },
};
export const CAMILLE: MockUser = {
  id: '783214',
  username: 'camille_lrt',
  name: 'Camille Laurent',
  public_metrics: { followers_count: 587 },
};

export interface XApiMock {
  baseUrl: string;
  requests: RecordedRequest[];
  tweets: MockTweet[];
  users: MockUser[];
  /** App-only token accepted for reads. */
  appBearer: string;
  /** The user access token currently valid for posting, and the refresh token that renews it. */
  user: { accessToken: string; refreshToken: string; clientId: string };
  /** X's 2026 rule: refuse replies to posts that neither mention nor quote the brand. */
  enforceMentionRule: boolean;
  rateLimitHeaders: Record<string, string>;
  add(tweet: Partial<MockTweet> & { text: string; author?: MockUser }): MockTweet;
  respondNext(...responses: CannedResponse[]): void;
  /** Requests whose path starts with `prefix`. */
  requestsTo(prefix: string): RecordedRequest[];
  close(): Promise<void>;
}

/** Starts at a realistic snowflake so ids compare as X's do, numerically and not as strings. */
let snowflake = 1_880_000_000_000_000_000n;

export async function startXApiMock(): Promise<XApiMock> {
  const requests: RecordedRequest[] = [];
  const queue: CannedResponse[] = [];
  const tweets: MockTweet[] = [];
  const users: MockUser[] = [BRAND, SARAH, CAMILLE];
  const postedTexts = new Set<string>();
  let rotation = 0;
  const mock = {
    appBearer: 'app-bearer-token',
    user: { accessToken: 'user-access-0', refreshToken: 'user-refresh-0', clientId: 'client-abc' },
    enforceMentionRule: true,
    rateLimitHeaders: {} as Record<string, string>,
  };

  const add = (input: Partial<MockTweet> & { text: string; author?: MockUser }): MockTweet => {
    snowflake += 1_000_000n;
    const id = input.id ?? snowflake.toString();
    const author = input.author ?? SARAH;
    const mentions = [...input.text.matchAll(/@(\w+)/g)].flatMap((match) => {
      const user = users.find((u) => u.username.toLowerCase() === match[1]?.toLowerCase());
      const start = match.index ?? 0;
      return user ? [{ start, end: start + match[0].length, username: user.username, id: user.id }] : [];
    });
    const { author: _author, ...rest } = input;
    const tweet: MockTweet = {
      id,
      author_id: author.id,
      created_at: new Date(Date.UTC(2026, 2, 1, 9, 0, tweets.length)).toISOString(),
      lang: 'en',
      conversation_id: id,
      edit_history_tweet_ids: [id],
      public_metrics: { retweet_count: 0, reply_count: 0, like_count: 1, quote_count: 0 },
      ...(mentions.length > 0 ? { entities: { mentions } } : {}),
      ...rest,
    };
    tweets.push(tweet);
    return tweet;
  };

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      ...mock.rateLimitHeaders,
      ...headers,
    });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
  const problem = (res: ServerResponse, status: number, title: string, detail: string) =>
    send(res, status, { title, detail, type: 'about:blank', status });

  const bearer = (req: IncomingMessage) => /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? null;

  /** Recent search, as far as the tests need: words ANDed, OR between groups, -from:handle. */
  const matchesQuery = (tweet: MockTweet, query: string): boolean => {
    const author = users.find((u) => u.id === tweet.author_id);
    const excluded = [...query.matchAll(/-from:(\w+)/g)].map((m) => m[1]?.toLowerCase());
    if (author && excluded.includes(author.username.toLowerCase())) return false;
    const from = /(?:^|\s)from:(\w+)/.exec(query)?.[1]?.toLowerCase();
    if (from !== undefined && author?.username.toLowerCase() !== from) return false;
    const conversation = /conversation_id:(\d+)/.exec(query)?.[1];
    if (conversation !== undefined && tweet.conversation_id !== conversation) return false;
    const positive = query
      .replace(/-from:\w+|(?:^|\s)from:\w+|conversation_id:\d+/g, ' ')
      .replace(/[()]/g, ' ');
    if (positive.trim() === '') return true;
    const text = tweet.text.toLowerCase();
    return positive.split(/\s+OR\s+/).some((group) =>
      group
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .every((word) => text.includes(word.toLowerCase())),
    );
  };

  const timeline = (res: ServerResponse, url: URL, matching: MockTweet[], tokenParam: string) => {
    const max = Number(url.searchParams.get('max_results') ?? '10');
    const sinceId = url.searchParams.get('since_id');
    const startTime = url.searchParams.get('start_time');
    const token = url.searchParams.get(tokenParam);
    // A next_token here means "older than this id", like X's opaque tokens over a fixed since_id.
    const olderThan = token ? BigInt(Buffer.from(token, 'base64url').toString('utf8')) : null;
    const found = matching
      .filter(
        (t) =>
          (sinceId === null || BigInt(t.id) > BigInt(sinceId)) &&
          (olderThan === null || BigInt(t.id) < olderThan),
      )
      .filter((t) => startTime === null || t.created_at >= startTime)
      .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
    const page = found.slice(0, max);
    if (page.length === 0) return send(res, 200, { meta: { result_count: 0 } });
    const last = page.at(-1) as MockTweet;
    const referenced = page
      .flatMap((t) => t.referenced_tweets ?? [])
      .map((r) => tweets.find((t) => t.id === r.id));
    const includedTweets = referenced.filter((t): t is MockTweet => t !== undefined);
    const missing = page
      .flatMap((t) => t.referenced_tweets ?? [])
      .filter((r) => !tweets.some((t) => t.id === r.id));
    const authorIds = new Set([...page, ...includedTweets].map((t) => t.author_id));
    const body: Record<string, unknown> = {
      data: page,
      includes: {
        users: users.filter((u) => authorIds.has(u.id)),
        ...(includedTweets.length > 0 ? { tweets: includedTweets } : {}),
      },
      meta: {
        newest_id: page[0]?.id,
        oldest_id: last.id,
        result_count: page.length,
        ...(found.length > max ? { next_token: Buffer.from(last.id).toString('base64url') } : {}),
      },
    };
    // X keeps the data and lists what it could not expand (a deleted referenced post).
    if (missing.length > 0) {
      body.errors = missing.map((r) => ({
        value: r.id,
        detail: `Could not find tweet with referenced_tweets.id: [${r.id}].`,
        title: 'Not Found Error',
        resource_type: 'tweet',
        parameter: 'referenced_tweets.id',
        resource_id: r.id,
        type: 'https://api.twitter.com/2/problems/resource-not-found',
      }));
    }
    return send(res, 200, body);
  };

  const mentionsBrandOrQuotes = (tweet: MockTweet): boolean =>
    (tweet.entities?.mentions ?? []).some((m) => m.id === BRAND.id) ||
    (tweet.referenced_tweets ?? []).some(
      (r) => r.type === 'quoted' && tweets.find((t) => t.id === r.id)?.author_id === BRAND.id,
    ) ||
    tweet.author_id === BRAND.id;

  const handle = (req: IncomingMessage, res: ServerResponse, url: URL, body: unknown) => {
    const mentionsPath = /^\/2\/users\/(\d+)\/mentions$/.exec(url.pathname);
    if (req.method === 'GET' && (mentionsPath || url.pathname === '/2/tweets/search/recent')) {
      if (bearer(req) !== mock.appBearer) return problem(res, 401, 'Unauthorized', 'Unauthorized');
      if (mentionsPath) {
        const userId = mentionsPath[1];
        if (!users.some((u) => u.id === userId)) {
          return send(res, 200, {
            errors: [
              {
                value: userId,
                detail: `Could not find user with id: [${userId}].`,
                title: 'Not Found Error',
                resource_type: 'user',
                parameter: 'id',
                type: 'https://api.twitter.com/2/problems/resource-not-found',
              },
            ],
          });
        }
        const matching = tweets.filter((t) => (t.entities?.mentions ?? []).some((m) => m.id === userId));
        return timeline(res, url, matching, 'pagination_token');
      }
      const query = url.searchParams.get('query') ?? '';
      return timeline(
        res,
        url,
        tweets.filter((t) => matchesQuery(t, query)),
        'next_token',
      );
    }
    const lookupPath = /^\/2\/tweets\/(\d+)$/.exec(url.pathname);
    if (req.method === 'GET' && lookupPath) {
      if (bearer(req) !== mock.appBearer) return problem(res, 401, 'Unauthorized', 'Unauthorized');
      const found = tweets.find((t) => t.id === lookupPath[1]);
      if (found) return send(res, 200, { data: found });
      return send(res, 200, {
        errors: [
          {
            value: lookupPath[1],
            detail: `Could not find tweet with id: [${lookupPath[1]}].`,
            title: 'Not Found Error',
            resource_type: 'tweet',
            parameter: 'id',
            resource_id: lookupPath[1],
            type: 'https://api.twitter.com/2/problems/resource-not-found',
          },
        ],
      });
    }
    if (req.method === 'POST' && url.pathname === '/2/tweets') {
      if (bearer(req) !== mock.user.accessToken) return problem(res, 401, 'Unauthorized', 'Unauthorized');
      const request = body as { text?: string; reply?: { in_reply_to_tweet_id?: string } };
      if (request.reply && !request.reply.in_reply_to_tweet_id) {
        return send(res, 400, {
          errors: [
            { parameters: { 'reply.in_reply_to_tweet_id': [] }, message: 'in_reply_to_tweet_id is missing' },
          ],
          title: 'Invalid Request',
          detail: 'One or more parameters to your request was invalid.',
          type: 'https://api.twitter.com/2/problems/invalid-request',
        });
      }
      const text = request.text ?? '';
      if (postedTexts.has(text)) {
        return problem(
          res,
          403,
          'Forbidden',
          'You are not allowed to create a Tweet with duplicate content.',
        );
      }
      const parent = tweets.find((t) => t.id === request.reply?.in_reply_to_tweet_id);
      if (request.reply && !parent) {
        return problem(
          res,
          403,
          'Forbidden',
          'You attempted to reply to a Tweet that is deleted or not visible to you.',
        );
      }
      if (parent && mock.enforceMentionRule && !mentionsBrandOrQuotes(parent)) {
        return problem(
          res,
          403,
          'Forbidden',
          'You can only reply to or quote posts where you are mentioned or are the author.',
        );
      }
      postedTexts.add(text);
      const created = add({
        text,
        author: BRAND,
        conversation_id: parent?.conversation_id,
        in_reply_to_user_id: parent?.author_id,
        referenced_tweets: parent ? [{ type: 'replied_to', id: parent.id }] : undefined,
      });
      return send(res, 201, { data: { id: created.id, text, edit_history_tweet_ids: [created.id] } });
    }
    if (req.method === 'POST' && url.pathname === '/2/oauth2/token') {
      const form = body as Record<string, string>;
      if (form.grant_type !== 'refresh_token' || form.client_id !== mock.user.clientId) {
        return send(res, 400, { error: 'invalid_request', error_description: 'Missing required parameter.' });
      }
      if (form.refresh_token !== mock.user.refreshToken) {
        return send(res, 400, {
          error: 'invalid_request',
          error_description: 'Value passed for the token was invalid.',
        });
      }
      rotation += 1;
      mock.user.accessToken = `user-access-${rotation}`;
      mock.user.refreshToken = `user-refresh-${rotation}`;
      return send(res, 200, {
        token_type: 'bearer',
        expires_in: 7200,
        access_token: mock.user.accessToken,
        scope: 'tweet.read tweet.write users.read offline.access',
        refresh_token: mock.user.refreshToken,
      });
    }
    return problem(res, 404, 'Not Found Error', 'Sorry, that page does not exist.');
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const text = Buffer.concat(chunks).toString('utf8');
      const form = (req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded');
      const body: unknown =
        text === '' ? null : form ? Object.fromEntries(new URLSearchParams(text)) : JSON.parse(text);
      requests.push({ method: req.method ?? '', url, headers: req.headers, body });
      const canned = queue.shift();
      if (!canned) return handle(req, res, url, body);
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(canned.status, { 'content-type': 'application/json', ...canned.headers });
        res.end(canned.body);
      }, canned.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return Object.assign(mock, {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    tweets,
    users,
    add,
    respondNext: (...responses: CannedResponse[]) => {
      queue.push(...responses);
    },
    requestsTo: (prefix: string) => requests.filter((r) => r.url.pathname.startsWith(prefix)),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  });
}
