import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, replies } from '../../src/db/schema';
import { createUser } from '../../src/services/users/create-user';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../helpers/app';
import { actorCtx, customerPost } from '../services/inbox/fixtures';

const BASE = 'http://passerelle.test';

describe('inbox pages', () => {
  let t: TestApp;
  type S = { cookie: string; csrf: string; userId: string };
  let advisor: S;
  let second: S;

  beforeAll(async () => {
    t = await createTestApp();
    await createUser(await actorCtx(t, 'admin'), {
      email: 'second@lumo.demo',
      name: 'Basile Second',
      role: 'advisor',
      password: DEMO_PASSWORD,
    });
    advisor = await t.session('advisor');
    second = await t.session('second@lumo.demo');
  });
  afterAll(async () => {
    await t.close();
  });

  const get = (path: string, s?: S, headers: Record<string, string> = {}) =>
    t.app.request(`${BASE}${path}`, {
      headers: { accept: 'text/html', ...(s ? { cookie: s.cookie } : {}), ...headers },
    });
  const post = (path: string, form: Record<string, string | string[]>, s?: S) => {
    const body = new URLSearchParams();
    for (const [k, val] of Object.entries({ ...form, ...(s ? { _csrf: s.csrf } : {}) })) {
      for (const one of Array.isArray(val) ? val : [val]) body.append(k, one);
    }
    return t.app.request(`${BASE}${path}`, {
      method: 'POST',
      headers: {
        accept: 'text/html',
        origin: BASE,
        'content-type': 'application/x-www-form-urlencoded',
        ...(s ? { cookie: s.cookie } : {}),
      },
      body: body.toString(),
    });
  };
  const caseStatus = async (id: string) => (await t.deps.db.select().from(cases).where(eq(cases.id, id)))[0]!;

  it('filters from the query string, so a view is a link', async () => {
    const angry = await customerPost(t, '@lumo worst service ever, my lamp broke and nobody answers!', {
      handle: 'angry_ann',
    });
    const happy = await customerPost(t, '@lumo I love my new lamp, thank you so much, great work!', {
      handle: 'happy_hal',
    });
    const res = await get('/inbox?sentiment=negative&sort=age', advisor);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('@angry_ann');
    expect(html).not.toContain('@happy_hal');
    expect(html).toContain(`data-case="${angry.caseId}"`);
    // The SLA column is there, with states from the demo's policies.
    expect(html).toMatch(/On time|Due soon|Breached/);
    const fr = await get('/inbox?sentiment=positive&lang=fr', advisor, {
      cookie: `${advisor.cookie}; passerelle_lang=fr`,
    });
    expect(fr.status).toBe(200);
    expect(happy.caseId).toBeTruthy();
  });

  it('saves a view with its filters and shows its count', async () => {
    const saved = await post('/inbox/views', { name: 'Negative', f_sentiment: 'negative' }, advisor);
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toContain('sentiment=negative');
    const html = await (await get('/inbox', advisor)).text();
    expect(html).toMatch(/href="\/inbox\?sentiment=negative">Negative <span class="badge">\d+<\/span>/);
    // Another advisor does not see it.
    expect(await (await get('/inbox', second)).text()).not.toContain('>Negative <');
    const again = await post('/inbox/views', { name: 'Negative', f_sentiment: 'negative' }, advisor);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('You already have a view with this name.');
  });

  it('bulk actions report the cases they could not change', async () => {
    const a = await customerPost(t, '@lumo cheap followers www.spam.example');
    const held = await customerPost(t, '@lumo my parcel is late', { handle: 'late_lou' });
    await post(`/cases/${held.caseId}/claim`, {}, second);
    const res = await post('/inbox/bulk', { action: 'spam', caseIds: [a.caseId, held.caseId] }, advisor);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('1 cases updated.');
    expect(html).toContain('1 cases were left as they were:');
    expect(html).toContain('is held by another advisor');
    expect((await caseStatus(a.caseId)).status).toBe('ignored');
    expect((await caseStatus(held.caseId)).status).toBe('open');
    const none = await post('/inbox/bulk', { action: 'ignore' }, advisor);
    expect(none.status).toBe(400);
  });

  it('streams an event after a claim', async () => {
    const { caseId } = await customerPost(t, '@lumo quick question about colours');
    const marker = await get('/inbox/events?since=0', advisor, { accept: 'text/event-stream' });
    expect(marker.headers.get('content-type')).toContain('text/event-stream');
    await marker.body?.cancel();
    // Resume from the latest event id, then claim: the stream's first inbox event is that claim.
    const { latestEventId } = await import('../../src/services/inbox/inbox-events');
    const since = await latestEventId(await actorCtx(t, 'advisor'));
    await post(`/cases/${caseId}/claim`, {}, advisor);
    const res = await get('/inbox/events', advisor, {
      accept: 'text/event-stream',
      'last-event-id': String(since),
    });
    const reader = res.body!.getReader();
    let text = '';
    while (!text.includes('event: inbox')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    await reader.cancel();
    expect(text).toContain('event: inbox');
    expect(text).toContain(`"caseId":"${caseId}"`);
    expect(text).toContain('"action":"case.claimed"');
  });

  it('warns the second advisor and refuses a double reply, in their language', async () => {
    const { caseId } = await customerPost(t, '@lumo does the lamp work with a dimmer?', {
      handle: 'dimmer_dan',
    });
    const first = await (await get(`/cases/${caseId}`, advisor)).text();
    const seen = /name="seen_version" value="(\d+)"/.exec(first)?.[1];
    expect(seen).toBeTruthy();
    const secondPage = await (
      await get(`/cases/${caseId}`, second, { cookie: `${second.cookie}; passerelle_lang=fr` })
    ).text();
    expect(secondPage).toContain('Camille Advisor');
    const seen2 = /name="seen_version" value="(\d+)"/.exec(secondPage)?.[1];
    // The first advisor answers.
    const sent = await post(
      `/cases/${caseId}/reply`,
      { body: 'Hi @dimmer_dan, yes it does!', seen_version: seen! },
      advisor,
    );
    expect(sent.status).toBe(303);
    // Release the case so only the version check stands between the second advisor and a double reply.
    await t.deps.db.update(cases).set({ assigneeId: null }).where(eq(cases.id, caseId));
    const res = await post(
      `/cases/${caseId}/reply`,
      { body: 'Bonjour @dimmer_dan, oui !', seen_version: seen2! },
      { ...second, cookie: `${second.cookie}; passerelle_lang=fr` },
    );
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toMatch(
      /Quelqu’un a répondu ou le client a réécrit|Someone replied or the customer wrote again/,
    );
    // The page the second advisor gets back shows the first reply on its way, not a second composer.
    expect(html).toContain('Hi @dimmer_dan, yes it does!');
    expect(await t.deps.db.select().from(replies).where(eq(replies.caseId, caseId))).toHaveLength(1);
  });

  it('fills a canned response without JavaScript and keeps notes internal', async () => {
    const { caseId } = await customerPost(t, '@lumo hi, I forgot my password, how do I reset it?', {
      handle: 'sam_k',
    });
    const page = await (await get(`/cases/${caseId}`, advisor)).text();
    const link = /href="(\/cases\/[^"]+\?canned=[^"#]+)#reply-body"/.exec(page)?.[1];
    expect(link).toBeTruthy();
    const filled = await (await get(link!.replaceAll('&amp;', '&'), advisor)).text();
    expect(filled).toMatch(/<textarea[^>]*id="reply-body"[^>]*>Hi @sam_k,/);
    const noted = await post(`/cases/${caseId}/note`, { body: 'Called them, waiting' }, advisor);
    expect(noted.status).toBe(303);
    expect(await (await get(`/cases/${caseId}`, advisor)).text()).toContain('Called them, waiting');
  });

  it('escalates with a holding reply prefilled with the due time', async () => {
    const { caseId } = await customerPost(t, '@lumo I was charged twice for my subscription', {
      handle: 'twice_tia',
    });
    const page = await (await get(`/cases/${caseId}`, advisor)).text();
    const holding = /<textarea[^>]*id="holding-body"[^>]*>([^<]*)<\/textarea>/.exec(page)?.[1];
    expect(holding).toMatch(/will answer here by/);
    const res = await post(
      `/cases/${caseId}/escalate`,
      { skill: 'billing', send_holding: 'on', holding: holding!.replaceAll('&#39;', "'") },
      advisor,
    );
    expect(res.status).toBe(303);
    expect((await caseStatus(caseId)).status).toBe('waiting_expert');
    const [r] = await t.deps.db.select().from(replies).where(eq(replies.caseId, caseId));
    expect(r?.kind).toBe('holding');
  });

  describe('role matrix', () => {
    it('marketing and experts may not use the inbox, its views, bulk actions or stream', async () => {
      const { caseId } = await customerPost(t, '@lumo hello');
      for (const role of ['marketing', 'expert'] as const) {
        const s = await t.session(role);
        expect((await get('/inbox', s)).status).toBe(403);
        expect((await get('/inbox/events', s)).status).toBe(403);
        expect((await post('/inbox/views', { name: 'x' }, s)).status).toBe(403);
        expect((await post('/inbox/bulk', { action: 'ignore', caseIds: caseId }, s)).status).toBe(403);
      }
      const m = await t.session('marketing');
      expect((await post(`/cases/${caseId}/note`, { body: 'x' }, m)).status).toBe(403);
      expect((await post(`/cases/${caseId}/presence`, {}, m)).status).toBe(403);
      expect((await get('/inbox')).status).toBe(302);
      expect((await get('/inbox/events')).status).toBe(302);
    });
  });
});
