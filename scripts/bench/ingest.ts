/**
 * Ingest throughput: mentions polled from a local mock network (HTTP on 127.0.0.1), validated,
 * classified and stored (authors, mentions, cases, classifications, audit, cursor) per second, on
 * PGlite and on PostgreSQL; beside it, in the same run and on the same database, the raw rate of a
 * multi-row insert of the same rows (authors then mentions, 1,000 rows per statement and commit).
 *   npx tsx scripts/bench/ingest.ts        BENCH_MENTIONS=20000 BENCH_PG=postgres://postgres@127.0.0.1:5432/test
 */
import { cpus, loadavg } from 'node:os';
import { count, eq } from 'drizzle-orm';
import postgres from 'postgres';
import { createModelClassifier } from '../../src/classify';
import { loadDefaultModels } from '../../src/classify/models-node';
import type { Database } from '../../src/db/client';
import { migratePostgres } from '../../src/db/migrate-postgres';
import { openPglite } from '../../src/db/pglite';
import { connectPostgres } from '../../src/db/postgres';
import { authors, brands, listeners, mentions } from '../../src/db/schema';
import { connectorFactory } from '../../src/entry/connectors';
import { systemClock } from '../../src/lib/clock';
import { randomId, randomToken } from '../../src/lib/ids';
import { silentLogger } from '../../src/lib/logger';
import { createSecretBox } from '../../src/lib/secret-box';
import { createHttpNotifier } from '../../src/notify/notifier';
import { asSystem, type ServiceDeps } from '../../src/services/context';
import { createTopicModelRegistry } from '../../src/services/learning/topic-models';
import { pollListener } from '../../src/services/listening/poll-listener';
import { benchPosts, startBenchNetwork } from './ingest-mock';

const N = Number(process.env.BENCH_MENTIONS ?? 20_000);
const AUTHORS = Math.max(1, Math.floor(N / 10));
const PG_URL = process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const CHUNK = 1_000;
/** `pglite`, `postgres` or both (default): one database alone when profiling. */
const ONLY = process.env.BENCH_DB ?? 'both';

interface Figures {
  label: string;
  ingestPerSecond: number;
  rawPerSecond: number;
  seconds: number;
  polls: number;
}

async function main() {
  console.log(
    `ingest bench: ${N} mentions, ${AUTHORS} authors; ${cpus().length} cores, load ${loadavg()[0]?.toFixed(2)}`,
  );
  const posts = benchPosts(N, AUTHORS);
  const network = await startBenchNetwork(posts);
  const models = loadDefaultModels();

  const classifyOnly = classifierRate(
    models,
    posts.map((p) => p.text),
  );
  console.log(`classification alone (same texts, this process): ${fmt(classifyOnly)} mentions/s`);

  const results: Figures[] = [];
  if (ONLY !== 'postgres') {
    const pglite = await openPglite(null);
    try {
      results.push(await measure('PGlite (in memory)', pglite, network.baseUrl, models, posts));
    } finally {
      await pglite.close();
    }
  }

  const scratch = ONLY === 'pglite' ? null : await scratchPostgres(PG_URL);
  if (scratch) {
    try {
      results.push(await measure('PostgreSQL (127.0.0.1)', scratch.database, network.baseUrl, models, posts));
    } finally {
      await scratch.drop();
    }
  } else if (ONLY !== 'pglite') {
    console.log(`PostgreSQL not reachable at ${PG_URL}: skipped`);
  }
  await network.close();

  console.log(
    '\n| database | ingest (polled, classified, stored) | raw multi-row insert | ingest / raw | polls |',
  );
  console.log('|---|---|---|---|---|');
  for (const r of results) {
    console.log(
      `| ${r.label} | ${fmt(r.ingestPerSecond)} mentions/s (${r.seconds.toFixed(2)} s) | ${fmt(r.rawPerSecond)} rows/s | ${(r.ingestPerSecond / r.rawPerSecond).toFixed(2)} | ${r.polls} |`,
    );
  }
  const pg = results.find((r) => r.label.startsWith('PostgreSQL'));
  if (pg) {
    const okRate = pg.ingestPerSecond >= 10_000;
    const okRatio = pg.ingestPerSecond >= pg.rawPerSecond / 4;
    console.log(
      `goal on PostgreSQL: >= 10,000 mentions/s ${okRate ? 'met' : 'NOT met'}; >= a quarter of the raw insert rate ${okRatio ? 'met' : 'NOT met'}`,
    );
  }
}

async function measure(
  label: string,
  database: Database,
  baseUrl: string,
  models: ReturnType<typeof loadDefaultModels>,
  posts: ReturnType<typeof benchPosts>,
): Promise<Figures> {
  const { db } = database;
  const brandId = `brand_${randomToken(6)}`;
  await db.insert(brands).values({ id: brandId, slug: brandId, name: 'Bench', defaultLanguage: 'en' });
  const listenerId = `lis_${randomToken(6)}`;
  await db.insert(listeners).values({
    id: listenerId,
    brandId,
    network: 'demo',
    kind: 'keyword',
    query: 'bench',
    intervalSeconds: 60,
  });
  const topicModels = createTopicModelRegistry();
  const deps: ServiceDeps = {
    db,
    clock: systemClock,
    ids: randomId,
    logger: silentLogger,
    classifier: createModelClassifier(models, { topicModelFor: (list) => topicModels.forList(list) }),
    topicModels,
    connectors: connectorFactory({ fetch, demoBaseUrl: baseUrl, userAgent: 'Passerelle/bench' }),
    notifier: createHttpNotifier({ fetch }),
    secrets: await createSecretBox(crypto.getRandomValues(new Uint8Array(32))),
    nudge: () => {},
    publicUrl: 'http://127.0.0.1',
  };
  const ctx = asSystem(deps);

  const started = performance.now();
  let stored = 0;
  let polls = 0;
  for (;;) {
    const outcome = await pollListener(ctx, listenerId);
    polls += 1;
    if (!outcome.ok) throw new Error(`poll failed: ${outcome.error}`);
    stored += outcome.stored;
    if (outcome.fetched === 0) break;
  }
  const seconds = (performance.now() - started) / 1000;
  const [row] = await db.select({ n: count() }).from(mentions).where(eq(mentions.brandId, brandId));
  if (stored !== posts.length || row?.n !== posts.length) {
    throw new Error(`${label}: stored ${stored} (rows ${row?.n}), expected ${posts.length}`);
  }

  const rawPerSecond = await rawInsertRate(database, posts);
  const figures = { label, ingestPerSecond: posts.length / seconds, rawPerSecond, seconds, polls };
  console.log(
    `${label}: ingest ${fmt(figures.ingestPerSecond)} mentions/s in ${polls} polls; raw insert ${fmt(rawPerSecond)} rows/s`,
  );
  return figures;
}

/** The same authors and mention rows, inserted as plainly as PostgreSQL allows: the ceiling. */
async function rawInsertRate(database: Database, posts: ReturnType<typeof benchPosts>): Promise<number> {
  const { db } = database;
  const brandId = `brand_${randomToken(6)}`;
  await db.insert(brands).values({ id: brandId, slug: brandId, name: 'Raw', defaultLanguage: 'en' });
  const now = new Date();
  const started = performance.now();
  const authorIds = new Map<string, string>();
  const people = [...new Map(posts.map((p) => [p.author.id, p.author])).values()];
  for (let i = 0; i < people.length; i += CHUNK) {
    const part = people.slice(i, i + CHUNK).map((a) => ({
      id: `aut_raw_${brandId}_${a.id}`,
      network: 'demo' as const,
      externalId: `${brandId}:${a.id}`,
      handle: a.handle,
      displayName: a.name,
      followers: a.followers,
    }));
    for (const a of part) authorIds.set(a.externalId.split(':')[1]!, a.id);
    await db.insert(authors).values(part).onConflictDoNothing();
  }
  for (let i = 0; i < posts.length; i += CHUNK) {
    await db
      .insert(mentions)
      .values(
        posts.slice(i, i + CHUNK).map((p) => ({
          id: `men_raw_${brandId}_${p.id}`,
          brandId,
          network: 'demo' as const,
          externalId: p.id,
          authorId: authorIds.get(p.author.id)!,
          text: p.text,
          url: null,
          language: p.lang,
          inReplyToExternalId: p.inReplyTo,
          threadRootExternalId: p.threadRoot,
          fromBrand: false,
          raw: p,
          postedAt: new Date(p.createdAt),
          receivedAt: now,
        })),
      )
      .onConflictDoNothing();
  }
  return posts.length / ((performance.now() - started) / 1000);
}

function classifierRate(models: ReturnType<typeof loadDefaultModels>, texts: string[]): number {
  const topicModels = createTopicModelRegistry();
  const classifier = createModelClassifier(models, { topicModelFor: (list) => topicModels.forList(list) });
  for (const text of texts.slice(0, 500)) classifier.classify({ text, topics: [] });
  const started = performance.now();
  for (const text of texts) classifier.classify({ text, topics: [] });
  return texts.length / ((performance.now() - started) / 1000);
}

async function scratchPostgres(
  url: string,
): Promise<{ database: Database; drop: () => Promise<void> } | null> {
  const name = `passerelle_bench_${randomToken(8).toLowerCase()}`;
  const admin = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 3 });
  try {
    await admin.unsafe(`create database ${name}`);
  } catch {
    await admin.end().catch(() => {});
    return null;
  }
  await admin.end();
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  await migratePostgres(dbUrl.toString());
  const database = connectPostgres(dbUrl.toString(), { max: 5 });
  return {
    database,
    drop: async () => {
      await database.close();
      const cleanup = postgres(url, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
