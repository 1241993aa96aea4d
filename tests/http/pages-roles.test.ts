import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSystem } from '../../src/services/context';
import { composeDemoPost } from '../../src/services/demo/compose-demo-post';
import { pollDueListeners } from '../../src/services/listening/poll-due-listeners';
import { createTestApp, type TestApp } from '../helpers/app';

const BASE = 'http://passerelle.test';
type Role = 'advisor' | 'expert' | 'marketing' | 'admin';
const roles: Role[] = ['advisor', 'expert', 'marketing', 'admin'];

/** Each page and form action, and which roles may use it: everyone else gets a 403 page. */
describe('the role matrix of the pages', () => {
  let t: TestApp;
  const sessions = {} as Record<Role, { cookie: string; csrf: string }>;
  let caseId = '';

  beforeAll(async () => {
    t = await createTestApp();
    for (const r of roles) sessions[r] = await t.session(r);
    await composeDemoPost(asSystem(t.deps), {
      handle: 'role_tester',
      text: '@lumo where is my parcel #R-1?',
    });
    await pollDueListeners(asSystem(t.deps), { force: true });
    const c = await t.deps.db.query.cases.findFirst();
    caseId = c!.id;
  });
  afterAll(async () => {
    await t.close();
  });

  const pages: [string, Role[]][] = [
    ['/inbox', ['advisor', 'admin']],
    ['/expert', ['expert', 'admin']],
    ['/reports', ['advisor', 'marketing', 'admin']],
  ];
  for (const [path, allowed] of pages) {
    for (const role of roles) {
      const may = allowed.includes(role);
      it(`GET ${path}: ${role} ${may ? 'may' : 'may not'}`, async () => {
        const res = await t.app.request(`${BASE}${path}`, {
          headers: { accept: 'text/html', cookie: sessions[role].cookie },
        });
        expect(res.status).toBe(may ? 200 : 403);
      });
    }
  }

  it('GET a case: marketing may not, and an expert not without an escalation', async () => {
    for (const role of ['marketing', 'expert'] as const) {
      const res = await t.app.request(`${BASE}/cases/${caseId}`, {
        headers: { accept: 'text/html', cookie: sessions[role].cookie },
      });
      expect(res.status, role).toBe(role === 'marketing' ? 403 : 404);
    }
  });

  const actions = ['claim', 'reply', 'escalate', 'ignore', 'approve', 'send-back'];
  for (const action of actions) {
    for (const role of ['expert', 'marketing'] as const) {
      it(`POST ${action}: ${role} may not`, async () => {
        const res = await t.app.request(`${BASE}/cases/${caseId}/${action}`, {
          method: 'POST',
          headers: {
            accept: 'text/html',
            origin: BASE,
            cookie: sessions[role].cookie,
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: new URLSearchParams({ _csrf: sessions[role].csrf, body: 'Hello!', note: 'n' }).toString(),
        });
        expect(res.status).toBe(403);
        const c = await t.deps.db.query.cases.findFirst({ where: (x, { eq }) => eq(x.id, caseId) });
        expect(c!.status).toBe('new');
      });
    }
  }

  it('POST an expert answer: advisors and marketing may not', async () => {
    for (const role of ['advisor', 'marketing'] as const) {
      const res = await t.app.request(`${BASE}/expert/questions/esc_any/answer`, {
        method: 'POST',
        headers: {
          accept: 'text/html',
          origin: BASE,
          cookie: sessions[role].cookie,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ _csrf: sessions[role].csrf, body: 'An answer' }).toString(),
      });
      expect(res.status, role).toBe(403);
    }
  });
});
