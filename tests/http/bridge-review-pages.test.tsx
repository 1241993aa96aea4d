import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerByLink } from '../../src/services/escalation/answer-by-link';
import { signAnswerToken } from '../../src/services/escalation/answer-links';
import { escalateCase } from '../../src/services/escalation/escalate-case';
import { rerouteEscalation } from '../../src/services/escalation/reroute-escalation';
import { createTestApp, type TestApp } from '../helpers/app';
import { actAs, makeCase } from '../services/escalation/factory';

const BASE = 'http://passerelle.test';
let t: TestApp;
type Who = 'advisor' | 'marketing' | 'admin' | 'nadia' | 'tom';
const sessions = {} as Record<Who, { cookie: string; csrf: string; userId: string }>;

beforeAll(async () => {
  t = await createTestApp();
  for (const r of ['advisor', 'marketing', 'admin'] as const) sessions[r] = await t.session(r);
  sessions.nadia = await t.session('billing@lumo.demo');
  sessions.tom = await t.session('tech@lumo.demo');
});
afterAll(async () => {
  await t.close();
});

const get = (path: string, who: Who, lang?: 'fr') =>
  t.app.request(`${BASE}${path}`, {
    headers: {
      accept: 'text/html',
      cookie: lang ? `${sessions[who].cookie}; passerelle_lang=${lang}` : sessions[who].cookie,
    },
  });
const post = (path: string, form: Record<string, string | string[]>, who?: Who) => {
  const body = new URLSearchParams(who ? { _csrf: sessions[who].csrf } : {});
  for (const [k, val] of Object.entries(form)) for (const x of [val].flat()) body.append(k, x);
  return t.app.request(`${BASE}${path}`, {
    method: 'POST',
    headers: {
      accept: 'text/html',
      origin: BASE,
      'content-type': 'application/x-www-form-urlencoded',
      ...(who ? { cookie: sessions[who].cookie } : {}),
    },
    body: body.toString(),
  });
};

describe('designated approvers on the pages', () => {
  it('an admin designates experts on the guidelines page, in both languages; nobody else may', async () => {
    const en = await (await get('/admin/guidelines', 'admin')).text();
    expect(en).toContain('Designated approvers');
    expect(en).toContain(`name="approvers" value="${sessions.tom.userId}"`);
    const fr = await (await get('/admin/guidelines', 'admin', 'fr')).text();
    expect(fr).toContain('Approbateurs désignés');
    expect(fr).toContain('Enregistrer les approbateurs');
    const path = `/admin/guidelines/${t.brandId}/approvers`;
    for (const who of ['advisor', 'tom', 'marketing'] as const) {
      expect((await post(path, { approvers: sessions.tom.userId }, who)).status).toBe(403);
    }
    const refused = await post(
      path,
      { approvers: [sessions.tom.userId, sessions.marketing.userId] },
      'admin',
    );
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('only experts can be designated approvers');
    const saved = await post(path, { approvers: sessions.tom.userId }, 'admin');
    expect(saved.status).toBe(303);
    const after = await (await get('/admin/guidelines?done=approvers_saved', 'admin')).text();
    expect(after).toContain('The designated approvers are saved.');
    expect(after).toMatch(new RegExp(`value="${sessions.tom.userId}" checked`));
  });

  it('the designated expert sees the draft in their queue and approves it; others are refused', async () => {
    const caseId = await makeCase(t, { text: 'Why two charges on my card?', handle: 'approver_case' });
    const esc = await escalateCase(await actAs(t, 'advisor'), { caseId, skill: 'billing' });
    const token = await signAnswerToken(t.deps, esc.id);
    await answerByLink(t.deps, { escalationId: esc.id, token, body: 'One of them is refunded today.' });

    const queue = await (await get('/expert', 'tom')).text();
    expect(queue).toContain('Drafts waiting for your approval');
    expect(queue).toContain('One of them is refunded today.');
    expect(await (await get('/expert', 'tom', 'fr')).text()).toContain(
      'Brouillons en attente de votre approbation',
    );
    expect(await (await get('/expert', 'nadia')).text()).not.toContain('Drafts waiting for your approval');

    const page = await (await get(`/cases/${caseId}`, 'tom')).text();
    expect(page).toContain(`action="/cases/${caseId}/approve"`);
    expect(page).toContain('Brand guidelines');
    // Nadia wrote it but is no approver: she reads the case, without the approval form.
    const nadiaPage = await (await get(`/cases/${caseId}`, 'nadia')).text();
    expect(nadiaPage).not.toContain(`action="/cases/${caseId}/approve"`);
    expect((await post(`/cases/${caseId}/approve`, { body: 'x' }, 'nadia')).status).toBe(403);
    expect((await post(`/cases/${caseId}/approve`, { body: 'x' }, 'marketing')).status).toBe(403);
    expect((await post(`/cases/${caseId}/send-back`, { note: 'x' }, 'marketing')).status).toBe(403);

    const approved = await post(
      `/cases/${caseId}/approve`,
      { body: 'One of them is refunded today.' },
      'tom',
    );
    expect(approved.status).toBe(303);
    expect(approved.headers.get('location')).toBe(`/cases/${caseId}?done=approved`);
  });
});

describe('a team question answered through the signed link', () => {
  it('asks who answers, in both languages, and shows the name to the approver and in the history', async () => {
    const advisor = await actAs(t, 'advisor');
    const caseId = await makeCase(t, { text: 'Charged after cancelling Lumo+', handle: 'team_case' });
    const esc = await escalateCase(advisor, { caseId, skill: 'billing' });
    await rerouteEscalation(advisor, { escalationId: esc.id, skill: 'billing' });
    const token = await signAnswerToken(t.deps, esc.id);
    const link = `/answer/${esc.id}?token=${encodeURIComponent(token)}`;
    const en = await (await t.app.request(`${BASE}${link}`, { headers: { accept: 'text/html' } })).text();
    expect(en).toContain('Your name');
    expect(en).toContain(`<option value="${sessions.nadia.userId}">Nadia Billing</option>`);
    const fr = await (
      await t.app.request(`${BASE}${link}`, { headers: { accept: 'text/html', 'accept-language': 'fr' } })
    ).text();
    expect(fr).toContain('Votre nom');
    expect(fr).toContain('Ou choisissez-vous dans l’équipe');
    // Routing sentences name the skill in the reader's language.
    expect(fr).toContain('réorienté par Camille Advisor vers la file de l’équipe Facturation');

    const nameless = await post(`/answer/${esc.id}/submit`, { token, body: 'Refunded, sorry.' });
    expect(nameless.status).toBe(400);
    const missing = await nameless.text();
    expect(missing).toContain('Your name: say who answers');
    expect(missing).toContain('Refunded, sorry.');
    const ok = await post(`/answer/${esc.id}/submit`, {
      token,
      body: 'Refunded, sorry.',
      authorName: 'Sam Guest',
    });
    expect(await ok.text()).toContain('Thank you! Your answer went to an advisor for approval.');

    const casePage = await (await get(`/cases/${caseId}`, 'advisor')).text();
    expect(casePage).toContain('by Sam Guest');
    expect(casePage).toContain('<strong>Sam Guest</strong>');
    expect(await (await get(`/cases/${caseId}`, 'advisor', 'fr')).text()).toContain('par Sam Guest');
  });
});

describe('designated approvers over the API', () => {
  it('an admin reads and replaces them; an expert may not', async () => {
    const call = async (who: 'admin' | 'expert', method: string, body?: unknown) => {
      const res = await t.app.request(`${BASE}/api/brands/${t.brandId}/approvers`, {
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await t.token(who)}` },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, json: await res.json() };
    };
    const set = await call('admin', 'POST', { userIds: [sessions.nadia.userId] });
    expect(set).toMatchObject({ status: 200, json: { data: { userIds: [sessions.nadia.userId] } } });
    expect((await call('admin', 'GET')).json.data).toEqual({
      brandId: t.brandId,
      approvers: [{ id: sessions.nadia.userId, name: 'Nadia Billing' }],
    });
    expect((await call('expert', 'GET')).status).toBe(403);
    // Nadia (the demo's first expert) now reads the brand's guidelines, as its approver.
    const guidelines = await t.app.request(`${BASE}/api/brands/${t.brandId}/guidelines`, {
      headers: { authorization: `Bearer ${await t.token('billing@lumo.demo')}` },
    });
    expect(guidelines.status).toBe(200);
    const tom = await t.app.request(`${BASE}/api/brands/${t.brandId}/guidelines`, {
      headers: { authorization: `Bearer ${await t.token('tech@lumo.demo')}` },
    });
    expect(tom.status).toBe(403);
    expect((await call('expert', 'POST', { userIds: [] })).status).toBe(403);
    const refused = await call('admin', 'POST', { userIds: [sessions.marketing.userId] });
    expect(refused).toMatchObject({ status: 400, json: { error: { code: 'validation_failed' } } });
  });
});
