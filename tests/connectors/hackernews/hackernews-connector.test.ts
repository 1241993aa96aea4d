import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHackerNewsConnector, type HackerNewsConnectorOptions } from '../../../connectors/hackernews';
import { hnCursorSchema } from '../../../connectors/hackernews/raw';
import { ConnectorError, type Mention, type PollInput } from '../../../connectors/types';
import { type AlgoliaMock, startAlgoliaMock } from './algolia-mock';

let hn: AlgoliaMock;
const NOW = new Date('2026-03-01T12:00:00.000Z');
const T = NOW.getTime() / 1000;
const DAY = 86_400;

beforeEach(async () => {
  hn = await startAlgoliaMock();
});

afterEach(async () => {
  await hn.close();
});

function connector(options: Partial<HackerNewsConnectorOptions> = {}) {
  return createHackerNewsConnector({
    fetch: (input, init) => fetch(input, init),
    baseUrl: hn.baseUrl,
    now: () => NOW,
    ...options,
  });
}

function input(extra: Partial<PollInput> = {}): PollInput {
  return { kind: 'keyword', query: 'lumo', cursor: null, ...extra };
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

const ids = (mentions: Mention[]) => mentions.map((m) => m.externalId);
const cursorOf = (cursor: string | null) => hnCursorSchema.parse(JSON.parse(cursor ?? ''));

describe('hacker news connector: poll', () => {
  it('normalises stories and comments of the last day, oldest first', async () => {
    hn.story({ id: 100, at: T - 2 * DAY, title: 'Lumo from last week' });
    const story = hn.story({
      id: 39_000_001,
      at: T - 3600,
      title: 'Show HN: Lumo, smart bulbs without the cloud',
      author: 'sarah_builds',
      url: 'https://lumo.example/launch',
    });
    const ask = hn.story({
      id: 39_000_002,
      at: T - 1800,
      title: 'Ask HN: Is Lumo support any good?',
      author: 'camille',
      text: 'My hub went offline.<p>Anyone else?',
    });
    const comment = hn.comment({
      id: 39_000_010,
      at: T - 600,
      storyId: 39_000_001,
      parentId: 39_000_005,
      author: 'norvig',
      text: 'I&#x27;ve used <i>Lumo</i> for a year.<p>See <a href="https:&#x2F;&#x2F;lumo.example&#x2F;docs&#x2F;offline-mode-and-local-control" rel="nofollow">https:&#x2F;&#x2F;lumo.example&#x2F;docs&#x2F;offline-mode-and-...</a>',
    });

    const result = await connector().poll(input());

    expect(ids(result.mentions)).toEqual(['39000001', '39000002', '39000010']);
    expect(result.mentions[0]).toEqual({
      externalId: '39000001',
      text: 'Show HN: Lumo, smart bulbs without the cloud\n\nhttps://lumo.example/launch',
      url: 'https://news.ycombinator.com/item?id=39000001',
      language: null,
      createdAt: new Date((T - 3600) * 1000).toISOString(),
      author: {
        externalId: 'sarah_builds',
        handle: 'sarah_builds',
        displayName: null,
        url: 'https://news.ycombinator.com/user?id=sarah_builds',
      },
      inReplyToId: null,
      threadRootId: '39000001',
      raw: expect.objectContaining({ ...story, _highlightResult: expect.any(Object) }),
    });
    expect(result.mentions[1]?.text).toBe(
      'Ask HN: Is Lumo support any good?\n\nMy hub went offline.\n\nAnyone else?',
    );
    expect(result.mentions[1]?.raw).toMatchObject(ask);
    expect(result.mentions[2]).toMatchObject({
      externalId: '39000010',
      text: "I've used Lumo for a year.\n\nSee https://lumo.example/docs/offline-mode-and-local-control",
      inReplyToId: '39000005',
      threadRootId: '39000001',
      author: { handle: 'norvig' },
      raw: expect.objectContaining(comment),
    });

    const request = hn.requests[0];
    expect(request?.method).toBe('GET');
    expect(request?.url.pathname).toBe('/api/v1/search_by_date');
    expect(request?.url.searchParams.get('query')).toBe('lumo');
    expect(request?.url.searchParams.get('tags')).toBe('(story,comment)');
    expect(request?.url.searchParams.get('numericFilters')).toBe(`created_at_i>${T - DAY - 1}`);
    expect(request?.url.searchParams.get('hitsPerPage')).toBe('100');
    expect(request?.url.searchParams.get('page')).toBe('0');
    expect(cursorOf(result.nextCursor)).toMatchObject({ newest: T - 600, backlog: null });
  });

  it('polls forward from the newest hit, keeping same-second and late-indexed hits, each once', async () => {
    hn.story({ id: 1, at: T - 1000, title: 'lumo one' });
    hn.story({ id: 2, at: T - 500, title: 'lumo two' });
    const hackerNews = connector();
    const first = await hackerNews.poll(input());
    expect(ids(first.mentions)).toEqual(['1', '2']);

    hn.story({ id: 3, at: T - 500, title: 'lumo same second' });
    hn.comment({ id: 4, at: T - 700, storyId: 1, text: 'lumo indexed late' });
    hn.story({ id: 5, at: T - 100, title: 'lumo newer' });
    const second = await hackerNews.poll(input({ cursor: first.nextCursor }));

    expect(hn.requests[1]?.url.searchParams.get('numericFilters')).toBe(`created_at_i>${T - 500 - 300 - 1}`);
    expect(ids(second.mentions)).toEqual(['4', '3', '5']);

    const third = await hackerNews.poll(input({ cursor: second.nextCursor }));
    expect(third.mentions).toEqual([]);
    expect(third.nextCursor).toBe(second.nextCursor);
  });

  it('follows pages until the last one', async () => {
    for (let i = 0; i < 5; i++) hn.story({ id: 10 + i, at: T - 100 + i, title: `lumo ${i}` });

    const result = await connector({ hitsPerPage: 2 }).poll(input());

    expect(ids(result.mentions)).toEqual(['10', '11', '12', '13', '14']);
    expect(hn.requests.map((r) => r.url.searchParams.get('page'))).toEqual(['0', '1', '2']);
    expect(cursorOf(result.nextCursor).backlog).toBeNull();
  });

  it('keeps each hit once when a new one shifts the pages while paging', async () => {
    for (let i = 0; i < 4; i++) hn.story({ id: 10 + i, at: T - 100 + i, title: `lumo ${i}` });
    hn.beforeSearch = (url) => {
      if (url.searchParams.get('page') === '1') hn.story({ id: 99, at: T - 10, title: 'lumo arriving' });
    };

    const hackerNews = connector({ hitsPerPage: 2 });
    const result = await hackerNews.poll(input());

    // Page 1 repeats 12 (pushed down by 99); 99 itself is above page 0, so it waits for the next poll.
    expect(ids(result.mentions)).toEqual(['10', '11', '12', '13']);
    expect(hn.requests.map((r) => r.url.searchParams.get('page'))).toEqual(['0', '1', '2']);
    hn.beforeSearch = null;
    const next = await hackerNews.poll(input({ cursor: result.nextCursor }));
    expect(ids(next.mentions)).toEqual(['99']);
  });

  it('stops at the paging cap and drains the older rest over the next polls', async () => {
    for (let i = 0; i < 7; i++) hn.story({ id: 10 + i, at: T - 700 + i * 100, title: `lumo ${i}` });
    const hackerNews = connector({ hitsPerPage: 2, maxPages: 2 });

    const first = await hackerNews.poll(input());
    expect(ids(first.mentions)).toEqual(['13', '14', '15', '16']);
    expect(cursorOf(first.nextCursor).backlog).toMatchObject({ from: T - DAY, to: T - 400 });

    const second = await hackerNews.poll(input({ cursor: first.nextCursor }));
    expect(hn.requests[2]?.url.searchParams.get('numericFilters')).toBe(
      `created_at_i>${T - DAY - 1},created_at_i<${T - 400 + 1}`,
    );
    expect(ids(second.mentions)).toEqual(['10', '11', '12']);
    expect(cursorOf(second.nextCursor)).toMatchObject({ newest: T - 100, backlog: null });

    hn.story({ id: 20, at: T + 50, title: 'lumo later' });
    const third = await hackerNews.poll(input({ cursor: second.nextCursor }));
    expect(ids(third.mentions)).toEqual(['20']);
  });

  it("treats Algolia's 1,000-hit limit as a cap, not as the end", async () => {
    for (let i = 0; i < 1050; i++) hn.story({ id: 1000 + i, at: T - 5000 + i, title: `lumo ${i}` });
    const hackerNews = connector({ maxPages: 50 });

    const first = await hackerNews.poll(input());
    expect(first.mentions).toHaveLength(1000);
    expect(hn.requests).toHaveLength(10);
    expect(first.mentions[0]?.externalId).toBe('1050');

    const second = await hackerNews.poll(input({ cursor: first.nextCursor }));
    expect(ids(second.mentions)).toEqual(Array.from({ length: 50 }, (_, i) => String(1000 + i)));
    expect(cursorOf(second.nextCursor).backlog).toBeNull();
  });

  it('returns nothing and the same cursor on an empty page', async () => {
    const hackerNews = connector();
    const first = await hackerNews.poll(input());
    expect(first.mentions).toEqual([]);
    expect(cursorOf(first.nextCursor)).toEqual({ v: 1, newest: T - DAY, recent: [], backlog: null });
    const second = await hackerNews.poll(input({ cursor: first.nextCursor }));
    expect(second).toEqual({ mentions: [], nextCursor: first.nextCursor });
  });

  it('sends a hashtag or handle without its sign, and refuses an empty query without a request', async () => {
    await connector().poll(input({ kind: 'hashtag', query: '#lumo' }));
    expect(hn.requests[0]?.url.searchParams.get('query')).toBe('lumo');
    const error = await caught(connector().poll(input({ query: '  ' })));
    expect(error.kind).toBe('malformed');
    expect(hn.requests).toHaveLength(1);
  });

  it('names a hit whose account is gone [deleted]', async () => {
    const hit = hn.comment({ id: 7, at: T - 10, storyId: 1, text: 'lumo' });
    delete hit.author;
    const result = await connector().poll(input());
    expect(result.mentions[0]?.author).toEqual({
      externalId: '[deleted]',
      handle: '[deleted]',
      displayName: null,
      url: null,
    });
  });

  it('refuses a cursor it did not write without calling the network', async () => {
    expect((await caught(connector().poll(input({ cursor: 'nope' })))).kind).toBe('malformed');
    expect((await caught(connector().poll(input({ cursor: '{"v":1,"newest":"x"}' })))).kind).toBe(
      'malformed',
    );
    expect(hn.requests).toHaveLength(0);
  });
});

describe('hacker news connector: failures', () => {
  it('maps a 429 without headers to rate_limited a minute later, and waits without calling', async () => {
    hn.respondNext({ status: 429, body: JSON.stringify({ message: 'Too many requests', status: 429 }) });
    const hackerNews = connector();

    const error = await caught(hackerNews.poll(input()));
    expect(error.kind).toBe('rate_limited');
    expect(error.status).toBe(429);
    expect(error.retryAt?.toISOString()).toBe(new Date(NOW.getTime() + 60_000).toISOString());
    expect(hackerNews.rateLimit()).toEqual({ remaining: 0, resetAt: new Date(NOW.getTime() + 60_000) });

    const again = await caught(hackerNews.poll(input()));
    expect(again.kind).toBe('rate_limited');
    expect(hn.requests).toHaveLength(1);
  });

  it('honours Retry-After on a 429', async () => {
    hn.respondNext({ status: 429, body: '', headers: { 'retry-after': '120' } });
    const error = await caught(connector().poll(input()));
    expect(error.retryAt?.toISOString()).toBe(new Date(NOW.getTime() + 120_000).toISOString());
  });

  it('calls again once the wait is over, and forgets the limit after a success', async () => {
    let now = NOW;
    hn.respondNext({ status: 429, body: '' });
    const hackerNews = connector({ now: () => now });
    await caught(hackerNews.poll(input()));
    now = new Date(NOW.getTime() + 61_000);
    await hackerNews.poll(input());
    expect(hn.requests).toHaveLength(2);
    expect(hackerNews.rateLimit()).toEqual({ remaining: null, resetAt: null });
  });

  it("maps 400 to forbidden with Algolia's message, and 500 to transient", async () => {
    hn.respondNext(
      { status: 400, body: JSON.stringify({ message: 'invalid numeric filter', status: 400 }) },
      { status: 502, body: '<html>Bad gateway</html>' },
    );
    const invalid = await caught(connector().poll(input()));
    expect(invalid).toMatchObject({ kind: 'forbidden', status: 400, message: 'invalid numeric filter' });
    const gateway = await caught(connector().poll(input()));
    expect(gateway).toMatchObject({ kind: 'transient', status: 502, network: 'hackernews' });
  });

  it('maps a timeout to transient', async () => {
    hn.respondNext({ status: 200, body: '{}', delayMs: 500 });
    const started = Date.now();
    const error = await caught(connector({ timeoutMs: 50 }).poll(input()));
    expect(error.kind).toBe('transient');
    expect(error.message).toContain('timed out');
    expect(Date.now() - started).toBeLessThan(400);
  });

  it('maps truncated JSON and wrong types to malformed, naming the field', async () => {
    hn.respondNext({ status: 200, body: '{"hits": [{"objectID": "1"' });
    expect((await caught(connector().poll(input()))).kind).toBe('malformed');

    hn.respondNext({
      status: 200,
      body: JSON.stringify({ hits: {}, nbHits: 1, page: 0, nbPages: 1, hitsPerPage: 100 }),
    });
    const wrongType = await caught(connector().poll(input()));
    expect(wrongType.kind).toBe('malformed');
    expect(wrongType.message).toContain('hits');

    hn.respondNext({ status: 200, body: JSON.stringify({ results: [] }) });
    expect((await caught(connector().poll(input()))).message).toContain('hits');
  });
});

describe('hacker news connector: one broken hit', () => {
  it('quarantines it, returns the others, and remembers it so the next poll skips it', async () => {
    const older = hn.story({ id: 11, at: T - 30, title: 'lumo one' });
    const broken = hn.story({ id: 12, at: T - 20, title: 'lumo two' });
    const newer = hn.story({ id: 13, at: T - 10, title: 'lumo three' });
    const bad = { ...broken, author: 42 };
    const placeless = { title: 'no id, no time' };
    const page = (hits: unknown[]) => ({
      status: 200,
      body: JSON.stringify({ hits, nbHits: hits.length, page: 0, nbPages: 1, hitsPerPage: 100 }),
    });
    hn.respondNext(page([newer, bad, placeless, older]));
    const first = await connector().poll(input());
    expect(ids(first.mentions)).toEqual(['11', '13']);
    expect(first.rejected).toEqual([
      { externalId: null, reason: expect.stringContaining('objectID'), raw: placeless },
      { externalId: '12', reason: expect.stringContaining('author'), raw: bad },
    ]);
    expect(cursorOf(first.nextCursor).recent.map(([id]) => id)).toContain('12');

    hn.respondNext(page([newer, bad, older]));
    const second = await connector().poll(input({ cursor: first.nextCursor }));
    expect(second.mentions).toEqual([]);
    expect(second.rejected).toBeUndefined();
  });
});

describe('hacker news connector: read-only', () => {
  it('says so before anyone writes, and refuses to reply', async () => {
    const hackerNews = connector();
    expect(hackerNews.network).toBe('hackernews');
    expect(hackerNews.canReply).toBe(false);
    expect(hackerNews.limits.max).toBe(0);
    expect(hackerNews.checkReply({ text: 'x', raw: {} }, null)).toEqual({
      allowed: false,
      reason: expect.stringContaining('read-only'),
    });
    const error = await caught(
      hackerNews.reply({ inReplyTo: { externalId: '1' }, text: 'hello', idempotencyKey: 'k' }),
    );
    expect(error.kind).toBe('unsupported');
    expect(hn.requests).toHaveLength(0);
  });

  it('defaults to the official host', async () => {
    const calls: string[] = [];
    const hackerNews = createHackerNewsConnector({
      fetch: async (request) => {
        calls.push(String(request));
        return new Response(JSON.stringify({ hits: [], nbHits: 0, page: 0, nbPages: 0, hitsPerPage: 100 }), {
          headers: { 'content-type': 'application/json' },
        });
      },
      now: () => NOW,
    });
    await hackerNews.poll(input());
    expect(calls[0]).toMatch(/^https:\/\/hn\.algolia\.com\/api\/v1\/search_by_date\?/);
  });
});
