import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listeners } from '../../src/db/schema';
import { asSystem } from '../../src/services/context';
import { advanceDemoNetwork } from '../../src/services/demo/advance-demo-network';
import { pollDueListeners } from '../../src/services/listening/poll-due-listeners';
import { createTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await advanceDemoNetwork(asSystem(t.deps));
  const [seeded] = await t.deps.db.select().from(listeners);
  // Three listeners due at once: the shutdown comes after the first is polled.
  for (const n of [2, 3]) {
    await t.deps.db.insert(listeners).values({
      id: `lst_shutdown_${n}`,
      brandId: seeded!.brandId,
      accountId: seeded!.accountId,
      network: 'demo',
      kind: 'keyword',
      query: `lumo ${n}`,
    });
  }
  await t.deps.db.update(listeners).set({ nextPollAt: new Date('2026-11-20T08:00:00Z') });
});
afterAll(async () => {
  await t.close();
});

describe('a shutdown while listeners are claimed', () => {
  it('polls the one in hand and releases the leases of the others at once', async () => {
    let polled = 0;
    const outcomes = await pollDueListeners(asSystem(t.deps), {
      // Asked before each listener: stop once one has been polled.
      shouldStop: () => polled++ >= 1,
    });
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]!.ok).toBe(true);
    const rows = await t.deps.db.select().from(listeners);
    expect(rows).toHaveLength(3);
    // None keeps a lease: the unpolled ones are free for another instance right away.
    expect(rows.map((r) => r.leaseUntil)).toEqual([null, null, null]);
    const untouched = rows.filter((r) => r.lastPolledAt === null);
    expect(untouched).toHaveLength(2);

    // Another instance, right now, claims and polls exactly those two.
    const next = await pollDueListeners(asSystem(t.deps));
    expect(next.map((o) => o.listenerId).sort()).toEqual(untouched.map((r) => r.id).sort());
  });
});
