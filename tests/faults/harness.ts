/**
 * Spawning and killing worker processes, a seeded random source, a PostgreSQL database of its own,
 * and the invariants every fault run must end with.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { sql } from 'drizzle-orm';
import { build } from 'esbuild';
import postgres from 'postgres';
import type { Database } from '../../src/db/client';
import { migratePostgres } from '../../src/db/migrate-postgres';
import { connectPostgres } from '../../src/db/postgres';
import { mentions, replies } from '../../src/db/schema';
import { randomToken } from '../../src/lib/ids';
import { BRAND } from '../connectors/x/x-api-mock';
import type { Networks } from './networks';

/** mulberry32: small, seedable, good enough to pick crash points. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)) };
}

export function seedFromEnv(): number {
  const given = Number(process.env.FAULT_SEED);
  return Number.isFinite(given) && given > 0 ? given : Math.floor(Math.random() * 2 ** 31);
}

/** A fresh database on the server TEST_DATABASE_URL names, migrated; its URL is for the workers. */
export async function createPostgresDatabase(
  serverUrl: string,
): Promise<{ url: string; database: Database; drop(): Promise<void> }> {
  const name = `passerelle_f_${randomToken(10)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await migratePostgres(url.toString());
  const database = connectPostgres(url.toString(), { max: 3 });
  return {
    url: url.toString(),
    database,
    drop: async () => {
      await database.close();
      const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

export interface WorkerRun {
  child: ChildProcess;
  /** Resolves once the worker has built its dependencies and starts its first cycle. */
  ready: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>;
}

/**
 * The worker bundled once into one file (dependencies stay in node_modules): a process then starts
 * in about a second instead of transpiling the sources again on every restart.
 */
export async function buildWorker(name: string): Promise<string> {
  const outfile = `tests/artifacts/faults/${name}.mjs`;
  await build({
    entryPoints: ['tests/faults/worker.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}

export function startWorker(script: string, env: Record<string, string>): WorkerRun {
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (output.includes('ready')) markReady();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>(
    (resolve) => {
      child.on('exit', (code, signal) => {
        markReady();
        resolve({ code, signal, output });
      });
    },
  );
  return { child, ready, exited };
}

/** A worker either finished cleanly or was killed; anything else is a bug the output shows. */
export function assertCleanOrKilled(
  result: { code: number | null; signal: NodeJS.Signals | null; output: string },
  seed: number,
) {
  if (result.signal === 'SIGKILL' || result.code === 0) return;
  throw new Error(
    `worker failed (seed ${seed}): code ${result.code} signal ${result.signal}\n${result.output}`,
  );
}

export async function pendingReplies(db: Database['db']): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(replies)
    .where(sql`${replies.status} in ('queued', 'sending')`);
  return row?.n ?? 0;
}

/** Where each reply's text shows up among the brand's posts on its mock network. */
export function brandPostsSaying(net: Networks, network: string, marker: string): string[] {
  if (network === 'x')
    return net.x.tweets.filter((t) => t.author_id === BRAND.id && t.text.includes(marker)).map((t) => t.id);
  if (network === 'mastodon')
    return net.mastodon.statuses
      .filter((s) => s.account.id === net.mastodon.brand.id && s.content.includes(marker))
      .map((s) => s.id);
  if (network === 'bluesky')
    return [...net.bluesky.records.values()]
      .filter((r) => String((r.value as { text?: string }).text).includes(marker))
      .map((r) => r.uri);
  return net.reddit.things
    .filter((t) => t.data.author === 'lumo_support' && String(t.data.body).includes(marker))
    .map((t) => t.data.name);
}

/**
 * The promises: Mastodon and Bluesky replies posted exactly once; X and Reddit at most once, the
 * undecidable ones waiting for a person; the outbox drained; every mention stored exactly once.
 * Returns what a failure message needs.
 */
export async function checkPromises(
  db: Database['db'],
  net: Networks,
  published: Set<string>,
): Promise<{ problems: string[]; counts: Record<string, number> }> {
  const problems: string[] = [];
  const counts: Record<string, number> = {};
  const rows = await db.select().from(replies);
  for (const r of rows) {
    counts[`${r.network}:${r.status}`] = (counts[`${r.network}:${r.status}`] ?? 0) + 1;
    const marker = r.body.match(/\[r\d+\]/)?.[0] ?? r.body;
    const posted = brandPostsSaying(net, r.network, marker);
    const exactlyOnce = r.network === 'mastodon' || r.network === 'bluesky';
    if (posted.length > 1) problems.push(`${r.id} (${r.network}) posted ${posted.length} times`);
    if (exactlyOnce && r.status !== 'sent') problems.push(`${r.id} (${r.network}) is ${r.status}`);
    if (!exactlyOnce && r.status !== 'sent' && r.status !== 'needs_verification')
      problems.push(`${r.id} (${r.network}) is ${r.status}`);
    if (r.status === 'sent' && posted[0] !== r.externalId)
      problems.push(
        `${r.id} (${r.network}) records ${r.externalId}, the network has ${posted.join(',') || 'nothing'}`,
      );
  }
  const stored = await db
    .select({ externalId: mentions.externalId, n: sql<number>`count(*)::int` })
    .from(mentions)
    .groupBy(mentions.externalId);
  for (const s of stored) if (s.n !== 1) problems.push(`mention ${s.externalId} stored ${s.n} times`);
  const storedIds = new Set(stored.map((s) => s.externalId));
  for (const id of published) if (!storedIds.has(id)) problems.push(`mention ${id} lost`);
  counts.mentionsStored = storedIds.size;
  counts.mentionsPublished = published.size;
  return { problems, counts };
}
