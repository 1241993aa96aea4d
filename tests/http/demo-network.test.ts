import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDemoConnector } from '../../connectors/demo';
import {
  createPostResponseSchema,
  errorResponseSchema,
  listPostsResponseSchema,
} from '../../connectors/demo/raw';
import type { Connector } from '../../connectors/types';
import type { Database } from '../../src/db/client';
import { demoNetworkApp } from '../../src/http/demo-network';
import type { AppDeps, AppEnv } from '../../src/http/env';
import { asSystem } from '../../src/services/context';
import { advanceDemoNetwork } from '../../src/services/demo/advance-demo-network';
import { composeDemoPost } from '../../src/services/demo/compose-demo-post';
import { createTestDatabase } from '../helpers/db';
import { type TestDeps, testDeps } from '../helpers/deps';

const API = 'http://demo.test/demo-network/api';
const lumo = { handle: 'lumo' };

let database: Database;
let deps: TestDeps & AppDeps;
let app: Hono<AppEnv>;
let connector: Connector;

beforeEach(async () => {
  database = await createTestDatabase();
  deps = {
    ...(await testDeps(database, { now: '2026-11-20T09:00:00Z' })),
    dbKind: database.kind,
    ping: database.ping,
    demoNetwork: true,
  };
  app = new Hono<AppEnv>().route('/demo-network', demoNetworkApp(deps));
  connector = createDemoConnector({
    baseUrl: API,
    fetch: async (input, init) => app.request(input, init),
    now: () => deps.clock.now(),
  });
});

afterEach(async () => {
  await database.close();
});

const ctx = () => asSystem(deps);

function postJson(body: unknown, headers: Record<string, string> = {}) {
  return app.request(`${API}/posts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('demo network API with the real demo connector', () => {
  it('polls, follows the cursor, threads replies and recognises a retried reply', async () => {
    await advanceDemoNetwork(ctx());
    const first = await connector.poll({ kind: 'mention', query: '@lumo', cursor: null, account: lumo });
    expect(first.mentions.length).toBeGreaterThan(3);
    expect(first.nextCursor).toMatch(/^\d+$/);
    for (const mention of first.mentions) {
      expect(mention.text.toLowerCase()).toContain('@lumo');
      expect(mention.url).toBe(`http://demo.test/demo-network#post-${mention.externalId}`);
      expect(mention.threadRootId).toBe(mention.externalId);
    }

    // Nothing new: the cursor poll is empty and keeps its place.
    const idle = await connector.poll({
      kind: 'mention',
      query: '@lumo',
      cursor: first.nextCursor,
      account: lumo,
    });
    expect(idle).toEqual({ mentions: [], nextCursor: first.nextCursor });

    const customer = first.mentions[0];
    if (!customer) throw new Error('no mention');
    const replyInput = {
      inReplyTo: { externalId: customer.externalId },
      text: `@${customer.author.handle} Lumo support here: thanks for reaching out, we are looking into it`,
      idempotencyKey: 'reply_1',
      account: lumo,
    };
    const reply = await connector.reply(replyInput);
    expect(reply.url).toBe(`http://demo.test/demo-network#post-${reply.externalId}`);
    // A retry after a lost answer gets the same post, not a second one.
    expect(await connector.reply(replyInput)).toEqual(reply);

    // The brand's own reply is on the network and matches the keyword, but it is not handed back
    // as a mention; the cursor still moves past it.
    const afterReply = await connector.poll({
      kind: 'keyword',
      query: 'lumo',
      cursor: first.nextCursor,
      account: lumo,
    });
    expect(afterReply.mentions).toEqual([]);
    expect(Number(afterReply.nextCursor)).toBeGreaterThan(Number(first.nextCursor));

    const page = await (await app.request(`${API}/posts?q=${customer.author.handle}&kind=mention`)).json();
    const listed = listPostsResponseSchema.parse(page).posts.find((p) => p.id === reply.externalId);
    expect(listed).toMatchObject({
      inReplyTo: customer.externalId,
      threadRoot: customer.externalId,
      byBrand: true,
    });

    // Time passes: only the new customer posts come back.
    deps.clock.advance(15 * 60_000);
    const { created } = await advanceDemoNetwork(ctx());
    expect(created).toBeGreaterThan(0);
    const later = await connector.poll({
      kind: 'keyword',
      query: 'lumo',
      cursor: afterReply.nextCursor,
      account: lumo,
    });
    expect(later.mentions.length).toBeGreaterThan(0);
    expect(later.mentions.length).toBeLessThanOrEqual(created);
    const seen = new Set(first.mentions.map((m) => m.externalId));
    for (const mention of later.mentions) expect(seen.has(mention.externalId)).toBe(false);
  });

  it('drains a backlog page by page', async () => {
    await advanceDemoNetwork(ctx());
    const small = createDemoConnector({
      baseUrl: API,
      fetch: async (input, init) => app.request(input, init),
      pageSize: 2,
    });
    const all = await connector.poll({ kind: 'keyword', query: 'lumo', cursor: null, account: lumo });
    const paged = await small.poll({ kind: 'keyword', query: 'lumo', cursor: null, account: lumo });
    expect(paged.mentions.map((m) => m.externalId)).toEqual(all.mentions.map((m) => m.externalId));
    expect(paged.nextCursor).toBe(all.nextCursor);
  });
});

describe('demo network API errors', () => {
  it('answers 201 then 200 for the same Idempotency-Key', async () => {
    const root = await composeDemoPost(ctx(), { text: '@lumo help', handle: 'sarah_builds' });
    const body = { text: '@sarah_builds on it', inReplyTo: root.id, handle: 'lumo' };
    const first = await postJson(body, { 'Idempotency-Key': 'k1' });
    const second = await postJson(body, { 'Idempotency-Key': 'k1' });
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(createPostResponseSchema.parse(await second.json())).toEqual(
      createPostResponseSchema.parse(await first.json()),
    );
  });

  it('refuses a missing key, an unknown parent, a bad body and a bad query with { error }', async () => {
    const cases: [Response, number][] = [
      [await postJson({ text: 'hi', inReplyTo: null, handle: 'lumo' }), 400],
      [
        await postJson({ text: 'hi', inReplyTo: 'dp_missing', handle: 'lumo' }, { 'Idempotency-Key': 'a' }),
        404,
      ],
      [await postJson({ text: '', inReplyTo: null, handle: 'lumo' }, { 'Idempotency-Key': 'b' }), 400],
      [
        await app.request(`${API}/posts`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'Idempotency-Key': 'c' },
          body: '{not json',
        }),
        400,
      ],
      [await app.request(`${API}/posts?q=lumo&kind=author`), 400],
      [await app.request(`${API}/posts?kind=mention`), 400],
      [await app.request(`${API}/nothing`), 404],
    ];
    for (const [response, status] of cases) {
      expect(response.status).toBe(status);
      expect(errorResponseSchema.safeParse(await response.json()).success).toBe(true);
      expect(response.headers.get('x-ratelimit-limit')).toBe('300');
    }
  });

  it('limits the API to 300 calls per 5 minutes, with reset in epoch seconds', async () => {
    const nowSeconds = deps.clock.now().getTime() / 1000;
    const first = await app.request(`${API}/posts?q=lumo&kind=mention`);
    expect(first.headers.get('x-ratelimit-remaining')).toBe('299');
    const reset = Number(first.headers.get('x-ratelimit-reset'));
    expect(reset).toBeGreaterThan(nowSeconds);
    expect(reset).toBeLessThanOrEqual(nowSeconds + 300);
    for (let i = 1; i < 300; i++) await app.request(`${API}/posts?q=lumo&kind=mention`);
    const limited = await app.request(`${API}/posts?q=lumo&kind=mention`);
    expect(limited.status).toBe(429);
    expect(errorResponseSchema.parse(await limited.json()).error).toMatch(/rate limit/);
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);

    // The connector reads it as a rate limit it can wait out.
    await expect(connector.poll({ kind: 'mention', query: 'lumo', cursor: null })).rejects.toMatchObject({
      kind: 'rate_limited',
    });

    // A second later a token has come back; the page itself is never limited.
    deps.clock.advance(1000);
    expect((await app.request(`${API}/posts?q=lumo&kind=mention`)).status).toBe(200);
    expect((await app.request('http://demo.test/demo-network')).status).toBe(200);
  });
});

describe('demo network page', () => {
  it('shows each conversation with the brand reply threaded under it', async () => {
    await advanceDemoNetwork(ctx());
    const { mentions } = await connector.poll({
      kind: 'mention',
      query: 'lumo',
      cursor: null,
      account: lumo,
    });
    const customer = mentions[0];
    if (!customer) throw new Error('no mention');
    const reply = await connector.reply({
      inReplyTo: { externalId: customer.externalId },
      text: `@${customer.author.handle} we have refunded you`,
      idempotencyKey: 'r1',
      account: lumo,
    });

    const response = await app.request('http://demo.test/demo-network');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    const page = await response.text();
    expect(page).toContain('Demo network — simulated public posts');
    expect(page).toContain('http-equiv="refresh"');
    expect(page).toContain(`id="post-${customer.externalId}"`);
    expect(page).toContain(`@${customer.author.handle}`);
    expect(page).toContain('Lumo (brand)');
    // The reply sits after its customer post and before the next conversation.
    const at = (text: string) => page.indexOf(text);
    const thread = page.slice(at(`id="post-${customer.externalId}"`));
    const nextThread = thread.indexOf('<article', 1);
    const replyAt = thread.indexOf(`id="post-${reply.externalId}"`);
    expect(replyAt).toBeGreaterThan(0);
    if (nextThread !== -1) expect(replyAt).toBeLessThan(nextThread);
  });

  it('speaks French when asked', async () => {
    const byHeader = await (
      await app.request('http://demo.test/demo-network', { headers: { 'accept-language': 'fr-FR,fr;q=0.9' } })
    ).text();
    expect(byHeader).toContain('Réseau de démo — publications publiques simulées');
    expect(byHeader).toContain('<html lang="fr"');
    const byQuery = await (await app.request('http://demo.test/demo-network?lang=fr')).text();
    expect(byQuery).toContain('Réseau de démo');
    const english = await (
      await app.request('http://demo.test/demo-network?lang=en', { headers: { 'accept-language': 'fr' } })
    ).text();
    expect(english).toContain('Demo network — simulated public posts');
  });

  it('escapes what customers write', async () => {
    await composeDemoPost(ctx(), {
      text: '<script>alert("pwned")</script> <img src=x onerror=alert(1)> @lumo',
      handle: 'mallory',
    });
    const page = await (await app.request('http://demo.test/demo-network')).text();
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;');
  });

  it('lets a visitor post as a customer from the compose form', async () => {
    const form = (fields: Record<string, string>, origin?: string) =>
      app.request('http://demo.test/demo-network/compose?lang=fr', {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          ...(origin ? { origin } : {}),
        },
        body: new URLSearchParams(fields).toString(),
      });

    const composePage = await app.request('http://demo.test/demo-network/compose');
    expect(composePage.status).toBe(200);
    expect(await composePage.text()).toContain('action="/demo-network/compose?lang=en"');

    // A form posted from another site is refused.
    expect((await form({ text: '@lumo hi', handle: 'visitor' }, 'http://evil.test')).status).toBe(403);

    const created = await form(
      { text: '@lumo mon hub clignote en rouge', handle: '@Visiteur' },
      'http://demo.test',
    );
    expect(created.status).toBe(303);
    const location = created.headers.get('location') ?? '';
    expect(location).toMatch(/^\/demo-network\?lang=fr#post-dp_/);
    const id = location.split('#post-')[1] ?? '';

    const reply = await form(
      { text: '@lumo toujours rien ?', handle: 'visiteur', inReplyTo: id },
      'http://demo.test',
    );
    expect(reply.status).toBe(303);
    const { mentions } = await connector.poll({
      kind: 'mention',
      query: 'lumo',
      cursor: null,
      account: lumo,
    });
    expect(mentions.map((m) => [m.author.handle, m.threadRootId])).toEqual([
      ['visiteur', id],
      ['visiteur', id],
    ]);

    const invalid = await form({ text: '   ', handle: 'visiteur' }, 'http://demo.test');
    expect(invalid.status).toBe(400);
    expect(await invalid.text()).toContain('Publication impossible');
    const asBrand = await form({ text: 'free bulbs for all', handle: 'lumo' }, 'http://demo.test');
    expect(asBrand.status).toBe(400);
    const unknownParent = await form(
      { text: 'hi', handle: 'visiteur', inReplyTo: 'dp_nope' },
      'http://demo.test',
    );
    expect(unknownParent.status).toBe(404);
  });
});
