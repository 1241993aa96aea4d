import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listeners, mentions } from '../../src/db/schema';
import { asSystem } from '../../src/services/context';
import { advanceDemoNetwork } from '../../src/services/demo/advance-demo-network';
import type { FaultPoint } from '../../src/services/faults';
import { pollDueListeners } from '../../src/services/listening/poll-due-listeners';
import { createTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
let first: string;
const second = 'lst_pipeline_2';
beforeAll(async () => {
  t = await createTestApp();
  await advanceDemoNetwork(asSystem(t.deps));
  const [seeded] = await t.deps.db.select().from(listeners);
  first = seeded!.id;
  // The same posts under another listener's query kind: both find mentions to store.
  await t.deps.db.insert(listeners).values({
    id: second,
    brandId: seeded!.brandId,
    accountId: seeded!.accountId,
    network: 'demo',
    kind: 'keyword',
    query: 'lumo',
    // Polled after the seeded one (least recently polled first).
    lastPolledAt: new Date('2026-01-01T00:00:00Z'),
  });
  await t.deps.db.update(listeners).set({ lastPolledAt: null }).where(eq(listeners.id, first));
});
afterAll(async () => {
  await t.close();
});

describe('the poll job', () => {
  it("fetches the next listener while the previous one's transaction runs (PostgreSQL), and a failed store stays its own", async () => {
    const seen: FaultPoint[] = [];
    let nextFetched: () => void = () => {};
    const secondFetch = new Promise<void>((resolve) => {
      nextFetched = resolve;
    });
    let stores = 0;
    const ctx = {
      ...asSystem(t.deps),
      faults: async (point: FaultPoint) => {
        seen.push(point);
        if (point === 'poll:after-fetch' && seen.filter((p) => p === point).length === 2) nextFetched();
        if (point === 'poll:after-store' && ++stores === 1) {
          // Inside the first listener's transaction: on PostgreSQL the second is fetched meanwhile.
          // PGlite is one connection, so the second listener's reads wait for this commit.
          if (t.database.kind === 'pglite') throw new Error('the disk is full');
          await Promise.race([
            secondFetch,
            new Promise((_, reject) =>
              setTimeout(
                () => reject(new Error('the next listener was not fetched during this store')),
                5000,
              ),
            ),
          ]);
          throw new Error('the disk is full');
        }
      },
    };

    const outcomes = await pollDueListeners(ctx, { force: true });

    expect(outcomes.map((o) => [o.listenerId, o.ok])).toEqual([
      [first, false],
      [second, true],
    ]);
    expect(outcomes[0]!.error).toContain('the disk is full');
    expect(outcomes[1]!.stored).toBeGreaterThan(0);
    expect([...seen].sort()).toEqual([
      'poll:after-cursor',
      'poll:after-fetch',
      'poll:after-fetch',
      'poll:after-store',
      'poll:after-store',
    ]);
    // The failed store kept nothing and did not move its cursor; the other listener's did both.
    const [a] = await t.deps.db.select().from(listeners).where(eq(listeners.id, first));
    const [b] = await t.deps.db.select().from(listeners).where(eq(listeners.id, second));
    expect(a!.cursor).toBeNull();
    expect(a!.consecutiveFailures).toBe(1);
    expect(b!.cursor).not.toBeNull();
    const stored = await t.deps.db.select({ listenerId: mentions.listenerId }).from(mentions);
    expect(new Set(stored.map((m) => m.listenerId))).toEqual(new Set([second]));
  });
});
