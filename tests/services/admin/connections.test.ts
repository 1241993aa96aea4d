import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenerUsage, networkAccounts } from '../../../src/db/schema';
import { asSystem } from '../../../src/services/context';
import { advanceDemoNetwork } from '../../../src/services/demo/advance-demo-network';
import { pollDueListeners } from '../../../src/services/listening/poll-due-listeners';
import { createTestApp, type TestApp } from '../../helpers/app';

let t: TestApp;
let admin: string;
let advisor: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.token('admin');
  advisor = await t.token('advisor');
  await advanceDemoNetwork(asSystem(t.deps));
});
afterAll(async () => {
  await t.close();
});

async function call(token: string, method: string, path: string, body?: unknown) {
  const res = await t.app.request(`http://passerelle.test/api${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: JSON.parse(text), text };
}

describe('connections (admin)', () => {
  it('stores credentials sealed and never returns them', async () => {
    const res = await call(admin, 'POST', '/admin/accounts', {
      brandId: t.brandId,
      network: 'mastodon',
      handle: '@lumo',
      baseUrl: 'https://mastodon.example',
      credentials: { accessToken: 'very-secret-token-value' },
    });
    expect(res.status).toBe(201);
    expect(res.text).not.toContain('very-secret-token-value');
    const [row] = await t.deps.db
      .select()
      .from(networkAccounts)
      .where(eq(networkAccounts.id, res.json.data.id));
    expect(row!.credentials).toMatch(/^v1\./);
    expect(row!.credentials).not.toContain('very-secret');
    expect(JSON.parse(await t.deps.secrets.open(row!.credentials!))).toEqual({
      accessToken: 'very-secret-token-value',
    });

    const list = await call(admin, 'GET', '/admin/connections');
    expect(list.text).not.toContain('very-secret-token-value');
    expect(list.text).not.toContain(row!.credentials!);
    const listed = list.json.data.accounts.find((a: any) => a.id === row!.id);
    expect(listed).toMatchObject({ hasCredentials: true, handle: 'lumo', network: 'mastodon' });
    expect(listed).not.toHaveProperty('credentials');

    const audit = await t.deps.db.query.auditLog.findFirst({ where: (a, { eq }) => eq(a.entityId, row!.id) });
    expect(JSON.stringify(audit)).not.toContain('very-secret');
  });

  it('refuses a second connection of the same handle, and bad input by field', async () => {
    const again = await call(admin, 'POST', '/admin/accounts', {
      brandId: t.brandId,
      network: 'mastodon',
      handle: 'lumo',
      baseUrl: 'https://mastodon.example',
    });
    expect(again.status).toBe(409);
    const bad = await call(admin, 'POST', '/admin/accounts', {
      brandId: t.brandId,
      network: 'myspace',
      handle: '',
      baseUrl: 'ftp://x',
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues.map((i: any) => i.field).sort()).toEqual(['baseUrl', 'handle', 'network']);
    const noInstance = await call(admin, 'POST', '/admin/accounts', {
      brandId: t.brandId,
      network: 'mastodon',
      handle: 'x',
    });
    expect(noInstance.json.error.issues).toEqual([
      { field: 'baseUrl', message: 'a Mastodon account needs the URL of its instance' },
    ]);
  });

  it('is for admins only', async () => {
    expect((await call(advisor, 'GET', '/admin/connections')).status).toBe(403);
    expect((await call(advisor, 'POST', '/admin/accounts', {})).status).toBe(403);
  });

  it('previews a query without storing anything, and creates the listener', async () => {
    const input = {
      brandId: t.brandId,
      network: 'demo',
      kind: 'keyword',
      query: 'lumo',
      intervalSeconds: 120,
    };
    const before = await t.deps.db.query.mentions.findMany();
    const preview = await call(admin, 'POST', '/admin/listeners/preview', input);
    expect(preview.status).toBe(200);
    expect(preview.json.data.ok).toBe(true);
    expect(preview.json.data.count).toBeGreaterThan(0);
    expect(preview.json.data.mentions[0].classification.language.label).toMatch(/en|fr|other/);
    expect(await t.deps.db.query.mentions.findMany()).toHaveLength(before.length);

    const created = await call(admin, 'POST', '/admin/listeners', input);
    expect(created.status).toBe(201);
    const rss = await call(admin, 'POST', '/admin/listeners', { ...input, network: 'rss', kind: 'mention' });
    expect(rss.status).toBe(400);
    expect(rss.json.error.issues.map((i: any) => i.field).sort()).toEqual(['kind', 'target']);
  });

  it('counts posts read per listener per day and prices X reads', async () => {
    await pollDueListeners(asSystem(t.deps), { force: true });
    const usage = await t.deps.db.select().from(listenerUsage);
    expect(usage.length).toBeGreaterThan(0);
    expect(usage.every((u) => u.requests >= 1)).toBe(true);
    const list = await call(admin, 'GET', '/admin/connections');
    const demo = list.json.data.listeners.find((l: any) => l.network === 'demo' && l.kind === 'mention');
    expect(demo.postsReadToday).toBeGreaterThan(0);
    expect(demo.costToday).toBeNull(); // the demo network does not bill reads
    const listenerId = demo.id as string;
    await t.deps.db
      .update(listenerUsage)
      .set({ postsRead: 1000 })
      .where(eq(listenerUsage.listenerId, listenerId));
    await t.deps.db.execute(
      (await import('drizzle-orm')).sql`update listeners set network = 'x' where id = ${listenerId}`,
    );
    const priced = await call(admin, 'GET', '/admin/connections');
    expect(priced.json.data.listeners.find((l: any) => l.id === listenerId).costToday).toBeCloseTo(5, 5);
  });
});

describe('the reply pre-flight', () => {
  it('gives the room left and flags a text the brand already posted', async () => {
    await pollDueListeners(asSystem(t.deps), { force: true });
    const cases = await t.deps.db.query.cases.findMany({ where: (c, { eq }) => eq(c.network, 'demo') });
    const [a, b] = cases;
    const pre = await call(
      advisor,
      'GET',
      `/cases/${a!.id}/preflight?text=${encodeURIComponent('Hello there!')}`,
    );
    expect(pre.json.data).toEqual({
      network: 'demo',
      allowed: true,
      reason: null,
      max: 500,
      used: 12,
      remaining: 488,
      duplicate: false,
    });

    const text = 'Thanks for your message, we are looking into it.';
    expect((await call(advisor, 'POST', `/cases/${a!.id}/reply`, { body: text })).status).toBe(201);
    const dup = await call(advisor, 'GET', `/cases/${b!.id}/preflight?text=${encodeURIComponent(text)}`);
    expect(dup.json.data.duplicate).toBe(true);
    const refused = await call(advisor, 'POST', `/cases/${b!.id}/reply`, { body: text });
    expect(refused.status).toBe(400);
    expect(refused.json.error.issues[0].message).toMatch(/repeats an earlier public reply/);
  });
});
