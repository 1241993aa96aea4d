/**
 * A network that misbehaves on purpose, on 127.0.0.1: each test says what each request gets
 * (bytes, status, headers), and every request is recorded with the injected clock's time, so a test
 * can prove that no call was made before a reset the network announced.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RawPost } from '../../connectors/demo/raw';

export interface HostileAnswer {
  status?: number;
  /** Sent as is: a Buffer may hold bytes that are not UTF-8. */
  body: string | Buffer;
  headers?: Record<string, string>;
}

export interface HostileNetwork {
  baseUrl: string;
  requests: Array<{ url: URL; at: Date }>;
  /** Decides each answer; `after` is the `after` query parameter (null on a first poll). */
  answer: (req: { url: URL; after: number | null; at: Date }) => HostileAnswer;
  close(): Promise<void>;
}

export async function startHostileNetwork(clock: { now(): Date }): Promise<HostileNetwork> {
  const net: HostileNetwork = {
    baseUrl: '',
    requests: [],
    answer: () => ({ body: JSON.stringify({ posts: [], next: null }) }),
    close: async () => {},
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://hostile');
    const at = clock.now();
    net.requests.push({ url, at });
    const raw = url.searchParams.get('after');
    const a = net.answer({ url, after: raw === null ? null : Number(raw), at });
    res.writeHead(a.status ?? 200, { 'content-type': 'application/json', ...a.headers });
    res.end(a.body);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  net.baseUrl = `http://127.0.0.1:${port}/api`;
  net.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return net;
}

let counter = 0;

/** A valid demo post; `seq` orders the network. */
export function post(seq: number, overrides: Partial<RawPost> = {}): RawPost {
  counter += 1;
  const id = overrides.id ?? `h${seq}`;
  return {
    id,
    seq,
    text: `@lumo question number ${seq}: my order has not arrived, can you help?`,
    lang: 'en',
    createdAt: new Date(Date.parse('2026-11-20T08:00:00Z') + seq * 1000).toISOString(),
    author: {
      id: `a${seq % 3}`,
      handle: `customer_${seq % 3}`,
      name: `Customer ${seq % 3}`,
      followers: counter,
    },
    inReplyTo: null,
    threadRoot: id,
    byBrand: false,
    ...overrides,
  };
}

export const page = (posts: unknown[], next: string | null = null) => JSON.stringify({ posts, next });
