import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSystem } from '../../src/services/context';
import { composeDemoPost } from '../../src/services/demo/compose-demo-post';
import { pollDueListeners } from '../../src/services/listening/poll-due-listeners';
import { createTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
let advisor: string;
let marketing: string;

beforeAll(async () => {
  t = await createTestApp();
  advisor = await t.token('advisor');
  marketing = await t.token('marketing');
});
afterAll(async () => {
  await t.close();
});

async function call(token: string, path: string, body: unknown) {
  const res = await t.app.request(`http://passerelle.test/api${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as any };
}

describe('POST /api/classify', () => {
  it('classifies one text with every field', async () => {
    const res = await call(marketing, '/classify', {
      text: "@lumo mon hub est hors ligne depuis la mise à jour, vous pouvez m'aider ?",
      brandId: t.brandId,
    });
    expect(res.status).toBe(200);
    expect(res.json.data).toMatchObject({
      language: { label: 'fr' },
      intent: { label: 'question' },
      topic: { label: 'technical' },
      needsSpecialist: true,
      modelVersion: expect.any(String),
      priority: expect.any(Number),
    });
  });

  it('classifies a batch in order, including empty and very long texts', async () => {
    const res = await call(advisor, '/classify', { texts: ['Great app, love it!', '', 'x'.repeat(100_000)] });
    expect(res.status).toBe(200);
    expect(res.json.data).toHaveLength(3);
    expect(res.json.data[0].sentiment.label).toBe('positive');
    expect(res.json.data[2].topic.label).toBe('unsure');
  });

  it('says what is wrong with a bad request', async () => {
    const both = await call(advisor, '/classify', { text: 'a', texts: ['b'] });
    expect(both.status).toBe(400);
    expect(both.json.error.issues[0]).toEqual({ field: 'text', message: 'send either `text` or `texts`' });
    const tooLong = await call(advisor, '/classify', { text: 'x'.repeat(100_001) });
    expect(tooLong.status).toBe(400);
  });
});

describe('correcting a classification', () => {
  it('stores the correction with the model version and updates the case at once', async () => {
    await composeDemoPost(asSystem(t.deps), {
      handle: 'corr_test',
      text: '@lumo my lamp keeps blinking after the update',
    });
    await pollDueListeners(asSystem(t.deps), { force: true });
    const mention = await t.deps.db.query.mentions.findFirst({
      where: (m, { like }) => like(m.text, '%keeps blinking%'),
    });
    const res = await call(advisor, `/mentions/${mention!.id}/correct`, {
      field: 'topic',
      label: 'technical',
    });
    expect(res.status).toBe(200);
    expect(res.json.data).toMatchObject({ field: 'topic', to: 'technical' });
    const c = await t.deps.db.query.cases.findFirst({ where: (x, { eq }) => eq(x.id, mention!.caseId!) });
    expect(c).toMatchObject({ topic: 'technical', needsSpecialist: 'yes' });
    const stored = await t.deps.db.query.classificationCorrections.findMany();
    expect(stored).toEqual([
      expect.objectContaining({ toLabel: 'technical', modelVersion: expect.any(String) }),
    ]);

    const bad = await call(advisor, `/mentions/${mention!.id}/correct`, {
      field: 'topic',
      label: 'astrology',
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues[0].message).toMatch(/must be one of .*billing.*none/);
    expect(
      (await call(marketing, `/mentions/${mention!.id}/correct`, { field: 'intent', label: 'spam' })).status,
    ).toBe(403);
  });
});
