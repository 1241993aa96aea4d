/**
 * A local web server that serves feeds the way real sites do, on 127.0.0.1 with node:http: fixed
 * documents with ETag / Last-Modified and conditional GET, redirects, error statuses, slow or
 * endless bodies, and any bytes (for encodings). Each test starts its own instance.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedFeedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
}

export interface FeedRoute {
  status?: number;
  headers?: Record<string, string>;
  /** A string is sent as UTF-8 bytes; bytes are sent as they are. */
  body?: string | Uint8Array;
  /** Sent in pieces without Content-Length, `count` times: a body whose size is only known by reading. */
  stream?: { chunk: string; count: number };
  delayMs?: number;
}

export interface FeedDocumentOptions {
  contentType?: string;
  etag?: string;
  lastModified?: string;
}

export interface FeedServerMock {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  url(path: string): string;
  requests: RecordedFeedRequest[];
  /** Serves `route` (or what the function returns) at `path` for every request until replaced. */
  route(path: string, route: FeedRoute | ((request: RecordedFeedRequest) => FeedRoute)): void;
  /** A feed document with validators: a matching If-None-Match or If-Modified-Since gets 304. */
  feed(path: string, body: string | Uint8Array, options?: FeedDocumentOptions): void;
  close(): Promise<void>;
}

export async function startFeedServerMock(): Promise<FeedServerMock> {
  const routes = new Map<string, FeedRoute | ((request: RecordedFeedRequest) => FeedRoute)>();
  const requests: RecordedFeedRequest[] = [];

  const answer = (res: ServerResponse, route: FeedRoute) => {
    if (res.destroyed) return;
    const headers = { 'content-type': 'application/rss+xml; charset=utf-8', ...route.headers };
    if (route.stream) {
      res.writeHead(route.status ?? 200, headers);
      let sent = 0;
      const pump = () => {
        while (sent < (route.stream?.count ?? 0)) {
          sent += 1;
          if (!res.write(route.stream?.chunk ?? '')) {
            res.once('drain', pump);
            return;
          }
        }
        res.end();
      };
      res.on('error', () => undefined);
      pump();
      return;
    }
    const body =
      typeof route.body === 'string' ? Buffer.from(route.body, 'utf8') : Buffer.from(route.body ?? []);
    res.writeHead(route.status ?? 200, { ...headers, 'content-length': String(body.byteLength) });
    res.end(body);
  };

  const server: Server = createServer((req, res) => {
    const recorded: RecordedFeedRequest = {
      method: req.method ?? '',
      path: req.url ?? '/',
      headers: req.headers,
    };
    requests.push(recorded);
    const found = routes.get(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    const route: FeedRoute =
      found === undefined
        ? {
            status: 404,
            body: '<html><body>Not found</body></html>',
            headers: { 'content-type': 'text/html' },
          }
        : typeof found === 'function'
          ? found(recorded)
          : found;
    setTimeout(() => answer(res, route), route.delayMs ?? 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  return {
    origin,
    url: (path) => `${origin}${path}`,
    requests,
    route: (path, route) => {
      routes.set(path, route);
    },
    feed: (path, body, options = {}) => {
      routes.set(path, (request) => {
        const validators: Record<string, string> = {};
        if (options.etag) validators.etag = options.etag;
        if (options.lastModified) validators['last-modified'] = options.lastModified;
        const etagMatches = options.etag !== undefined && request.headers['if-none-match'] === options.etag;
        const dateMatches =
          options.lastModified !== undefined && request.headers['if-modified-since'] === options.lastModified;
        if (etagMatches || dateMatches) return { status: 304, headers: validators, body: '' };
        return {
          status: 200,
          body,
          headers: {
            'content-type': options.contentType ?? 'application/rss+xml; charset=utf-8',
            ...validators,
          },
        };
      });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
