import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoConnector } from '../../connectors/demo';
import { auditLog, cases, listeners, mentions } from '../../src/db/schema';
import { asSystem } from '../../src/services/context';
import { advanceDemoNetwork } from '../../src/services/demo/advance-demo-network';
import { composeDemoPost } from '../../src/services/demo/compose-demo-post';
import { pollDueListeners } from '../../src/services/listening/poll-due-listeners';
import { createTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await advanceDemoNetwork(asSystem(t.deps));
});
afterAll(async () => {
  await t.close();
});

const customerPost = (handle: string, text: string, inReplyTo: string | null = null) =>
  composeDemoPost(asSystem(t.deps), { handle, text, inReplyTo: inReplyTo ?? undefined });

describe('listening', () => {
  it('stores each mention once and advances the cursor with it', async () => {
    const first = await pollDueListeners(asSystem(t.deps), { force: true });
    expect(first).toHaveLength(1);
    expect(first[0]!.stored).toBeGreaterThan(0);
    const stored = await t.deps.db.select().from(mentions);
    const [listener] = await t.deps.db.select().from(listeners);
    expect(listener!.cursor).not.toBeNull();
    expect(listener!.consecutiveFailures).toBe(0);

    const second = await pollDueListeners(asSystem(t.deps), { force: true });
    expect(second[0]).toMatchObject({ ok: true, stored: 0 });
    expect(await t.deps.db.select().from(mentions)).toHaveLength(stored.length);

    // Even replaying the whole network from the start stores nothing twice.
    await t.deps.db.update(listeners).set({ cursor: null });
    const replay = await pollDueListeners(asSystem(t.deps), { force: true });
    expect(replay[0]).toMatchObject({ ok: true, stored: 0 });
    expect(await t.deps.db.select().from(mentions)).toHaveLength(stored.length);
  });

  it('joins a follow-up to its case and reopens an answered case', async () => {
    const root = await customerPost('jules_m', '@lumo my parcel says delivered but nothing arrived?');
    await pollDueListeners(asSystem(t.deps), { force: true });
    const [c] = await t.deps.db.select().from(cases).where(eq(cases.threadRootExternalId, root.id));
    expect(c).toBeTruthy();
    await t.deps.db.update(cases).set({ status: 'answered' }).where(eq(cases.id, c!.id));

    await customerPost('jules_m', '@lumo still nothing today, any news?', root.id);
    const polled = await pollDueListeners(asSystem(t.deps), { force: true });
    expect(polled[0]).toMatchObject({ ok: true, stored: 1 });
    const rows = await t.deps.db.select().from(cases).where(eq(cases.threadRootExternalId, root.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.status).toBe('open');
    const thread = await t.deps.db.select().from(mentions).where(eq(mentions.caseId, c!.id));
    expect(thread).toHaveLength(2);
    const history = await t.deps.db.select().from(auditLog).where(eq(auditLog.caseId, c!.id));
    expect(history.map((h) => h.action)).toEqual(['case.opened', 'case.reopened']);
  });

  it('records a failing network on the listener, keeps what is stored and the cursor', async () => {
    const before = await t.deps.db.select().from(mentions);
    const [l0] = await t.deps.db.select().from(listeners);
    const broken = {
      ...t.deps,
      connectors: () =>
        createDemoConnector({
          baseUrl: 'http://x.test/api',
          fetch: async () => new Response('oops', { status: 503 }),
        }),
    };
    const [outcome] = await pollDueListeners(asSystem(broken), { force: true });
    expect(outcome!.ok).toBe(false);
    expect(outcome!.error).toMatch(/unavailable/i);
    const [l1] = await t.deps.db.select().from(listeners);
    expect(l1!.cursor).toBe(l0!.cursor);
    expect(l1!.consecutiveFailures).toBe(1);
    expect(l1!.lastError).toMatch(/unavailable/i);
    expect(l1!.nextPollAt.getTime()).toBeGreaterThan(t.deps.clock.now().getTime());
    expect(await t.deps.db.select().from(mentions)).toHaveLength(before.length);

    const garbled = {
      ...t.deps,
      connectors: () =>
        createDemoConnector({
          baseUrl: 'http://x.test/api',
          // A broken envelope (not a broken item, which is quarantined) fails the poll.
          fetch: async () => Response.json({ posts: { id: 42 }, next: null }),
        }),
    };
    const [bad] = await pollDueListeners(asSystem(garbled), { force: true });
    expect(bad!.error).toMatch(/could not read/);
    const [l2] = await t.deps.db.select().from(listeners);
    expect(l2!.consecutiveFailures).toBe(2);
    expect(l2!.cursor).toBe(l0!.cursor);

    // The network recovers: the next poll succeeds and the failure count resets.
    const [ok] = await pollDueListeners(asSystem(t.deps), { force: true });
    expect(ok!.ok).toBe(true);
    const [l3] = await t.deps.db.select().from(listeners);
    expect(l3!.consecutiveFailures).toBe(0);
    expect(l3!.lastError).toBeNull();
  });

  it('never polls a listener that is not due unless forced', async () => {
    await t.deps.db.update(listeners).set({ nextPollAt: new Date(t.deps.clock.now().getTime() + 60_000) });
    expect(await pollDueListeners(asSystem(t.deps))).toEqual([]);
    t.deps.clock.advance(61_000);
    expect(await pollDueListeners(asSystem(t.deps))).toHaveLength(1);
  });
});

describe('threading without a root id', () => {
  it('joins a reply to the case of the post it answers, and a reply to our own answer too', async () => {
    const { storeMentions } = await import('../../src/services/listening/store-mentions');
    const ctx = asSystem(t.deps);
    const target = { brandId: t.brandId, listenerId: null, network: 'demo' as const };
    const mention = (id: string, inReplyTo: string | null, text: string) => ({
      fromBrand: false,
      classification: t.deps.classifier.classify({ text, topics: [] }),
      mention: {
        externalId: id,
        text,
        url: null,
        createdAt: new Date(t.deps.clock.now().getTime()).toISOString(),
        author: { externalId: 'masto-1', handle: 'ana@mastodon.example' },
        inReplyToId: inReplyTo,
        // Like Mastodon: only the parent is known, so the connector names it as the root.
        threadRootId: inReplyTo ?? id,
        raw: {},
      },
    });
    await storeMentions(t.deps.db, ctx, target, [mention('m-1', null, '@lumo my hub is offline')]);
    t.deps.clock.advance(1000);
    await storeMentions(t.deps.db, ctx, target, [mention('m-2', 'm-1', 'also the app crashes')]);
    t.deps.clock.advance(1000);
    await storeMentions(t.deps.db, ctx, target, [mention('m-3', 'm-2', 'and now the lights blink')]);
    const [c] = await t.deps.db.select().from(cases).where(eq(cases.threadRootExternalId, 'm-1'));
    const thread = await t.deps.db.select().from(mentions).where(eq(mentions.caseId, c!.id));
    expect(thread.map((m) => m.externalId).sort()).toEqual(['m-1', 'm-2', 'm-3']);

    // The customer answers our public reply: the conversation continues in the same case.
    const { replies } = await import('../../src/db/schema');
    await t.deps.db.insert(replies).values({
      id: 'rep_thread_test',
      caseId: c!.id,
      inReplyToMentionId: thread[0]!.id,
      network: 'demo',
      body: 'Sorry! Try unplugging it.',
      status: 'sent',
      idempotencyKey: 'thread-test',
      externalId: 'our-reply-1',
    });
    t.deps.clock.advance(1000);
    await storeMentions(t.deps.db, ctx, target, [mention('m-4', 'our-reply-1', 'did that, still offline')]);
    const [m4] = await t.deps.db.select().from(mentions).where(eq(mentions.externalId, 'm-4'));
    expect(m4!.caseId).toBe(c!.id);
    expect(await t.deps.db.select().from(cases).where(eq(cases.threadRootExternalId, 'm-4'))).toEqual([]);
  });
});
