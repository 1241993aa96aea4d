import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSystem } from '../../src/services/context';
import { pollDueListeners } from '../../src/services/listening/poll-due-listeners';
import { sendDueReplies } from '../../src/services/replies/send-due-replies';
import { BRAND, CAMILLE, SARAH, startXApiMock, type XApiMock } from '../connectors/x/x-api-mock';
import { createTestApp, type TestApp } from '../helpers/app';

/** X wired end to end: admin connects the account, mentions and keyword hits arrive, replies obey X's rule. */
describe('an X account through the whole service', () => {
  let t: TestApp;
  let x: XApiMock;
  let admin: string;
  let advisor: string;

  beforeAll(async () => {
    t = await createTestApp();
    x = await startXApiMock();
    admin = await t.token('admin');
    advisor = await t.token('advisor');
  });
  afterAll(async () => {
    await x.close();
    await t.close();
  });

  const call = async (token: string, method: string, path: string, body?: unknown) => {
    const res = await t.app.request(`http://passerelle.test/api${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as any };
  };

  it('listens, prices the reads, answers a mention and refuses to answer a keyword hit', async () => {
    const account = await call(admin, 'POST', '/admin/accounts', {
      brandId: t.brandId,
      network: 'x',
      handle: 'lumo',
      externalUserId: BRAND.id,
      baseUrl: x.baseUrl,
      credentials: { bearerToken: x.appBearer, ...x.user },
    });
    expect(account.status).toBe(201);
    const mentionListener = await call(admin, 'POST', '/admin/listeners', {
      brandId: t.brandId,
      network: 'x',
      kind: 'mention',
      query: '@lumo',
      accountId: account.json.data.id,
    });
    expect(mentionListener.status).toBe(201);
    const searchListener = await call(admin, 'POST', '/admin/listeners', {
      brandId: t.brandId,
      network: 'x',
      kind: 'keyword',
      query: 'lumo bulbs',
      accountId: account.json.data.id,
    });
    expect(searchListener.status).toBe(201);
    // Only the X listeners poll in this test.
    await t.deps.db.execute(
      (await import('drizzle-orm')).sql`update listeners set enabled = false where network = 'demo'`,
    );

    const asked = x.add({
      text: "@lumo my bulbs won't pair with the hub since yesterday, help?",
      author: SARAH,
      created_at: new Date().toISOString(),
    });
    const overheard = x.add({
      text: 'thinking about buying lumo bulbs, anyone tried them?',
      author: CAMILLE,
      created_at: new Date().toISOString(),
    });

    const outcomes = await pollDueListeners(asSystem(t.deps), { force: true });
    expect(outcomes).toEqual([expect.objectContaining({ ok: true }), expect.objectContaining({ ok: true })]);
    const cases = await call(advisor, 'GET', '/cases?network=x');
    const byRoot = new Map(cases.json.data.map((c: any) => [c.threadRootExternalId, c]));
    const askedCase: any = byRoot.get(asked.id);
    const overheardCase: any = byRoot.get(overheard.id);
    expect(askedCase).toBeTruthy();
    expect(overheardCase).toBeTruthy();

    // What each listener read is counted and priced.
    const connections = await call(admin, 'GET', '/admin/connections');
    const xListeners = connections.json.data.listeners.filter((l: any) => l.network === 'x');
    expect(
      xListeners.map((l: any) => l.postsReadToday).reduce((a: number, b: number) => a + b, 0),
    ).toBeGreaterThanOrEqual(2);
    expect(xListeners.every((l: any) => typeof l.costToday === 'number')).toBe(true);

    // The pre-flight says the keyword hit cannot be answered on X, and the reply is refused.
    const pre = await call(advisor, 'GET', `/cases/${overheardCase.id}/preflight`);
    expect(pre.json.data).toMatchObject({ allowed: false, max: 280 });
    expect(pre.json.data.reason).toMatch(/mention @lumo/);
    const refused = await call(advisor, 'POST', `/cases/${overheardCase.id}/reply`, {
      body: 'Hi Camille, happy to help!',
    });
    expect(refused.status).toBe(409);

    // The mention is answered in its thread.
    const okPre = await call(
      advisor,
      'GET',
      `/cases/${askedCase.id}/preflight?text=${encodeURIComponent('Hi Sarah!')}`,
    );
    expect(okPre.json.data).toMatchObject({ allowed: true, used: 9, remaining: 271 });
    const reply = await call(advisor, 'POST', `/cases/${askedCase.id}/reply`, {
      body: 'Hi Sarah, sorry about that! Could you hold the pairing button for 10 s and try again?',
    });
    expect(reply.status).toBe(201);
    const sent = await sendDueReplies(asSystem(t.deps));
    expect(sent).toEqual([expect.objectContaining({ status: 'sent' })]);
    const posted = x.requestsTo('/2/tweets').filter((r) => r.method === 'POST');
    expect(posted).toHaveLength(1);
    expect(posted[0]!.body).toEqual({
      text: 'Hi Sarah, sorry about that! Could you hold the pairing button for 10 s and try again?',
      reply: { in_reply_to_tweet_id: asked.id },
    });
    const detail = await call(advisor, 'GET', `/cases/${askedCase.id}`);
    expect(detail.json.data.case.status).toBe('answered');
  });
});

describe('rotating X credentials', () => {
  it('stores the rotated refresh token, sealed, before using it', async () => {
    const t = await createTestApp();
    const x = await startXApiMock();
    try {
      const admin = await t.token('admin');
      const advisor = await t.token('advisor');
      const call = async (token: string, method: string, path: string, body?: unknown) => {
        const res = await t.app.request(`http://passerelle.test/api${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        return { status: res.status, json: (await res.json()) as any };
      };
      const stale = {
        bearerToken: x.appBearer,
        accessToken: 'expired-access',
        refreshToken: x.user.refreshToken,
        clientId: x.user.clientId,
      };
      const account = await call(admin, 'POST', '/admin/accounts', {
        brandId: t.brandId,
        network: 'x',
        handle: 'lumo',
        externalUserId: BRAND.id,
        baseUrl: x.baseUrl,
        credentials: stale,
      });
      await call(admin, 'POST', '/admin/listeners', {
        brandId: t.brandId,
        network: 'x',
        kind: 'mention',
        query: '@lumo',
        accountId: account.json.data.id,
      });
      await t.deps.db.execute(
        (await import('drizzle-orm')).sql`update listeners set enabled = false where network = 'demo'`,
      );
      x.add({
        text: '@lumo hello, is the store open on Sunday?',
        author: SARAH,
        created_at: new Date().toISOString(),
      });
      await pollDueListeners(asSystem(t.deps), { force: true });
      const cases = await call(advisor, 'GET', '/cases?network=x');
      const reply = await call(advisor, 'POST', `/cases/${cases.json.data[0].id}/reply`, {
        body: 'Hi Sarah, yes, 10:00 to 18:00!',
      });
      expect(reply.status).toBe(201);
      const [outcome] = await sendDueReplies(asSystem(t.deps));
      expect(outcome).toMatchObject({ status: 'sent' });

      const row = await t.deps.db.query.networkAccounts.findFirst({
        where: (a, { eq }) => eq(a.id, account.json.data.id),
      });
      expect(row!.credentials).not.toContain(x.user.refreshToken);
      const stored = JSON.parse(await t.deps.secrets.open(row!.credentials!));
      expect(stored).toMatchObject({ accessToken: x.user.accessToken, refreshToken: x.user.refreshToken });
      expect(stored.refreshToken).not.toBe(stale.refreshToken);
    } finally {
      await x.close();
      await t.close();
    }
  });
});
