import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSystem } from '../../src/services/context';
import { composeDemoPost } from '../../src/services/demo/compose-demo-post';
import { pollDueListeners } from '../../src/services/listening/poll-due-listeners';
import { refreshRollups } from '../../src/services/reports/refresh-rollups';
import { createTestApp, type TestApp } from '../helpers/app';

const BASE = 'http://passerelle.test';
type Role = 'advisor' | 'expert' | 'marketing' | 'admin';
const roles: Role[] = ['advisor', 'expert', 'marketing', 'admin'];
const readers: Role[] = ['advisor', 'marketing', 'admin'];

describe('report pages, exports and API: who may', () => {
  let t: TestApp;
  const sessions = {} as Record<Role, { cookie: string; csrf: string }>;
  let caseId = '';

  beforeAll(async () => {
    t = await createTestApp();
    for (const r of roles) sessions[r] = await t.session(r);
    await composeDemoPost(asSystem(t.deps), {
      handle: 'report_tester',
      text: '@lumo my refund is late, "again", =SUM(1)',
    });
    await pollDueListeners(asSystem(t.deps), { force: true });
    const c = await t.deps.db.query.cases.findFirst();
    caseId = c!.id;
    await t.deps.db.execute(
      sql`insert into escalations (id, case_id, skill, language, note, routing_reason)
          values ('esc_secret', ${caseId}, 'billing', 'en', 'SECRET-INTERNAL-NOTE', 'test')`,
    );
    await refreshRollups(asSystem(t.deps));
  });
  afterAll(async () => {
    await t.close();
  });

  const pages = [
    '/reports/sentiment',
    '/reports/sentiment?granularity=hour&days=7',
    '/reports/volume',
    '/reports/topics',
    '/reports/voice',
    '/reports/care',
    '/reports/mentions',
    '/reports/cases',
    '/reports/export/mentions.csv',
    '/reports/export/cases.csv',
  ];
  for (const path of pages) {
    for (const role of roles) {
      const may = readers.includes(role);
      it(`GET ${path}: ${role} ${may ? 'may' : 'may not'}`, async () => {
        const res = await t.app.request(`${BASE}${path}`, {
          headers: { accept: 'text/html', cookie: sessions[role].cookie },
        });
        expect(res.status).toBe(may ? 200 : 403);
        const body = await res.text();
        expect(body).not.toContain('SECRET-INTERNAL-NOTE');
      });
    }
  }

  it('shows the mention behind the report to marketing, read-only, and exports it as CSV', async () => {
    const list = await t.app.request(`${BASE}/reports/mentions?days=30`, {
      headers: { cookie: sessions.marketing.cookie },
    });
    const html = await list.text();
    expect(html).toContain('my refund is late');
    expect(html).not.toContain('action="/cases');
    const csv = await t.app.request(`${BASE}/reports/export/mentions.csv?days=30`, {
      headers: { cookie: sessions.marketing.cookie },
    });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain('attachment');
    const text = await csv.text();
    expect(text.replace(/^\ufeff/, '').startsWith('id,posted_at,')).toBe(true);
    expect(text).toContain(`"'@lumo my refund is late, ""again"", =SUM(1)"`);
  });

  it('draws the sentiment chart with a title, a description and links to the mentions, in French too', async () => {
    const res = await t.app.request(`${BASE}/reports/sentiment?days=7`, {
      headers: { cookie: `${sessions.marketing.cookie}; passerelle_lang=fr`, 'accept-language': 'fr' },
    });
    const html = await res.text();
    expect(html).toMatch(/<svg[^>]*role="img"/);
    expect(html).toContain('<desc id="sentiment-d">');
    expect(html).toContain('href="/reports/mentions?');
  });

  it('serves the same data as JSON to API tokens of readers only', async () => {
    for (const role of roles) {
      const token = await t.token(role);
      for (const path of [
        '/api/reports/sentiment',
        '/api/reports/mentions',
        '/api/reports/cases',
        '/api/reports/care',
      ]) {
        const res = await t.app.request(`${BASE}${path}?days=30`, {
          headers: { authorization: `Bearer ${token}` },
        });
        expect(res.status, `${role} ${path}`).toBe(readers.includes(role) ? 200 : 403);
        if (role === 'marketing' && path === '/api/reports/mentions') {
          const body = (await res.json()) as { data: { items: { text: string }[] } };
          expect(body.data.items.map((i) => i.text).join(' ')).toContain('my refund is late');
        }
      }
    }
  });

  it('marketing may not reply to a case nor read it', async () => {
    const token = await t.token('marketing');
    const reply = await t.app.request(`${BASE}/api/cases/${caseId}/reply`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'Hello' }),
    });
    expect(reply.status).toBe(403);
    const read = await t.app.request(`${BASE}/api/cases/${caseId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(read.status).toBe(403);
  });

  it('lets an admin mark a listener as a competitor’s in the listener form', async () => {
    const res = await t.app.request(`${BASE}/admin/listeners`, {
      method: 'POST',
      headers: {
        accept: 'text/html',
        origin: BASE,
        cookie: sessions.admin.cookie,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        _csrf: sessions.admin.csrf,
        brandId: t.brandId,
        network: 'demo',
        kind: 'keyword',
        query: 'rivalco',
        intervalSeconds: '300',
        competitor: 'RivalCo',
      }).toString(),
    });
    expect(res.status).toBeLessThan(400);
    const row = await t.deps.db.query.listeners.findFirst({ where: (l, { eq }) => eq(l.query, 'rivalco') });
    expect(row?.competitor).toBe('RivalCo');
    const voice = await t.app.request(`${BASE}/reports/voice`, {
      headers: { cookie: sessions.marketing.cookie },
    });
    expect(await voice.text()).toContain('RivalCo');
  });
});
