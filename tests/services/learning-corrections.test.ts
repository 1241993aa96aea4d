import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brandModels, brands, mentions, topics } from '../../src/db/schema';
import { jobs } from '../../src/jobs/schedule';
import { asSystem, type Ctx } from '../../src/services/context';
import { correctClassification } from '../../src/services/inbox/correct-classification';
import { retrainModels } from '../../src/services/learning/retrain-models';
import { retrainTopicModels } from '../../src/services/learning/retrain-topic-models';
import { brandTopicsFor } from '../../src/services/learning/topic-models';
import { storeMentions } from '../../src/services/listening/store-mentions';
import { listMentions } from '../../src/services/reports/list-mentions';
import { updateTopic } from '../../src/services/topics/save-topic';
import { createTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
let advisor: Ctx;
let admin: Ctx;
let seq = 0;
const otherBrand = 'brd_other_for_corrections';

beforeAll(async () => {
  t = await createTestApp();
  const as = async (role: 'advisor' | 'admin') => {
    const user = await t.deps.db.query.users.findFirst({ where: (u, { eq }) => eq(u.role, role) });
    return { ...t.deps, actor: { id: user!.id, name: user!.name, role } };
  };
  advisor = await as('advisor');
  admin = await as('admin');
  await t.deps.db.insert(brands).values({ id: otherBrand, slug: 'other-corr', name: 'Other' });
});
afterAll(async () => {
  await t.close();
});

const classify = async (brandId: string, text: string) =>
  t.deps.classifier.classify({ text, topics: await brandTopicsFor(asSystem(t.deps), brandId) });

/** A customer post stored with the classification the service gives it now; returns its id. */
async function store(brandId: string, text: string): Promise<string> {
  seq += 1;
  const [id] = await storeMentions(
    t.deps.db,
    asSystem(t.deps),
    { brandId, listenerId: null, network: 'demo' },
    [
      {
        fromBrand: false,
        classification: await classify(brandId, text),
        mention: {
          externalId: `lc-${seq}`,
          text,
          url: null,
          createdAt: t.deps.clock.now().toISOString(),
          author: { externalId: `lc-author-${seq}`, handle: `lc${seq}` },
          raw: {},
        },
      },
    ],
  );
  return id!;
}

describe('learning from sentiment and intent corrections', () => {
  it('moves the answer on the corrected kind of text for that brand only, and records the version', async () => {
    // Sarcasm the shipped models read as praise; the brand's advisors know better.
    const probe = 'oh wonderful, the lumo box rebooted itself during the match again, just perfect';
    const before = await classify(t.brandId, probe);
    expect(before.sentiment.label).not.toBe('negative');
    const intentBefore = before.intent.label;
    expect(intentBefore).not.toBe('complaint');

    const texts = [
      'oh wonderful, the lumo box rebooted itself during the film, just perfect',
      'wonderful, my lumo box rebooted itself again tonight, perfect timing',
      'just perfect, the box rebooted itself during the match',
    ];
    for (const text of texts) {
      const id = await store(t.brandId, text);
      await correctClassification(advisor, { mentionId: id, field: 'sentiment', label: 'negative' });
      await correctClassification(advisor, { mentionId: id, field: 'intent', label: 'complaint' });
    }

    t.deps.clock.advance(60_000);
    const trained = await retrainModels(asSystem(t.deps));
    const sentimentVersion = trained.find((m) => m.task === 'sentiment')?.version;
    const intentVersion = trained.find((m) => m.task === 'intent')?.version;
    expect(sentimentVersion).toMatch(/^corr-sentiment-lumo@[0-9a-f]{8}$/);
    expect(intentVersion).toMatch(/^corr-intent-lumo@[0-9a-f]{8}$/);

    const after = await classify(t.brandId, probe);
    expect(after.sentiment.label).toBe('negative');
    expect(after.intent.label).toBe('complaint');
    expect(after.modelVersion).toContain(sentimentVersion);
    expect(after.modelVersion).toContain(intentVersion);

    // Texts unlike the corrections keep the default answer.
    const unrelated = 'thank you so much for the quick help with my invoice, lovely team';
    expect((await classify(t.brandId, unrelated)).sentiment.label).toBe('positive');

    // Another brand knows nothing of it.
    const other = await classify(otherBrand, probe);
    expect(other.sentiment.label).toBe(before.sentiment.label);
    expect(other.intent.label).toBe(intentBefore);
    expect(other.modelVersion).not.toContain('corr-');

    // The stored classification of a new mention carries the version.
    const id = await store(t.brandId, probe);
    const [row] = await t.deps.db
      .select({ classification: mentions.classification })
      .from(mentions)
      .where(eq(mentions.id, id));
    expect(row!.classification).toMatchObject({ sentiment: 'negative', intent: 'complaint' });
    expect(row!.classification!.modelVersion).toContain(sentimentVersion);

    // Nothing new: no new version.
    t.deps.clock.advance(60_000);
    expect(await retrainModels(asSystem(t.deps))).toEqual([]);

    // The scheduled job is this same learning.
    const job = jobs.find((j) => j.name === 'retrain-models');
    expect(job?.description).toMatch(/sentiment and intent/);
  });

  it("retrains a brand's topic model after an admin edits its topics", async () => {
    const id = await store(t.brandId, '@lumo my voucher code is refused at checkout');
    await correctClassification(advisor, { mentionId: id, field: 'topic', label: 'billing' });
    t.deps.clock.advance(60_000);
    const first = await retrainTopicModels(asSystem(t.deps));
    expect(first).toHaveLength(1);
    t.deps.clock.advance(60_000);
    expect(await retrainTopicModels(asSystem(t.deps))).toEqual([]);

    const [billing] = await t.deps.db.select().from(topics).where(eq(topics.key, 'billing'));
    t.deps.clock.advance(60_000);
    await updateTopic(admin, {
      topicId: billing!.id,
      labelEn: billing!.labelEn,
      labelFr: billing!.labelFr,
      examples: [...billing!.examples, 'my gift card balance is wrong'],
      keywords: [...billing!.keywords, 'gift card'],
      needsSpecialist: billing!.needsSpecialist,
      skill: billing!.skill ?? undefined,
    });
    t.deps.clock.advance(60_000);
    const second = await retrainTopicModels(asSystem(t.deps));
    expect(second).toHaveLength(1);
    expect(second[0]!.version).not.toBe(first[0]!.version);
    const models = await t.deps.db.select().from(brandModels).where(eq(brandModels.task, 'topic'));
    expect(models).toHaveLength(2);
  });
});

describe('the labels reports read', () => {
  it('are the classification when stored, and the correction as soon as it is made', async () => {
    const text = 'the delivery of my order is three weeks late, this is unacceptable';
    const id = await store(t.brandId, text);
    const given = await classify(t.brandId, text);
    const labelsOf = async () => {
      const [row] = await t.deps.db
        .select({
          language: mentions.language,
          sentiment: mentions.sentiment,
          intent: mentions.intent,
          topic: mentions.topic,
        })
        .from(mentions)
        .where(eq(mentions.id, id));
      return row;
    };
    expect(await labelsOf()).toEqual({
      language: given.language.label,
      sentiment: given.sentiment.label,
      intent: given.intent.label,
      topic: given.topic.label,
    });

    const corrected = given.sentiment.label === 'positive' ? 'neutral' : 'positive';
    await correctClassification(advisor, { mentionId: id, field: 'sentiment', label: corrected });
    await correctClassification(advisor, { mentionId: id, field: 'language', label: 'fr' });
    expect(await labelsOf()).toMatchObject({ sentiment: corrected, language: 'fr' });
    // What the model said is kept as it said it, for learning and the accuracy report.
    const [kept] = await t.deps.db
      .select({ classification: mentions.classification })
      .from(mentions)
      .where(eq(mentions.id, id));
    expect(kept!.classification).toMatchObject({
      sentiment: given.sentiment.label,
      language: given.language.label,
      modelVersion: given.modelVersion,
    });
    // The drill-down filters on the corrected labels.
    const marketing = { ...advisor, actor: { ...advisor.actor!, role: 'marketing' as const } };
    const listed = await listMentions(marketing, {
      brandId: t.brandId,
      days: 1,
      sentiment: corrected,
      language: 'fr',
    });
    expect(listed.items.map((m) => m.id)).toContain(id);
    const before = await listMentions(marketing, { brandId: t.brandId, days: 1, language: 'en' });
    expect(before.items.map((m) => m.id)).not.toContain(id);
  });
});
