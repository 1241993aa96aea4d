import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brands, topics } from '../../src/db/schema';
import { asSystem, type Ctx } from '../../src/services/context';
import { correctClassification } from '../../src/services/inbox/correct-classification';
import { retrainTopicModels } from '../../src/services/learning/retrain-topic-models';
import { brandTopicsFor } from '../../src/services/learning/topic-models';
import { storeMentions } from '../../src/services/listening/store-mentions';
import { createTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
let advisor: Ctx;
const otherBrand = 'brd_other_for_learning';

beforeAll(async () => {
  t = await createTestApp();
  const user = await t.deps.db.query.users.findFirst({ where: (u, { eq }) => eq(u.role, 'advisor') });
  advisor = { ...t.deps, actor: { id: user!.id, name: user!.name, role: 'advisor' } };
  await t.deps.db.insert(brands).values({ id: otherBrand, slug: 'other', name: 'Other' });
  await t.deps.db.insert(topics).values({
    id: 'top_other_gifts',
    brandId: otherBrand,
    key: 'gifts',
    labelEn: 'Gifts',
    labelFr: 'Cadeaux',
    keywords: ['gift', 'present'],
    examples: ['is this a good gift', 'gift wrapping please'],
  });
});
afterAll(async () => {
  await t.close();
});

const classify = async (brandId: string, text: string) =>
  t.deps.classifier.classify({ text, topics: await brandTopicsFor(asSystem(t.deps), brandId) });

describe('learning from advisors', () => {
  it("changes the next model version's answer on the corrected kind of text, for that brand only", async () => {
    const probe = 'hello, my voucher was refused, what should I do?';
    const before = await classify(t.brandId, probe);
    expect(before.topic.label).not.toBe('delivery');

    // Advisors say voucher questions belong to the delivery team (the shop's checkout desk).
    const texts = [
      '@lumo my voucher code does not work',
      '@lumo voucher refused when I pay, why?',
      '@lumo is the welcome voucher still valid?',
      '@lumo where do I type the voucher code',
      '@lumo my voucher is refused again',
      'voucher not accepted @lumo, what do I do?',
      '@lumo the voucher you sent me is refused',
      '@lumo can I use two vouchers on one order?',
    ];
    for (const [i, text] of texts.entries()) {
      const ids = await storeMentions(
        t.deps.db,
        asSystem(t.deps),
        { brandId: t.brandId, listenerId: null, network: 'demo' },
        [
          {
            fromBrand: false,
            classification: await classify(t.brandId, text),
            mention: {
              externalId: `voucher-${i}`,
              text,
              url: null,
              createdAt: t.deps.clock.now().toISOString(),
              author: { externalId: `cust-${i}`, handle: `cust${i}` },
              raw: {},
            },
          },
        ],
      );
      await correctClassification(advisor, { mentionId: ids[0], field: 'topic', label: 'delivery' });
    }

    t.deps.clock.advance(60_000);
    const trained = await retrainTopicModels(asSystem(t.deps));
    expect(trained).toEqual([{ brandId: t.brandId, version: expect.stringMatching(/^topic-lumo@/) }]);
    const version = trained[0]!.version;

    const after = await classify(t.brandId, probe);
    expect(after.topic.label).toBe('delivery');
    expect(after.modelVersion).toContain(version);

    // Another brand's classification knows nothing of it.
    const other = await classify(otherBrand, probe);
    expect(other.modelVersion).not.toContain(version);
    expect(other.topic.label).not.toBe('delivery');

    // Nothing new to learn: no new version.
    t.deps.clock.advance(60_000);
    expect(await retrainTopicModels(asSystem(t.deps))).toEqual([]);
    const models = await t.deps.db.query.brandModels.findMany();
    expect(models).toEqual([
      expect.objectContaining({ brandId: t.brandId, task: 'topic', version, corrections: 8 }),
    ]);
  });
});
