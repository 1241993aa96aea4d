import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/db/schema';
import { answerByLink } from '../../src/services/escalation/answer-by-link';
import { signAnswerToken } from '../../src/services/escalation/answer-links';
import { escalateCase } from '../../src/services/escalation/escalate-case';
import { approveAnswer } from '../../src/services/escalation/review-answer';
import { createTestApp, type TestApp } from '../helpers/app';
import { actAs, makeCase } from '../services/escalation/factory';

const BASE = 'http://passerelle.test';
let t: TestApp;
const sessions = {} as Record<Role | 'tech', { cookie: string; csrf: string; userId: string }>;

beforeAll(async () => {
  t = await createTestApp();
  for (const r of ['advisor', 'expert', 'marketing', 'admin'] as const) sessions[r] = await t.session(r);
  sessions.tech = await t.session('tech@lumo.demo');
});
afterAll(async () => {
  await t.close();
});

const get = (path: string, cookie?: string, lang?: 'fr') =>
  t.app.request(`${BASE}${path}`, {
    headers: {
      accept: 'text/html',
      ...(cookie ? { cookie } : {}),
      ...(lang ? { 'accept-language': 'fr' } : {}),
    },
  });
const post = (path: string, form: Record<string, string>, who?: keyof typeof sessions) =>
  t.app.request(`${BASE}${path}`, {
    method: 'POST',
    headers: {
      accept: 'text/html',
      origin: BASE,
      'content-type': 'application/x-www-form-urlencoded',
      ...(who ? { cookie: sessions[who].cookie } : {}),
    },
    body: new URLSearchParams({ ...form, ...(who ? { _csrf: sessions[who].csrf } : {}) }).toString(),
  });

describe('the signed-link page, without signing in', () => {
  it('shows the question, takes an internal question and the answer; refuses a bad link', async () => {
    const caseId = await makeCase(t, { text: 'My Lumo+ renewal was charged twice', handle: 'jules' });
    const esc = await escalateCase(await actAs(t, 'advisor'), { caseId, skill: 'billing' });
    const token = await signAnswerToken(t.deps, esc.id);
    const page = await get(`/answer/${esc.id}?token=${encodeURIComponent(token)}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('My Lumo+ renewal was charged twice');
    expect(html).toContain('routed to Nadia Billing');
    const fr = await (
      await get(`/answer/${esc.id}?token=${encodeURIComponent(token)}`, undefined, 'fr')
    ).text();
    expect(fr).toContain('Une question pour vous');
    expect(fr).toContain('orienté vers Nadia Billing');
    const asked = await post(`/answer/${esc.id}/ask`, { token, question: 'Is it the yearly plan?' });
    expect(await asked.text()).toContain('Your question was sent to the advisor.');
    const bad = await get(`/answer/${esc.id}?token=${encodeURIComponent(`${token}x`)}`);
    expect(bad.status).toBe(403);
    expect(await bad.text()).toContain('This link is not valid.');
    const forged = await post(`/answer/${esc.id}/submit`, { token: 'a.1.b', body: 'hacked' });
    expect(forged.status).toBe(403);
    const ok = await post(`/answer/${esc.id}/submit`, { token, body: 'The duplicate is refunded.' });
    expect(await ok.text()).toContain('Thank you! Your answer went to an advisor for approval.');
    // The advisor sees the expert's question in the history and the guidelines next to the draft.
    const casePage = await (await get(`/cases/${caseId}`, sessions.advisor.cookie)).text();
    expect(casePage).toContain('Is it the yearly plan?');
    expect(casePage).toContain('Brand guidelines');
  });
});

describe('the role matrix of the expert bridge', () => {
  it('keeps routing rules to admins, the knowledge base to those who may, cases to those routed', async () => {
    expect((await get('/admin/experts', sessions.advisor.cookie)).status).toBe(200);
    expect((await get('/admin/experts', sessions.marketing.cookie)).status).toBe(403);
    expect((await get('/admin/experts', sessions.expert.cookie)).status).toBe(403);
    const advisorEdit = await post(
      `/admin/experts/${sessions.expert.userId}`,
      { skills: 'billing' },
      'advisor',
    );
    expect(advisorEdit.status).toBe(403);
    const apiEdit = await t.app.request(`${BASE}/api/experts/${sessions.expert.userId}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await t.token('advisor')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ skills: ['billing'] }),
    });
    expect(apiEdit.status).toBe(403);
    expect((await get('/admin/guidelines', sessions.advisor.cookie)).status).toBe(403);
    expect((await get('/admin/guidelines', sessions.admin.cookie)).status).toBe(200);
    const saved = await post(
      `/admin/experts/${sessions.tech.userId}`,
      {
        skills: 'technical, firmware',
        languages: 'en',
        timezone: 'Europe/Paris',
        workDays: '1',
        workStart: '09:00',
        workEnd: '17:00',
        maxOpen: '3',
        availability: 'available',
      },
      'admin',
    );
    expect(saved.status).toBe(303);
    expect(await (await get('/admin/experts', sessions.admin.cookie)).text()).toContain('firmware');
    const away = await post(
      '/me/availability',
      { availability: 'holiday', awayUntil: '2026-12-01' },
      'expert',
    );
    expect(away.status).toBe(303);
    expect(await (await get('/admin/experts', sessions.advisor.cookie)).text()).toContain('On holiday');
    await post('/me/availability', { availability: 'available' }, 'expert');

    for (const who of ['advisor', 'expert', 'marketing', 'admin'] as const) {
      expect((await get('/knowledge', sessions[who].cookie)).status).toBe(200);
      expect((await get('/thanks', sessions[who].cookie)).status).toBe(200);
    }
  });

  it('shows an expert only the questions routed to them or their team; marketing cannot reply or read cases', async () => {
    const caseId = await makeCase(t, { text: 'Billing question for the matrix' });
    const esc = await escalateCase(await actAs(t, 'advisor'), { caseId, skill: 'billing' });
    expect((await get(`/cases/${caseId}`, sessions.expert.cookie)).status).toBe(200);
    expect((await get(`/cases/${caseId}`, sessions.tech.cookie)).status).toBe(404);
    expect((await get(`/expert/questions/${esc.id}`, sessions.tech.cookie)).status).toBe(404);
    expect((await get(`/cases/${caseId}`, sessions.marketing.cookie)).status).toBe(403);
    expect((await post(`/cases/${caseId}/reply`, { body: 'hello' }, 'marketing')).status).toBe(403);
    // Reroute from the case page: advisors yes, experts no; the new team sees it, the old expert not.
    expect(
      (await post(`/escalations/${esc.id}/reroute`, { caseId, skill: 'technical' }, 'expert')).status,
    ).toBe(403);
    const casePage = await (await get(`/cases/${caseId}`, sessions.advisor.cookie)).text();
    expect(casePage).toContain('id="reroute-expert"');
    const moved = await post(`/escalations/${esc.id}/reroute`, { caseId, skill: 'technical' }, 'advisor');
    expect(moved.status).toBe(303);
    expect((await get(`/cases/${caseId}`, sessions.tech.cookie)).status).toBe(200);
    expect((await get(`/cases/${caseId}`, sessions.expert.cookie)).status).toBe(404);
    const back = await post(
      `/escalations/${esc.id}/reroute`,
      { caseId, expertId: sessions.expert.userId },
      'advisor',
    );
    expect(back.status).toBe(303);
    expect(await (await get(`/cases/${caseId}`, sessions.advisor.cookie)).text()).toContain(
      'rerouted by Camille Advisor to Nadia Billing',
    );
    const token = await signAnswerToken(t.deps, esc.id);
    await answerByLink(t.deps, { escalationId: esc.id, token, body: 'Refund on its way.' });
    await approveAnswer(await actAs(t, 'advisor'), { caseId, body: 'Hello! Your refund is on its way.' });
    const kb = await (await get('/knowledge?q=matrix', sessions.marketing.cookie)).text();
    expect(kb).toContain('Billing question for the matrix');
    const thanks = await (await get('/thanks', sessions.marketing.cookie)).text();
    expect(thanks).toContain('Nadia Billing');
    // A later similar question: the advisor sees the reusable answer and answers from it.
    const later = await makeCase(t, { text: 'another billing question for the matrix, please' });
    const page = await (await get(`/cases/${later}`, sessions.advisor.cookie)).text();
    expect(page).toContain('Reusable answers');
    const id = /name="knowledgeAnswerId" value="([^"]+)"/.exec(page)?.[1];
    expect(id).toBeTruthy();
    const used = await post(
      `/cases/${later}/knowledge-reply`,
      { knowledgeAnswerId: id!, body: 'Hi there! Your refund is on its way.' },
      'advisor',
    );
    expect(used.status).toBe(303);
    expect(
      (await post(`/cases/${later}/knowledge-reply`, { knowledgeAnswerId: id!, body: 'x' }, 'marketing'))
        .status,
    ).toBe(403);
  });
});
