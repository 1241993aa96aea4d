import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type BlueskyConnectorOptions,
  createBlueskyConnector,
  rkeyFromIdempotencyKey,
} from '../../../connectors/bluesky';
import { type AccountRef, ConnectorError, type Mention } from '../../../connectors/types';
import { type BlueskyMock, startBlueskyMock } from './bluesky-mock';
import { alice, bob } from './fixtures';

let net: BlueskyMock;
let rotations: Array<{ credentials: Record<string, string>; requestsBefore: number }>;

beforeEach(async () => {
  net = await startBlueskyMock();
  rotations = [];
});

afterEach(async () => {
  await net.close();
});

const NOW = new Date('2026-02-01T12:00:00.000Z');

function connector(options: Partial<BlueskyConnectorOptions> = {}) {
  return createBlueskyConnector({
    baseUrl: net.baseUrl,
    fetch: (input, init) => fetch(input, init),
    now: () => NOW,
    onCredentialsRotated: async (credentials) => {
      rotations.push({ credentials, requestsBefore: net.requests.length });
    },
    ...options,
  });
}

function lumo(credentials: Record<string, string> = {}): AccountRef {
  return {
    handle: 'lumo.bsky.social',
    externalUserId: net.brand.did,
    credentials: { identifier: net.identifier, appPassword: net.appPassword, ...credentials },
  };
}

/** An account whose session was stored by an earlier run. */
function lumoWithSession(): AccountRef {
  const tokens = net.issueSession();
  return lumo({ ...tokens, did: net.brand.did, handle: net.brand.handle });
}

async function caught(promise: Promise<unknown>): Promise<ConnectorError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ConnectorError) return error;
    throw error;
  }
  throw new Error('expected a ConnectorError');
}

const rkeyOf = (uri: string) => uri.split('/').at(-1);
const mentions = (account = lumo(), cursor: string | null = null, bsky = connector()) =>
  bsky.poll({ kind: 'mention', query: 'lumo.bsky.social', cursor, account });

describe('bluesky connector: mentions', () => {
  it('logs in once, hands the session over before using it, and normalises notifications', async () => {
    const announcement = net.addPost({ text: 'Firmware 2.1 is out!', author: net.brand });
    const reply = net.addPost({ text: 'since 2.1 my hub blinks red 😡', replyTo: announcement });
    const replied = net.notify('reply', reply);
    const mention = net.addPost({
      text: '@lumo.bsky.social ma lampe ne s’allume plus',
      author: bob(),
      langs: ['fr-FR'],
    });
    const mentioned = net.notify('mention', mention);

    const bsky = connector();
    const result = await mentions(lumo(), null, bsky);

    expect(result.mentions).toHaveLength(2);
    expect(result.mentions[0]).toEqual({
      externalId: reply.uri,
      text: 'since 2.1 my hub blinks red 😡',
      url: `https://bsky.app/profile/alice.bsky.social/post/${rkeyOf(reply.uri)}`,
      language: 'en',
      createdAt: reply.record.createdAt,
      author: {
        externalId: alice().did,
        handle: 'alice.bsky.social',
        displayName: 'Alice 🌻',
        url: 'https://bsky.app/profile/alice.bsky.social',
        followers: null,
      },
      inReplyToId: announcement.uri,
      threadRootId: announcement.uri,
      raw: replied,
    } satisfies Mention);
    expect(result.mentions[1]).toMatchObject({
      externalId: mention.uri,
      language: 'fr',
      author: { handle: 'bob.example.com', displayName: null },
      inReplyToId: null,
      threadRootId: mention.uri,
      raw: mentioned,
    });
    expect(JSON.parse(result.nextCursor ?? '')).toEqual({
      v: 1,
      k: 'mention',
      high: mentioned.indexedAt,
      recent: [mention.uri, reply.uri],
    });

    expect(net.requests.map((r) => r.nsid)).toEqual([
      'com.atproto.server.createSession',
      'app.bsky.notification.listNotifications',
    ]);
    expect(net.requests[0]?.body).toEqual({ identifier: 'lumo.bsky.social', password: net.appPassword });
    const list = net.requests[1];
    expect(list?.url.searchParams.getAll('reasons')).toEqual(['mention', 'reply', 'quote']);
    expect(list?.url.searchParams.get('limit')).toBe('100');
    expect(list?.url.searchParams.has('cursor')).toBe(false);
    expect(list?.headers.authorization).toBe('Bearer access-1');
    expect(rotations).toEqual([
      {
        credentials: {
          identifier: net.identifier,
          appPassword: net.appPassword,
          accessJwt: 'access-1',
          refreshJwt: 'refresh-1',
          did: net.brand.did,
          handle: net.brand.handle,
        },
        requestsBefore: 1,
      },
    ]);

    // The session is kept: a second poll does not log in again.
    await mentions(lumo(), result.nextCursor, bsky);
    expect(net.count('com.atproto.server.createSession')).toBe(1);
  });

  it('returns only what is new on the next poll, and nothing (same cursor) when nothing is', async () => {
    net.notify('mention', net.addPost({ text: '@lumo.bsky.social one' }));
    const account = lumoWithSession();
    const first = await mentions(account);
    const same = await mentions(account, first.nextCursor);
    const later = net.notify('mention', net.addPost({ text: '@lumo.bsky.social two' }));
    const second = await mentions(account, same.nextCursor);

    expect(same).toEqual({ mentions: [], nextCursor: first.nextCursor });
    expect(second.mentions.map((m) => m.externalId)).toEqual([later.uri]);
    expect(JSON.parse(second.nextCursor ?? '').high).toBe(later.indexedAt);
    expect(net.count('com.atproto.server.createSession')).toBe(0);
  });

  it('walks several pages back to the last poll, and stops there', async () => {
    const older = Array.from({ length: 3 }, (_, i) =>
      net.notify('mention', net.addPost({ text: `older ${i}` })),
    );
    net.advance(3_600_000);
    const recent = Array.from({ length: 2 }, (_, i) =>
      net.notify('mention', net.addPost({ text: `recent ${i}` })),
    );
    const history = [...older, ...recent];
    const account = lumoWithSession();
    const first = await mentions(account);
    expect(first.mentions).toHaveLength(5);
    net.advance(3_600_000);
    const fresh = Array.from({ length: 250 }, (_, i) =>
      net.notify('reply', net.addPost({ text: `new ${i}` })),
    );
    const before = net.count('app.bsky.notification.listNotifications');

    const second = await mentions(account, first.nextCursor);

    expect(second.mentions.map((m) => m.externalId)).toEqual(fresh.map((n) => n.uri));
    expect(net.count('app.bsky.notification.listNotifications') - before).toBe(3);
    const cursors = net.requests.slice(-3).map((r) => r.url.searchParams.get('cursor'));
    expect(cursors[0]).toBeNull();
    expect(cursors[1]).toBe(`${fresh[150]?.indexedAt}::${fresh[150]?.cid}`);
    expect(history.map((n) => n.uri).some((uri) => second.mentions.some((m) => m.externalId === uri))).toBe(
      false,
    );
  });

  it('drains a backlog larger than maxPages over the next polls, skipping nothing', async () => {
    net.notify('mention', net.addPost({ text: 'seed' }));
    const account = lumoWithSession();
    const bsky = connector({ maxPages: 2, overlapSeconds: 10 });
    const first = await mentions(account, null, bsky);
    net.advance(3_600_000);
    const fresh = Array.from({ length: 250 }, (_, i) =>
      net.notify('mention', net.addPost({ text: `new ${i}` })),
    );

    const second = await mentions(account, first.nextCursor, bsky);
    const meanwhile = net.notify('mention', net.addPost({ text: 'during the drain' }));
    const third = await mentions(account, second.nextCursor, bsky);
    const fourth = await mentions(account, third.nextCursor, bsky);

    expect(second.mentions).toHaveLength(200);
    expect(JSON.parse(second.nextCursor ?? '').drain).toEqual({
      cursor: `${fresh[50]?.indexedAt}::${fresh[50]?.cid}`,
      floor: JSON.parse(first.nextCursor ?? '').high,
      recent: JSON.parse(first.nextCursor ?? '').recent,
    });
    expect(third.mentions.map((m) => m.externalId)).toEqual(fresh.slice(0, 50).map((n) => n.uri));
    expect(JSON.parse(third.nextCursor ?? '').drain).toBeUndefined();
    expect(fourth.mentions.map((m) => m.externalId)).toEqual([meanwhile.uri]);
    const all = [second, third, fourth].flatMap((r) => r.mentions.map((m) => m.externalId));
    expect(new Set(all).size).toBe(251);
  });

  it('walks again from the top when the server refuses a drain cursor it has forgotten', async () => {
    const seed = net.notify('mention', net.addPost({ text: 'seed' }));
    const account = lumoWithSession();
    const first = await mentions(account);
    net.advance(3_600_000);
    const fresh = Array.from({ length: 3 }, (_, i) =>
      net.notify('mention', net.addPost({ text: `new ${i}` })),
    );
    const stored = JSON.parse(first.nextCursor ?? '');
    const draining = JSON.stringify({
      v: 1,
      k: 'mention',
      high: fresh[2]?.indexedAt,
      recent: [],
      drain: { cursor: 'expired-cursor', floor: stored.high, recent: stored.recent },
    });
    net.respondNext({
      nsid: 'app.bsky.notification.listNotifications',
      status: 400,
      body: JSON.stringify({ error: 'InvalidRequest', message: 'Malformed cursor' }),
    });

    const result = await mentions(account, draining);

    expect(net.requests.slice(-3).map((r) => r.url.searchParams.get('cursor'))).toEqual([
      'expired-cursor',
      null,
      `${seed.indexedAt}::${seed.cid}`,
    ]);
    expect(result.mentions.map((m) => m.externalId)).toEqual(fresh.map((n) => n.uri));
    expect(JSON.parse(result.nextCursor ?? '').drain).toBeUndefined();
  });

  it('ignores notifications without a post when a server ignores the reasons filter', async () => {
    const post = net.addPost({ text: '@lumo.bsky.social hello' });
    const mention = net.notify('mention', post);
    const like = {
      ...mention,
      uri: `at://${bob().did}/app.bsky.feed.like/3kabcabcabc22`,
      author: bob(),
      reason: 'like',
      record: {
        $type: 'app.bsky.feed.like',
        subject: { uri: post.uri, cid: post.cid },
        createdAt: post.record.createdAt,
      },
    };
    net.respondNext({
      nsid: 'app.bsky.notification.listNotifications',
      status: 200,
      body: JSON.stringify({ notifications: [like, mention] }),
    });
    const result = await mentions(lumoWithSession());
    expect(result.mentions.map((m) => m.externalId)).toEqual([post.uri]);
  });

  it('refuses a cursor it did not write without calling the network', async () => {
    const error = await caught(mentions(lumoWithSession(), 'abc'));
    expect(error.kind).toBe('malformed');
    expect(net.requests).toHaveLength(0);
  });
});

describe('bluesky connector: sessions', () => {
  it('reuses a stored session without logging in', async () => {
    const account = lumoWithSession();
    await mentions(account);
    expect(net.requests.map((r) => r.nsid)).toEqual(['app.bsky.notification.listNotifications']);
    expect(net.requests[0]?.headers.authorization).toBe(`Bearer ${account.credentials?.accessJwt}`);
    expect(rotations).toEqual([]);
  });

  it('refreshes an expired session once, hands it over, and repeats the call', async () => {
    const account = lumoWithSession();
    net.expireAccessTokens();

    const result = await mentions(account);

    expect(result).toEqual({ mentions: [], nextCursor: null });
    expect(net.requests.map((r) => r.nsid)).toEqual([
      'app.bsky.notification.listNotifications',
      'com.atproto.server.refreshSession',
      'app.bsky.notification.listNotifications',
    ]);
    expect(net.requests[1]?.headers.authorization).toBe(`Bearer ${account.credentials?.refreshJwt}`);
    expect(net.requests[2]?.headers.authorization).toBe('Bearer access-2');
    expect(rotations).toHaveLength(1);
    expect(rotations[0]?.credentials).toMatchObject({ accessJwt: 'access-2', refreshJwt: 'refresh-2' });
    expect(rotations[0]?.requestsBefore).toBe(2);
  });

  it('shares one refresh between concurrent calls (refresh tokens are single-use)', async () => {
    const account = lumoWithSession();
    net.expireAccessTokens();
    const bsky = connector();
    const results = await Promise.all([
      mentions(account, null, bsky),
      bsky.poll({ kind: 'keyword', query: 'lumo', cursor: null, account }),
      mentions(account, null, bsky),
    ]);
    expect(results).toHaveLength(3);
    expect(net.count('com.atproto.server.refreshSession')).toBe(1);
    expect(net.count('com.atproto.server.createSession')).toBe(0);
    expect(rotations).toHaveLength(1);
  });

  it('logs in again only when the refresh token is refused', async () => {
    const account = lumoWithSession();
    net.expireAccessTokens();
    net.revokeRefreshTokens();
    await mentions(account);
    expect(net.requests.map((r) => r.nsid)).toEqual([
      'app.bsky.notification.listNotifications',
      'com.atproto.server.refreshSession',
      'com.atproto.server.createSession',
      'app.bsky.notification.listNotifications',
    ]);
    expect(rotations.map((r) => r.credentials.refreshJwt)).toEqual(['refresh-2']);
  });

  it('does not spend a login on a refresh that failed for another reason', async () => {
    const account = lumoWithSession();
    net.expireAccessTokens();
    net.respondNext({
      nsid: 'com.atproto.server.refreshSession',
      status: 502,
      body: '{"error":"UpstreamFailure"}',
    });
    const error = await caught(mentions(account));
    expect(error.kind).toBe('transient');
    expect(net.count('com.atproto.server.createSession')).toBe(0);
  });

  it('maps a wrong or missing app password to auth', async () => {
    const wrong = await caught(mentions(lumo({ appPassword: 'nope' })));
    expect(wrong.kind).toBe('auth');
    expect(wrong.status).toBe(401);
    expect(wrong.message).toBe('Invalid identifier or password');

    const requests = net.requests.length;
    const missing = await caught(mentions({ handle: 'lumo.bsky.social', credentials: {} }));
    expect(missing.kind).toBe('auth');
    expect(missing.message).toContain('app password');
    expect(await caught(mentions(null as unknown as AccountRef)).then((e) => e.kind)).toBe('auth');
    expect(net.requests).toHaveLength(requests);
  });

  it('honours the strict login rate limit, with its epoch-seconds reset', async () => {
    const reset = Math.floor(NOW.getTime() / 1000) + 300;
    net.respondNext({
      nsid: 'com.atproto.server.createSession',
      status: 429,
      body: JSON.stringify({ error: 'RateLimitExceeded', message: 'Rate Limit Exceeded' }),
      headers: {
        'ratelimit-limit': '30',
        'ratelimit-remaining': '0',
        'ratelimit-reset': String(reset),
        'ratelimit-policy': '30;w=300',
      },
    });
    const bsky = connector();
    const error = await caught(mentions(lumo(), null, bsky));
    expect(error.kind).toBe('rate_limited');
    expect(error.retryAt).toEqual(new Date(reset * 1000));

    const again = await caught(mentions(lumo(), null, bsky));
    expect(again.kind).toBe('rate_limited');
    expect(again.message).toContain('login');
    expect(net.requests).toHaveLength(1);
    expect(bsky.rateLimit()).toEqual({ remaining: 0, resetAt: new Date(reset * 1000) });

    // Listening with a stored session is not held back by the login limit.
    await mentions(lumoWithSession(), null, bsky);
    expect(net.requests).toHaveLength(2);
  });
});

describe('bluesky connector: search', () => {
  it('searches latest first with since below the last poll, skipping the brand and what was returned', async () => {
    const account = lumoWithSession();
    const a = net.addPost({ text: 'Lumo bulbs are great' });
    const bsky = connector();
    const first = await bsky.poll({ kind: 'keyword', query: 'lumo', cursor: null, account });
    net.advance(600_000);
    const b = net.addPost({ text: 'my lumo died', author: bob() });
    net.addPost({ text: 'lumo team: we are on it', author: net.brand });
    // Indexed late: written before the last poll saw `a`, but within the overlap.
    const late = net.addPost({
      text: 'lumo late to the index',
      createdAt: new Date(Date.parse(a.record.createdAt) - 60_000).toISOString(),
    });

    const second = await bsky.poll({ kind: 'keyword', query: 'lumo', cursor: first.nextCursor, account });

    expect(first.mentions.map((m) => m.externalId)).toEqual([a.uri]);
    expect(second.mentions.map((m) => m.externalId)).toEqual([late.uri, b.uri]);
    const request = net.requests.find(
      (r) => r.nsid === 'app.bsky.feed.searchPosts' && r.url.searchParams.has('since'),
    );
    expect(request?.url.searchParams.get('q')).toBe('lumo');
    expect(request?.url.searchParams.get('sort')).toBe('latest');
    expect(request?.url.searchParams.get('limit')).toBe('100');
    expect(request?.url.searchParams.get('since')).toBe(
      new Date(Date.parse(a.record.createdAt) - 300_000).toISOString(),
    );
  });

  it('searches a hashtag as #tag', async () => {
    const tagged = net.addPost({ text: 'loving my new #LumoHub' });
    net.addPost({ text: 'LumoHub without the hash' });
    const result = await connector().poll({
      kind: 'hashtag',
      query: 'LumoHub',
      cursor: null,
      account: lumoWithSession(),
    });
    expect(net.requests[0]?.url.searchParams.get('q')).toBe('#LumoHub');
    expect(result.mentions.map((m) => m.externalId)).toEqual([tagged.uri]);
  });

  it('sends search to an AppView without the session when one is given', async () => {
    const appView = await startBlueskyMock();
    try {
      appView.publicSearch = true;
      const post = appView.addPost({ text: 'lumo on the appview' });
      const result = await connector({ appViewUrl: appView.baseUrl }).poll({
        kind: 'keyword',
        query: 'lumo',
        cursor: null,
        account: lumo(),
      });
      expect(result.mentions.map((m) => m.externalId)).toEqual([post.uri]);
      expect(appView.requests[0]?.headers.authorization).toBeUndefined();
      expect(net.requests).toHaveLength(0);
    } finally {
      await appView.close();
    }
  });

  it("maps the network's refusal of a query to forbidden with its message", async () => {
    net.respondNext({
      status: 400,
      body: JSON.stringify({ error: 'BadQueryString', message: 'Error: query string is too long' }),
    });
    const error = await caught(
      connector().poll({ kind: 'keyword', query: 'x', cursor: null, account: lumoWithSession() }),
    );
    expect(error.kind).toBe('forbidden');
    expect(error.message).toBe('Error: query string is too long');
  });
});

describe('bluesky connector: reply', () => {
  const text = '@alice.bsky.social désolé 😅 — voir https://lumo.example/aide/réinitialiser, et #LumoHub';

  it('replies in the thread with root and parent refs, byte-offset facets and a key from the idempotency key', async () => {
    const announcement = net.addPost({ text: 'Firmware 2.1 is out!', author: net.brand });
    const complaint = net.addPost({ text: 'my hub blinks red', replyTo: announcement });
    const notification = net.notify('reply', complaint);
    const account = lumoWithSession();

    const result = await connector().reply({
      inReplyTo: { externalId: complaint.uri, threadRootId: announcement.uri, raw: notification },
      text,
      idempotencyKey: 'reply-1',
      account,
    });

    const rkey = await rkeyFromIdempotencyKey('reply-1');
    // A notification does not tell whether a thread gate shuts the brand out: the post is read first.
    expect(net.requests.map((r) => r.nsid)).toEqual([
      'app.bsky.feed.getPosts',
      'com.atproto.repo.createRecord',
    ]);
    const body = net.requests[1]?.body as {
      record: { facets: Array<{ index: { byteStart: number; byteEnd: number } }> };
    };
    expect(body).toEqual({
      repo: net.brand.did,
      collection: 'app.bsky.feed.post',
      rkey,
      record: {
        $type: 'app.bsky.feed.post',
        text,
        createdAt: NOW.toISOString(),
        reply: {
          root: { uri: announcement.uri, cid: announcement.cid },
          parent: { uri: complaint.uri, cid: complaint.cid },
        },
        facets: [
          {
            index: { byteStart: 0, byteEnd: 18 },
            features: [{ $type: 'app.bsky.richtext.facet#mention', did: alice().did }],
          },
          {
            index: { byteStart: 42, byteEnd: 82 },
            features: [
              { $type: 'app.bsky.richtext.facet#link', uri: 'https://lumo.example/aide/réinitialiser' },
            ],
          },
          {
            index: { byteStart: 87, byteEnd: 95 },
            features: [{ $type: 'app.bsky.richtext.facet#tag', tag: 'LumoHub' }],
          },
        ],
      },
    });
    const bytes = Buffer.from(text, 'utf8');
    expect(
      body.record.facets.map((f) => bytes.subarray(f.index.byteStart, f.index.byteEnd).toString('utf8')),
    ).toEqual(['@alice.bsky.social', 'https://lumo.example/aide/réinitialiser', '#LumoHub']);
    expect(result).toEqual({
      externalId: `at://${net.brand.did}/app.bsky.feed.post/${rkey}`,
      url: `https://bsky.app/profile/lumo.bsky.social/post/${rkey}`,
    });
  });

  it('uses the parent as root for a top-level post, and finds it when its payload is missing', async () => {
    const post = net.addPost({ text: 'is lumo down?' });
    await connector().reply({
      inReplyTo: { externalId: post.uri },
      text: 'Not at all!',
      idempotencyKey: 'k',
      account: lumoWithSession(),
    });
    expect(net.requests.map((r) => r.nsid)).toEqual([
      'app.bsky.feed.getPosts',
      'com.atproto.repo.createRecord',
    ]);
    expect(net.requests[0]?.url.searchParams.getAll('uris')).toEqual([post.uri]);
    const record = (net.requests[1]!.body as { record: { reply: unknown; facets?: unknown } }).record;
    expect(record.reply).toEqual({
      root: { uri: post.uri, cid: post.cid },
      parent: { uri: post.uri, cid: post.cid },
    });
    expect(record.facets).toBeUndefined();
  });

  it('returns the first reply when a retry finds its record already written', async () => {
    const post = net.addPost({ text: 'hello lumo' });
    const account = lumoWithSession();
    const input = {
      inReplyTo: { externalId: post.uri, raw: post },
      text: 'Hello!',
      idempotencyKey: 'same',
      account,
    };
    const first = await connector().reply(input);
    const retry = await connector().reply(input);

    expect(retry).toEqual(first);
    expect(net.records.size).toBe(1);
    expect(net.requests.map((r) => r.nsid)).toEqual([
      'com.atproto.repo.createRecord',
      'com.atproto.repo.createRecord',
      'com.atproto.repo.getRecord',
    ]);
    const otherKey = await rkeyFromIdempotencyKey('other');
    expect(otherKey).not.toBe(await rkeyFromIdempotencyKey('same'));
  });

  it('keeps the failure when the record was not written', async () => {
    const post = net.addPost({ text: 'hello lumo' });
    net.respondNext({
      nsid: 'com.atproto.repo.createRecord',
      status: 503,
      body: '{"error":"InternalServerError"}',
    });
    const error = await caught(
      connector().reply({
        inReplyTo: { externalId: post.uri, raw: post },
        text: 'Hello!',
        idempotencyKey: 'x',
        account: lumoWithSession(),
      }),
    );
    expect(error.kind).toBe('transient');
    expect(net.count('com.atproto.repo.getRecord')).toBe(1);
  });

  it('resolves other handles for mention facets, and leaves unknown ones as text', async () => {
    const post = net.addPost({ text: 'hello' });
    await connector().reply({
      inReplyTo: { externalId: post.uri, raw: post },
      text: 'ask @lumo.bsky.social or @nobody.example.org',
      idempotencyKey: 'k',
      account: lumoWithSession(),
    });
    expect(net.requests.filter((r) => r.nsid === 'com.atproto.identity.resolveHandle')).toHaveLength(2);
    const record = (net.requests.at(-1)!.body as { record: { facets: unknown[] } }).record;
    expect(record.facets).toEqual([
      {
        index: { byteStart: 4, byteEnd: 21 },
        features: [{ $type: 'app.bsky.richtext.facet#mention', did: net.brand.did }],
      },
    ]);
  });

  it('refuses an empty text, over 300 graphemes or over 3,000 bytes, before any call', async () => {
    const bsky = connector();
    const post = net.addPost({ text: 'hi' });
    const base = {
      inReplyTo: { externalId: post.uri, raw: post },
      idempotencyKey: 'k',
      account: lumoWithSession(),
    };
    expect((await caught(bsky.reply({ ...base, text: ' ' }))).kind).toBe('forbidden');
    const graphemes = await caught(bsky.reply({ ...base, text: 'é'.repeat(301) }));
    expect(graphemes.kind).toBe('forbidden');
    expect(graphemes.message).toContain('301 characters');
    const family = '👩‍👩‍👧‍👦'.repeat(200);
    const bytes = await caught(bsky.reply({ ...base, text: family }));
    expect(bytes.kind).toBe('forbidden');
    expect(bytes.message).toContain('5000 bytes');
    expect(net.requests).toHaveLength(0);

    expect(bsky.limits.max).toBe(300);
    expect(bsky.limits.measure(family)).toBe(301);
    expect(bsky.limits.measure('👩‍👩‍👧‍👦'.repeat(120))).toBe(120);
    expect(bsky.limits.measure('e\u0301'.repeat(300))).toBe(300);
  });

  it('says before writing that a thread gate excludes the brand, and refuses to post into it', async () => {
    const gated = net.addPost({ text: 'only my followers may reply', replyDisabled: true });
    const open = net.addPost({ text: 'anyone may reply' });
    const bsky = connector();
    expect(bsky.checkReply({ text: gated.record.text, raw: gated }, lumo())).toEqual({
      allowed: false,
      reason: 'The author limits who can reply to this thread, and the brand account is not among them.',
    });
    expect(bsky.checkReply({ text: open.record.text, raw: open }, lumo())).toEqual({
      allowed: true,
      reason: null,
    });
    expect(bsky.checkReply({ text: 'x', raw: open }, null).allowed).toBe(false);

    const error = await caught(
      bsky.reply({
        inReplyTo: { externalId: gated.uri, raw: gated },
        text: 'hi',
        idempotencyKey: 'k',
        account: lumoWithSession(),
      }),
    );
    expect(error.kind).toBe('forbidden');

    // Answering from a notification (no viewer state), the gate is found by reading the post.
    const fromNotification = await caught(
      bsky.reply({
        inReplyTo: { externalId: gated.uri, raw: net.notify('mention', gated) },
        text: 'hi',
        idempotencyKey: 'k2',
        account: lumoWithSession(),
      }),
    );
    expect(fromNotification.kind).toBe('forbidden');
    expect(fromNotification.message).toContain('limits who can reply');
    expect(net.count('app.bsky.feed.getPosts')).toBe(1);
    expect(net.count('com.atproto.repo.createRecord')).toBe(0);
  });
});

describe('bluesky connector: failures', () => {
  it('maps 429 to rate_limited with the epoch reset, then refuses to call until it', async () => {
    const reset = Math.floor(NOW.getTime() / 1000) + 120;
    net.respondNext({
      status: 429,
      body: JSON.stringify({ error: 'RateLimitExceeded', message: 'Rate Limit Exceeded' }),
      headers: { 'ratelimit-limit': '3000', 'ratelimit-remaining': '0', 'ratelimit-reset': String(reset) },
    });
    const bsky = connector();
    const account = lumoWithSession();
    const error = await caught(mentions(account, null, bsky));
    expect(error.kind).toBe('rate_limited');
    expect(error.status).toBe(429);
    expect(error.retryAt).toEqual(new Date(reset * 1000));
    expect(bsky.rateLimit()).toEqual({ remaining: 0, resetAt: new Date(reset * 1000) });

    const again = await caught(mentions(account, null, bsky));
    expect(again.kind).toBe('rate_limited');
    expect(net.requests).toHaveLength(1);
  });

  it('records the rate-limit headers of a success', async () => {
    net.rateLimitHeaders = { 'ratelimit-remaining': '2999', 'ratelimit-reset': '1769947500' };
    const bsky = connector();
    await mentions(lumoWithSession(), null, bsky);
    expect(bsky.rateLimit()).toEqual({ remaining: 2999, resetAt: new Date(1_769_947_500_000) });
  });

  it('maps 5xx and a timeout to transient', async () => {
    net.respondNext({
      status: 502,
      body: JSON.stringify({ error: 'UpstreamFailure', message: 'Upstream Failure' }),
    });
    const upstream = await caught(mentions(lumoWithSession()));
    expect(upstream.kind).toBe('transient');
    expect(upstream.network).toBe('bluesky');

    net.respondNext({ status: 200, body: '{"notifications":[]}', delayMs: 500 });
    const slow = await caught(mentions(lumoWithSession(), null, connector({ timeoutMs: 50 })));
    expect(slow.kind).toBe('transient');
    expect(slow.message).toContain('timed out');
  });

  it('maps truncated JSON, a wrong envelope and a page with nothing readable to malformed', async () => {
    net.respondNext({ status: 200, body: '{"notifications": [{"uri": "at://' });
    expect((await caught(mentions(lumoWithSession()))).kind).toBe('malformed');

    net.respondNext({ status: 200, body: JSON.stringify({ notifications: 'none' }) });
    expect((await caught(mentions(lumoWithSession()))).message).toContain('notifications');

    net.respondNext({ status: 200, body: JSON.stringify({ posts: [{ uri: 'at://x/y/z', cid: 7 }] }) });
    const searchError = await caught(
      connector().poll({ kind: 'keyword', query: 'lumo', cursor: null, account: lumoWithSession() }),
    );
    expect(searchError.kind).toBe('malformed');
    expect(searchError.message).toContain('no readable item');
  });

  it('quarantines one unreadable notification and keeps the rest of its page, the cursor past all', async () => {
    const older = net.notify('mention', net.addPost({ text: '@lumo.bsky.social first' }));
    net.advance(1000);
    const bad = net.notify('mention', net.addPost({ text: '@lumo.bsky.social broken' }));
    net.advance(1000);
    const newer = net.notify('mention', net.addPost({ text: '@lumo.bsky.social third' }));
    const broken = { ...bad, record: { ...(bad.record as object), text: 42 } };
    net.respondNext({
      nsid: 'app.bsky.notification.listNotifications',
      status: 200,
      body: JSON.stringify({ notifications: [newer, broken, older] }),
    });
    const account = lumoWithSession();
    const result = await mentions(account);
    expect(result.mentions.map((m) => m.externalId)).toEqual([older.uri, newer.uri]);
    expect(result.rejected).toEqual([
      { externalId: bad.uri, reason: expect.stringContaining('record: text'), raw: broken },
    ]);
    expect(JSON.parse(result.nextCursor ?? '').high).toBe(newer.indexedAt);

    // The next poll neither returns nor quarantines them again.
    net.respondNext({
      nsid: 'app.bsky.notification.listNotifications',
      status: 200,
      body: JSON.stringify({ notifications: [newer, broken, older] }),
    });
    const again = await mentions(account, result.nextCursor);
    expect(again.mentions).toEqual([]);
    expect(again.rejected).toBeUndefined();
  });

  it('quarantines a search hit that is not a post view, placed by its neighbours', async () => {
    const good = net.addPost({ text: 'lumo is great' });
    const hit = net.posts.find((p) => p.uri === good.uri) ?? good;
    net.respondNext({
      nsid: 'app.bsky.feed.searchPosts',
      status: 200,
      body: JSON.stringify({ posts: [{ uri: 'at://x/y/z', cid: 7 }, hit] }),
    });
    const result = await connector().poll({
      kind: 'keyword',
      query: 'lumo',
      cursor: null,
      account: lumoWithSession(),
    });
    expect(result.mentions.map((m) => m.externalId)).toEqual([good.uri]);
    expect(result.rejected).toEqual([
      {
        externalId: 'at://x/y/z',
        reason: expect.stringContaining('cid'),
        raw: { uri: 'at://x/y/z', cid: 7 },
      },
    ]);
  });

  it('says so when the service URL is not one', async () => {
    const error = await caught(
      connector({ baseUrl: 'ftp://pds.example' }).poll({
        kind: 'mention',
        query: 'x',
        cursor: null,
        account: lumo(),
      }),
    );
    expect(error.kind).toBe('unsupported');
  });
});
