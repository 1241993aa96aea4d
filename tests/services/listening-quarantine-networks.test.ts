import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client';
import { deadLetters, listeners, mentions } from '../../src/db/schema';
import { asSystem } from '../../src/services/context';
import { pollListener } from '../../src/services/listening/poll-listener';
import { SARAH } from '../connectors/x/x-api-mock';
import { type Networks, seedWorkspace, startNetworks, type Workspace } from '../faults/networks';
import { createTestDatabase } from '../helpers/db';
import { type TestDeps, testDeps } from '../helpers/deps';

/**
 * One unreadable item on a real network's page: quarantined with its reason in the dead letters,
 * the rest stored, the cursor moved past both. A page that cannot be read at all moves nothing.
 */
describe('polling a page with one broken item', () => {
  let database: Database;
  let net: Networks;
  let deps: TestDeps;
  let ws: Workspace;

  beforeAll(async () => {
    database = await createTestDatabase();
    net = await startNetworks();
    deps = await testDeps(database, { fetch: (input, init) => fetch(input, init) });
    ws = await seedWorkspace(deps.db, deps.secrets, net, { listeners: true });
  });
  afterAll(async () => {
    await net.close();
    await database.close();
  });

  const listener = async (id: string) =>
    (await deps.db.select().from(listeners).where(eq(listeners.id, id)))[0]!;

  it('X: stores the good posts, quarantines the broken one, and moves the cursor', async () => {
    const id = `lis_x_${ws.brandId}`;
    const tweet = (tid: string, text: string) => ({
      id: tid,
      text,
      author_id: SARAH.id,
      created_at: '2026-11-20T08:00:00.000Z',
    });
    net.x.respondNext({
      status: 200,
      body: JSON.stringify({
        data: [
          tweet('1990000000000000300', '@lumo my hub is offline'),
          { id: '1990000000000000200', text: null, author_id: SARAH.id },
          tweet('1990000000000000100', '@lumo the app crashes'),
        ],
        includes: { users: [SARAH] },
        meta: { result_count: 3, newest_id: '1990000000000000300', oldest_id: '1990000000000000100' },
      }),
    });
    const outcome = await pollListener(asSystem(deps), id);
    expect(outcome).toMatchObject({ ok: true, fetched: 2, stored: 2, quarantined: 1 });
    const stored = await deps.db.select().from(mentions).where(eq(mentions.listenerId, id));
    expect(stored.map((m) => m.externalId).sort()).toEqual(['1990000000000000100', '1990000000000000300']);
    const [dead] = await deps.db.select().from(deadLetters).where(eq(deadLetters.listenerId, id));
    expect(dead).toMatchObject({ network: 'x', externalId: '1990000000000000200' });
    expect(dead!.reason).toContain('text');
    const after = await listener(id);
    expect(JSON.parse(after.cursor ?? '{}')).toEqual({ v: 1, sinceId: '1990000000000000300' });
    expect(after.lastError).toMatch(/quarantined/);

    // A page cut off mid-way is a poll error: nothing stored, nothing quarantined, cursor kept.
    net.x.respondNext({ status: 200, body: '{"data": [{"id": "1990000000000000400"' });
    const broken = await pollListener(asSystem(deps), id);
    expect(broken.ok).toBe(false);
    expect((await listener(id)).cursor).toBe(after.cursor);
    expect(await deps.db.select().from(deadLetters).where(eq(deadLetters.listenerId, id))).toHaveLength(1);
  });

  it('Reddit: a comment shown as [deleted] erases the stored mention it was', async () => {
    const id = `lis_reddit_${ws.brandId}`;
    const comment = net.reddit.mention({ body: 'u/lumo_support call me at 06 12 34 56 78' });
    expect(await pollListener(asSystem(deps), id)).toMatchObject({ ok: true, stored: 1 });
    const shown = { kind: 't1', data: { ...comment.data, body: '[deleted]', author: '[deleted]' } };
    await deps.db.update(listeners).set({ cursor: null }).where(eq(listeners.id, id));
    net.reddit.respondNext({
      status: 200,
      body: JSON.stringify({ kind: 'Listing', data: { after: null, before: null, children: [shown] } }),
    });
    expect(await pollListener(asSystem(deps), id)).toMatchObject({ ok: true, stored: 0 });
    const [m] = await deps.db.select().from(mentions).where(eq(mentions.externalId, comment.data.name));
    expect(m).toMatchObject({ text: '', url: null });
    expect(m!.deletedAt).not.toBeNull();
  });
});
