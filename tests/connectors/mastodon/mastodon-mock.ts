/**
 * A local Mastodon instance on 127.0.0.1 (node:http, port 0) speaking the documented REST API:
 * notifications, hashtag timelines, v2 search, statuses, instance, with Mastodon's paging
 * (max_id / since_id / min_id, newest first, Link header only on non-empty pages), Bearer tokens,
 * Idempotency-Key and X-RateLimit-* headers (Reset as ISO-8601). Each test starts its own instance.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type AccountFixture,
  accountFixture,
  type NotificationFixture,
  type StatusFixture,
  statusFixture,
} from './fixtures';

export interface RecordedRequest {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export interface CannedResponse {
  status: number;
  /** Sent verbatim: lets a test send broken JSON. */
  body: string;
  headers?: Record<string, string>;
  delayMs?: number;
}

export interface MastodonMock {
  baseUrl: string;
  host: string;
  /** The one valid token; anything else gets 401 like a revoked token. */
  token: string;
  brand: AccountFixture;
  requests: RecordedRequest[];
  statuses: StatusFixture[];
  notifications: NotificationFixture[];
  /** A status on this instance; `tags` are derived from #words of `text`. */
  addStatus(input: { text?: string; html?: string } & Partial<StatusFixture>): StatusFixture;
  /** A status mentioning the brand and its mention notification. */
  addMention(input: { text?: string; html?: string } & Partial<StatusFixture>): NotificationFixture;
  /** Statuses `resolve=true` search can fetch from elsewhere, by federation URI. */
  resolvable: Map<string, { text?: string; html?: string } & Partial<StatusFixture>>;
  respondNext(...responses: CannedResponse[]): void;
  /** The instance forgets the Idempotency-Keys it saw, as it does after about an hour. */
  forgetIdempotencyKeys(): void;
  rateLimitHeaders: Record<string, string>;
  maxCharacters: number;
  close(): Promise<void>;
}

const BASE_ID = 110_000_000_000_000_000n;

export async function startMastodonMock(): Promise<MastodonMock> {
  const statuses: StatusFixture[] = [];
  const notifications: NotificationFixture[] = [];
  const byKey = new Map<string, StatusFixture>();
  const queue: CannedResponse[] = [];
  const requests: RecordedRequest[] = [];
  const resolvable = new Map<string, { text?: string; html?: string } & Partial<StatusFixture>>();
  let counter = 0;
  const nextId = () => {
    counter += 1;
    return String(BASE_ID + BigInt(counter) * 65_536n);
  };

  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const host = `127.0.0.1:${port}`;
  const baseUrl = `http://${host}`;
  const brand = accountFixture(host, {
    id: '900',
    username: 'lumo',
    display_name: 'Lumo',
    followers_count: 12000,
  });

  const mock = {
    rateLimitHeaders: {} as Record<string, string>,
    maxCharacters: 500,
    token: 'token-of-lumo',
  };

  const addStatus = (input: { text?: string; html?: string } & Partial<StatusFixture>): StatusFixture => {
    const { text, html, ...rest } = input;
    const id = rest.id ?? nextId();
    const content = html ?? (text === undefined ? undefined : `<p>${escapeHtml(text)}</p>`);
    const tags = [...(text ?? html ?? '').matchAll(/#(\w+)/g)].map((m) => ({
      name: (m[1] ?? '').toLowerCase(),
      url: `${baseUrl}/tags/${m[1]}`,
    }));
    const status = statusFixture(host, {
      created_at: new Date(Date.UTC(2026, 0, 1, 9, 0, counter)).toISOString(),
      tags,
      ...rest,
      id,
      ...(content === undefined ? {} : { content }),
    });
    statuses.push(status);
    return status;
  };

  const addMention = (
    input: { text?: string; html?: string } & Partial<StatusFixture>,
  ): NotificationFixture => {
    const status = addStatus(input);
    const notification: NotificationFixture = {
      id: String(BASE_ID / 1000n + BigInt(notifications.length + 1) * 7n),
      type: 'mention',
      group_key: `ungrouped-${notifications.length + 1}`,
      created_at: status.created_at,
      account: status.account,
      status,
    };
    notifications.push(notification);
    return notification;
  };

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      ...mock.rateLimitHeaders,
      ...headers,
    });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };

  const authorised = (req: IncomingMessage) => req.headers.authorization === `Bearer ${mock.token}`;
  const refuse = (res: ServerResponse) => send(res, 401, { error: 'The access token is invalid' });

  /** Mastodon's paginate_by_id: newest first; min_id gives the page right after it. */
  const paginate = <T extends { id: string }>(items: T[], url: URL, cap: number) => {
    const limit = Math.min(Number(url.searchParams.get('limit') ?? 20) || 20, cap);
    const max = url.searchParams.get('max_id');
    const since = url.searchParams.get('since_id');
    const min = url.searchParams.get('min_id');
    const inRange = items.filter(
      (item) =>
        (max === null || BigInt(item.id) < BigInt(max)) &&
        (since === null || BigInt(item.id) > BigInt(since)) &&
        (min === null || BigInt(item.id) > BigInt(min)),
    );
    const ascending = [...inRange].sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
    const page = min !== null ? ascending.slice(0, limit).reverse() : ascending.reverse().slice(0, limit);
    const headers: Record<string, string> = {};
    const first = page[0];
    const last = page.at(-1);
    if (first && last) {
      const link = (param: string, id: string) => {
        const target = new URL(url.pathname, baseUrl);
        for (const [key, value] of url.searchParams) {
          if (!['max_id', 'min_id', 'since_id'].includes(key)) target.searchParams.append(key, value);
        }
        target.searchParams.set(param, id);
        return target.toString();
      };
      headers.link = `<${link('max_id', last.id)}>; rel="next", <${link('min_id', first.id)}>; rel="prev"`;
    }
    return { page, headers };
  };

  const handle = (req: IncomingMessage, res: ServerResponse, url: URL, body: unknown) => {
    const path = url.pathname;
    if (path === '/api/v2/instance' && req.method === 'GET') {
      return send(res, 200, {
        domain: host,
        title: 'Mock Mastodon',
        version: '4.3.0',
        configuration: {
          urls: { streaming: `wss://${host}` },
          accounts: { max_featured_tags: 10 },
          statuses: {
            max_characters: mock.maxCharacters,
            max_media_attachments: 4,
            characters_reserved_per_url: 23,
          },
        },
      });
    }
    if (path === '/api/v1/notifications' && req.method === 'GET') {
      if (!authorised(req)) return refuse(res);
      const types = url.searchParams.getAll('types[]');
      const items = notifications.filter((n) => types.length === 0 || types.includes(n.type));
      const { page, headers } = paginate(items, url, 80);
      return send(res, 200, page, headers);
    }
    const tagMatch = /^\/api\/v1\/timelines\/tag\/([^/]+)$/.exec(path);
    if (tagMatch && req.method === 'GET') {
      const tag = decodeURIComponent(tagMatch[1] ?? '').toLowerCase();
      const items = statuses.filter((s) => s.visibility === 'public' && s.tags.some((t) => t.name === tag));
      const { page, headers } = paginate(items, url, 40);
      return send(res, 200, page, headers);
    }
    if (path === '/api/v2/search' && req.method === 'GET') {
      if (!authorised(req)) return refuse(res);
      const q = (url.searchParams.get('q') ?? '').toLowerCase();
      if (url.searchParams.get('resolve') === 'true' && /^https?:\/\//.test(q)) {
        const known = statuses.find((s) => s.uri.toLowerCase() === q);
        const remote = resolvable.get(url.searchParams.get('q') ?? '');
        const found = known ?? (remote ? addStatus({ ...remote, id: nextId() }) : undefined);
        return send(res, 200, { accounts: [], statuses: found ? [found] : [], hashtags: [] });
      }
      const items = statuses.filter((s) => s.content.toLowerCase().includes(q));
      // Search filters by min_id/max_id but still answers newest first, like Elasticsearch-backed search.
      const limit = Math.min(Number(url.searchParams.get('limit') ?? 20) || 20, 40);
      const max = url.searchParams.get('max_id');
      const min = url.searchParams.get('min_id');
      const page = items
        .filter(
          (s) => (max === null || BigInt(s.id) < BigInt(max)) && (min === null || BigInt(s.id) > BigInt(min)),
        )
        .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? 1 : -1))
        .slice(0, limit);
      return send(res, 200, { accounts: [], statuses: page, hashtags: [] });
    }
    const contextMatch = /^\/api\/v1\/statuses\/([^/]+)\/context$/.exec(path);
    if (contextMatch && req.method === 'GET') {
      if (!authorised(req)) return refuse(res);
      const root = statuses.find((s) => s.id === decodeURIComponent(contextMatch[1] ?? ''));
      if (!root) return send(res, 404, { error: 'Record not found' });
      const descendants: StatusFixture[] = [];
      const walk = (id: string) => {
        for (const child of statuses.filter((s) => s.in_reply_to_id === id)) {
          descendants.push(child);
          walk(child.id);
        }
      };
      walk(root.id);
      return send(res, 200, { ancestors: [], descendants });
    }
    const statusMatch = /^\/api\/v1\/statuses\/([^/]+)$/.exec(path);
    if (statusMatch && req.method === 'GET') {
      if (!authorised(req)) return refuse(res);
      const found = statuses.find((s) => s.id === decodeURIComponent(statusMatch[1] ?? ''));
      return found ? send(res, 200, found) : send(res, 404, { error: 'Record not found' });
    }
    if (path === '/api/v1/statuses' && req.method === 'POST') {
      if (!authorised(req)) return refuse(res);
      const key = req.headers['idempotency-key'];
      const known = typeof key === 'string' ? byKey.get(key) : undefined;
      if (known) return send(res, 200, known);
      const input = body as { status?: string; in_reply_to_id?: string; visibility?: string } | null;
      const text = input?.status ?? '';
      if (text.trim() === '') return send(res, 422, { error: "Validation failed: Text can't be blank" });
      if (Array.from(text).length > mock.maxCharacters) {
        return send(res, 422, {
          error: `Validation failed: Text character limit of ${mock.maxCharacters} exceeded`,
        });
      }
      const parent = statuses.find((s) => s.id === input?.in_reply_to_id);
      if (input?.in_reply_to_id && !parent) return send(res, 404, { error: 'Record not found' });
      const visibility = (input?.visibility ?? 'public') as StatusFixture['visibility'];
      const status = addStatus({
        text,
        account: brand,
        visibility,
        in_reply_to_id: parent?.id ?? null,
        in_reply_to_account_id: parent?.account.id ?? null,
      });
      if (typeof key === 'string') byKey.set(key, status);
      return send(res, 200, status);
    }
    return send(res, 404, { error: 'Record not found' });
  };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', baseUrl);
      const text = Buffer.concat(chunks).toString('utf8');
      const body: unknown = text === '' ? null : JSON.parse(text);
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

  return Object.assign(mock, {
    baseUrl,
    host,
    brand,
    requests,
    statuses,
    notifications,
    addStatus,
    addMention,
    resolvable,
    respondNext: (...responses: CannedResponse[]) => {
      queue.push(...responses);
    },
    forgetIdempotencyKeys: () => byKey.clear(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  });
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/\n/g, '<br />');
}
