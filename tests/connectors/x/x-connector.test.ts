import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectorError, type Mention } from '../../../connectors/types';
import {
  checkXReply,
  createXConnector,
  searchQuery,
  type XConnectorOptions,
  xRateLimitState,
  xReadCost,
} from '../../../connectors/x';
import { BRAND, CAMILLE, SARAH, startXApiMock, type XApiMock } from './x-api-mock';

let x: XApiMock;
const NOW = new Date('2026-03-01T12:00:00Z');

beforeEach(async () => {
  x = await startXApiMock();
});

afterEach(async () => {
  await x.close();
});

function connector(options: Partial<XConnectorOptions> = {}) {
  return createXConnector({
    baseUrl: x.baseUrl,
    fetch: (input, init) => fetch(input, init),
    bearerToken: x.appBearer,
    now: () => NOW,
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

const brandAccount = () => ({
  handle: '@lumo',
  externalUserId: BRAND.id,
  credentials: { ...x.user },
});
const mentionPoll = (cursor: string | null = null) => ({
  kind: 'mention' as const,
  query: '@lumo',
  cursor,
  account: { handle: 'lumo', externalUserId: BRAND.id },
});

describe('x connector: poll', () => {
  it('reads mentions with the documented fields and normalises them', async () => {
    const root = x.add({
      text: '@lumo my hub went offline after the update &amp; the app says &lt;error 42&gt;',
    });
    const reply = x.add({
      text: '@sarah_builds @lumo same here, since Tuesday',
      author: CAMILLE,
      lang: 'fr',
      conversation_id: root.id,
      in_reply_to_user_id: SARAH.id,
      referenced_tweets: [{ type: 'replied_to', id: root.id }],
    });

    const result = await connector().poll(mentionPoll());

    const request = x.requests[0];
    expect(request?.method).toBe('GET');
    expect(request?.url.pathname).toBe(`/2/users/${BRAND.id}/mentions`);
    expect(request?.headers.authorization).toBe(`Bearer ${x.appBearer}`);
    const params = request?.url.searchParams;
    expect(params?.get('expansions')?.split(',')).toEqual(
      expect.arrayContaining(['author_id', 'referenced_tweets.id']),
    );
    expect(params?.get('tweet.fields')?.split(',')).toEqual(
      expect.arrayContaining([
        'created_at',
        'lang',
        'conversation_id',
        'in_reply_to_user_id',
        'referenced_tweets',
        'entities',
        'public_metrics',
      ]),
    );
    expect(params?.get('user.fields')?.split(',')).toEqual(['username', 'name', 'public_metrics']);
    expect(params?.get('max_results')).toBe('100');
    expect(params?.has('since_id')).toBe(false);
    expect(params?.get('start_time')).toBe('2026-02-28T12:00:00Z');

    expect(result.mentions.map((m) => m.externalId)).toEqual([root.id, reply.id]);
    const first = result.mentions[0] as Mention;
    expect(first).toMatchObject({
      externalId: root.id,
      text: '@lumo my hub went offline after the update & the app says <error 42>',
      url: `https://x.com/sarah_builds/status/${root.id}`,
      language: 'en',
      createdAt: root.created_at,
      author: {
        externalId: SARAH.id,
        handle: 'sarah_builds',
        displayName: 'Sarah Whitfield',
        url: 'https://x.com/sarah_builds',
        followers: 412,
      },
      inReplyToId: null,
      threadRootId: root.id,
    });
    expect(result.mentions[1]).toMatchObject({
      inReplyToId: root.id,
      threadRootId: root.id,
      language: 'fr',
      author: { handle: 'camille_lrt', followers: 587 },
    });
    // The raw slice keeps the post, its author and the post it answers, in X's own shape.
    expect(result.mentions[1]?.raw).toMatchObject({
      data: { id: reply.id, referenced_tweets: [{ type: 'replied_to', id: root.id }] },
      includes: { users: expect.arrayContaining([expect.objectContaining({ id: CAMILLE.id })]) },
    });
    expect(JSON.parse(result.nextCursor ?? '')).toEqual({ v: 1, sinceId: reply.id });
  });

  it('asks only for newer posts with since_id on the next poll', async () => {
    x.add({ text: '@lumo first' });
    const x1 = connector();
    const first = await x1.poll(mentionPoll());
    const later = x.add({ text: '@lumo second' });

    const second = await x1.poll(mentionPoll(first.nextCursor));

    const since = JSON.parse(first.nextCursor ?? '').sinceId;
    expect(x.requests[1]?.url.searchParams.get('since_id')).toBe(since);
    expect(x.requests[1]?.url.searchParams.has('start_time')).toBe(false);
    expect(second.mentions.map((m) => m.externalId)).toEqual([later.id]);
    expect(JSON.parse(second.nextCursor ?? '')).toEqual({ v: 1, sinceId: later.id });
  });

  it('follows next_token with a fixed since_id and keeps the first page newest_id', async () => {
    const old = x.add({ text: '@lumo old' });
    const added = Array.from({ length: 12 }, (_, i) => x.add({ text: `@lumo bulb ${i}` }));
    const cursor = JSON.stringify({ v: 1, sinceId: old.id });

    const result = await connector({ pageSize: 5 }).poll(mentionPoll(cursor));

    expect(result.mentions.map((m) => m.externalId)).toEqual(added.map((t) => t.id));
    const pages = x.requests.map((r) => r.url.searchParams);
    expect(pages).toHaveLength(3);
    expect(pages.map((p) => p.get('since_id'))).toEqual([old.id, old.id, old.id]);
    expect(pages[0]?.has('pagination_token')).toBe(false);
    expect(pages[1]?.get('pagination_token')).toBeTruthy();
    expect(pages.every((p) => p.get('max_results') === '5')).toBe(true);
    expect(JSON.parse(result.nextCursor ?? '')).toEqual({ v: 1, sinceId: added[11]?.id });
  });

  it('stops at the page cap with a cursor that resumes the same traversal, skipping nothing', async () => {
    const old = x.add({ text: '@lumo old' });
    const added = Array.from({ length: 12 }, (_, i) => x.add({ text: `@lumo bulb ${i}` }));
    const x1 = connector({ pageSize: 5, maxPages: 2 });

    const first = await x1.poll(mentionPoll(JSON.stringify({ v: 1, sinceId: old.id })));
    const resume = JSON.parse(first.nextCursor ?? '');
    expect(first.mentions.map((m) => m.externalId)).toEqual(added.slice(2).map((t) => t.id));
    expect(resume).toMatchObject({ v: 1, sinceId: old.id, resume: { newestId: added[11]?.id } });

    // A post arriving meanwhile is newer than the remembered newest_id: the next traversal gets it.
    const meanwhile = x.add({ text: '@lumo arrived meanwhile' });
    const second = await x1.poll(mentionPoll(first.nextCursor));
    expect(x.requests[2]?.url.searchParams.get('since_id')).toBe(old.id);
    expect(x.requests[2]?.url.searchParams.get('pagination_token')).toBe(resume.resume.nextToken);
    expect(second.mentions.map((m) => m.externalId)).toEqual(added.slice(0, 2).map((t) => t.id));
    expect(JSON.parse(second.nextCursor ?? '')).toEqual({ v: 1, sinceId: added[11]?.id });

    const third = await x1.poll(mentionPoll(second.nextCursor));
    expect(third.mentions.map((m) => m.externalId)).toEqual([meanwhile.id]);
  });

  it('drops a resume token when the listener query changed', async () => {
    x.add({ text: 'lumo bulbs' });
    const stale = JSON.stringify({
      v: 1,
      sinceId: '1880000000000000000',
      resume: {
        nextToken: 'dG9rZW4',
        newestId: '1890000000000000000',
        query: '/2/tweets/search/recent?old query',
      },
    });
    await connector().poll({ kind: 'keyword', query: 'lumo', cursor: stale });
    expect(x.requests[0]?.url.searchParams.has('next_token')).toBe(false);
    expect(x.requests[0]?.url.searchParams.get('since_id')).toBe('1880000000000000000');
  });

  it('keeps the cursor on an empty page and returns null before anything was ever seen', async () => {
    const x1 = connector();
    const cursor = JSON.stringify({ v: 1, sinceId: '1880000000000000000' });
    expect(await x1.poll(mentionPoll(cursor))).toEqual({ mentions: [], nextCursor: cursor });
    expect(await x1.poll(mentionPoll(null))).toEqual({ mentions: [], nextCursor: null });
    expect(x.requests[0]?.url.searchParams.get('since_id')).toBe('1880000000000000000');
  });

  it('searches keywords and hashtags without the brand’s own posts', async () => {
    const hit = x.add({ text: 'these lumo bulbs flicker', author: CAMILLE });
    x.add({ text: 'lumo bulbs: we shipped a fix', author: BRAND });
    const tagged = x.add({ text: 'new setup #LumoPlus' });
    const x1 = connector();

    const keyword = await x1.poll({
      kind: 'keyword',
      query: 'lumo bulbs',
      cursor: null,
      account: { handle: 'lumo' },
    });
    const hashtag = await x1.poll({
      kind: 'hashtag',
      query: 'lumoplus',
      cursor: null,
      account: { handle: 'Lumo' },
    });

    expect(x.requests[0]?.url.pathname).toBe('/2/tweets/search/recent');
    expect(x.requests[0]?.url.searchParams.get('query')).toBe('(lumo bulbs) -from:lumo');
    expect(x.requests[1]?.url.searchParams.get('query')).toBe('#lumoplus -from:lumo');
    expect(keyword.mentions.map((m) => m.externalId)).toEqual([hit.id]);
    expect(hashtag.mentions.map((m) => m.externalId)).toEqual([tagged.id]);
    // Exactly what was read is returned: the read cost of a poll is its length.
    expect(xReadCost(keyword.mentions.length)).toBe(0.005);
  });

  it('keeps the data of a 200 that carries partial errors', async () => {
    const quoted = x.add({
      text: '@lumo look at this',
      referenced_tweets: [{ type: 'quoted', id: '1234567890' }],
    });
    const result = await connector().poll(mentionPoll());
    expect(result.mentions.map((m) => m.externalId)).toEqual([quoted.id]);
  });

  it('refuses a cursor it did not write without calling X', async () => {
    const error = await caught(connector().poll(mentionPoll('42')));
    expect(error.kind).toBe('malformed');
    expect(x.requests).toHaveLength(0);
  });

  it('needs a bearer token and, for mentions, the brand user id', async () => {
    const noToken = createXConnector({ baseUrl: x.baseUrl, fetch: (i, init) => fetch(i, init) });
    expect((await caught(noToken.poll(mentionPoll()))).kind).toBe('auth');
    const noId = await caught(
      connector().poll({ kind: 'mention', query: 'lumo', cursor: null, account: { handle: 'lumo' } }),
    );
    expect(noId.kind).toBe('auth');
    expect(x.requests).toHaveLength(0);
  });

  it('turns a 200 that carries only errors into a refusal naming X’s reason', async () => {
    const error = await caught(
      connector().poll({ ...mentionPoll(), account: { handle: 'lumo', externalUserId: '999' } }),
    );
    expect(error.kind).toBe('forbidden');
    expect(error.message).toContain('Could not find user with id: [999]');
  });
});

describe('x connector: reply', () => {
  it('posts in the thread with the user token and the reply object', async () => {
    const mention = x.add({ text: '@lumo my hub is offline' });
    const result = await connector().reply({
      inReplyTo: { externalId: mention.id, threadRootId: mention.id },
      text: 'Hi Sarah, sorry about that: a fix ships tonight 💡',
      idempotencyKey: 'reply-1',
      account: brandAccount(),
    });

    const request = x.requestsTo('/2/tweets')[0];
    expect(request?.method).toBe('POST');
    expect(request?.headers.authorization).toBe('Bearer user-access-0');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.body).toEqual({
      text: 'Hi Sarah, sorry about that: a fix ships tonight 💡',
      reply: { in_reply_to_tweet_id: mention.id },
    });
    expect(result.url).toBe(`https://x.com/lumo/status/${result.externalId}`);
    expect(x.tweets.find((t) => t.id === result.externalId)).toMatchObject({
      conversation_id: mention.id,
      referenced_tweets: [{ type: 'replied_to', id: mention.id }],
    });
  });

  it('never sends an empty reply object, an empty text or more than 280 weighted characters', async () => {
    const x1 = connector();
    const base = { idempotencyKey: 'k', account: brandAccount() };
    const noTarget = await caught(x1.reply({ ...base, inReplyTo: { externalId: '' }, text: 'hello' }));
    expect(noTarget.kind).toBe('forbidden');
    const empty = await caught(x1.reply({ ...base, inReplyTo: { externalId: '123' }, text: '   ' }));
    expect(empty.kind).toBe('forbidden');
    // 141 CJK characters weigh 2 each: 282.
    const tooLong = await caught(
      x1.reply({ ...base, inReplyTo: { externalId: '123' }, text: '日'.repeat(141) }),
    );
    expect(tooLong.kind).toBe('forbidden');
    expect(tooLong.message).toContain('282');
    expect(x.requests).toHaveLength(0);
  });

  it('measures text with twitter-text: URLs weigh 23, CJK and emoji 2', () => {
    const { limits } = connector();
    expect(limits.max).toBe(280);
    expect(limits.measure('see https://example.com/a/very/long/path/that/x/shortens')).toBe(4 + 23);
    expect(limits.measure('日本')).toBe(4);
    expect(limits.measure('💡')).toBe(2);
    expect(limits.measure('a'.repeat(280))).toBe(280);
  });

  it('maps identical text to duplicate', async () => {
    const mention = x.add({ text: '@lumo hello' });
    const x1 = connector();
    const input = {
      inReplyTo: { externalId: mention.id },
      text: 'Thanks for reaching out!',
      idempotencyKey: 'k',
      account: brandAccount(),
    };
    await x1.reply(input);
    const error = await caught(x1.reply(input));
    expect(error.kind).toBe('duplicate');
    expect(error.status).toBe(403);
  });

  it('maps the 2026 mention rule to forbidden with the advisor’s reason', async () => {
    const keywordHit = x.add({ text: 'lumo bulbs are dim', author: CAMILLE });
    const error = await caught(
      connector().reply({
        inReplyTo: { externalId: keywordHit.id },
        text: 'Hi Camille!',
        idempotencyKey: 'k',
        account: brandAccount(),
      }),
    );
    expect(error.kind).toBe('forbidden');
    expect(error.message).toBe('X only lets the brand answer posts that mention @lumo');
  });

  it('refreshes the user token once on a 401 and hands the rotated pair over before using it', async () => {
    const mention = x.add({ text: '@lumo hello' });
    const account = brandAccount();
    // X no longer accepts the account's access token; its refresh token is still the current one.
    x.user.accessToken = 'expired';
    const events: string[] = [];
    const stored: Record<string, string>[] = [];
    const x1 = connector({
      onCredentialsRotated: async (credentials) => {
        events.push(`stored ${credentials.accessToken}`);
        stored.push(credentials);
      },
    });

    const result = await x1.reply({
      inReplyTo: { externalId: mention.id },
      text: 'Hi Sarah!',
      idempotencyKey: 'k',
      account,
    });

    const calls = x.requests.map((r) => `${r.method} ${r.url.pathname} ${r.headers.authorization ?? ''}`);
    expect(calls).toEqual([
      'POST /2/tweets Bearer user-access-0',
      'POST /2/oauth2/token ',
      'POST /2/tweets Bearer user-access-1',
    ]);
    expect(x.requests[1]?.body).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'user-refresh-0',
      client_id: 'client-abc',
    });
    expect(x.requests[1]?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(stored).toEqual([
      {
        accessToken: 'user-access-1',
        refreshToken: 'user-refresh-1',
        clientId: 'client-abc',
        expiresAt: new Date(NOW.getTime() + 7_200_000).toISOString(),
      },
    ]);
    expect(events).toEqual(['stored user-access-1']);
    expect(result.externalId).toMatch(/^\d+$/);

    // A caller still holding the spent pair is upgraded, not refreshed again with a dead token.
    await x1.reply({
      inReplyTo: { externalId: mention.id },
      text: 'And a follow-up',
      idempotencyKey: 'k2',
      account,
    });
    expect(x.requestsTo('/2/oauth2/token')).toHaveLength(1);
    expect(x.requests.at(-1)?.headers.authorization).toBe('Bearer user-access-1');
  });

  it('refreshes before posting when the stored token has expired', async () => {
    const mention = x.add({ text: '@lumo hello' });
    const account = brandAccount();
    account.credentials = {
      ...account.credentials,
      expiresAt: '2026-03-01T11:00:00Z',
    } as typeof account.credentials;
    await connector().reply({
      inReplyTo: { externalId: mention.id },
      text: 'Hi!',
      idempotencyKey: 'k',
      account,
    });
    expect(x.requests.map((r) => r.url.pathname)).toEqual(['/2/oauth2/token', '/2/tweets']);
  });

  it('refreshes once when two replies meet a 401 together', async () => {
    const mention = x.add({ text: '@lumo hello' });
    const account = brandAccount();
    x.user.accessToken = 'rotated-by-x';
    let rotations = 0;
    const x1 = connector({ onCredentialsRotated: async () => void rotations++ });
    const send = (text: string) =>
      x1.reply({ inReplyTo: { externalId: mention.id }, text, idempotencyKey: text, account });
    await Promise.all([send('one'), send('two')]);
    expect(x.requestsTo('/2/oauth2/token')).toHaveLength(1);
    expect(rotations).toBe(1);
  });

  it('maps a refused refresh to auth', async () => {
    const mention = x.add({ text: '@lumo hello' });
    const account = brandAccount();
    // Another process already spent the account's single-use refresh token.
    x.user.accessToken = 'something-else';
    x.user.refreshToken = 'already-rotated';
    const error = await caught(
      connector().reply({ inReplyTo: { externalId: mention.id }, text: 'Hi', idempotencyKey: 'k', account }),
    );
    expect(error.kind).toBe('auth');
    expect(error.message).toContain('Value passed for the token was invalid.');
    expect(error.message).toContain('reconnect');
  });

  it('maps a 401 without a refresh token to auth after one call', async () => {
    const mention = x.add({ text: '@lumo hello' });
    const error = await caught(
      connector().reply({
        inReplyTo: { externalId: mention.id },
        text: 'Hi',
        idempotencyKey: 'k',
        account: { handle: 'lumo', credentials: { accessToken: 'revoked' } },
      }),
    );
    expect(error.kind).toBe('auth');
    expect(x.requests).toHaveLength(1);
  });

  it('reads the created post strictly', async () => {
    x.respondNext({ status: 201, body: JSON.stringify({ data: { id: 17, text: 'hi' } }) });
    const error = await caught(
      connector().reply({
        inReplyTo: { externalId: '5' },
        text: 'hi',
        idempotencyKey: 'k',
        account: brandAccount(),
      }),
    );
    expect(error.kind).toBe('malformed');
    expect(error.message).toContain('data.id');
  });
});

describe('x connector: checkReply', () => {
  const account = { handle: 'lumo', externalUserId: BRAND.id };

  it('allows posts that mention the brand in entities or in the text', async () => {
    const mention = x.add({ text: 'hey @Lumo my hub is offline' });
    const [polled] = (await connector().poll(mentionPoll())).mentions;
    expect(checkXReply(polled as Mention, account)).toEqual({ allowed: true, reason: null });
    expect(checkXReply({ text: 'hey @LUMO', raw: null }, { handle: 'lumo' })).toEqual({
      allowed: true,
      reason: null,
    });
    expect(mention.entities?.mentions?.[0]?.id).toBe(BRAND.id);
  });

  it('allows a post quoting the brand', async () => {
    const brandPost = x.add({ text: 'Lumo Plus is here', author: BRAND });
    x.add({
      text: 'is it dimmable though? lumo',
      author: CAMILLE,
      referenced_tweets: [{ type: 'quoted', id: brandPost.id }],
    });
    const result = await connector().poll({ kind: 'keyword', query: 'dimmable', cursor: null, account });
    const quote = result.mentions[0] as Mention;
    expect(checkXReply(quote, account)).toEqual({ allowed: true, reason: null });
    // Without the user id, the quoted author's handle from includes.users is enough.
    expect(checkXReply(quote, { handle: 'lumo' })).toEqual({ allowed: true, reason: null });
  });

  it('refuses a keyword hit that does not mention the brand, in plain words', async () => {
    x.add({ text: 'lumo bulbs are dim, cc @camille_lrt', author: SARAH });
    const [hit] = (await connector().poll({ kind: 'keyword', query: 'dim', cursor: null, account })).mentions;
    expect(checkXReply(hit as Mention, account)).toEqual({
      allowed: false,
      reason: 'X only lets the brand answer posts that mention @lumo',
    });
    expect(checkXReply({ text: 'email lumo@example.com', raw: null }, account).allowed).toBe(false);
    expect(checkXReply({ text: '@lumo', raw: null }, null)).toMatchObject({ allowed: false });
  });
});

describe('x connector: rate limits and failures', () => {
  it('maps 429 to rate_limited at x-rate-limit-reset and refuses the next call without a request', async () => {
    const reset = Math.floor(NOW.getTime() / 1000) + 600;
    x.respondNext({
      status: 429,
      body: JSON.stringify({
        title: 'Too Many Requests',
        detail: 'Too Many Requests',
        type: 'about:blank',
        status: 429,
      }),
      headers: {
        'x-rate-limit-limit': '450',
        'x-rate-limit-remaining': '0',
        'x-rate-limit-reset': String(reset),
      },
    });
    const x1 = connector();

    const error = await caught(x1.poll(mentionPoll()));
    expect(error.kind).toBe('rate_limited');
    expect(error.status).toBe(429);
    expect(error.retryAt?.getTime()).toBe(reset * 1000);
    expect(x1.rateLimit()).toEqual({ remaining: 0, resetAt: new Date(reset * 1000) });

    const again = await caught(x1.poll(mentionPoll()));
    expect(again.kind).toBe('rate_limited');
    expect(again.retryAt?.getTime()).toBe(reset * 1000);
    expect(x.requests).toHaveLength(1);

    // Windows are per endpoint: a spent mentions window does not block a reply.
    const mention = x.add({ text: '@lumo hi' });
    await x1.reply({
      inReplyTo: { externalId: mention.id },
      text: 'Hello!',
      idempotencyKey: 'k',
      account: brandAccount(),
    });
    expect(x.requests).toHaveLength(2);
  });

  it('records the headers of a successful call', async () => {
    x.rateLimitHeaders = {
      'x-rate-limit-limit': '450',
      'x-rate-limit-remaining': '449',
      'x-rate-limit-reset': '1772367300',
    };
    const x1 = connector();
    expect(x1.rateLimit()).toEqual({ remaining: null, resetAt: null });
    await x1.poll(mentionPoll());
    expect(x1.rateLimit()).toEqual({ remaining: 449, resetAt: new Date(1_772_367_300_000) });
  });

  it('lets a spent 24-hour cap win over the 15-minute window', () => {
    const headers = new Headers({
      'x-rate-limit-remaining': '80',
      'x-rate-limit-reset': '1772367300',
      'x-user-limit-24hour-remaining': '0',
      'x-user-limit-24hour-reset': '1772420000',
      'x-app-limit-24hour-remaining': '9000',
      'x-app-limit-24hour-reset': '1772430000',
    });
    expect(xRateLimitState(headers, NOW)).toEqual({ remaining: 0, resetAt: new Date(1_772_420_000_000) });
  });

  it('maps 5xx and timeouts to transient, 401 on reads to auth', async () => {
    x.respondNext({ status: 503, body: JSON.stringify({ title: 'Service Unavailable', status: 503 }) });
    expect((await caught(connector().poll(mentionPoll()))).kind).toBe('transient');

    x.respondNext({ status: 200, body: JSON.stringify({ meta: { result_count: 0 } }), delayMs: 400 });
    const timeout = await caught(connector({ timeoutMs: 50 }).poll(mentionPoll()));
    expect(timeout.kind).toBe('transient');
    expect(timeout.message).toContain('timed out');

    const wrongToken = await caught(connector({ bearerToken: 'revoked' }).poll(mentionPoll()));
    expect(wrongToken.kind).toBe('auth');
  });

  it('names the invalid parameter of a 400', async () => {
    x.respondNext({
      status: 400,
      body: JSON.stringify({
        errors: [
          {
            parameters: { query: ['(('] },
            message: 'There were errors processing your request: missing ) at position 3',
          },
        ],
        title: 'Invalid Request',
        detail: 'One or more parameters to your request was invalid.',
        type: 'https://api.twitter.com/2/problems/invalid-request',
      }),
    });
    const error = await caught(connector().poll({ kind: 'keyword', query: '((', cursor: null }));
    expect(error.kind).toBe('forbidden');
    expect(error.message).toContain('missing ) at position 3');
  });

  it('maps truncated JSON and wrong types to malformed, naming the field', async () => {
    x.respondNext({ status: 200, body: '{"data": [{"id": "1"' });
    expect((await caught(connector().poll(mentionPoll()))).kind).toBe('malformed');

    x.respondNext({ status: 200, body: JSON.stringify({ data: 'nope', meta: { result_count: 1 } }) });
    const wrongType = await caught(connector().poll(mentionPoll()));
    expect(wrongType.kind).toBe('malformed');
    expect(wrongType.message).toContain('data');

    x.respondNext({
      status: 200,
      body: JSON.stringify({ data: [], meta: { result_count: 1, next_token: 7 } }),
    });
    expect((await caught(connector().poll(mentionPoll()))).message).toContain('meta.next_token');
  });
});

describe('x connector: one broken post', () => {
  it('quarantines only that post, keeps the others and moves the cursor past all of them', async () => {
    const good = (id: string, text: string) => ({
      id,
      text,
      author_id: SARAH.id,
      created_at: '2026-03-01T11:00:00.000Z',
    });
    x.respondNext({
      status: 200,
      body: JSON.stringify({
        data: [
          good('1900', '@lumo newest'),
          { id: '1890', text: 42, author_id: SARAH.id },
          good('1880', '@lumo oldest'),
        ],
        includes: { users: [{ id: SARAH.id, username: SARAH.username }, { id: 'broken' }] },
        meta: { result_count: 3, newest_id: '1900', oldest_id: '1880' },
      }),
    });
    const result = await connector().poll(mentionPoll());
    expect(result.mentions.map((m) => m.externalId)).toEqual(['1880', '1900']);
    expect(result.mentions[0]?.author.handle).toBe(SARAH.username);
    expect(result.rejected).toEqual([
      {
        externalId: '1890',
        reason: expect.stringContaining('text'),
        raw: expect.objectContaining({ id: '1890' }),
      },
    ]);
    expect(JSON.parse(result.nextCursor ?? '{}')).toEqual({ v: 1, sinceId: '1900' });
  });

  it('quarantines a post whose id cannot be read, without an id', async () => {
    x.respondNext({
      status: 200,
      body: JSON.stringify({ data: [{ text: 'no id' }], meta: { result_count: 1, newest_id: '1950' } }),
    });
    const result = await connector().poll(mentionPoll());
    expect(result.mentions).toEqual([]);
    expect(result.rejected).toEqual([
      { externalId: null, reason: expect.stringContaining('id'), raw: { text: 'no id' } },
    ]);
  });
});

describe('x helpers', () => {
  it('prices reads at $0.005 a post', () => {
    expect(xReadCost(0)).toBe(0);
    expect(xReadCost(1)).toBe(0.005);
    expect(xReadCost(250)).toBe(1.25);
    expect(xReadCost(-3)).toBe(0);
  });

  it('builds search queries X reads as meant', () => {
    expect(searchQuery('keyword', 'lumo', 'lumo')).toBe('lumo -from:lumo');
    expect(searchQuery('keyword', 'lumo OR lumoplus', 'lumo')).toBe('(lumo OR lumoplus) -from:lumo');
    expect(searchQuery('hashtag', '##LumoPlus', null)).toBe('#LumoPlus');
    expect(() => searchQuery('keyword', '  ', null)).toThrow(ConnectorError);
  });
});
