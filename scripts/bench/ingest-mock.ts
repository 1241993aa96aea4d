/**
 * The bench's network: a local server on 127.0.0.1 speaking the demo network's list API
 * (connectors/demo/raw.ts) over pre-built posts, so the bench measures Passerelle, not a simulator.
 * It runs in a worker thread: a real network's work is not done on the event loop being measured.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { demoCorpus } from '../../connectors/demo/corpus';
import type { RawPost } from '../../connectors/demo/raw';

export interface BenchNetwork {
  baseUrl: string;
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

/**
 * Serves the posts to `listeners` listeners, whose queries are `bench-0`, `bench-1`...: post i
 * matches listener i modulo their number, so every post is polled by exactly one of them (the
 * replies among them mostly by another listener than their parent's, as on a real brand).
 */
export async function startBenchNetwork(posts: RawPost[], listeners = 1): Promise<BenchNetwork> {
  // The bench runs under tsx, whose loader a worker does not inherit: it registers it first.
  const self = JSON.stringify(import.meta.url);
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${self}); })`;
  const worker = new Worker(boot, {
    eval: true,
    workerData: { benchNetwork: { posts, listeners } },
  });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', (m: { port: number }) => resolve(m.port));
    worker.once('error', reject);
  });
  return {
    baseUrl: `http://127.0.0.1:${port}/api`,
    close: async () => {
      await worker.terminate();
    },
  };
}

function serve(posts: RawPost[], listeners: number): void {
  const byQuery = new Map<string, RawPost[]>();
  for (const [i, post] of posts.entries()) {
    const q = `bench-${i % listeners}`;
    const list = byQuery.get(q);
    if (list) list.push(post);
    else byQuery.set(q, [post]);
  }
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://bench');
    const after = Number(url.searchParams.get('after') ?? '0');
    const limit = Math.min(Number(url.searchParams.get('limit') ?? '100'), 100);
    const list = byQuery.get(url.searchParams.get('q') ?? '') ?? [];
    const from = firstAfter(list, after);
    const page = list.slice(from, from + limit);
    const last = page[page.length - 1];
    const next = last && from + limit < list.length ? String(last.seq) : null;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ posts: page, next }));
  });
  // Longer than a slow poll's storing: a socket the server closed while the client meant to reuse
  // it would fail a request for reasons that have nothing to do with ingest.
  server.keepAliveTimeout = 120_000;
  server.listen(0, '127.0.0.1', () => {
    parentPort?.postMessage({ port: (server.address() as AddressInfo).port });
  });
}

if (!isMainThread && workerData?.benchNetwork) {
  const { posts, listeners } = workerData.benchNetwork as { posts: RawPost[]; listeners: number };
  serve(posts, listeners);
}

/** Index of the first post with a seq above `after` (posts are in seq order). */
function firstAfter(list: RawPost[], after: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.seq <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
