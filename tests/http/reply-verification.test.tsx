import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, replies } from '../../src/db/schema';
import { type publishPost, queueReplyTo, replyRow, type Workspace } from '../faults/networks';
import { createTestApp, type TestApp } from '../helpers/app';

const BASE = 'http://passerelle.test';

/** A reply the outbox could not settle, shown on its case, settled by a person who may reply. */
describe('replies that need verification', () => {
  let t: TestApp;
  let ws: Workspace;
  let n = 0;

  beforeAll(async () => {
    t = await createTestApp();
    ws = { brandId: t.brandId, accountIds: { x: '', mastodon: '', bluesky: '', reddit: '' } };
  });
  afterAll(async () => {
    await t.close();
  });

  /** A reply on X whose outcome the outbox could not settle. */
  async function waiting() {
    n += 1;
    const post = {
      externalId: `19000000000000000${n}`,
      threadRootId: `19000000000000000${n}`,
      text: '@lumo my hub is offline',
      raw: {},
      author: { externalId: `77${n}`, handle: 'sarah_builds' },
    } satisfies ReturnType<typeof publishPost>;
    const id = await queueReplyTo(t.deps.db, ws, 'x', post, `Hi Sarah, we are on it (${n})`, new Date());
    await t.deps.db
      .update(replies)
      .set({
        status: 'needs_verification',
        attempts: 2,
        outcomeUnknown: true,
        lastError: 'looking for it failed',
      })
      .where(eq(replies.id, id));
    return { id, caseId: (await replyRow(t.deps.db, id)).caseId };
  }

  async function post(
    role: 'advisor' | 'admin' | 'expert' | 'marketing',
    path: string,
    fields: Record<string, string> = {},
  ) {
    const s = await t.session(role);
    return t.app.request(`${BASE}${path}`, {
      method: 'POST',
      headers: {
        accept: 'text/html',
        origin: BASE,
        cookie: s.cookie,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ _csrf: s.csrf, ...fields }).toString(),
    });
  }

  it('shows the question and both actions on the case, in English and French', async () => {
    const { caseId } = await waiting();
    const s = await t.session('advisor');
    const en = await (
      await t.app.request(`${BASE}/cases/${caseId}`, { headers: { cookie: s.cookie } })
    ).text();
    expect(en).toContain('Was this reply posted?');
    expect(en).toContain('Needs verification');
    expect(en).toMatch(/action="\/cases\/[^"]+\/replies\/[^"]+\/posted"/);
    expect(en).toMatch(/action="\/cases\/[^"]+\/replies\/[^"]+\/send-again"/);
    const fr = await (
      await t.app.request(`${BASE}/cases/${caseId}`, {
        headers: { cookie: `${s.cookie}; passerelle_lang=fr`, 'accept-language': 'fr' },
      })
    ).text();
    expect(fr).toContain('Cette réponse a-t-elle été publiée ?');
  });

  it('"it was posted" records the link, answers the case and says who in the history', async () => {
    const { id, caseId } = await waiting();
    const res = await post('advisor', `/cases/${caseId}/replies/${id}/posted`, {
      url: 'https://x.com/lumo/status/1900000000000000999',
    });
    expect(res.status).toBe(303);
    expect(await replyRow(t.deps.db, id)).toMatchObject({
      status: 'sent',
      externalUrl: 'https://x.com/lumo/status/1900000000000000999',
      outcomeUnknown: false,
    });
    const [c] = await t.deps.db.select().from(cases).where(eq(cases.id, caseId));
    expect(c?.status).toBe('answered');
    const s = await t.session('advisor');
    const page = await (
      await t.app.request(`${BASE}/cases/${caseId}`, { headers: { cookie: s.cookie } })
    ).text();
    expect(page).toContain('confirmed the reply was posted');
    expect(page).not.toContain('Was this reply posted?');
  });

  it('refuses a link that is not http(s), and changes nothing', async () => {
    const { id, caseId } = await waiting();
    const res = await post('advisor', `/cases/${caseId}/replies/${id}/posted`, {
      url: 'javascript:alert(1)',
    });
    expect(res.status).toBe(400);
    expect((await replyRow(t.deps.db, id)).status).toBe('needs_verification');
  });

  it('"send again" queues it without looking first, once', async () => {
    const { id, caseId } = await waiting();
    expect((await post('admin', `/cases/${caseId}/replies/${id}/send-again`)).status).toBe(303);
    expect(await replyRow(t.deps.db, id)).toMatchObject({ status: 'queued', outcomeUnknown: false });
    expect(t.deps.nudges).toContain('send-replies');
    // A second click (or a colleague's) finds nothing left to settle.
    expect((await post('advisor', `/cases/${caseId}/replies/${id}/send-again`)).status).toBe(409);
  });

  for (const role of ['expert', 'marketing'] as const) {
    it(`${role}s may not settle a reply`, async () => {
      const { id, caseId } = await waiting();
      expect((await post(role, `/cases/${caseId}/replies/${id}/send-again`)).status).toBe(403);
      const res = await post(role, `/cases/${caseId}/replies/${id}/posted`, {
        url: 'https://x.com/lumo/status/1',
      });
      expect(res.status).toBe(403);
      expect((await replyRow(t.deps.db, id)).status).toBe('needs_verification');
    });
  }
});
