/**
 * A local stand-in for the demo network's HTTP API (connectors/demo/raw.ts), served on 127.0.0.1
 * with node:http so the connector is tested over real sockets. Each test starts its own instance.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPostRequestSchema, listPostsQuerySchema, type RawPost } from '../../connectors/demo/raw';

export interface RecordedRequest {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: unknown;
}

/** A canned answer that replaces the next request's normal handling. */
export interface CannedResponse {
  status: number;
  /** Sent verbatim: lets a test send broken JSON. */
  body: string;
  headers?: Record<string, string>;
  /** Milliseconds to wait before answering. */
  delayMs?: number;
}

export interface DemoNetworkMock {
  baseUrl: string;
  requests: RecordedRequest[];
  /** Every post on the network, brand replies included. */
  posts: RawPost[];
  add(post: Partial<RawPost> & { text: string }): RawPost;
  /** Queue answers for the next requests, in order, before normal handling resumes. */
  respondNext(...responses: CannedResponse[]): void;
  /** Rate-limit headers sent with every normal answer. */
  rateLimitHeaders: Record<string, string>;
  close(): Promise<void>;
}

export async function startDemoNetworkMock(): Promise<DemoNetworkMock> {
  const posts: RawPost[] = [];
  const byKey = new Map<string, RawPost>();
  const queue: CannedResponse[] = [];
  const requests: RecordedRequest[] = [];
  let seq = 0;
  const mock = { rateLimitHeaders: {} as Record<string, string> };

  const add = (input: Partial<RawPost> & { text: string }): RawPost => {
    seq += 1;
    const id = input.id ?? `p${seq}`;
    const post: RawPost = {
      id,
      seq: input.seq ?? seq,
      text: input.text,
      lang: input.lang ?? 'en',
      createdAt: input.createdAt ?? new Date(Date.UTC(2026, 0, 1, 9, 0, seq)).toISOString(),
      author: input.author ?? { id: 'u1', handle: 'sarah_builds', name: 'Sarah Whitfield', followers: 412 },
      inReplyTo: input.inReplyTo ?? null,
      threadRoot: input.threadRoot ?? id,
      byBrand: input.byBrand ?? false,
    };
    posts.push(post);
    return post;
  };

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...mock.rateLimitHeaders, ...headers });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };

  const matches = (post: RawPost, kind: string, q: string): boolean => {
    const text = post.text.toLowerCase();
    if (kind === 'mention') return new RegExp(`@${q.replace(/^@/, '').toLowerCase()}\\b`).test(text);
    if (kind === 'hashtag') return text.includes(`#${q.replace(/^#/, '').toLowerCase()}`);
    return q
      .toLowerCase()
      .split(/\s+/)
      .some((word) => text.includes(word));
  };

  const handle = (req: IncomingMessage, res: ServerResponse, url: URL, body: unknown) => {
    if (url.pathname === '/demo-network/api/posts' && req.method === 'GET') {
      const query = listPostsQuerySchema.safeParse(Object.fromEntries(url.searchParams));
      if (!query.success) return send(res, 400, { error: 'bad query' });
      const { after, limit, q, kind } = query.data;
      const found = posts
        .filter((p) => p.seq > (after ?? -1) && matches(p, kind, q))
        .sort((a, b) => a.seq - b.seq);
      const page = found.slice(0, limit);
      const last = page.at(-1);
      const next = found.length > limit && last ? String(last.seq) : null;
      return send(res, 200, { posts: page, next });
    }
    if (url.pathname === '/demo-network/api/posts' && req.method === 'POST') {
      const key = req.headers['idempotency-key'];
      if (typeof key !== 'string') return send(res, 400, { error: 'Idempotency-Key header is required' });
      const known = byKey.get(key);
      if (known) return send(res, 200, { post: known });
      const parsed = createPostRequestSchema.safeParse(body);
      if (!parsed.success) return send(res, 422, { error: parsed.error.issues[0]?.message ?? 'invalid' });
      const parent = posts.find((p) => p.id === parsed.data.inReplyTo);
      if (parsed.data.inReplyTo && !parent) return send(res, 404, { error: 'post not found' });
      const post = add({
        text: parsed.data.text,
        author: { id: 'brand', handle: parsed.data.handle, name: 'Lumo', followers: 12_000 },
        inReplyTo: parsed.data.inReplyTo,
        threadRoot: parent?.threadRoot,
        byBrand: true,
      });
      byKey.set(key, post);
      return send(res, 201, { post });
    }
    return send(res, 404, { error: 'not found' });
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
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
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return Object.assign(mock, {
    baseUrl: `http://127.0.0.1:${port}/demo-network/api`,
    requests,
    posts,
    add,
    respondNext: (...responses: CannedResponse[]) => {
      queue.push(...responses);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  });
}
