import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSystem } from '../../src/services/context';
import { pollDueListeners } from '../../src/services/listening/poll-due-listeners';
import { type AlgoliaMock, startAlgoliaMock } from '../connectors/hackernews/algolia-mock';
import { createTestApp, type TestApp } from '../helpers/app';

/** A read-only source end to end: its hits become cases, and the inbox says plainly it cannot answer there. */
describe('Hacker News through the service', () => {
  let t: TestApp;
  let hn: AlgoliaMock;

  beforeAll(async () => {
    t = await createTestApp();
    hn = await startAlgoliaMock();
  });
  afterAll(async () => {
    await hn.close();
    await t.close();
  });

  it('ingests matching comments and refuses to reply there', async () => {
    const admin = await t.token('admin');
    const advisor = await t.token('advisor');
    const api = async (token: string, method: string, path: string, body?: unknown) => {
      const res = await t.app.request(`http://passerelle.test/api${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, json: (await res.json()) as any };
    };
    const account = await api(admin, 'POST', '/admin/accounts', {
      brandId: t.brandId,
      network: 'hackernews',
      handle: 'lumo',
      baseUrl: hn.baseUrl,
    });
    expect(account.status).toBe(201);
    const listener = await api(admin, 'POST', '/admin/listeners', {
      brandId: t.brandId,
      network: 'hackernews',
      kind: 'keyword',
      query: 'lumo hub',
      accountId: account.json.data.id,
    });
    expect(listener.status).toBe(201);
    await t.deps.db.execute(sql`update listeners set enabled = false where network = 'demo'`);

    const now = Math.floor(Date.now() / 1000);
    hn.story({
      id: 4100,
      at: now - 600,
      title: 'Show HN: I reverse-engineered the Lumo hub protocol',
      author: 'tinkerer',
    });
    hn.comment({
      id: 4101,
      at: now - 300,
      text: 'My Lumo hub went offline after the <i>update</i> too &amp; support was slow',
      storyId: 4100,
      author: 'grumpy',
    });

    const [outcome] = await pollDueListeners(asSystem(t.deps), { force: true });
    expect(outcome).toMatchObject({ ok: true, stored: 2 });
    const cases = await api(advisor, 'GET', '/cases?network=hackernews');
    expect(cases.json.data).toHaveLength(1); // the comment joins the story's thread
    const c = cases.json.data[0];
    expect(c.latest.text).toBe('My Lumo hub went offline after the update too & support was slow');
    expect(c.latest.url).toBe('https://news.ycombinator.com/item?id=4101');

    const pre = await api(advisor, 'GET', `/cases/${c.id}/preflight`);
    expect(pre.json.data).toMatchObject({ allowed: false });
    expect(pre.json.data.reason).toMatch(/read-only/);
    const reply = await api(advisor, 'POST', `/cases/${c.id}/reply`, { body: 'Hello!' });
    expect(reply.status).toBe(409);
    expect(reply.json.error.message).toMatch(/read-only/);

    // The next poll stores nothing twice.
    const [again] = await pollDueListeners(asSystem(t.deps), { force: true });
    expect(again).toMatchObject({ ok: true, stored: 0 });
  });
});
