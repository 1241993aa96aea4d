import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mentions } from '../../src/db/schema';
import { asSystem, type Ctx } from '../../src/services/context';
import { correctClassification } from '../../src/services/inbox/correct-classification';
import { brandTopicsFor } from '../../src/services/learning/topic-models';
import { storeMentions } from '../../src/services/listening/store-mentions';
import { createTestApp, type TestApp } from '../helpers/app';

const BASE = 'http://passerelle.test';
type Role = 'advisor' | 'expert' | 'marketing' | 'admin';

describe('classification accuracy page and API', () => {
  let t: TestApp;
  const sessions = {} as Record<Role, { cookie: string; csrf: string }>;
  const tokens = {} as Record<Role, string>;

  beforeAll(async () => {
    t = await createTestApp();
    for (const r of ['advisor', 'expert', 'marketing', 'admin'] as const) {
      sessions[r] = await t.session(r);
      tokens[r] = await t.token(r);
    }
    const user = await t.deps.db.query.users.findFirst({ where: (u, { eq }) => eq(u.role, 'advisor') });
    const advisor: Ctx = { ...t.deps, actor: { id: user!.id, name: user!.name, role: 'advisor' } };
    const text = '@lumo my bill is wrong again this month';
    const [id] = await storeMentions(
      t.deps.db,
      asSystem(t.deps),
      { brandId: t.brandId, listenerId: null, network: 'demo' },
      [
        {
          fromBrand: false,
          classification: t.deps.classifier.classify({
            text,
            topics: await brandTopicsFor(asSystem(t.deps), t.brandId),
          }),
          mention: {
            externalId: 'acc-1',
            text,
            url: null,
            createdAt: t.deps.clock.now().toISOString(),
            author: { externalId: 'acc-a', handle: 'acc' },
            raw: {},
          },
        },
      ],
    );
    const [m] = await t.deps.db.select().from(mentions).where(eq(mentions.id, id!));
    expect(m).toBeDefined();
    await correctClassification(advisor, { mentionId: id!, field: 'sentiment', label: 'positive' });
  });
  afterAll(async () => {
    await t.close();
  });

  const get = (path: string, who: Role, lang = 'en') =>
    t.app.request(`${BASE}${path}`, {
      headers: { accept: 'text/html', cookie: `${sessions[who].cookie}; passerelle_lang=${lang}` },
    });

  it('shows the report to marketing and admins, in both languages, with its definition', async () => {
    for (const role of ['marketing', 'admin'] as const) {
      const res = await get('/reports/accuracy', role);
      expect(res.status, role).toBe(200);
    }
    const en = await (await get('/reports/accuracy', 'marketing')).text();
    expect(en).toContain('Classifier accuracy');
    expect(en).toContain('counts as reviewed when an advisor corrected');
    expect(en).toMatch(
      /id="accuracy-total"><th scope="row">Whole period, every version<\/th><td><\/td><td class="num">1<\/td>/,
    );
    expect(en).toContain('Sentiment: correct');
    const fr = await (await get('/reports/accuracy', 'marketing', 'fr')).text();
    expect(fr).toContain('Justesse du classifieur');
    expect(fr).toContain('compte comme relue');
    // The reports page links here for those who may read it, not for advisors.
    expect(await (await get('/reports', 'marketing')).text()).toContain('href="/reports/accuracy"');
    expect(await (await get('/reports', 'advisor')).text()).not.toContain('href="/reports/accuracy"');
  });

  it('refuses advisors and experts, on the page and the API', async () => {
    for (const role of ['advisor', 'expert'] as const) {
      expect((await get('/reports/accuracy', role)).status, role).toBe(403);
      const api = await t.app.request(`${BASE}/api/reports/classification-accuracy`, {
        headers: { authorization: `Bearer ${tokens[role]}` },
      });
      expect(api.status, role).toBe(403);
    }
  });

  it('answers the API with the figures, and says what is wrong with a bad range', async () => {
    const res = await t.app.request(`${BASE}/api/reports/classification-accuracy?brandId=${t.brandId}`, {
      headers: { authorization: `Bearer ${tokens.marketing}` },
    });
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as {
      data: { total: { reviewed: number; correct: Record<string, number> }; by: string };
    };
    expect(data.total).toEqual({ reviewed: 1, correct: { intent: 1, sentiment: 0, topic: 1 } });
    expect(data.by).toBe('week');
    const bad = await t.app.request(
      `${BASE}/api/reports/classification-accuracy?from=2026-12-01&to=2026-11-01`,
      {
        headers: { authorization: `Bearer ${tokens.admin}` },
      },
    );
    expect(bad.status).toBe(400);
    const page = await (await get('/reports/accuracy?from=2026-12-01&to=2026-11-01', 'admin', 'fr')).text();
    expect(page).toContain('ne doit pas être après le dernier jour');
  });
});
