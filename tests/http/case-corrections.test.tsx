import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, classificationCorrections, mentions } from '../../src/db/schema';
import { asSystem } from '../../src/services/context';
import { brandTopicsFor } from '../../src/services/learning/topic-models';
import { storeMentions } from '../../src/services/listening/store-mentions';
import { createTestApp, type TestApp } from '../helpers/app';

const BASE = 'http://passerelle.test';
type Role = 'advisor' | 'expert' | 'marketing' | 'admin';

/** One click per label on the case page: the advisor's correction is stored, shown and attributed. */
describe('correcting labels on the case page', () => {
  let t: TestApp;
  let seq = 0;
  const sessions = {} as Record<Role, { cookie: string; csrf: string }>;

  beforeAll(async () => {
    t = await createTestApp();
    for (const r of ['advisor', 'expert', 'marketing', 'admin'] as const) sessions[r] = await t.session(r);
  });
  afterAll(async () => {
    await t.close();
  });

  const get = (path: string, who: Role, lang = 'en') =>
    t.app.request(`${BASE}${path}`, {
      headers: { accept: 'text/html', cookie: `${sessions[who].cookie}; passerelle_lang=${lang}` },
    });
  const post = (path: string, form: Record<string, string>, who: Role) =>
    t.app.request(`${BASE}${path}`, {
      method: 'POST',
      headers: {
        accept: 'text/html',
        origin: BASE,
        cookie: sessions[who].cookie,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ _csrf: sessions[who].csrf, ...form }).toString(),
    });

  async function customerCase(text: string, topic?: string): Promise<{ caseId: string; mentionId: string }> {
    seq += 1;
    const classified = t.deps.classifier.classify({
      text,
      topics: await brandTopicsFor(asSystem(t.deps), t.brandId),
    });
    const classification = topic
      ? { ...classified, topic: { ...classified.topic, label: topic } }
      : classified;
    const [mentionId] = await storeMentions(
      t.deps.db,
      asSystem(t.deps),
      { brandId: t.brandId, listenerId: null, network: 'demo' },
      [
        {
          fromBrand: false,
          classification,
          mention: {
            externalId: `correct-${seq}`,
            text,
            url: null,
            createdAt: t.deps.clock.now().toISOString(),
            author: { externalId: `corr-${seq}`, handle: `corr${seq}` },
            raw: {},
          },
        },
      ],
    );
    const [m] = await t.deps.db.select().from(mentions).where(eq(mentions.id, mentionId!));
    return { caseId: m!.caseId!, mentionId: mentionId! };
  }

  it('shows each label with its score and a form to correct it, in both languages', async () => {
    const { caseId } = await customerCase('@lumo thanks a lot, the new router works perfectly!');
    const en = await (await get(`/cases/${caseId}`, 'advisor')).text();
    expect(en).toContain('id="labels"');
    for (const f of ['intent', 'sentiment', 'topic', 'language']) {
      expect(en).toContain(`name="field" value="${f}"`);
    }
    expect(en).toMatch(/\d+(\.\d+)?\s?% sure/);
    const fr = await (await get(`/cases/${caseId}`, 'advisor', 'fr')).text();
    expect(fr).toContain('Étiquettes');
    expect(fr).toContain('Corriger');
  });

  it('does not show an unsure topic as if the first topic were chosen', async () => {
    const { caseId } = await customerCase('@lumo hmm, what about that thing?', 'unsure');
    const html = await (await get(`/cases/${caseId}`, 'advisor')).text();
    const select = /<select id="correct-topic"[\s\S]*?<\/select>/.exec(html)?.[0] ?? '';
    const selected = [...select.matchAll(/<option[^>]*selected[^>]*>([^<]*)</g)].map((m) => m[1]);
    expect(selected).toHaveLength(1);
    expect(select).toMatch(/<option value="" selected="" disabled="">/);
  });

  it('stores the correction, shows the corrected label and who corrected it', async () => {
    const { caseId, mentionId } = await customerCase('@lumo great, my internet is down again. Brilliant.');
    const res = await post(
      `/cases/${caseId}/correct`,
      { mentionId, field: 'sentiment', label: 'negative' },
      'advisor',
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/cases/${caseId}?done=corrected#labels`);
    await post(`/cases/${caseId}/correct`, { mentionId, field: 'intent', label: 'complaint' }, 'advisor');
    const [row] = await t.deps.db
      .select()
      .from(classificationCorrections)
      .where(eq(classificationCorrections.mentionId, mentionId));
    expect(row).toBeDefined();
    const [kase] = await t.deps.db.select().from(cases).where(eq(cases.id, caseId));
    expect(kase).toMatchObject({ sentiment: 'negative', intent: 'complaint' });

    const html = await (await get(`/cases/${caseId}?done=corrected`, 'advisor')).text();
    expect(html).toContain('the correction is saved');
    const sentiment =
      /<dd data-field="sentiment"><strong>([^<]+)<\/strong> <span class="small muted">([^<]+)</.exec(html);
    expect(sentiment?.[1]).toBe('Negative');
    expect(sentiment?.[2]).toMatch(/^corrected by .+ \(was (Positive|Neutral|Negative)\)$/);
    // The classification panel beside it leaves the labels to this one: no second, stale sentiment.
    const classification = /<h2 id="class-h">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    expect(classification).toContain('Priority');
    expect(classification).not.toContain('Sentiment');
    const fr = await (await get(`/cases/${caseId}`, 'advisor', 'fr')).text();
    expect(fr).toMatch(/corrigé par .+ \(était/);
  });

  it('refuses corrections to experts and marketing, and a label that does not exist', async () => {
    const { caseId, mentionId } = await customerCase('@lumo where is my parcel?');
    for (const role of ['expert', 'marketing'] as const) {
      const res = await post(`/cases/${caseId}/correct`, { mentionId, field: 'intent', label: 'spam' }, role);
      expect(res.status, role).toBe(403);
    }
    const bad = await post(
      `/cases/${caseId}/correct`,
      { mentionId, field: 'topic', label: 'nonsense' },
      'admin',
    );
    expect(bad.status).toBe(400);
    const stored = await t.deps.db
      .select()
      .from(classificationCorrections)
      .where(eq(classificationCorrections.mentionId, mentionId));
    expect(stored).toEqual([]);
    // An admin may correct too.
    const ok = await post(
      `/cases/${caseId}/correct`,
      { mentionId, field: 'topic', label: 'delivery' },
      'admin',
    );
    expect(ok.status).toBe(303);
  });
});
