import { eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDemoConnector } from '../../connectors/demo';
import { authors, deadLetters, listeners, mentions } from '../../src/db/schema';
import { asSystem } from '../../src/services/context';
import { pollListener } from '../../src/services/listening/poll-listener';
import { MAX_MENTION_TEXT } from '../../src/services/listening/sanitise';
import { type HostileNetwork, page, post, startHostileNetwork } from '../connectors/hostile-network';
import { createTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
let net: HostileNetwork;
let listenerId: string;

beforeAll(async () => {
  t = await createTestApp();
  net = await startHostileNetwork(t.deps.clock);
  const [l] = await t.deps.db.select().from(listeners);
  listenerId = l!.id;
});
afterAll(async () => {
  await net.close();
  await t.close();
});
beforeEach(async () => {
  await t.deps.db.delete(mentions);
  await t.deps.db.delete(deadLetters);
  await t.deps.db.update(listeners).set({ cursor: null, consecutiveFailures: 0, lastError: null });
  net.requests.length = 0;
});

const ctx = () =>
  asSystem({
    ...t.deps,
    connectors: () => createDemoConnector({ baseUrl: net.baseUrl, fetch, pageSize: 3, maxPages: 10 }),
  });
const stored = async () => (await t.deps.db.select().from(mentions)).map((m) => m.externalId).sort();
const listener = async () =>
  (await t.deps.db.select().from(listeners).where(eq(listeners.id, listenerId)))[0]!;
const letters = () => t.deps.db.select().from(deadLetters);

describe('a hostile network', () => {
  it('quarantines wrong types, a 1 MB text and broken text, stores the rest, and moves on', async () => {
    const wrongType = { ...post(2), author: { id: 7, handle: null } };
    const huge = post(3, { text: `@lumo ${'x'.repeat(1_000_000)}` });
    // Every string stored is cleaned, not only the text: rows travel to the database as JSON.
    const nasty = post(4, {
      text: '@lumo nul\u0000 and lone \ud800 surrogate',
      inReplyTo: 'gone\udc00',
      threadRoot: 'root\u0000\ud800',
      author: { id: 'a\ud800', handle: 'nasty\u0000', name: 'Na\udfffsty', followers: 1 },
    });
    net.answer = ({ after }) =>
      after === null ? { body: page([post(1), wrongType, huge, nasty, post(5)]) } : { body: page([]) };

    const outcome = await pollListener(ctx(), listenerId);
    expect(outcome).toMatchObject({ ok: true, stored: 3, quarantined: 2 });
    expect(await stored()).toEqual(['h1', 'h4', 'h5']);
    const [clean] = await t.deps.db.select().from(mentions).where(eq(mentions.externalId, 'h4'));
    expect(clean!.text).toBe('@lumo nul and lone \ufffd surrogate');
    expect(clean!.inReplyToExternalId).toBe('gone\ufffd');
    expect(clean!.threadRootExternalId).toBe('root\ufffd');
    const [who] = await t.deps.db.select().from(authors).where(eq(authors.id, clean!.authorId));
    expect(who).toMatchObject({ externalId: 'a\ufffd', handle: 'nasty', displayName: 'Na\ufffdsty' });

    const dead = await letters();
    expect(dead.map((d) => d.externalId).sort()).toEqual(['h2', 'h3']);
    expect(dead.find((d) => d.externalId === 'h2')!.reason).toMatch(/author/);
    expect(dead.find((d) => d.externalId === 'h3')!.reason).toContain(String(MAX_MENTION_TEXT));
    // The payload is kept truncated, not as a second megabyte.
    expect(dead.find((d) => d.externalId === 'h3')!.payload.length).toBeLessThan(5_000);

    const l = await listener();
    expect(l.cursor).toBe('5');
    expect(l.consecutiveFailures).toBe(0);
    expect(l.lastError).toMatch(/2 item\(s\).*quarantined/);

    // Replayed from the start: nothing stored twice, each broken item counted again on its row.
    await t.deps.db.update(listeners).set({ cursor: null });
    expect(await pollListener(ctx(), listenerId)).toMatchObject({ ok: true, stored: 0, quarantined: 2 });
    expect(await stored()).toEqual(['h1', 'h4', 'h5']);
    const again = await letters();
    expect(again).toHaveLength(2);
    expect(again.every((d) => d.count === 2)).toBe(true);
  });

  it('stores duplicates across pages and out-of-order pages once, and the cursor covers the highest', async () => {
    net.answer = ({ after }) => {
      if (after === null) return { body: page([post(3), post(1), post(2)], '3') };
      if (after === 3) return { body: page([post(2), post(6), post(3)], '6') };
      if (after === 6) return { body: page([post(5), post(4)], null) };
      return { body: page([]) };
    };
    const outcome = await pollListener(ctx(), listenerId);
    expect(outcome).toMatchObject({ ok: true, stored: 6 });
    expect(await stored()).toEqual(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
    expect((await listener()).cursor).toBe('6');
    const classified = await t.deps.db
      .select({ id: mentions.id })
      .from(mentions)
      .where(isNotNull(mentions.classification));
    expect(classified).toHaveLength(6);
  });

  it('fails the whole poll on truncated JSON in a later page: no partial rows, the cursor stays', async () => {
    net.answer = ({ after }) =>
      after === null
        ? { body: page([post(1), post(2), post(3)], '3') }
        : { body: '{"posts": [{"id": "h4", "se' };
    const outcome = await pollListener(ctx(), listenerId);
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toMatch(/could not read/);
    expect(await stored()).toEqual([]);
    const l = await listener();
    expect(l.cursor).toBeNull();
    expect(l.consecutiveFailures).toBe(1);
    expect(l.lastError).toMatch(/not JSON/);

    // The network heals: everything arrives, once.
    net.answer = ({ after }) =>
      after === null ? { body: page([post(1), post(2), post(3)], '3') } : { body: page([post(4)]) };
    t.deps.clock.advance(3_600_000);
    expect(await pollListener(ctx(), listenerId)).toMatchObject({ ok: true, stored: 4 });
    expect((await listener()).cursor).toBe('4');
  });

  it('treats invalid UTF-8 bytes and a broken envelope as clear errors, never a crash', async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"posts": [{"id": "h1", "text": "'),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from('"}], "next": null}'),
    ]);
    net.answer = () => ({ body: bytes });
    const outcome = await pollListener(ctx(), listenerId);
    // The bytes decode to U+FFFD; the item is then of the wrong shape and quarantined.
    expect(outcome).toMatchObject({ ok: true, stored: 0, quarantined: 1 });
    const [dead] = await letters();
    expect(dead!.payload).toContain('\ufffd');

    net.answer = () => ({ body: JSON.stringify({ posts: 'everything', next: 12 }) });
    const broken = await pollListener(ctx(), listenerId);
    expect(broken.ok).toBe(false);
    expect((await listener()).lastError).toMatch(/does not match the demo API/);
  });
});
