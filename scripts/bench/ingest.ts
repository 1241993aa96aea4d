/**
 * Ingest throughput: mentions polled from a local mock network (HTTP on 127.0.0.1), validated,
 * classified and stored (authors, mentions with their labels, cases, audit, cursor) per second, on
 * PGlite and on PostgreSQL; beside it, in the same run and on the same database, the raw rate of a
 * multi-row insert of the same rows (authors then mentions, 1,000 rows per statement and commit).
 *   npx tsx scripts/bench/ingest.ts        BENCH_MENTIONS=20000 BENCH_PG=postgres://postgres@127.0.0.1:5432/test
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { count, eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { createModelClassifier } from '../../src/classify';
import { loadDefaultModels } from '../../src/classify/models-node';
import { recordset } from '../../src/db/bulk';
import { type Database, queryRows } from '../../src/db/client';
import { migratePostgres } from '../../src/db/migrate-postgres';
import { openPglite } from '../../src/db/pglite';
import { connectPostgres } from '../../src/db/postgres';
import { authors, brands, listeners, type ModelClassification, mentions } from '../../src/db/schema';
import { connectorFactory } from '../../src/entry/connectors';
import { systemClock } from '../../src/lib/clock';
import { randomId, randomToken } from '../../src/lib/ids';
import { silentLogger } from '../../src/lib/logger';
import { createSecretBox } from '../../src/lib/secret-box';
import { createHttpNotifier } from '../../src/notify/notifier';
import { asSystem, type ServiceDeps } from '../../src/services/context';
import { createTopicModelRegistry } from '../../src/services/learning/topic-models';
import { pollDueListeners } from '../../src/services/listening/poll-due-listeners';
import { benchPosts, startBenchNetwork } from './ingest-mock';

const N = Number(process.env.BENCH_MENTIONS ?? 20_000);
const AUTHORS = Math.max(1, Math.floor(N / 10));
const PG_URL = process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const CHUNK = 1_000;
/** Listeners of the bench brand, polled by the poll job as in production: each sees its share. */
const LISTENERS = Number(process.env.BENCH_LISTENERS ?? 4);
/** `pglite`, `postgres` or both (default): one database alone when profiling. */
const ONLY = process.env.BENCH_DB ?? 'both';

interface Figures {
  label: string;
  ingestPerSecond: number;
  /** CPU milliseconds per 1,000 mentions ingested, this process plus its PostgreSQL backends: */
  /** unlike the rates, barely moved by other load on the machine. */
  cpuPerThousand: number;
  /** The faster of the two raw inserts. */
  rawPerSecond: number;
  rawDrizzle: number;
  rawJson: number;
  seconds: number;
  polls: number;
}

async function main() {
  console.log(
    `ingest bench: ${N} mentions, ${AUTHORS} authors, ${LISTENERS} listeners; ${cpus().length} cores, load ${loadavg()[0]?.toFixed(2)}`,
  );
  const posts = benchPosts(N, AUTHORS);
  const network = await startBenchNetwork(posts, LISTENERS);
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
    '\n| database | ingest (polled, classified, stored) | raw insert, Drizzle values | raw insert, one JSON parameter | ingest / faster raw | polls | CPU ms per 1,000 |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    console.log(
      `| ${r.label} | ${fmt(r.ingestPerSecond)} mentions/s (${r.seconds.toFixed(2)} s) | ${fmt(r.rawDrizzle)} rows/s | ${fmt(r.rawJson)} rows/s | ${(r.ingestPerSecond / r.rawPerSecond).toFixed(2)} | ${r.polls} | ${fmt(r.cpuPerThousand)} |`,
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
  await db.insert(listeners).values(
    Array.from({ length: LISTENERS }, (_, i) => ({
      id: `lis_${randomToken(6)}`,
      brandId,
      network: 'demo' as const,
      kind: 'keyword' as const,
      query: `bench-${i}`,
      intervalSeconds: 60,
    })),
  );
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

  const cpuBefore = await cpuMs(database);
  const started = performance.now();
  let stored = 0;
  let polls = 0;
  // The poll job's own loop: every listener once per run, until none finds anything new.
  for (;;) {
    const outcomes = await pollDueListeners(ctx, { force: true, limit: LISTENERS });
    polls += outcomes.length;
    const failed = outcomes.find((o) => !o.ok);
    if (failed) throw new Error(`poll failed: ${failed.error}`);
    stored += outcomes.reduce((n, o) => n + o.stored, 0);
    if (outcomes.every((o) => o.fetched === 0)) break;
  }
  const seconds = (performance.now() - started) / 1000;
  const cpuPerThousand = ((await cpuMs(database)) - cpuBefore) / (posts.length / 1000);
  const [row] = await db.select({ n: count() }).from(mentions).where(eq(mentions.brandId, brandId));
  if (stored !== posts.length || row?.n !== posts.length) {
    throw new Error(`${label}: stored ${stored} (rows ${row?.n}), expected ${posts.length}`);
  }

  const rawDrizzle = await rawInsertRate(database, posts, 'drizzle');
  const rawJson = await rawInsertRate(database, posts, 'json');
  const rawPerSecond = Math.max(rawDrizzle, rawJson);
  const figures = {
    label,
    cpuPerThousand,
    ingestPerSecond: posts.length / seconds,
    rawPerSecond,
    rawDrizzle,
    rawJson,
    seconds,
    polls,
  };
  console.log(
    `${label}: ingest ${fmt(figures.ingestPerSecond)} mentions/s in ${polls} polls, ${fmt(cpuPerThousand)} ms of CPU per 1,000 (this process and its PostgreSQL backends); raw insert ${fmt(rawDrizzle)} rows/s (Drizzle values), ${fmt(rawJson)} rows/s (one JSON parameter)`,
  );
  return figures;
}

type RawWay = 'drizzle' | 'json';

/** The raw rows carry a classification of the size ingest writes. */
const RAW_CLASSIFICATION: ModelClassification = {
  language: 'en',
  languageScore: 0.97,
  sentiment: 'neutral',
  sentimentScore: 0.61,
  intent: 'question',
  intentScore: 0.83,
  topic: 'none',
  topicScore: 0.42,
  needsSpecialist: 'no',
  priority: 40,
  modelVersion: 'models-2026-11-22+rules-1',
};

/**
 * The same authors and mention rows, inserted as plainly as PostgreSQL allows: the ceiling. Two
 * ways, 1,000 rows per statement: Drizzle's multi-row values(), and the one-JSON-parameter
 * statement ingest itself uses (src/db/bulk.ts), so speeding ingest with a technique speeds its
 * yardstick too. The goal compares ingest with the faster of the two.
 */
async function rawInsertRate(
  database: Database,
  posts: ReturnType<typeof benchPosts>,
  way: RawWay,
): Promise<number> {
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
    if (way === 'drizzle') await db.insert(authors).values(part).onConflictDoNothing();
    else
      await db.execute(
        sql`insert into authors (id, network, external_id, handle, display_name, followers)
          select x.id, x.network, x.external_id, x.handle, x.display_name, x.followers
          from ${recordset(
            part.map((a) => ({
              id: a.id,
              network: a.network,
              external_id: a.externalId,
              handle: a.handle,
              display_name: a.displayName,
              followers: a.followers,
            })),
            'id text, network text, external_id text, handle text, display_name text, followers integer',
          )}
          on conflict do nothing`,
      );
  }
  for (let i = 0; i < posts.length; i += CHUNK) {
    const rows = posts.slice(i, i + CHUNK).map((p) => ({
      id: `men_raw_${brandId}_${p.id}`,
      brandId,
      network: 'demo' as const,
      externalId: p.id,
      authorId: authorIds.get(p.author.id)!,
      text: p.text,
      url: null,
      language: p.lang,
      sentiment: 'neutral' as const,
      sentimentScore: 0.5,
      intent: 'question' as const,
      topic: 'none',
      classification: RAW_CLASSIFICATION,
      classifiedAt: now,
      inReplyToExternalId: p.inReplyTo,
      threadRootExternalId: p.threadRoot,
      fromBrand: false,
      raw: p,
      postedAt: new Date(p.createdAt),
      receivedAt: now,
    }));
    if (way === 'drizzle') await db.insert(mentions).values(rows).onConflictDoNothing();
    else
      await db.execute(
        sql`insert into mentions (id, brand_id, network, external_id, author_id, text, url, language,
            sentiment, sentiment_score, intent, topic, classification, classified_at, in_reply_to_external_id,
            thread_root_external_id, from_brand, raw, posted_at, received_at)
          select x.id, x.brand_id, x.network, x.external_id, x.author_id, x.text, x.url, x.language,
            x.sentiment, x.sentiment_score, x.intent, x.topic, x.classification, x.classified_at, x.in_reply_to, x.thread_root, x.from_brand, x.raw, x.posted_at, x.received_at
          from ${recordset(
            rows.map((r) => ({
              id: r.id,
              brand_id: r.brandId,
              network: r.network,
              external_id: r.externalId,
              author_id: r.authorId,
              text: r.text,
              url: r.url,
              language: r.language,
              sentiment: r.sentiment,
              sentiment_score: r.sentimentScore,
              intent: r.intent,
              topic: r.topic,
              classification: r.classification,
              classified_at: r.classifiedAt,
              in_reply_to: r.inReplyToExternalId,
              thread_root: r.threadRootExternalId,
              from_brand: r.fromBrand,
              raw: r.raw,
              posted_at: r.postedAt,
              received_at: r.receivedAt,
            })),
            'id text, brand_id text, network text, external_id text, author_id text, text text, url text, language text, sentiment text, sentiment_score real, intent text, topic text, classification jsonb, classified_at timestamptz, in_reply_to text, thread_root text, from_brand boolean, raw jsonb, posted_at timestamptz, received_at timestamptz',
          )}
          on conflict do nothing`,
      );
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

/**
 * CPU time used so far by this process and, on a local PostgreSQL, by the server processes of this
 * database's connections (read from /proc; 0 for them where that is not readable).
 */
async function cpuMs(database: Database): Promise<number> {
  const own = process.cpuUsage();
  let server = 0;
  if (database.kind === 'postgres') {
    const rows = await queryRows<{ pid: number }>(
      database.db,
      sql`select pid from pg_stat_activity where datname = current_database()`,
    );
    for (const { pid } of rows) {
      try {
        // Fields 14 and 15 (utime, stime) in clock ticks, after the parenthesised command name.
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        server += ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
      } catch {
        // Not on this machine, or gone: counted as nothing.
      }
    }
  }
  return (own.user + own.system) / 1000 + server;
}

/** USER_HZ: 100 on every Linux a bench runs on. */
const TICKS_PER_SECOND = 100;

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
