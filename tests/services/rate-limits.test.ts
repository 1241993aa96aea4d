import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDemoConnector } from '../../connectors/demo';
import { listeners, mentions, networkAccounts, networkRateLimits } from '../../src/db/schema';
import { asSystem, type ServiceDeps } from '../../src/services/context';
import { pollDueListeners } from '../../src/services/listening/poll-due-listeners';
import { pollListener } from '../../src/services/listening/poll-listener';
import { type HostileNetwork, page, post, startHostileNetwork } from '../connectors/hostile-network';
import { createTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
let net: HostileNetwork;
let first: string;
let second: string;
/** The seeded demo account: its listeners share its window. */
let key: string;

beforeAll(async () => {
  t = await createTestApp();
  net = await startHostileNetwork(t.deps.clock);
  const [l] = await t.deps.db.select().from(listeners);
  first = l!.id;
  const [account] = await t.deps.db.select().from(networkAccounts).where(eq(networkAccounts.network, 'demo'));
  key = `account:${account!.id}`;
  second = 'lis_second';
  await t.deps.db.insert(listeners).values({
    id: second,
    brandId: l!.brandId,
    network: 'demo',
    kind: 'keyword',
    query: 'lumo',
    intervalSeconds: 60,
  });
});
afterAll(async () => {
  await net.close();
  await t.close();
});
beforeEach(async () => {
  await t.deps.db.delete(mentions);
  await t.deps.db.delete(networkRateLimits);
  await t.deps.db.update(listeners).set({
    cursor: null,
    consecutiveFailures: 0,
    lastError: null,
    lastPolledAt: null,
    nextPollAt: t.deps.clock.now(),
    leaseUntil: null,
  });
  net.requests.length = 0;
});

/** A fresh connector for every poll: nothing survives in memory, as after a restart or on another instance. */
const ctx = (extra: Partial<ServiceDeps> = {}) =>
  asSystem({
    ...t.deps,
    connectors: () => createDemoConnector({ baseUrl: net.baseUrl, fetch, pageSize: 3, maxPages: 10 }),
    ...extra,
  });

const posts = Array.from({ length: 10 }, (_, i) => post(i + 1));
const serve = (after: number | null) => {
  const rest = posts.filter((p) => p.seq > (after ?? 0)).slice(0, 3);
  const last = rest[rest.length - 1];
  return { body: page(rest, last && last.seq < 10 ? String(last.seq) : null) };
};

describe('rate limits', () => {
  it('in a 429 storm, calls nothing before the announced reset, loses nothing and skips nothing', async () => {
    let blockedUntil: Date | null = null;
    let storms = 3;
    const early: Date[] = [];
    net.answer = ({ after, at }) => {
      if (blockedUntil && at < blockedUntil) early.push(at);
      if (storms > 0) {
        storms -= 1;
        blockedUntil = new Date(at.getTime() + 120_000);
        return {
          status: 429,
          body: JSON.stringify({ error: 'Too Many Requests' }),
          headers: {
            'x-ratelimit-remaining': '0',
            'x-ratelimit-reset': String(Math.ceil(blockedUntil.getTime() / 1000)),
          },
        };
      }
      return serve(after);
    };

    for (let round = 0; round < 30; round++) {
      await pollDueListeners(ctx());
      t.deps.clock.advance(20_000);
    }
    expect(storms).toBe(0);
    expect(early).toEqual([]);
    // Both listeners waited out the storm: the second never called during a window the first was told about.
    const rows = await t.deps.db.select().from(mentions);
    expect(rows.map((m) => m.externalId).sort()).toEqual(posts.map((p) => p.id).sort());
    const ls = await t.deps.db.select().from(listeners);
    expect(ls.map((l) => l.cursor)).toEqual(['10', '10']);
    const [limit] = await t.deps.db.select().from(networkRateLimits);
    expect(limit!.key).toBe(key);
  });

  it('defers a listener, without calling, while the stored window is spent', async () => {
    const reset = new Date(t.deps.clock.now().getTime() + 300_000);
    await t.deps.db.insert(networkRateLimits).values({ key, network: 'demo', remaining: 0, resetAt: reset });
    net.answer = ({ after }) => serve(after);
    const outcome = await pollListener(ctx(), first);
    expect(outcome).toMatchObject({ ok: true, fetched: 0, deferredUntil: reset });
    expect(net.requests).toHaveLength(0);
    const [l] = await t.deps.db.select().from(listeners).where(eq(listeners.id, first));
    expect(l!.nextPollAt).toEqual(reset);
    expect(l!.consecutiveFailures).toBe(0);

    t.deps.clock.set(reset);
    expect(await pollListener(ctx(), first)).toMatchObject({ ok: true, stored: 10 });
  });

  it('spreads what is left of the window over the listeners sharing it', async () => {
    await t.deps.db.insert(networkRateLimits).values({
      key,
      network: 'demo',
      remaining: 2,
      resetAt: new Date(t.deps.clock.now().getTime() + 600_000),
    });
    net.answer = ({ after }) => serve(after);
    // Two listeners share 2 calls: one page each, the backlog waits for the next window.
    expect(await pollListener(ctx(), first)).toMatchObject({ ok: true, stored: 3 });
    expect(net.requests).toHaveLength(1);
    const [l] = await t.deps.db.select().from(listeners).where(eq(listeners.id, first));
    expect(l!.cursor).toBe('3');
  });

  it('backs off transient failures with full jitter from the injected randomness', async () => {
    net.answer = () => ({ status: 503, body: 'down' });
    const start = t.deps.clock.now().getTime();
    await pollListener(ctx({ random: () => 0.5 }), first);
    let [l] = await t.deps.db.select().from(listeners).where(eq(listeners.id, first));
    expect(l!.nextPollAt.getTime() - start).toBe(30_000); // 0.5 * min(1 h, 60 s * 2^0)
    await pollListener(ctx({ random: () => 0.25 }), first);
    [l] = await t.deps.db.select().from(listeners).where(eq(listeners.id, first));
    expect(l!.nextPollAt.getTime() - start).toBe(30_000); // 0.25 * 60 s * 2^1
    await pollListener(ctx({ random: () => 0 }), first);
    [l] = await t.deps.db.select().from(listeners).where(eq(listeners.id, first));
    expect(l!.nextPollAt.getTime()).toBe(start);
    expect(l!.consecutiveFailures).toBe(3);
  });

  it('polls the least recently polled listener first', async () => {
    net.answer = ({ after }) => serve(after);
    const now = t.deps.clock.now();
    await t.deps.db
      .update(listeners)
      .set({ lastPolledAt: new Date(now.getTime() - 60_000) })
      .where(eq(listeners.id, first));
    await t.deps.db
      .update(listeners)
      .set({ lastPolledAt: new Date(now.getTime() - 3_600_000) })
      .where(eq(listeners.id, second));
    const [polled] = await pollDueListeners(ctx(), { limit: 1 });
    expect(polled!.listenerId).toBe(second);
    const [next] = await pollDueListeners(ctx(), { limit: 1, force: true });
    expect(next!.listenerId).toBe(first);
  });
});
