/**
 * Reports benchmark: one million mentions over a year on PostgreSQL, rollups built, each report
 * timed over 90 days from the rollups and from the raw table. Runnable alone
 * (`npx tsx scripts/bench-reports.ts [--mentions N]`, a smaller N while developing) or as a part of
 * `npm run bench` through `benchReports()`.
 * Needs PostgreSQL at BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test); it
 * creates a scratch database and drops it at the end.
 */
import postgres from 'postgres';
import { migratePostgres } from '../src/db/migrate-postgres';
import { connectPostgres } from '../src/db/postgres';
import { manualClock } from '../src/lib/clock';
import { randomId, randomToken } from '../src/lib/ids';
import { silentLogger } from '../src/lib/logger';
import type { Ctx } from '../src/services/context';
import { careReport } from '../src/services/reports/care-report';
import { listMentions } from '../src/services/reports/list-mentions';
import { rebuildAllRollups, refreshRollups } from '../src/services/reports/refresh-rollups';
import type { Source } from '../src/services/reports/sentiment-counts';
import { sentimentReport } from '../src/services/reports/sentiment-report';
import { shareOfVoice } from '../src/services/reports/share-of-voice';
import { topicsReport } from '../src/services/reports/topics-report';
import { volumeReport } from '../src/services/reports/volume-report';

export interface BenchRow {
  report: string;
  rollupMs: number;
  rawMs: number | null;
}

const phrases = [
  'my refund is late again',
  'la livraison est en retard',
  'love the new app update',
  'the app crashes at login',
  'colis perdu depuis une semaine',
  'great service, thank you',
  'facture incorrecte ce mois-ci',
  'cannot reset my password',
  'application très lente ce matin',
  'delivery driver was very kind',
];

async function timed(fn: () => Promise<unknown>, runs = 3): Promise<number> {
  await fn(); // warm the cache and the plan: the figure is a warm report, as a reader opening it twice
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    best = Math.min(best, performance.now() - t);
  }
  return Math.round(best * 10) / 10;
}

export async function benchReports(
  opts: { url?: string; mentions?: number; log?: (s: string) => void; keep?: boolean } = {},
) {
  const url = opts.url ?? process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const total = opts.mentions ?? 1_000_000;
  const log = opts.log ?? ((s: string) => console.log(s));
  const name = `passerelle_bench_${randomToken(8).toLowerCase()}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  const database = connectPostgres(dbUrl.toString(), { max: 4 });
  const sqlc = postgres(dbUrl.toString(), { max: 1, onnotice: () => {} });
  try {
    await migratePostgres(dbUrl.toString());
    const end = Date.parse('2026-11-20T00:00:00Z');
    const start = end - 365 * 86_400_000;
    let t = performance.now();
    await sqlc.unsafe(
      `insert into brands (id, slug, name, timezone) values ('b1', 'b1', 'Bench', 'Europe/Paris')`,
    );
    await sqlc.unsafe(`insert into listeners (id, brand_id, network, kind, query, competitor)
      values ('l1','b1','x','keyword','us',null), ('l2','b1','reddit','keyword','us',null),
             ('l3','b1','x','keyword','rival a','Rival A'), ('l4','b1','mastodon','keyword','rival b','Rival B')`);
    await sqlc.unsafe(`insert into authors (id, network, external_id, handle, followers)
      select 'a' || i, 'x', 'a' || i, 'user' || i, (random() * random() * 200000)::int from generate_series(1, 100000) i`);
    // The classification the model gave, built from a generated row `g`.
    const modelSaid = `jsonb_build_object('language', g.language, 'languageScore', 0.9, 'sentiment', g.sentiment,
      'sentimentScore', 0.7, 'intent', g.intent, 'intentScore', 0.8, 'topic', g.topic, 'topicScore', 0.6,
      'needsSpecialist', 'no', 'priority', 0, 'modelVersion', 'bench')`;
    const phraseArray = `array[${phrases.map((p) => `'${p.replace(/'/g, "''")}'`).join(',')}]`;
    // Posting times follow a daily and weekly rhythm (more by day and on weekdays) over the year.
    // Labels on the mention row as ingest writes them; what the model said is the same here.
    await sqlc.unsafe(`insert into mentions (id, brand_id, listener_id, network, external_id, author_id, text, language,
        sentiment, sentiment_score, intent, topic, classification, classified_at, thread_root_external_id, raw,
        posted_at, case_id)
      select g.id, 'b1', g.listener_id, g.network, g.id, g.author_id, g.text, g.language, g.sentiment, 0.7, g.intent,
        g.topic, ${modelSaid}, g.posted_at + interval '1 minute', g.id, '{}'::jsonb, g.posted_at, null
      from (
        select 'm' || i as id, (array['l1','l2','l3','l4',null])[1 + (i % 5)] as listener_id,
          (array['x','reddit','mastodon','bluesky','rss','hackernews'])[1 + (i % 6)] as network,
          'a' || (1 + (i::bigint * 7919) % 100000) as author_id,
          (${phraseArray})[1 + (i * 31) % ${phrases.length}] || ' #' || (i % 97) as text,
          case when i % 3 = 0 then 'fr' else 'en' end as language,
          (array['negative','neutral','positive','neutral','negative'])[1 + (hashtext('m' || i) & 1023) % 5] as sentiment,
          (array['question','complaint','praise','other','other'])[1 + (hashtext('m' || i) & 2047) % 5] as intent,
          (array['billing','delivery','technical','account','general','none'])[1 + (hashtext('m' || i) & 4095) % 6] as topic,
          to_timestamp(${start / 1000} + (i::double precision / ${total}) * ${(end - start) / 1000} + (random() * 3600)) as posted_at
        from generate_series(1, ${total}) i
      ) g`);

    await sqlc.unsafe(`insert into cases (id, brand_id, network, thread_root_external_id, author_id, status, topic, intent,
        sentiment, language, last_mention_at, created_at, updated_at, answered_at, closed_at)
      select 'k' || i, 'b1', 'x', 'k' || i, 'a' || (1 + i % 100000),
        case when i % 10 = 0 then 'open' else 'closed' end,
        (array['billing','delivery','technical','account','general'])[1 + i % 5], 'question', 'negative', 'en',
        to_timestamp(${start / 1000} + (i::double precision / 100000) * ${(end - start) / 1000}),
        to_timestamp(${start / 1000} + (i::double precision / 100000) * ${(end - start) / 1000}), now(),
        case when i % 10 = 0 then null else to_timestamp(${start / 1000} + (i::double precision / 100000) * ${(end - start) / 1000}) + (i % 48) * interval '1 hour' end,
        null
      from generate_series(1, 100000) i`);
    await sqlc.unsafe(`insert into replies (id, case_id, in_reply_to_mention_id, network, body, status, idempotency_key, sent_at)
      select 'r' || i, 'k' || i, 'm' || (1 + i % ${total}), 'x', 'hello', 'sent', 'r' || i,
        (select created_at from cases where id = 'k' || i) + (i % 300) * interval '1 minute'
      from generate_series(1, 100000) i where i % 10 <> 0`);
    await sqlc.unsafe(`insert into escalations (id, case_id, skill, language, status, routing_reason, created_at, answered_at)
      select 'e' || i, 'k' || i, 'billing', 'en', 'answered', 'bench', c.created_at, c.created_at + (i % 30) * interval '1 hour'
      from generate_series(1, 100000, 7) i join cases c on c.id = 'k' || i`);
    await sqlc.unsafe('analyze');
    log(`data: ${total} mentions, 100000 cases, 100000 authors in ${Math.round(performance.now() - t)} ms`);

    const clock = manualClock(new Date(end - 3_600_000));
    const ctx = {
      db: database.db,
      clock,
      ids: randomId,
      logger: silentLogger,
      publicUrl: 'http://bench.local',
      nudge: () => {},
      actor: { id: 'bench', name: 'Bench', role: 'marketing' },
    } as unknown as Ctx;
    t = performance.now();
    const built = await rebuildAllRollups(ctx);
    await sqlc.unsafe('analyze mention_rollups');
    await sqlc.unsafe('analyze mention_rollups_quarter');
    await sqlc.unsafe('analyze term_rollups');
    const count = async (table: string) =>
      Number(
        ((await sqlc.unsafe(`select count(*)::int as n from ${table}`)) as unknown as [{ n: number }])[0].n,
      );
    log(
      `rollups: ${await count('mention_rollups')} hourly rows, ${await count('mention_rollups_quarter')} quarter-hour rows, ${await count('term_rollups')} term rows for ${built.hours} hour rebuilds in ${Math.round(performance.now() - t)} ms`,
    );

    const q = { brandId: 'b1', days: 90 };
    const reports: [string, (source: Source) => Promise<unknown>, boolean][] = [
      ['sentiment per day', (source) => sentimentReport(ctx, q, { source }), true],
      [
        'sentiment per hour',
        (source) => sentimentReport(ctx, { ...q, granularity: 'hour' }, { source }),
        true,
      ],
      [
        'sentiment per week, one topic',
        (source) => sentimentReport(ctx, { ...q, granularity: 'week', topic: 'billing' }, { source }),
        true,
      ],
      [
        'sentiment per day, Asia/Kolkata (+5:30)',
        (source) => sentimentReport(ctx, { ...q, tz: 'Asia/Kolkata' }, { source }),
        true,
      ],
      [
        'sentiment per hour, Asia/Kathmandu (+5:45)',
        (source) => sentimentReport(ctx, { ...q, tz: 'Asia/Kathmandu', granularity: 'hour' }, { source }),
        true,
      ],
      [
        'sentiment per day, network + topic',
        (source) => sentimentReport(ctx, { ...q, network: 'x', topic: 'billing' }, { source }),
        true,
      ],
      [
        'sentiment per day, language + topic, Kolkata',
        (source) =>
          sentimentReport(ctx, { ...q, language: 'fr', topic: 'billing', tz: 'Asia/Kolkata' }, { source }),
        true,
      ],
      [
        'sentiment per day, network + language + topic',
        (source) =>
          sentimentReport(ctx, { ...q, network: 'x', language: 'fr', topic: 'billing' }, { source }),
        true,
      ],
      [
        'sentiment per day, language + topic + intent',
        (source) =>
          sentimentReport(ctx, { ...q, language: 'fr', topic: 'billing', intent: 'question' }, { source }),
        true,
      ],
      [
        'sentiment per day, network + language + intent',
        (source) =>
          sentimentReport(ctx, { ...q, network: 'reddit', language: 'fr', intent: 'question' }, { source }),
        true,
      ],
      [
        'sentiment per day, language + intent + listener',
        (source) =>
          sentimentReport(ctx, { ...q, language: 'fr', intent: 'question', listenerId: 'l1' }, { source }),
        true,
      ],
      ['volume (mentions, cases, top authors)', (source) => volumeReport(ctx, q, { source }), true],
      ['volume, one network', (source) => volumeReport(ctx, { ...q, network: 'reddit' }, { source }), true],
      ['topics and rising terms (all mentions)', (source) => topicsReport(ctx, q, { source }), true],
      [
        'topics and rising terms, Asia/Kolkata',
        (source) => topicsReport(ctx, { ...q, tz: 'Asia/Kolkata' }, { source }),
        true,
      ],
      ['share of voice', (source) => shareOfVoice(ctx, q, { source }), true],
      [
        'share of voice, one network',
        (source) => shareOfVoice(ctx, { ...q, network: 'x' }, { source }),
        true,
      ],
      ['care performance', () => careReport(ctx, q), false],
      [
        'drill-down: first page of mentions',
        () => listMentions(ctx, { ...q, topic: 'billing', sentiment: 'negative' }),
        false,
      ],
    ];
    const rows: BenchRow[] = [];
    for (const [report, run, hasRaw] of reports) {
      const rollupMs = await timed(() => run('rollup'));
      const rawMs = hasRaw ? await timed(() => run('raw'), 1) : null;
      rows.push({ report, rollupMs, rawMs });
      log(
        `${report.padEnd(40)} ${String(rollupMs).padStart(8)} ms   raw table: ${rawMs === null ? '(no rollup: same query)' : `${rawMs} ms`}`,
      );
    }
    // The job's steady state: one more hour of mentions (the data's hourly rate) labelled since the
    // last run; the run rebuilds that hour (every dimension, pair and quarter) and that UTC day's terms.
    const perHour = Math.max(1, Math.round(total / 8760));
    await sqlc.unsafe(`insert into mentions (id, brand_id, listener_id, network, external_id, author_id, text, language,
        sentiment, sentiment_score, intent, topic, classification, classified_at, thread_root_external_id, raw, posted_at)
      select g.id, 'b1', 'l1', 'x', g.id, 'a1', g.text, g.language, g.sentiment, 0.7, g.intent, g.topic, ${modelSaid},
        now(), g.id, '{}'::jsonb, g.posted_at
      from (
        select 'n' || i as id, (${phraseArray})[1 + i % ${phrases.length}] as text, 'en' as language,
          'neutral' as sentiment, 'other' as intent, 'billing' as topic,
          to_timestamp(${(end - 1_800_000) / 1000} + i) as posted_at
        from generate_series(1, ${perHour}) i
      ) g`);
    t = performance.now();
    const step = await refreshRollups(ctx);
    log(
      `incremental rollup run: ${perHour} new mentions, ${step.hours} hour rebuilt, ${step.rows} rows, ${Math.round(performance.now() - t)} ms`,
    );
    return rows;
  } finally {
    await sqlc.end();
    await database.close();
    if (opts.keep) log(`kept database ${name}`);
    else await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const at = process.argv.indexOf('--mentions');
  const mentions = at > 0 ? Number(process.argv[at + 1]) : undefined;
  benchReports({ mentions, keep: process.argv.includes('--keep') }).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
