import { rmSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, describe, expect, it } from 'vitest';
import { migrationsFolder } from '../../src/db/migrations-folder';
import { migrationsUpTo } from './migrations-up-to';

describe('upgrading a database to labels on the mention rows', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('moves each latest classification onto its mention, with the labels readers saw after corrections', async () => {
    const client = new PGlite();
    const db = drizzle(client);
    const before = migrationsUpTo('0002_bridge-ingest-reports');
    dirs.push(before);
    await migrate(db, { migrationsFolder: before });
    await client.exec(`
      insert into brands (id, slug, name) values ('b1', 'acme', 'Acme');
      insert into authors (id, network, external_id, handle) values ('a1', 'x', 'a1', 'ann');
      insert into mentions (id, brand_id, network, external_id, author_id, text, language,
          thread_root_external_id, raw, posted_at, from_brand)
        values ('m1', 'b1', 'x', 'm1', 'a1', 'my bill is wrong', 'en', 'm1', '{}', now(), false),
               ('m2', 'b1', 'x', 'm2', 'a1', 'merci', 'fr', 'm2', '{}', now(), false),
               ('m3', 'b1', 'x', 'm3', 'a1', 'our answer', 'en', 'm1', '{}', now(), true);
      insert into classifications (id, mention_id, language, language_score, sentiment, sentiment_score,
          intent, intent_score, topic, topic_score, needs_specialist, priority, model_version, created_at)
        values ('c1', 'm1', 'en', 1, 'neutral', 0.2, 'other', 1, 'none', 1, 'no', 0, 'v1', now() - interval '1 hour'),
               ('c2', 'm1', 'en', 1, 'negative', 0.9, 'complaint', 1, 'billing', 1, 'no', 0, 'v2', now()),
               ('c3', 'm2', 'fr', 1, 'positive', 0.8, 'praise', 1, 'none', 1, 'no', 0, 'v2', now());
      insert into classification_corrections (id, brand_id, mention_id, field, from_label, to_label, model_version)
        values ('k1', 'b1', 'm1', 'topic', 'billing', 'delivery', 'v2'),
               ('k2', 'b1', 'm2', 'language', 'fr', 'en', 'v2');
    `);

    await migrate(db, { migrationsFolder });

    const { rows } = await client.query(
      'select id, language, sentiment, sentiment_score, intent, topic, classified_at, classification from mentions order by id',
    );
    expect(rows).toEqual([
      {
        id: 'm1',
        language: 'en',
        sentiment: 'negative',
        sentiment_score: expect.closeTo(0.9, 5),
        intent: 'complaint',
        topic: 'delivery',
        classified_at: expect.any(Date),
        // What the model said, uncorrected, from its latest classification.
        classification: expect.objectContaining({
          sentiment: 'negative',
          topic: 'billing',
          modelVersion: 'v2',
          needsSpecialist: 'no',
        }),
      },
      {
        id: 'm2',
        language: 'en',
        sentiment: 'positive',
        sentiment_score: expect.closeTo(0.8, 5),
        intent: 'praise',
        topic: 'none',
        classified_at: expect.any(Date),
        classification: expect.objectContaining({ language: 'fr', sentiment: 'positive' }),
      },
      // The brand's own post was never classified: it stays out of the labelled mentions.
      {
        id: 'm3',
        language: 'en',
        sentiment: null,
        sentiment_score: null,
        intent: null,
        topic: null,
        classified_at: null,
        classification: null,
      },
    ]);
    const { rows: tables } = await client.query("select to_regclass('classifications') as t");
    expect(tables).toEqual([{ t: null }]);
    await client.close();
  });
});
