import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoConnector } from '../../connectors/demo';
import { listeners } from '../../src/db/schema';
import { asSystem } from '../../src/services/context';
import { pollListener } from '../../src/services/listening/poll-listener';
import { type HostileNetwork, page, post, startHostileNetwork } from '../connectors/hostile-network';
import { createTestApp, type TestApp } from '../helpers/app';

const BASE = 'http://passerelle.test';
let t: TestApp;
let net: HostileNetwork;

beforeAll(async () => {
  t = await createTestApp();
  net = await startHostileNetwork(t.deps.clock);
  const [l] = await t.deps.db.select().from(listeners);
  net.answer = () => ({ body: page([post(1), { ...post(2), createdAt: 'yesterday-ish' }]) });
  const ctx = asSystem({ ...t.deps, connectors: () => createDemoConnector({ baseUrl: net.baseUrl, fetch }) });
  await pollListener(ctx, l!.id);
});
afterAll(async () => {
  await net.close();
  await t.close();
});

async function api(role: string, method: string, path: string) {
  const res = await t.app.request(`${BASE}/api${path}`, {
    method,
    headers: { authorization: `Bearer ${await t.token(role)}`, 'content-type': 'application/json' },
  });
  return { status: res.status, json: await res.json() };
}

describe('dead letters', () => {
  it('are listed for admins only, with the reason and the payload', async () => {
    const res = await api('admin', 'GET', '/dead-letters');
    expect(res.status).toBe(200);
    expect(res.json.data).toHaveLength(1);
    expect(res.json.data[0]).toMatchObject({ network: 'demo', externalId: 'h2', count: 1 });
    expect(res.json.data[0].reason).toContain('createdAt');
    expect(res.json.data[0].payload).toContain('yesterday-ish');
    for (const role of ['advisor', 'expert', 'marketing']) {
      expect((await api(role, 'GET', '/dead-letters')).status).toBe(403);
    }
  });

  it('show on the connections page, and an admin dismisses them', async () => {
    const admin = await t.session('admin');
    const html = await (
      await t.app.request(`${BASE}/admin/connections`, { headers: { cookie: admin.cookie } })
    ).text();
    expect(html).toContain('Quarantined items');
    expect(html).toContain('yesterday-ish');
    const [row] = (await api('admin', 'GET', '/dead-letters')).json.data;

    expect((await api('advisor', 'POST', `/dead-letters/${row.id}/dismiss`)).status).toBe(403);
    const advisor = await t.session('advisor');
    const refused = await t.app.request(`${BASE}/admin/dead-letters/${row.id}/dismiss`, {
      method: 'POST',
      headers: { cookie: advisor.cookie, origin: BASE, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: advisor.csrf }),
    });
    expect(refused.status).toBe(403);

    const done = await t.app.request(`${BASE}/admin/dead-letters/${row.id}/dismiss`, {
      method: 'POST',
      headers: { cookie: admin.cookie, origin: BASE, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: admin.csrf }),
    });
    expect(done.status).toBe(303);
    expect((await api('admin', 'GET', '/dead-letters')).json.data).toEqual([]);
    const all = await api('admin', 'GET', '/dead-letters?includeDismissed=true');
    expect(all.json.data[0].dismissedAt).not.toBeNull();
    // Dismissing again is harmless; an unknown id is a 404.
    expect((await api('admin', 'POST', `/dead-letters/${row.id}/dismiss`)).json.data).toMatchObject({
      dismissed: false,
    });
    expect((await api('admin', 'POST', '/dead-letters/nope/dismiss')).status).toBe(404);

    const after = await (
      await t.app.request(`${BASE}/admin/connections?done=dead_letter_dismissed`, {
        headers: { cookie: admin.cookie },
      })
    ).text();
    expect(after).toContain('The item is dismissed.');
    expect(after).toContain('Nothing quarantined');
  });
});
