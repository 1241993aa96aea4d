import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDemoConnector, type DemoConnectorOptions } from '../../connectors/demo';
import { ConnectorError, type Mention } from '../../connectors/types';
import { type DemoNetworkMock, startDemoNetworkMock } from './demo-network-mock';

let net: DemoNetworkMock;

beforeEach(async () => {
  net = await startDemoNetworkMock();
});

afterEach(async () => {
  await net.close();
});

function connector(options: Partial<DemoConnectorOptions> = {}) {
  return createDemoConnector({
    baseUrl: net.baseUrl,
    fetch: (input, init) => fetch(input, init),
    ...options,
  });
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

const lumo = { handle: 'lumo' };

describe('demo connector: poll', () => {
  it('normalises the first poll and returns the last seq as cursor', async () => {
    const first = net.add({ text: '@lumo hub offline after the update', lang: 'en' });
    net.add({ text: 'nothing to see here' });
    const second = net.add({
      text: '@lumo toujours rien ?',
      lang: 'fr',
      inReplyTo: first.id,
      threadRoot: first.id,
      author: { id: 'u2', handle: 'camille_lrt', name: 'Camille Laurent', followers: 587 },
    });

    const result = await connector().poll({ kind: 'mention', query: '@lumo', cursor: null });

    expect(result.nextCursor).toBe(String(second.seq));
    expect(result.mentions.map((m) => m.externalId)).toEqual([first.id, second.id]);
    const top = result.mentions[0] as Mention;
    expect(top).toEqual({
      externalId: first.id,
      text: '@lumo hub offline after the update',
      url: `${net.baseUrl.replace(/\/api$/, '')}#post-${first.id}`,
      language: 'en',
      createdAt: first.createdAt,
      author: {
        externalId: 'u1',
        handle: 'sarah_builds',
        displayName: 'Sarah Whitfield',
        url: null,
        followers: 412,
      },
      inReplyToId: null,
      threadRootId: first.id,
      raw: first,
    });
    expect(result.mentions[1]).toMatchObject({
      inReplyToId: first.id,
      threadRootId: first.id,
      language: 'fr',
    });

    const request = net.requests[0];
    expect(request?.method).toBe('GET');
    expect(request?.url.pathname).toBe('/demo-network/api/posts');
    expect(request?.url.searchParams.has('after')).toBe(false);
    expect(request?.url.searchParams.get('limit')).toBe('100');
    expect(request?.url.searchParams.get('q')).toBe('@lumo');
    expect(request?.url.searchParams.get('kind')).toBe('mention');
  });

  it('asks only for posts after the stored cursor on the next poll', async () => {
    net.add({ text: '@lumo first' });
    const demo = connector();
    const first = await demo.poll({ kind: 'mention', query: 'lumo', cursor: null });
    const later = net.add({ text: '@lumo second' });

    const second = await demo.poll({ kind: 'mention', query: 'lumo', cursor: first.nextCursor });

    expect(net.requests[1]?.url.searchParams.get('after')).toBe(first.nextCursor);
    expect(second.mentions.map((m) => m.externalId)).toEqual([later.id]);
    expect(second.nextCursor).toBe(String(later.seq));
  });

  it('follows pages until next is null', async () => {
    const added = Array.from({ length: 5 }, (_, i) => net.add({ text: `lumo bulbs ${i}` }));

    const result = await connector({ pageSize: 2 }).poll({ kind: 'keyword', query: 'lumo', cursor: null });

    expect(result.mentions.map((m) => m.externalId)).toEqual(added.map((p) => p.id));
    expect(result.nextCursor).toBe(String(added[4]?.seq));
    expect(net.requests.map((r) => r.url.searchParams.get('after'))).toEqual([
      null,
      String(added[1]?.seq),
      String(added[3]?.seq),
    ]);
    expect(net.requests.every((r) => r.url.searchParams.get('limit') === '2')).toBe(true);
  });

  it('stops after maxPages with a cursor covering exactly what it returned', async () => {
    const added = Array.from({ length: 5 }, (_, i) => net.add({ text: `lumo bulbs ${i}` }));
    const demo = connector({ pageSize: 2, maxPages: 2 });

    const first = await demo.poll({ kind: 'keyword', query: 'lumo', cursor: null });
    const rest = await demo.poll({ kind: 'keyword', query: 'lumo', cursor: first.nextCursor });

    expect(first.mentions).toHaveLength(4);
    expect(first.nextCursor).toBe(String(added[3]?.seq));
    expect(rest.mentions.map((m) => m.externalId)).toEqual([added[4]?.id]);
  });

  it('returns the same cursor on an empty page', async () => {
    const demo = connector();
    expect(await demo.poll({ kind: 'mention', query: 'lumo', cursor: '7' })).toEqual({
      mentions: [],
      nextCursor: '7',
    });
    expect(await demo.poll({ kind: 'mention', query: 'lumo', cursor: null })).toEqual({
      mentions: [],
      nextCursor: null,
    });
  });

  it("skips the brand's own posts but moves the cursor past them", async () => {
    const customer = net.add({ text: '@lumo help' });
    const own = net.add({
      text: '@sarah_builds we are on it, lumo team',
      byBrand: true,
      author: { id: 'b', handle: 'lumo', name: 'Lumo', followers: 1 },
    });
    const echo = net.add({
      text: 'lumo here again',
      author: { id: 'b', handle: 'Lumo', name: 'Lumo', followers: 1 },
    });

    const result = await connector().poll({ kind: 'keyword', query: 'lumo', cursor: null, account: lumo });

    expect(result.mentions.map((m) => m.externalId)).toEqual([customer.id]);
    expect(result.nextCursor).toBe(String(Math.max(own.seq, echo.seq)));
  });

  it('sends a hashtag without its #', async () => {
    const tagged = net.add({ text: 'new setup #LumoPlus' });
    const result = await connector().poll({ kind: 'hashtag', query: '#lumoplus', cursor: null });
    expect(net.requests[0]?.url.searchParams.get('q')).toBe('lumoplus');
    expect(result.mentions.map((m) => m.externalId)).toEqual([tagged.id]);
  });

  it('refuses a cursor it did not write without calling the network', async () => {
    const error = await caught(connector().poll({ kind: 'mention', query: 'lumo', cursor: 'abc' }));
    expect(error.kind).toBe('malformed');
    expect(net.requests).toHaveLength(0);
  });

  it('reports a next cursor that does not advance as malformed', async () => {
    const post = net.add({ text: '@lumo a' });
    net.respondNext({ status: 200, body: JSON.stringify({ posts: [post], next: '0' }) });
    const error = await caught(connector().poll({ kind: 'mention', query: 'lumo', cursor: '3' }));
    expect(error.kind).toBe('malformed');
  });
});

describe('demo connector: reply', () => {
  it('posts into the thread with the idempotency key and does not duplicate a retry', async () => {
    const root = net.add({ text: '@lumo my hub is offline' });
    const followUp = net.add({ text: '@lumo any news?', inReplyTo: root.id, threadRoot: root.id });
    const demo = connector();
    const input = {
      inReplyTo: { externalId: followUp.id, threadRootId: root.id },
      text: "Hi Sarah, sorry about that: we're rolling out a fix tonight 💡",
      idempotencyKey: 'reply-42',
      account: { handle: '@lumo' },
    };

    const result = await demo.reply(input);
    const retry = await demo.reply(input);

    const request = net.requests[0];
    expect(request?.method).toBe('POST');
    expect(request?.url.pathname).toBe('/demo-network/api/posts');
    expect(request?.headers['idempotency-key']).toBe('reply-42');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.body).toEqual({ text: input.text, inReplyTo: followUp.id, handle: 'lumo' });
    expect(retry).toEqual(result);
    expect(result.url).toBe(`${net.baseUrl.replace(/\/api$/, '')}#post-${result.externalId}`);

    const brandPosts = net.posts.filter((p) => p.byBrand);
    expect(brandPosts).toEqual([
      expect.objectContaining({ id: result.externalId, inReplyTo: followUp.id, threadRoot: root.id }),
    ]);
    // Polling the thread's keyword does not bring the brand's own reply back as a mention.
    const polled = await demo.poll({ kind: 'keyword', query: 'lumo', cursor: null, account: lumo });
    expect(polled.mentions.map((m) => m.externalId)).toEqual([root.id, followUp.id]);
  });

  it('refuses without an account, an empty text or a text over 500 code points, before any call', async () => {
    const demo = connector();
    const base = { inReplyTo: { externalId: 'p1' }, idempotencyKey: 'k' };
    expect((await caught(demo.reply({ ...base, text: 'hello' }))).kind).toBe('auth');
    expect((await caught(demo.reply({ ...base, text: '  ', account: lumo }))).kind).toBe('forbidden');
    const tooLong = await caught(demo.reply({ ...base, text: 'a'.repeat(501), account: lumo }));
    expect(tooLong.kind).toBe('forbidden');
    expect(tooLong.message).toContain('501');
    expect(net.requests).toHaveLength(0);
  });

  it('counts emoji and composed accents once, as code points of the NFC text', () => {
    const { limits } = connector();
    expect(limits.max).toBe(500);
    expect(limits.measure('💡'.repeat(500))).toBe(500);
    expect(limits.measure('e\u0301')).toBe(1);
  });

  it('maps a refusal of the network to forbidden with its reason', async () => {
    const error = await caught(
      connector().reply({
        inReplyTo: { externalId: 'missing' },
        text: 'hi',
        idempotencyKey: 'k',
        account: lumo,
      }),
    );
    expect(error.kind).toBe('forbidden');
    expect(error.status).toBe(404);
    expect(error.message).toBe('post not found');
  });
});

describe('demo connector: failures', () => {
  it('maps 429 to rate_limited with the reset as retryAt and records the state', async () => {
    const reset = 1_800_000_000;
    net.respondNext({
      status: 429,
      body: JSON.stringify({ error: 'slow down' }),
      headers: {
        'x-ratelimit-limit': '300',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(reset),
      },
    });
    const demo = connector();

    const error = await caught(demo.poll({ kind: 'mention', query: 'lumo', cursor: null }));

    expect(error.kind).toBe('rate_limited');
    expect(error.status).toBe(429);
    expect(error.retryAt?.toISOString()).toBe(new Date(reset * 1000).toISOString());
    expect(demo.rateLimit()).toEqual({ remaining: 0, resetAt: new Date(reset * 1000) });
  });

  it('records the rate-limit headers of a successful call', async () => {
    net.rateLimitHeaders = { 'x-ratelimit-remaining': '299', 'x-ratelimit-reset': '1800000300' };
    const demo = connector();
    expect(demo.rateLimit()).toEqual({ remaining: null, resetAt: null });
    await demo.poll({ kind: 'mention', query: 'lumo', cursor: null });
    expect(demo.rateLimit()).toEqual({ remaining: 299, resetAt: new Date(1_800_000_300_000) });
  });

  it('maps 500 to transient', async () => {
    net.respondNext({ status: 500, body: JSON.stringify({ error: 'boom' }) });
    const error = await caught(connector().poll({ kind: 'mention', query: 'lumo', cursor: null }));
    expect(error.kind).toBe('transient');
    expect(error.status).toBe(500);
    expect(error.network).toBe('demo');
  });

  it('maps 401 to auth', async () => {
    net.respondNext({ status: 401, body: JSON.stringify({ error: 'token revoked' }) });
    const error = await caught(connector().poll({ kind: 'mention', query: 'lumo', cursor: null }));
    expect(error.kind).toBe('auth');
  });

  it('maps a body that is not JSON to malformed', async () => {
    net.respondNext({ status: 200, body: '{"posts": [' });
    const error = await caught(connector().poll({ kind: 'mention', query: 'lumo', cursor: null }));
    expect(error.kind).toBe('malformed');
  });

  it('quarantines a post of the wrong shape, keeps the page, and refuses a broken envelope', async () => {
    const good = net.add({ text: '@lumo fine' });
    const post = { ...net.add({ text: '@lumo x' }), seq: '1' };
    net.respondNext({ status: 200, body: JSON.stringify({ posts: [good, post], next: null }) });
    const result = await connector().poll({ kind: 'mention', query: 'lumo', cursor: null });
    expect(result.mentions.map((m) => m.externalId)).toEqual([good.id]);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected![0]!.externalId).toBe(post.id);
    expect(result.rejected![0]!.reason).toContain('seq');

    net.respondNext({ status: 200, body: JSON.stringify({ posts: 'nope', next: null }) });
    const error = await caught(connector().poll({ kind: 'mention', query: 'lumo', cursor: null }));
    expect(error.kind).toBe('malformed');
    expect(error.message).toContain('posts');

    net.respondNext({ status: 201, body: JSON.stringify({ id: 'p9' }) });
    const replyError = await caught(
      connector().reply({ inReplyTo: { externalId: 'p1' }, text: 'hi', idempotencyKey: 'k', account: lumo }),
    );
    expect(replyError.kind).toBe('malformed');
  });

  it('maps a timeout to transient', async () => {
    net.respondNext({ status: 200, body: JSON.stringify({ posts: [], next: null }), delayMs: 500 });
    const started = Date.now();
    const error = await caught(
      connector({ timeoutMs: 50 }).poll({ kind: 'mention', query: 'lumo', cursor: null }),
    );
    expect(error.kind).toBe('transient');
    expect(error.message).toContain('timed out');
    expect(Date.now() - started).toBeLessThan(400);
  });

  it('maps a refused connection to transient', async () => {
    const baseUrl = net.baseUrl;
    await net.close();
    const demo = createDemoConnector({ baseUrl, fetch: (input, init) => fetch(input, init) });
    const error = await caught(demo.poll({ kind: 'mention', query: 'lumo', cursor: null }));
    expect(error.kind).toBe('transient');
    net = await startDemoNetworkMock();
  });
});
