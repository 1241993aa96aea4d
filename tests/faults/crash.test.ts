import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client';
import { createSecretBox } from '../../src/lib/secret-box';
import { faultPoints } from '../../src/services/faults';
import {
  assertCleanOrKilled,
  buildWorker,
  checkPromises,
  createPostgresDatabase,
  pendingReplies,
  seededRandom,
  seedFromEnv,
  startWorker,
} from './harness';
import { type Networks, seedWorkspace, startNetworks, type Workspace } from './networks';
import { createWorkload } from './workload';

// vitest.config.ts includes this file only when TEST_DATABASE_URL is set (real processes need PostgreSQL).
const serverUrl = process.env.TEST_DATABASE_URL as string;

const TEN_MINUTES = 10 * 60_000;

/**
 * One worker at a time, killed with SIGKILL at every named step of posting and polling and at random
 * moments; each restart runs ten minutes later (leases expired). Then the outbox is drained and the
 * promises are checked against what the mock networks received.
 */
describe('crash suite: a worker killed anywhere loses nothing and posts nothing twice', () => {
  const seed = seedFromEnv();
  const random = seededRandom(seed);
  let pg: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let db: Database['db'];
  let net: Networks;
  let ws: Workspace;
  let secretKey: string;
  let spawnIndex = 0;
  let script: string;

  beforeAll(async () => {
    script = await buildWorker('crash-worker');
    pg = await createPostgresDatabase(serverUrl);
    db = pg.database.db;
    net = await startNetworks();
    // Reddit cannot be searched here: its replies of unknown outcome must wait for a person.
    net.reddit.profileRefused = true;
    const key = crypto.getRandomValues(new Uint8Array(32));
    secretKey = Buffer.from(key).toString('base64');
    ws = await seedWorkspace(db, await createSecretBox(key), net, { listeners: true });
    work = createWorkload(db, ws, net, random);
  });
  afterAll(async () => {
    await net?.close();
    await pg?.drop();
  });

  let work: ReturnType<typeof createWorkload>;
  const addWork = (posts: number, answers: number) =>
    work.add(posts, answers, new Date(Date.now() + spawnIndex * TEN_MINUTES));

  async function run(env: Record<string, string>, killAfterMs?: number) {
    spawnIndex += 1;
    const worker = startWorker(script, {
      DATABASE_URL: pg.url,
      SECRET_KEY: secretKey,
      CLOCK_OFFSET_MS: String(spawnIndex * TEN_MINUTES),
      MODE: 'drain',
      ...env,
    });
    if (killAfterMs !== undefined) {
      await worker.ready;
      setTimeout(() => worker.child.kill('SIGKILL'), killAfterMs);
    }
    const result = await worker.exited;
    assertCleanOrKilled(result, seed);
    return result;
  }

  it(`survives SIGKILL at each step and at random moments (seed ${seed})`, {
    timeout: 240_000,
  }, async () => {
    const started = Date.now();
    await addWork(4, 8);
    let killed = 0;
    // Every step once, then steps drawn at random; each kill comes the 1st to 3rd time the step is reached.
    const drawn = Array.from({ length: 5 }, () => faultPoints[random.int(0, faultPoints.length - 1)]!);
    const points = [...faultPoints, ...drawn];
    for (const point of points) {
      await addWork(2, 2);
      const result = await run({ FAULT_POINT: point, FAULT_HIT: String(random.int(1, 3)) });
      if (result.signal === 'SIGKILL') killed += 1;
    }
    const randomKills = 5;
    for (let i = 0; i < randomKills; i++) {
      await addWork(1, 2);
      const result = await run({}, random.int(0, 400));
      if (result.signal === 'SIGKILL') killed += 1;
    }
    // Recovery: clean workers until the outbox is empty and one finds nothing left to do.
    for (let i = 0; i < 8; i++) {
      const result = await run({});
      if (result.code === 0 && (await pendingReplies(db)) === 0) break;
    }
    const { problems, counts } = await checkPromises(db, net, work.published);
    console.info(
      `crash suite (seed ${seed}): ${points.length} fault-point runs + ${randomKills} random kills, ${killed} workers killed, ${spawnIndex} workers in ${Math.round((Date.now() - started) / 1000)} s`,
      counts,
    );
    expect(problems, `seed ${seed}`).toEqual([]);
    expect(await pendingReplies(db), `seed ${seed}`).toBe(0);
    // The suite must actually crash workers, or it proves nothing.
    expect(killed, `seed ${seed}`).toBeGreaterThanOrEqual(faultPoints.length);
    expect(counts['x:sent'] ?? 0, `seed ${seed}`).toBeGreaterThan(0);
  });
});
