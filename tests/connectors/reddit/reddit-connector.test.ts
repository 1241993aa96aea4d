import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  checkRedditReply,
  createRedditConnector,
  listingRequest,
  type RedditConnectorOptions,
} from '../../../connectors/reddit';
import { htmlToText } from '../../../connectors/reddit/html';
import { ConnectorError, type Mention, type PollInput } from '../../../connectors/types';
import { BRAND_USER, type RedditApiMock, startRedditApiMock, type Thing } from './reddit-api-mock';

let reddit: RedditApiMock;
const NOW = new Date('2026-03-01T12:00:00Z');
const USER_AGENT = 'web:passerelle-tests:0.1.0 (by /u/lumo_support)';

beforeEach(async () => {
  reddit = await startRedditApiMock();
});

afterEach(async () => {
  await reddit.close();
});

function connector(options: Partial<RedditConnectorOptions> = {}) {
  return createRedditConnector({
    baseUrl: reddit.baseUrl,
    tokenUrl: reddit.tokenUrl,
    userAgent: USER_AGENT,
    fetch: (input, init) => fetch(input, init),
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

const account = () => ({ handle: BRAND_USER, credentials: { accessToken: reddit.accessToken } });
const mentions = (cursor: string | null): PollInput => ({
  kind: 'mention',
  query: '',
  cursor,
  account: account(),
});
const names = (list: Mention[]) => list.map((m) => m.externalId);
const fullnames = (list: Thing[]) => list.map((t) => t.data.name);

describe('reddit connector: poll', () => {
  it('reads mentions and normalises the inbox comment messages', async () => {
    const first = reddit.mention({ body: 'u/lumo_support my hub went offline AT&amp;T &lt;3' });
    const second = reddit.mention({
      body: 'same here u/lumo_support',
      author: 'camille_lrt',
      parentId: first.data.name,
    });

    const result = await connector().poll(mentions(null));

    const request = reddit.requests[0];
    expect(request?.method).toBe('GET');
    expect(request?.url.pathname).toBe('/message/mentions');
    expect(request?.headers['user-agent']).toBe(USER_AGENT);
    expect(request?.headers.authorization).toBe('bearer reddit-access-0');
    expect(request?.url.searchParams.get('limit')).toBe('100');
    expect(request?.url.searchParams.get('raw_json')).toBe('1');
    expect(request?.url.searchParams.get('mark')).toBe('false');

    expect(names(result.mentions)).toEqual([first.data.name, second.data.name]);
    const linkId = `t3_${/comments\/([a-z0-9]+)\//.exec(String(first.data.context))?.[1]}`;
    expect(result.mentions[0]).toEqual({
      externalId: first.data.name,
      text: 'u/lumo_support my hub went offline AT&T <3',
      url: `https://www.reddit.com/r/homeautomation/comments/${linkId.slice(3)}/smart_bulbs_that_survive_a_firmware_update/${first.data.id}/`,
      language: null,
      createdAt: new Date(first.data.created_utc * 1000).toISOString(),
      author: {
        externalId: first.data.author_fullname,
        handle: 'sarah_builds',
        displayName: null,
        url: 'https://www.reddit.com/user/sarah_builds',
        followers: null,
      },
      inReplyToId: linkId,
      threadRootId: linkId,
      raw: { kind: 't1', data: first.data },
    });
    expect(result.mentions[1]).toMatchObject({
      inReplyToId: first.data.name,
      author: { handle: 'camille_lrt' },
    });
    expect(JSON.parse(result.nextCursor ?? '')).toMatchObject({
      v: 1,
      newest: second.data.name,
      time: second.data.created_utc,
      recent: [second.data.name, first.data.name],
    });
  });

  it('returns only newer items on the next poll, in one request', async () => {
    reddit.mention({ body: 'u/lumo_support one' });
    const r1 = connector();
    const first = await r1.poll(mentions(null));
    const later = [
      reddit.mention({ body: 'u/lumo_support two' }),
      reddit.mention({ body: 'u/lumo_support three' }),
    ];

    const second = await r1.poll(mentions(first.nextCursor));

    expect(names(second.mentions)).toEqual(fullnames(later));
    expect(reddit.listingRequests()).toHaveLength(2);
    expect(JSON.parse(second.nextCursor ?? '').newest).toBe(later[1]?.data.name);
  });

  it('walks forward with before= when more than a page arrived, oldest first, nothing skipped', async () => {
    reddit.mention({ body: 'u/lumo_support seen' });
    const r1 = connector({ pageSize: 3 });
    const first = await r1.poll(mentions(null));
    const cursor = JSON.parse(first.nextCursor ?? '');
    const added = Array.from({ length: 8 }, (_, i) => reddit.mention({ body: `u/lumo_support new ${i}` }));

    const second = await r1.poll(mentions(first.nextCursor));

    expect(names(second.mentions)).toEqual(fullnames(added));
    const walk = reddit
      .listingRequests()
      .slice(1)
      .map((r) => r.url.searchParams);
    // The second forward page reaches an item of the newest page: the walk has joined up.
    expect(walk.map((p) => p.get('before'))).toEqual([null, cursor.newest, added[2]?.data.name ?? '']);
    expect(walk.every((p) => p.get('limit') === '3' && !p.has('after'))).toBe(true);
    expect(JSON.parse(second.nextCursor ?? '').newest).toBe(added[7]?.data.name);
  });

  it('stops at the page cap with a cursor covering exactly what it returned', async () => {
    reddit.mention({ body: 'u/lumo_support seen' });
    const r1 = connector({ pageSize: 2, maxPages: 3 });
    const first = await r1.poll(mentions(null));
    const added = Array.from({ length: 9 }, (_, i) => reddit.mention({ body: `u/lumo_support new ${i}` }));

    const second = await r1.poll(mentions(first.nextCursor));
    expect(names(second.mentions)).toEqual(fullnames(added.slice(0, 4)));
    expect(JSON.parse(second.nextCursor ?? '').newest).toBe(added[3]?.data.name);

    const third = await r1.poll(mentions(second.nextCursor));
    const fourth = await r1.poll(mentions(third.nextCursor));
    const all = [...second.mentions, ...third.mentions, ...fourth.mentions];
    expect(names(all)).toEqual(fullnames(added));
    expect((await r1.poll(mentions(fourth.nextCursor))).mentions).toEqual([]);
  });

  it('keeps the cursor on an empty listing and returns null before anything was seen', async () => {
    const r1 = connector();
    expect(await r1.poll(mentions(null))).toEqual({ mentions: [], nextCursor: null });
    reddit.mention({ body: 'u/lumo_support hi' });
    const first = await r1.poll(mentions(null));
    expect(await r1.poll(mentions(first.nextCursor))).toEqual({ mentions: [], nextCursor: first.nextCursor });
  });

  it('still finds new items when the remembered newest one was deleted', async () => {
    reddit.mention({ body: 'u/lumo_support a' });
    const gone = reddit.mention({ body: 'u/lumo_support b' });
    const r1 = connector();
    const first = await r1.poll(mentions(null));
    reddit.remove(gone.data.name);
    const later = reddit.mention({ body: 'u/lumo_support c' });

    const second = await r1.poll(mentions(first.nextCursor));
    expect(names(second.mentions)).toEqual([later.data.name]);
  });

  it('falls back to other anchors, then to the time, when the anchors vanished during a big gap', async () => {
    const kept = reddit.mention({ body: 'u/lumo_support kept' });
    const gone = reddit.mention({ body: 'u/lumo_support gone' });
    const r1 = connector({ pageSize: 2 });
    const first = await r1.poll(mentions(null));
    reddit.remove(gone.data.name);
    const added = Array.from({ length: 5 }, (_, i) => reddit.mention({ body: `u/lumo_support new ${i}` }));

    const second = await r1.poll(mentions(first.nextCursor));
    expect(names(second.mentions)).toEqual(fullnames(added));
    const befores = reddit
      .listingRequests()
      .slice(1)
      .map((r) => r.url.searchParams.get('before'));
    expect(befores.slice(0, 3)).toEqual([null, gone.data.name, kept.data.name]);

    // Every anchor gone: the listing is walked back with after= down to the cursor's time.
    reddit.remove(kept.data.name);
    for (const thing of added) reddit.remove(thing.data.name);
    const more = Array.from({ length: 5 }, (_, i) => reddit.mention({ body: `u/lumo_support more ${i}` }));
    const third = await r1.poll(mentions(second.nextCursor));
    expect(names(third.mentions)).toEqual(fullnames(more));
  });

  it('searches keywords site-wide or in the target subreddit and normalises posts', async () => {
    const anywhere = reddit.post({
      title: 'Lumo bulbs flicker',
      selftext: 'Since **v2.3** &amp; nothing helps',
      subreddit: 'smarthome',
    });
    const inSub = reddit.post({
      title: 'Lumo hub offline',
      selftextHtml:
        '<!-- SC_OFF --><div class="md"><p>Hub <em>offline</em> &amp; app says &quot;error&quot;</p>\n<ul>\n<li>rebooted</li>\n<li>reset</li>\n</ul>\n<script>alert(1)</script></div><!-- SC_ON -->',
      subreddit: 'homeautomation',
    });
    const r1 = connector();

    const global = await r1.poll({ kind: 'keyword', query: 'lumo', cursor: null, account: account() });
    const scoped = await r1.poll({
      kind: 'keyword',
      query: 'lumo',
      target: 'r/homeautomation',
      cursor: null,
      account: account(),
    });

    const [g, s] = reddit.listingRequests();
    expect(g?.url.pathname).toBe('/search');
    expect(Object.fromEntries(g?.url.searchParams ?? [])).toMatchObject({
      q: 'lumo',
      sort: 'new',
      type: 'link',
      limit: '100',
    });
    expect(g?.url.searchParams.has('restrict_sr')).toBe(false);
    expect(s?.url.pathname).toBe('/r/homeautomation/search');
    expect(s?.url.searchParams.get('restrict_sr')).toBe('1');
    expect(names(global.mentions)).toEqual([anywhere.data.name, inSub.data.name]);
    expect(names(scoped.mentions)).toEqual([inSub.data.name]);

    expect(global.mentions[0]).toMatchObject({
      text: 'Lumo bulbs flicker\n\nSince **v2.3** & nothing helps',
      url: `https://www.reddit.com${anywhere.data.permalink}`,
      inReplyToId: null,
      threadRootId: anywhere.data.name,
    });
    expect(scoped.mentions[0]?.text).toBe(
      'Lumo hub offline\n\nHub offline & app says "error"\n\n- rebooted\n- reset',
    );
  });

  it('moves past the brand’s own comments without returning them', async () => {
    const customer = reddit.mention({ body: 'u/lumo_support help' });
    const own = reddit.mention({ body: 'we are on it u/lumo_support', author: BRAND_USER });
    const result = await connector().poll(mentions(null));
    expect(names(result.mentions)).toEqual([customer.data.name]);
    expect(JSON.parse(result.nextCursor ?? '').newest).toBe(own.data.name);
  });

  it('quarantines one unreadable item, stores the rest and walks past it, never twice', async () => {
    const older = reddit.mention({ body: 'u/lumo_support first' });
    const broken = reddit.mention({ body: 'u/lumo_support second' });
    const newer = reddit.mention({ body: 'u/lumo_support third' });
    const page = (children: unknown[]) => ({
      status: 200,
      body: JSON.stringify({ kind: 'Listing', data: { after: null, before: null, children } }),
    });
    const bad = { kind: 't1', data: { ...broken.data, body: 42 } };
    const nameless = { kind: 't1', data: { body: 'no name, no time' } };
    reddit.respondNext(page([newer, bad, nameless, older]));
    const first = await connector().poll(mentions(null));
    expect(names(first.mentions)).toEqual([older.data.name, newer.data.name]);
    expect(first.rejected).toEqual([
      { externalId: null, reason: expect.stringContaining('created_utc'), raw: nameless },
      { externalId: broken.data.name, reason: expect.stringContaining('data: body'), raw: bad },
    ]);
    expect(JSON.parse(first.nextCursor ?? '').recent).toContain(broken.data.name);

    // Next poll: only what is new; the quarantined one is behind the cursor like the stored ones.
    const later = reddit.mention({ body: 'u/lumo_support fourth' });
    reddit.respondNext(page([later, newer, bad, older]));
    const second = await connector().poll(mentions(first.nextCursor));
    expect(names(second.mentions)).toEqual([later.data.name]);
    expect(second.rejected).toBeUndefined();
  });

  it('reports a comment shown as [deleted] as deleted, never as a mention', async () => {
    const kept = reddit.mention({ body: 'u/lumo_support still here' });
    const gone = reddit.mention({ body: 'u/lumo_support my address is 12 rue des Lilas' });
    const shown = { kind: 't1', data: { ...gone.data, body: '[deleted]', author: '[deleted]' } };
    reddit.respondNext({
      status: 200,
      body: JSON.stringify({ kind: 'Listing', data: { after: null, before: null, children: [shown, kept] } }),
    });
    const result = await connector().poll(mentions(null));
    expect(names(result.mentions)).toEqual([kept.data.name]);
    expect(result.deleted).toEqual([gone.data.name]);
    expect(JSON.parse(result.nextCursor ?? '').newest).toBe(gone.data.name);
  });

  it('refuses a cursor it did not write, and a bad subreddit, without calling Reddit', async () => {
    expect((await caught(connector().poll(mentions('t1_abc')))).kind).toBe('malformed');
    const bad = await caught(
      connector().poll({
        kind: 'keyword',
        query: 'lumo',
        target: 'not a sub!',
        cursor: null,
        account: account(),
      }),
    );
    expect(bad.kind).toBe('malformed');
    expect(reddit.requests).toHaveLength(0);
  });

  it('reports a refused subreddit with Reddit’s reason', async () => {
    const error = await caught(
      connector().poll({
        kind: 'keyword',
        query: 'lumo',
        target: 'private_sub',
        cursor: null,
        account: account(),
      }),
    );
    expect(error.kind).toBe('forbidden');
    expect(error.message).toContain('private');
  });
});

describe('reddit connector: reply', () => {
  it('comments in the thread with a form body and returns the new comment', async () => {
    const mention = reddit.mention({ body: 'u/lumo_support my hub is offline' });
    const result = await connector().reply({
      inReplyTo: { externalId: mention.data.name },
      text: 'Hi Sarah, sorry about that: a fix & a guide are coming 💡',
      idempotencyKey: 'k',
      account: account(),
    });

    const request = reddit.requests[0];
    expect(request?.method).toBe('POST');
    expect(request?.url.pathname).toBe('/api/comment');
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request?.headers['user-agent']).toBe(USER_AGENT);
    expect(request?.body).toEqual({
      api_type: 'json',
      thing_id: mention.data.name,
      text: 'Hi Sarah, sorry about that: a fix & a guide are coming 💡',
    });
    expect(result.externalId).toMatch(/^t1_[a-z0-9]+$/);
    expect(result.url).toMatch(/^https:\/\/www\.reddit\.com\/r\/homeautomation\/comments\//);
  });

  it('refuses a non-fullname, an empty text or more than 10,000 characters before any call', async () => {
    const r1 = connector();
    const base = { idempotencyKey: 'k', account: account() };
    expect((await caught(r1.reply({ ...base, inReplyTo: { externalId: '123' }, text: 'hi' }))).kind).toBe(
      'forbidden',
    );
    expect((await caught(r1.reply({ ...base, inReplyTo: { externalId: 't1_abc' }, text: ' ' }))).kind).toBe(
      'forbidden',
    );
    const tooLong = await caught(
      r1.reply({ ...base, inReplyTo: { externalId: 't1_abc' }, text: 'a'.repeat(10_001) }),
    );
    expect(tooLong.message).toContain('10001');
    expect(reddit.requests).toHaveLength(0);
    expect(r1.limits.max).toBe(10_000);
    expect(r1.limits.measure('💡'.repeat(3))).toBe(3);
  });

  it('maps RATELIMIT inside a 200 to rate_limited with the wait Reddit names', async () => {
    reddit.respondNext({
      status: 200,
      body: JSON.stringify({
        json: {
          errors: [
            [
              'RATELIMIT',
              "Looks like you've been doing that a lot. Take a break for 6 seconds before trying again.",
              'ratelimit',
            ],
          ],
        },
      }),
    });
    const error = await caught(
      connector().reply({
        inReplyTo: { externalId: 't1_abc' },
        text: 'hi',
        idempotencyKey: 'k',
        account: account(),
      }),
    );
    expect(error.kind).toBe('rate_limited');
    expect(error.retryAt?.getTime()).toBe(NOW.getTime() + 6_000);

    reddit.respondNext({
      status: 200,
      body: JSON.stringify({
        json: {
          errors: [['RATELIMIT', 'you are doing that too much. try again in 9 minutes.', 'ratelimit']],
        },
      }),
    });
    const minutes = await caught(
      connector().reply({
        inReplyTo: { externalId: 't1_abc' },
        text: 'hi',
        idempotencyKey: 'k',
        account: account(),
      }),
    );
    expect(minutes.retryAt?.getTime()).toBe(NOW.getTime() + 9 * 60_000);
  });

  it('maps other json.errors to forbidden with Reddit’s words', async () => {
    const old = reddit.post({ title: 'Lumo from 2019', archived: true });
    const error = await caught(
      connector().reply({
        inReplyTo: { externalId: old.data.name },
        text: 'hi',
        idempotencyKey: 'k',
        account: account(),
      }),
    );
    expect(error.kind).toBe('forbidden');
    expect(error.message).toContain("that's a piece of history now");
    expect(error.message).toContain('TOO_OLD');
  });

  it('renews the token on a 401, hands it over before use, and retries once', async () => {
    const mention = reddit.mention({ body: 'u/lumo_support hi' });
    const stored: Record<string, string>[] = [];
    const credentials = {
      accessToken: 'expired',
      refreshToken: reddit.refreshToken,
      clientId: reddit.client.id,
      clientSecret: reddit.client.secret,
    };
    const r1 = connector({ onCredentialsRotated: async (c) => void stored.push(c) });

    const result = await r1.poll({
      kind: 'mention',
      query: '',
      cursor: null,
      account: { handle: BRAND_USER, credentials },
    });

    expect(names(result.mentions)).toEqual([mention.data.name]);
    expect(reddit.requests.map((r) => `${r.method} ${r.url.pathname} ${r.headers.authorization}`)).toEqual([
      'GET /message/mentions bearer expired',
      `POST /api/v1/access_token Basic ${Buffer.from('reddit-client:reddit-secret').toString('base64')}`,
      'GET /message/mentions bearer reddit-access-1',
    ]);
    expect(reddit.requests[1]?.body).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'reddit-refresh',
    });
    expect(reddit.requests[1]?.headers['user-agent']).toBe(USER_AGENT);
    expect(stored).toEqual([
      {
        ...credentials,
        accessToken: 'reddit-access-1',
        expiresAt: new Date(NOW.getTime() + 86_400_000).toISOString(),
      },
    ]);
  });

  it('maps a refused renewal (200 invalid_grant) and a 401 without refresh token to auth', async () => {
    const refused = await caught(
      connector().poll({
        kind: 'mention',
        query: '',
        cursor: null,
        account: {
          handle: BRAND_USER,
          credentials: {
            accessToken: 'x',
            refreshToken: 'revoked',
            clientId: 'reddit-client',
            clientSecret: 'reddit-secret',
          },
        },
      }),
    );
    expect(refused.kind).toBe('auth');
    expect(refused.message).toContain('invalid_grant');

    const bare = await caught(
      connector().poll({
        kind: 'mention',
        query: '',
        cursor: null,
        account: { handle: BRAND_USER, credentials: { accessToken: 'x' } },
      }),
    );
    expect(bare.kind).toBe('auth');
    expect((await caught(connector().poll({ kind: 'mention', query: '', cursor: null }))).kind).toBe('auth');
  });
});

describe('reddit connector: checkReply', () => {
  it('allows open threads and explains archived or locked ones', async () => {
    const open = reddit.post({ title: 'Lumo hub question' });
    const archived = reddit.post({ title: 'Lumo in 2019', archived: true });
    const locked = reddit.post({ title: 'Lumo megathread', locked: true });
    const result = await connector().poll({
      kind: 'keyword',
      query: 'lumo',
      cursor: null,
      account: account(),
    });
    const byId = new Map(result.mentions.map((m) => [m.externalId, m]));
    const brand = { handle: 'u/lumo_support' };

    expect(checkRedditReply(byId.get(open.data.name) as Mention, brand)).toEqual({
      allowed: true,
      reason: null,
    });
    expect(checkRedditReply(byId.get(archived.data.name) as Mention, brand)).toMatchObject({
      allowed: false,
    });
    expect(checkRedditReply(byId.get(archived.data.name) as Mention, brand).reason).toContain('archived');
    expect(checkRedditReply(byId.get(locked.data.name) as Mention, brand).reason).toContain('locked');
    expect(checkRedditReply({ text: 'x', raw: null }, null)).toMatchObject({ allowed: false });
  });
});

describe('reddit connector: rate limits and failures', () => {
  it('reads Reddit’s float remaining and seconds-until-reset headers', async () => {
    reddit.rateLimitHeaders = {
      'x-ratelimit-used': '1',
      'x-ratelimit-remaining': '599.0',
      'x-ratelimit-reset': '420',
    };
    const r1 = connector();
    expect(r1.rateLimit()).toEqual({ remaining: null, resetAt: null });
    await r1.poll(mentions(null));
    expect(r1.rateLimit()).toEqual({ remaining: 599, resetAt: new Date(NOW.getTime() + 420_000) });
  });

  it('maps 429 to rate_limited and refuses the next call without a request', async () => {
    reddit.respondNext({
      status: 429,
      body: JSON.stringify({ message: 'Too Many Requests', error: 429 }),
      headers: { 'x-ratelimit-used': '100', 'x-ratelimit-remaining': '0.0', 'x-ratelimit-reset': '37' },
    });
    const r1 = connector();
    const error = await caught(r1.poll(mentions(null)));
    expect(error.kind).toBe('rate_limited');
    expect(error.retryAt?.getTime()).toBe(NOW.getTime() + 37_000);

    const again = await caught(
      r1.reply({ inReplyTo: { externalId: 't1_abc' }, text: 'hi', idempotencyKey: 'k', account: account() }),
    );
    expect(again.kind).toBe('rate_limited');
    expect(again.retryAt?.getTime()).toBe(NOW.getTime() + 37_000);
    expect(reddit.requests).toHaveLength(1);
  });

  it('maps 5xx and timeouts to transient', async () => {
    reddit.respondNext({ status: 502, body: '<html>Bad Gateway</html>' });
    expect((await caught(connector().poll(mentions(null)))).kind).toBe('transient');
    reddit.respondNext({ status: 200, body: '{}', delayMs: 400 });
    const timeout = await caught(connector({ timeoutMs: 50 }).poll(mentions(null)));
    expect(timeout.kind).toBe('transient');
  });

  it('maps truncated JSON and wrong types to malformed, naming the field', async () => {
    reddit.respondNext({ status: 200, body: '{"kind": "Listing", "data": {"children": [' });
    expect((await caught(connector().poll(mentions(null)))).kind).toBe('malformed');

    const thing = reddit.mention({ body: 'u/lumo_support hi' });
    reddit.respondNext({
      status: 200,
      body: JSON.stringify({ kind: 'Listing', data: { after: null, children: 'none' } }),
    });
    const wrong = await caught(connector().poll(mentions(null)));
    expect(wrong.kind).toBe('malformed');
    expect(wrong.message).toContain('data.children');

    reddit.respondNext({ status: 200, body: JSON.stringify({ json: { errors: [], data: { things: [] } } }) });
    const noThing = await caught(
      connector().reply({
        inReplyTo: { externalId: thing.data.name },
        text: 'hi',
        idempotencyKey: 'k',
        account: account(),
      }),
    );
    expect(noThing.kind).toBe('malformed');
  });

  it('requires a User-Agent', () => {
    expect(() => createRedditConnector({ userAgent: ' ', fetch: (i, init) => fetch(i, init) })).toThrow(
      /userAgent/,
    );
  });
});

describe('reddit helpers', () => {
  it('reduces HTML to text without running anything', () => {
    expect(
      htmlToText(
        '<p>one<br>two</p><p>three &amp; &#8364;5 &#x1F4A1;</p><style>p{}</style><img src=x onerror=alert(1)>',
      ),
    ).toBe('one\ntwo\n\nthree & €5 💡');
    expect(htmlToText('&lt;div class="md"&gt;&lt;p&gt;escaped &amp;amp; fine&lt;/p&gt;&lt;/div&gt;')).toBe(
      'escaped & fine',
    );
    expect(htmlToText('a < b &unknown; &#0;')).toBe('a < b &unknown; \ufffd');
    expect(
      htmlToText(
        '<p>try:</p>\n<pre><code>sudo  lumo reset\n  --hard &lt;id&gt;\n</code></pre>\n<p>then   reboot</p>',
      ),
    ).toBe('try:\n\nsudo  lumo reset\n  --hard <id>\n\nthen reboot');
  });

  it('picks the listing for each listener kind', () => {
    expect(listingRequest({ kind: 'hashtag', query: '#LumoPlus', target: null })).toEqual({
      path: '/search',
      params: { q: 'LumoPlus', sort: 'new', type: 'link' },
    });
    expect(listingRequest({ kind: 'keyword', query: 'lumo', target: '/r/smarthome' }).path).toBe(
      '/r/smarthome/search',
    );
  });
});
