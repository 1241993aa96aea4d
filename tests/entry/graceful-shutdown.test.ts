import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client';
import { openPglite } from '../../src/db/pglite';
import { createSecretBox } from '../../src/lib/secret-box';
import { createPostgresDatabase } from '../faults/harness';
import {
  type Networks,
  publishPost,
  queueReplyTo,
  replyRow,
  seedWorkspace,
  startNetworks,
  type Workspace,
} from '../faults/networks';

const serverUrl = process.env.TEST_DATABASE_URL;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * `passerelle start` as its own process: on SIGTERM it stops claiming, lets the reply already on the
 * wire finish and be recorded, hands the other claimed replies back to the outbox, and exits 0.
 * Runs on PGlite (a data directory, one process at a time) or on PostgreSQL.
 */
describe('graceful shutdown of the node runtime', () => {
  let net: Networks;
  let ws: Workspace;
  let database: Database;
  let env: Record<string, string>;
  let reopen: () => Promise<Database>;
  let drop: () => Promise<void> = async () => {};
  const replyIds: string[] = [];

  beforeAll(async () => {
    net = await startNetworks();
    const key = crypto.getRandomValues(new Uint8Array(32));
    env = {
      SECRET_KEY: Buffer.from(key).toString('base64'),
      PORT: String(await freePort()),
      DEMO: 'off',
      LOG_LEVEL: 'silent',
    };
    if (serverUrl) {
      const pg = await createPostgresDatabase(serverUrl);
      database = pg.database;
      env.DATABASE_URL = pg.url;
      reopen = async () => database;
      drop = pg.drop;
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'passerelle-shutdown-'));
      database = await openPglite(dir);
      env.DATA_DIR = dir;
      env.DATABASE_URL = '';
      reopen = () => openPglite(dir);
    }
    ws = await seedWorkspace(database.db, await createSecretBox(key), net);
    for (let i = 0; i < 3; i++) {
      const post = publishPost(net, 'bluesky', `shutdown question ${i}`);
      replyIds.push(await queueReplyTo(database.db, ws, 'bluesky', post, `Answer ${i}`, new Date()));
    }
    // PGlite is one process only: the parent lets go of the data directory while the child runs.
    if (!serverUrl) await database.close();
  }, 120_000);
  afterAll(async () => {
    await net?.close();
    await database?.close().catch(() => {});
    await drop();
  });

  it('finishes the reply in flight, releases the rest and exits 0 on SIGTERM', {
    timeout: 240_000,
  }, async () => {
    const uri = `at://${net.bluesky.brand.did}/app.bsky.feed.post/3kshutdown2222`;
    // The first reply's write is slow: SIGTERM arrives while it is on the wire.
    net.bluesky.respondNext({
      nsid: 'com.atproto.repo.createRecord',
      status: 200,
      body: JSON.stringify({ uri, cid: 'bafyreishutdown' }),
      delayMs: 1500,
    });
    const child = spawn(process.execPath, ['bin/passerelle.js', 'start'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      output += d.toString();
    });
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    );
    for (let i = 0; i < 1800 && net.bluesky.count('com.atproto.repo.createRecord') === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(net.bluesky.count('com.atproto.repo.createRecord'), output).toBe(1);
    child.kill('SIGTERM');
    expect(await exited, output).toEqual({ code: 0, signal: null });

    // The process is gone: its data directory is free again.
    database = await reopen();
    const [first, ...rest] = await Promise.all(replyIds.map((id) => replyRow(database.db, id)));
    expect(first).toMatchObject({ status: 'sent', externalId: uri, leaseUntil: null });
    for (const r of rest) expect(r).toMatchObject({ status: 'queued', leaseUntil: null, attempts: 1 });
    expect(net.bluesky.count('com.atproto.repo.createRecord')).toBe(1);
  });
});
