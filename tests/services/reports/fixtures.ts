import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../src/db/client';
import {
  authors,
  brands,
  cases,
  classificationCorrections,
  listeners,
  type ModelClassification,
  mentions,
} from '../../../src/db/schema';

let seq = 0;
/** Labels are written in order, as ingest writes them: each one a second after the last. */
let labelledAt = Date.parse('2026-06-01T00:00:00Z');
export function nextLabelTime(): string {
  labelledAt += 1000;
  return new Date(labelledAt).toISOString();
}
const next = (p: string) => `${p}_${++seq}`;

/** Hand-made report data: each helper writes exactly the rows a test names, nothing else. */
export async function makeBrand(db: Db, opts: { timezone?: string; id?: string } = {}) {
  const id = opts.id ?? next('brand');
  await db.insert(brands).values({ id, slug: id, name: `Brand ${id}`, timezone: opts.timezone ?? 'UTC' });
  return id;
}

export async function makeAuthor(db: Db, opts: { followers?: number; handle?: string } = {}) {
  const id = next('author');
  await db.insert(authors).values({
    id,
    network: 'x',
    externalId: id,
    handle: opts.handle ?? id,
    followers: opts.followers ?? 10,
  });
  return id;
}

export async function makeListener(db: Db, brandId: string, opts: { competitor?: string | null } = {}) {
  const id = next('lst');
  await db.insert(listeners).values({
    id,
    brandId,
    network: 'x',
    kind: 'keyword',
    query: id,
    competitor: opts.competitor ?? null,
  });
  return id;
}

export interface MentionSpec {
  brandId: string;
  at: string;
  sentiment?: 'negative' | 'neutral' | 'positive';
  network?: 'x' | 'mastodon' | 'bluesky' | 'reddit' | 'rss' | 'hackernews' | 'demo';
  language?: string;
  topic?: string;
  intent?: 'question' | 'complaint' | 'praise' | 'other' | 'spam';
  text?: string;
  authorId?: string;
  listenerId?: string | null;
  caseId?: string | null;
  classifiedAt?: string;
}

type Sentiment = ModelClassification['sentiment'];

/** The classification a test mention was given, sure of every label. */
function modelSaid(
  language: string,
  sentiment: Sentiment,
  intent: ModelClassification['intent'],
  topic: string,
): ModelClassification {
  return {
    language,
    languageScore: 1,
    sentiment,
    sentimentScore: 0.5,
    intent,
    intentScore: 1,
    topic,
    topicScore: 1,
    needsSpecialist: 'no',
    priority: 0,
    modelVersion: 'test',
  };
}

export async function makeMention(db: Db, s: MentionSpec) {
  const id = next('men');
  const authorId = s.authorId ?? (await makeAuthor(db));
  const sentiment = s.sentiment ?? 'neutral';
  const intent = s.intent ?? 'other';
  const topic = s.topic ?? 'none';
  await db.insert(mentions).values({
    id,
    brandId: s.brandId,
    listenerId: s.listenerId ?? null,
    network: s.network ?? 'x',
    externalId: id,
    authorId,
    caseId: s.caseId ?? null,
    text: s.text ?? `mention ${id}`,
    language: s.language ?? 'en',
    sentiment,
    sentimentScore: 0.5,
    intent,
    topic,
    classification: modelSaid(s.language ?? 'en', sentiment, intent, topic),
    classifiedAt: new Date(s.classifiedAt ?? nextLabelTime()),
    threadRootExternalId: id,
    raw: {},
    postedAt: new Date(s.at),
  });
  return id;
}

export async function makeMentions(db: Db, n: number, s: MentionSpec) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push(await makeMention(db, s));
  return ids;
}

export async function correct(
  db: Db,
  brandId: string,
  mentionId: string,
  field: 'sentiment' | 'topic',
  to: string,
  at: string,
) {
  await db
    .insert(classificationCorrections)
    .values({
      id: next('cor'),
      brandId,
      mentionId,
      field,
      fromLabel: '?',
      toLabel: to,
      modelVersion: 'test',
      createdAt: new Date(at),
    })
    .onConflictDoUpdate({
      target: [classificationCorrections.mentionId, classificationCorrections.field],
      set: { toLabel: to, createdAt: new Date(at) },
    });
  // As correctClassification does: the mention row carries the label reports read.
  await db
    .update(mentions)
    .set({ [field]: to })
    .where(eq(mentions.id, mentionId));
}

export async function makeCase(
  db: Db,
  brandId: string,
  opts: {
    at: string;
    topic?: string;
    network?: 'x' | 'mastodon';
    intent?: string;
    closedAt?: string;
    status?: 'new' | 'closed' | 'answered';
  },
) {
  const id = next('case');
  const authorId = await makeAuthor(db);
  await db.insert(cases).values({
    id,
    brandId,
    network: opts.network ?? 'x',
    threadRootExternalId: id,
    authorId,
    status: opts.status ?? 'new',
    topic: opts.topic ?? 'none',
    intent: opts.intent ?? 'question',
    lastMentionAt: new Date(opts.at),
    closedAt: opts.closedAt ? new Date(opts.closedAt) : null,
    createdAt: new Date(opts.at),
    updatedAt: new Date(opts.at),
  });
  return id;
}

export async function rollupRows(db: Db, brandId: string, dim: string) {
  const result = (await db.execute(
    sql`select value, bucket, sentiment, mentions from mention_rollups where brand_id = ${brandId} and dim = ${dim} order by bucket, value, sentiment`,
  )) as unknown;
  const rows = Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
  return (rows as { value: string; bucket: Date | string; sentiment: string; mentions: number }[]).map(
    (r) => ({
      value: r.value,
      bucket: new Date(r.bucket).toISOString(),
      sentiment: r.sentiment,
      mentions: Number(r.mentions),
    }),
  );
}

/** Many mentions at one instant in two statements, for baselines of weeks. */
export async function makeBulk(
  db: Db,
  brandId: string,
  at: string,
  n: number,
  opts: { sentiment?: Sentiment; topic?: string } = {},
) {
  if (n === 0) return;
  const tag = next('bulk');
  const authorId = await makeAuthor(db);
  const sentiment = opts.sentiment ?? 'neutral';
  const topic = opts.topic ?? 'none';
  const classification = JSON.stringify(modelSaid('en', sentiment, 'other', topic));
  await db.execute(sql`insert into mentions (id, brand_id, network, external_id, author_id, text, language,
      sentiment, sentiment_score, intent, topic, classification, classified_at, thread_root_external_id, raw, posted_at)
    select ${tag} || '_' || i, ${brandId}, 'x', ${tag} || '_' || i, ${authorId}, 'bulk', 'en',
      ${sentiment}, 0.5, 'other', ${topic}, ${classification}::jsonb, ${nextLabelTime()}::timestamptz,
      ${tag} || '_' || i, '{}', ${at}::timestamptz
    from generate_series(1, ${n}) i`);
}
