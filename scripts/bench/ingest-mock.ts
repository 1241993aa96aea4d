/**
 * The bench's network: a local server on 127.0.0.1 speaking the demo network's list API
 * (connectors/demo/raw.ts) over pre-built posts, so the bench measures Passerelle, not a simulator.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { demoCorpus } from '../../connectors/demo/corpus';
import type { RawPost } from '../../connectors/demo/raw';

export interface BenchNetwork {
  baseUrl: string;
  posts: RawPost[];
  requests: number;
  close(): Promise<void>;
}

/** `count` customer posts from the demo corpus (English and French), spread over `authors` people. */
export function benchPosts(
  count: number,
  authors: number,
  start = Date.parse('2026-11-20T08:00:00Z'),
): RawPost[] {
  const posts: RawPost[] = [];
  for (let i = 0; i < count; i++) {
    const entry = demoCorpus[i % demoCorpus.length]!;
    const a = i % authors;
    // One post in five answers an earlier one: storage resolves threads as it would in production.
    const parent = i % 5 === 4 ? posts[i - 1] : undefined;
    const id = `b${i + 1}`;
    posts.push({
      id,
      seq: i + 1,
      text: `${entry.text} #${i}`,
      lang: entry.lang,
      createdAt: new Date(start + i * 1000).toISOString(),
      author: { id: `u${a}`, handle: `person_${a}`, name: `Person ${a}`, followers: (a * 37) % 5000 },
      inReplyTo: parent ? parent.id : null,
      threadRoot: parent ? parent.threadRoot : id,
      byBrand: false,
    });
  }
  return posts;
}

export async function startBenchNetwork(posts: RawPost[]): Promise<BenchNetwork> {
  const net = { requests: 0 };
  const server = createServer((req, res) => {
    net.requests += 1;
    const url = new URL(req.url ?? '/', 'http://bench');
    const after = Number(url.searchParams.get('after') ?? '0');
    const limit = Math.min(Number(url.searchParams.get('limit') ?? '100'), 100);
    // seq is i + 1, so the page after `after` starts at index `after`.
    const page = posts.slice(after, after + limit);
    const last = page[page.length - 1];
    const next = last && last.seq < posts.length ? String(last.seq) : null;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ posts: page, next }));
  });
  // Longer than a slow poll's storing: a socket the server closed while the client meant to reuse
  // it would fail a request for reasons that have nothing to do with ingest.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api`,
    posts,
    get requests() {
      return net.requests;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
