import { isNull, lt, or, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client';
import { listeners } from '../../src/db/schema';
import { createSecretBox } from '../../src/lib/secret-box';
import {
  assertCleanOrKilled,
  buildWorker,
  checkPromises,
  createPostgresDatabase,
  pendingReplies,
  seededRandom,
  seedFromEnv,
  startWorker,
  type WorkerRun,
} from './harness';
import { type Networks, seedWorkspace, startNetworks } from './networks';
import { createWorkload } from './workload';

// vitest.config.ts includes this file only when TEST_DATABASE_URL is set (real processes need PostgreSQL).
const serverUrl = process.env.TEST_DATABASE_URL as string;

const TEN_MINUTES = 10 * 60_000;

/**
 * Three worker processes on one PostgreSQL database. Time is cut into epochs: the workers of an
 * epoch share a clock, and each epoch starts ten minutes after the last, so every listener is due
 * exactly once per epoch (interval five minutes). The mocks count the first page of every poll.
 */
describe('three instances on one database', () => {
  const seed = seedFromEnv();
  const random = seededRandom(seed);
  let pg: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let db: Database['db'];
  let net: Networks;
  let secretKey: string;
  let script: string;
  let work: ReturnType<typeof createWorkload>;
  let epoch = 0;

  beforeAll(async () => {
    script = await buildWorker('instances-worker');
    pg = await createPostgresDatabase(serverUrl);
    db = pg.database.db;
    net = await startNetworks();
    const key = crypto.getRandomValues(new Uint8Array(32));
    secretKey = Buffer.from(key).toString('base64');
    const ws = await seedWorkspace(db, await createSecretBox(key), net, {
      listeners: true,
      intervalSeconds: 300,
    });
    work = createWorkload(db, ws, net, random);
  });
  afterAll(async () => {
    await net?.close();
    await pg?.drop();
  });

  const epochClock = () => new Date(Date.now() + epoch * TEN_MINUTES);
  const start = () =>
    startWorker(script, {
      DATABASE_URL: pg.url,
      SECRET_KEY: secretKey,
      CLOCK_OFFSET_MS: String(epoch * TEN_MINUTES),
      MODE: 'forever',
    });

  /** First pages of polls on the networks whose requests tell them apart. */
  const pollStarts = () => ({
    x: net.x.requestsTo('/2/users/').filter((r) => !r.url.searchParams.has('pagination_token')).length,
    reddit: net.reddit.requests.filter(
      (r) =>
        r.url.pathname === '/message/mentions' &&
        !r.url.searchParams.has('before') &&
        !r.url.searchParams.has('after'),
    ).length,
    bluesky: net.bluesky.requests.filter(
      (r) => r.nsid === 'app.bsky.notification.listNotifications' && !r.url.searchParams.has('cursor'),
    ).length,
  });
  const diff = (a: Record<string, number>, b: Record<string, number>) =>
    Object.fromEntries(Object.entries(b).map(([k, v]) => [k, v - (a[k] ?? 0)]));

  /** Every listener polled in this epoch, and the outbox empty. */
  async function settled(): Promise<boolean> {
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(listeners)
      .where(
        or(
          isNull(listeners.lastSuccessAt),
          lt(listeners.lastSuccessAt, new Date(epochClock().getTime() - 60_000)),
        ),
      );
    return (row?.n ?? 1) === 0 && (await pendingReplies(db)) === 0;
  }

  async function waitFor(condition: () => Promise<boolean>, what: string) {
    for (let i = 0; i < 1500; i++) {
      if (await condition()) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`gave up waiting for ${what} (seed ${seed})`);
  }

  async function stopAll(workers: WorkerRun[]) {
    // A worker still starting has no SIGTERM handler yet: wait until it says it is ready.
    await Promise.all(workers.map((w) => w.ready));
    for (const w of workers) w.child.kill('SIGTERM');
    for (const w of workers) assertCleanOrKilled(await w.exited, seed);
  }

  it(`polls each listener once per interval and sends each reply once, with kills (seed ${seed})`, {
    timeout: 240_000,
  }, async () => {
    const started = Date.now();
    // Epoch 1, no kills: three workers race for the same work.
    epoch = 1;
    await work.add(6, 12, epochClock());
    let before = pollStarts();
    const calm = [start(), start(), start()];
    await waitFor(settled, 'the first epoch to settle');
    await stopAll(calm);
    expect(diff(before, pollStarts()), `seed ${seed}`).toEqual({ x: 1, reddit: 1, bluesky: 1 });
    const tweets = net.x.requestsTo('/2/tweets').filter((r) => r.method === 'POST').length;
    const comments = net.reddit.requests.filter((r) => r.url.pathname === '/api/comment').length;
    expect({ tweets, comments }, `seed ${seed}`).toEqual({ tweets: 3, comments: 3 });

    // Epochs 2-4: a random worker is killed at random moments and replaced.
    let kills = 0;
    for (epoch = 2; epoch <= 4; epoch++) {
      await work.add(4, 8, epochClock());
      before = pollStarts();
      const workers = [start(), start(), start()];
      await Promise.all(workers.map((w) => w.ready));
      for (let k = 0; k < 3; k++) {
        await new Promise((resolve) => setTimeout(resolve, random.int(50, 700)));
        const victim = random.int(0, workers.length - 1);
        workers[victim]!.child.kill('SIGKILL');
        assertCleanOrKilled(await workers[victim]!.exited, seed);
        kills += 1;
        workers[victim] = start();
      }
      await stopAll(workers);
      const polls = diff(before, pollStarts());
      for (const [network, n] of Object.entries(polls)) {
        expect(n, `${network} polls in epoch ${epoch} (seed ${seed})`).toBeLessThanOrEqual(1);
      }
    }

    // Recovery: a later epoch, no kills, until everything is settled.
    epoch = 5;
    const last = [start(), start(), start()];
    await waitFor(settled, 'recovery');
    await stopAll(last);

    const { problems, counts } = await checkPromises(db, net, work.published);
    console.info(
      `instances (seed ${seed}): 3 workers, 5 epochs, ${kills} kills, ${Math.round((Date.now() - started) / 1000)} s`,
      counts,
    );
    expect(problems, `seed ${seed}`).toEqual([]);
  });
});
