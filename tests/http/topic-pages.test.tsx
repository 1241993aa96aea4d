import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, topics } from '../../src/db/schema';
import { asSystem } from '../../src/services/context';
import { brandTopicsFor } from '../../src/services/learning/topic-models';
import { createTestApp, type TestApp } from '../helpers/app';
import { roleClients } from './role-clients';

/** The brand's topics, edited by the admin in pages and through the API, reach the classifier. */
describe('topics of a brand', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const { get, post, api } = roleClients(() => t);
  const topicByKey = async (key: string) =>
    (await t.deps.db.select().from(topics).where(eq(topics.key, key)))[0];

  it('lists the brand topics to the admin in both languages', async () => {
    const en = await (await get(`/admin/topics?brand=${t.brandId}`)).text();
    expect(en).toContain('Add a topic');
    expect(en).toContain('topic-billing');
    const fr = await (await get(`/admin/topics?brand=${t.brandId}`, 'admin', 'fr')).text();
    expect(fr).toContain('Ajouter un sujet');
  });

  it('refuses the pages and the API to advisors, experts and marketing', async () => {
    const topic = await topicByKey('billing');
    for (const role of ['advisor', 'expert', 'marketing'] as const) {
      for (const path of [
        '/admin/topics',
        `/admin/topics/new?brand=${t.brandId}`,
        `/admin/topics/${topic!.id}/edit`,
      ]) {
        expect((await get(path, role)).status, `${role} ${path}`).toBe(403);
      }
      const created = await post(
        `/admin/topics?brand=${t.brandId}`,
        { key: `sneaky-${role}`, labelEn: 'x', labelFr: 'x', keywords: 'x' },
        role,
      );
      expect(created.status, role).toBe(403);
      expect((await post(`/admin/topics/${topic!.id}/archive`, { archived: 'true' }, role)).status).toBe(403);
      expect((await api('GET', `/admin/brands/${t.brandId}/topics`, role)).status, role).toBe(403);
      const viaApi = await api('POST', `/admin/brands/${t.brandId}/topics`, role, {
        key: `sneaky-api-${role}`,
        labelEn: 'x',
        labelFr: 'x',
        keywords: ['x'],
      });
      expect(viaApi.status, role).toBe(403);
      expect((await api('POST', `/admin/topics/${topic!.id}/archive`, role, {})).status).toBe(403);
    }
    expect(await topicByKey('sneaky-advisor')).toBeUndefined();
    expect(await topicByKey('sneaky-api-marketing')).toBeUndefined();
    expect((await topicByKey('billing'))!.archivedAt).toBeNull();
  });

  it('shows each field problem on the form, in English and in French', async () => {
    const bad = {
      key: 'Bad Key!',
      labelEn: '',
      labelFr: 'Colis',
      examples: '',
      keywords: '',
      needsSpecialist: 'on',
    };
    const en = await post(`/admin/topics?brand=${t.brandId}`, bad);
    expect(en.status).toBe(400);
    const enHtml = await en.text();
    expect(enHtml).toContain('use lower-case letters, digits, - and _ only');
    expect(enHtml).toContain('give at least one example or keyword');
    expect(enHtml).toContain('a topic for specialists needs the skill that answers it');
    expect(enHtml).toContain('is required');
    expect(enHtml).toContain('value="Colis"');
    const fr = await post(`/admin/topics?brand=${t.brandId}`, bad, 'admin', 'fr');
    const frHtml = await fr.text();
    expect(frHtml).toContain('uniquement des minuscules, des chiffres, - et _');
    expect(frHtml).toContain('donnez au moins un exemple ou un mot-clé');
    expect(frHtml).toContain('un sujet pour spécialistes a besoin de la compétence qui y répond');

    const taken = await post(`/admin/topics?brand=${t.brandId}`, {
      key: 'billing',
      labelEn: 'Billing again',
      labelFr: 'Facturation encore',
      keywords: 'invoice',
    });
    expect(taken.status).toBe(400);
    expect(await taken.text()).toContain('another topic of this brand has this key');
  });

  it('creates, edits, archives and restores a topic; each change reaches the next classification', async () => {
    const classify = async (text: string) =>
      t.deps.classifier.classify({ text, topics: await brandTopicsFor(asSystem(t.deps), t.brandId) });
    const probe = 'my loyalty points vanished from my card, can you check?';
    expect((await classify(probe)).topic.label).not.toBe('loyalty');

    const created = await post(`/admin/topics?brand=${t.brandId}`, {
      key: 'loyalty',
      labelEn: 'Loyalty card',
      labelFr: 'Carte de fidélité',
      examples: 'where are my loyalty points\nmes points de fidélité ont disparu',
      keywords: 'loyalty\nfidélité',
      needsSpecialist: 'on',
      skill: 'loyalty-team',
    });
    expect(created.status).toBe(303);
    expect(created.headers.get('location')).toContain('done=topic_created');
    const row = await topicByKey('loyalty');
    expect(row).toMatchObject({
      needsSpecialist: true,
      skill: 'loyalty-team',
      keywords: ['loyalty', 'fidélité'],
    });
    expect(t.deps.nudges).toContain('retrain-models');
    const withTopic = await classify(probe);
    expect(withTopic.topic.label).toBe('loyalty');

    // An edited keyword takes effect on the next classification, without a restart.
    const rewards = 'how do I spend my stamps on the rewards scheme?';
    expect((await classify(rewards)).topic.label).not.toBe('loyalty');
    t.deps.clock.advance(1000);
    const edited = await post(`/admin/topics/${row!.id}`, {
      labelEn: 'Loyalty card',
      labelFr: 'Carte de fidélité',
      examples: 'where are my loyalty points\nmes points de fidélité ont disparu\nhow do I spend my stamps',
      keywords: 'loyalty\nfidélité\nrewards scheme\nstamps',
      skill: '',
    });
    expect(edited.status).toBe(303);
    expect(await topicByKey('loyalty')).toMatchObject({ needsSpecialist: false, skill: null });
    const afterEdit = await classify(rewards);
    expect(afterEdit.topic.label).toBe('loyalty');
    expect(afterEdit.needsSpecialist).toBe(false);

    const editPage = await (await get(`/admin/topics/${row!.id}/edit`, 'admin', 'fr')).text();
    expect(editPage).toContain('Modifier le sujet « loyalty »');
    expect(editPage).toContain('rewards scheme');

    t.deps.clock.advance(1000);
    const archived = await post(`/admin/topics/${row!.id}/archive`, { archived: 'true' });
    expect(archived.status).toBe(303);
    expect((await classify(probe)).topic.label).not.toBe('loyalty');
    const list = await (await get(`/admin/topics?brand=${t.brandId}`)).text();
    expect(list).not.toContain('topic-loyalty');
    const withArchived = await (await get(`/admin/topics?brand=${t.brandId}&archived=1`)).text();
    expect(withArchived).toContain('topic-loyalty');

    t.deps.clock.advance(1000);
    expect((await post(`/admin/topics/${row!.id}/archive`, { archived: 'false' })).status).toBe(303);
    expect((await classify(probe)).topic.label).toBe('loyalty');
    const actions = (await t.deps.db.select().from(auditLog).where(eq(auditLog.entityId, row!.id))).map(
      (a) => a.action,
    );
    expect(actions.sort()).toEqual(['topic.archived', 'topic.created', 'topic.restored', 'topic.updated']);
  });

  it('offers the same through the JSON API, with field errors', async () => {
    const bad = await api('POST', `/admin/brands/${t.brandId}/topics`, 'admin', {
      key: 'none',
      labelEn: 'x',
    });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.message).toContain('key: is reserved by the classifier');
    expect(body.error.message).toContain('labelFr');

    const created = await api('POST', `/admin/brands/${t.brandId}/topics`, 'admin', {
      key: 'stores',
      labelEn: 'Shops',
      labelFr: 'Magasins',
      examples: ['what time does the shop open', 'horaires du magasin'],
      keywords: ['opening hours'],
    });
    expect(created.status).toBe(201);
    const { data } = (await created.json()) as { data: { id: string; key: string } };
    expect(data.key).toBe('stores');
    const updated = await api('POST', `/admin/topics/${data.id}`, 'admin', {
      labelEn: 'Shops and hours',
      labelFr: 'Magasins et horaires',
      examples: ['what time does the shop open'],
      keywords: [],
    });
    expect(updated.status).toBe(200);
    const one = (await (await api('GET', `/admin/topics/${data.id}`, 'admin')).json()) as {
      data: { labelEn: string };
    };
    expect(one.data.labelEn).toBe('Shops and hours');
    expect((await api('POST', `/admin/topics/${data.id}/archive`, 'admin', {})).status).toBe(200);
    const listed = (await (await api('GET', `/admin/brands/${t.brandId}/topics`, 'admin')).json()) as {
      data: { topics: { key: string }[] };
    };
    expect(listed.data.topics.map((x) => x.key)).not.toContain('stores');
    expect((await api('GET', '/admin/brands/brd_nope/topics', 'admin')).status).toBe(404);
  });
});
