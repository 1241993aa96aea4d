import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createMastodonConnector,
  fetchMastodonLimits,
  type MastodonConnectorOptions,
  replyVisibility,
  withMention,
} from '../../../connectors/mastodon';
import { type AccountRef, ConnectorError } from '../../../connectors/types';
import { accountFixture } from './fixtures';
import { type MastodonMock, startMastodonMock } from './mastodon-mock';

let net: MastodonMock;

beforeEach(async () => {
  net = await startMastodonMock();
});

afterEach(async () => {
  await net.close();
});

function connector(options: Partial<MastodonConnectorOptions> = {}) {
  return createMastodonConnector({
    baseUrl: net.baseUrl,
    fetch: (input, init) => fetch(input, init),
    ...options,
  });
}

function lumo(): AccountRef {
  return { handle: '@lumo', externalUserId: net.brand.id, credentials: { accessToken: net.token } };
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

const sam = () => accountFixture(net.host, { id: '42', username: 'sam', display_name: 'Sam Rivera' });
const remoteAna = () =>
  accountFixture('social.example', {
    id: '77',
    username: 'ana',
    acct: 'ana@social.example',
    display_name: '',
    url: 'https://social.example/@ana',
  });

describe('mastodon connector: mentions', () => {
  it('normalises the first poll of mention notifications and keeps the newest id as cursor', async () => {
    const first = net.addMention({
      account: sam(),
      html: '<p><span class="h-card"><a href="https://127.0.0.1/@lumo" class="u-url mention">@<span>lumo</span></a></span> my hub is offline since the update&nbsp;&amp; the app says &quot;error 7&quot;<br />any idea?</p><p>see <a href="https://status.lumo.example/incidents/12" rel="nofollow noopener" target="_blank"><span class="invisible">https://</span><span class="">status.lumo.example/incidents/12</span><span class="invisible"></span></a></p>',
      language: 'en',
    });
    const second = net.addMention({
      account: remoteAna(),
      text: '@lumo pareil chez moi',
      language: 'fr',
      spoiler_text: 'panne',
      in_reply_to_id: first.status?.id ?? null,
      visibility: 'unlisted',
    });

    const result = await connector().poll({ kind: 'mention', query: 'lumo', cursor: null, account: lumo() });

    expect(result.mentions).toHaveLength(2);
    const status = first.status!;
    expect(result.mentions[0]).toEqual({
      externalId: status.id,
      text: '@lumo my hub is offline since the update & the app says "error 7"\nany idea?\n\nsee https://status.lumo.example/incidents/12',
      url: status.url,
      language: 'en',
      createdAt: status.created_at,
      author: {
        externalId: '42',
        handle: 'sam',
        displayName: 'Sam Rivera',
        url: `https://${net.host}/@sam`,
        followers: 322930,
      },
      inReplyToId: null,
      threadRootId: status.id,
      raw: first,
    });
    expect(result.mentions[1]).toMatchObject({
      externalId: second.status?.id,
      text: 'CW: panne\n\n@lumo pareil chez moi',
      language: 'fr',
      author: { handle: 'ana@social.example', displayName: null, url: 'https://social.example/@ana' },
      inReplyToId: status.id,
      threadRootId: status.id,
    });
    expect(JSON.parse(result.nextCursor ?? '')).toEqual({
      v: 1,
      k: 'mention',
      at: net.baseUrl,
      minId: second.id,
    });

    const request = net.requests[0];
    expect(request?.url.pathname).toBe('/api/v1/notifications');
    expect(request?.url.searchParams.getAll('types[]')).toEqual(['mention']);
    expect(request?.url.searchParams.get('limit')).toBe('80');
    expect(request?.url.searchParams.get('include_filtered')).toBe('true');
    expect(request?.url.searchParams.has('min_id')).toBe(false);
    expect(request?.headers.authorization).toBe(`Bearer ${net.token}`);
    // The first poll starts from now: one page, no walk into history.
    expect(net.requests).toHaveLength(1);
  });

  it('asks only for what follows the cursor with min_id, and ends on the empty page', async () => {
    net.addMention({ account: sam(), text: '@lumo first' });
    const demo = connector();
    const first = await demo.poll({ kind: 'mention', query: 'lumo', cursor: null, account: lumo() });
    const later = net.addMention({ account: sam(), text: '@lumo second' });

    const second = await demo.poll({
      kind: 'mention',
      query: 'lumo',
      cursor: first.nextCursor,
      account: lumo(),
    });

    expect(second.mentions.map((m) => m.externalId)).toEqual([later.status?.id]);
    expect(net.requests[1]?.url.searchParams.get('min_id')).toBe(JSON.parse(first.nextCursor ?? '').minId);
    expect(net.requests[2]?.url.searchParams.get('min_id')).toBe(later.id);
    expect(net.requests).toHaveLength(3);
    expect(JSON.parse(second.nextCursor ?? '').minId).toBe(later.id);
  });

  it('walks forward over several pages, oldest first, without gaps', async () => {
    const seed = net.addMention({ account: sam(), text: '@lumo seed' });
    const cursor = JSON.stringify({ v: 1, k: 'mention', at: net.baseUrl, minId: seed.id });
    const added = Array.from({ length: 170 }, (_, i) =>
      net.addMention({ account: sam(), text: `@lumo n${i}` }),
    );

    const result = await connector().poll({ kind: 'mention', query: 'lumo', cursor, account: lumo() });

    expect(result.mentions.map((m) => m.externalId)).toEqual(added.map((n) => n.status?.id));
    const minIds = net.requests.map((r) => r.url.searchParams.get('min_id'));
    expect(minIds).toEqual([seed.id, added[79]?.id, added[159]?.id, added[169]?.id]);
    expect(JSON.parse(result.nextCursor ?? '').minId).toBe(added[169]?.id);
  });

  it('stops at maxPages with a cursor covering exactly what it returned', async () => {
    const seed = net.addMention({ account: sam(), text: '@lumo seed' });
    const cursor = JSON.stringify({ v: 1, k: 'mention', at: net.baseUrl, minId: seed.id });
    const added = Array.from({ length: 100 }, (_, i) =>
      net.addMention({ account: sam(), text: `@lumo n${i}` }),
    );
    const mastodon = connector({ maxPages: 1 });

    const first = await mastodon.poll({ kind: 'mention', query: 'lumo', cursor, account: lumo() });
    const rest = await mastodon.poll({
      kind: 'mention',
      query: 'lumo',
      cursor: first.nextCursor,
      account: lumo(),
    });

    expect(first.mentions).toHaveLength(80);
    expect(JSON.parse(first.nextCursor ?? '').minId).toBe(added[79]?.id);
    expect([...first.mentions, ...rest.mentions].map((m) => m.externalId)).toEqual(
      added.map((n) => n.status?.id),
    );
  });

  it('keeps its own cursor on an empty page (no Link header), and null stays null', async () => {
    const cursor = JSON.stringify({ v: 1, k: 'mention', at: net.baseUrl, minId: '5' });
    const mastodon = connector();
    expect(await mastodon.poll({ kind: 'mention', query: 'lumo', cursor, account: lumo() })).toEqual({
      mentions: [],
      nextCursor: cursor,
    });
    expect(await mastodon.poll({ kind: 'mention', query: 'lumo', cursor: null, account: lumo() })).toEqual({
      mentions: [],
      nextCursor: null,
    });
  });

  it('sends the Link header on non-empty pages only, as Mastodon does (the mock speaks the protocol)', async () => {
    net.addMention({ account: sam(), text: '@lumo hi' });
    const withItems = await fetch(`${net.baseUrl}/api/v1/notifications?limit=5`, {
      headers: { authorization: `Bearer ${net.token}` },
    });
    expect(withItems.headers.get('link')).toMatch(/rel="next".*min_id=.*rel="prev"/);
    const empty = await fetch(`${net.baseUrl}/api/v1/notifications?min_id=999999999999999999999`, {
      headers: { authorization: `Bearer ${net.token}` },
    });
    expect(empty.headers.get('link')).toBeNull();
  });

  it('refuses without a token before calling, and maps a revoked token to auth', async () => {
    const noToken = await caught(
      connector().poll({ kind: 'mention', query: 'lumo', cursor: null, account: { handle: 'lumo' } }),
    );
    expect(noToken.kind).toBe('auth');
    expect(net.requests).toHaveLength(0);

    const revoked = await caught(
      connector().poll({
        kind: 'mention',
        query: 'lumo',
        cursor: null,
        account: { handle: 'lumo', credentials: { accessToken: 'old' } },
      }),
    );
    expect(revoked.kind).toBe('auth');
    expect(revoked.status).toBe(401);
    expect(revoked.message).toBe('The access token is invalid');
  });

  it('refuses a cursor it did not write, and starts afresh on a cursor of another instance', async () => {
    const bad = await caught(
      connector().poll({ kind: 'mention', query: 'l', cursor: '123', account: lumo() }),
    );
    expect(bad.kind).toBe('malformed');
    expect(net.requests).toHaveLength(0);

    const other = JSON.stringify({ v: 1, k: 'mention', at: 'https://elsewhere.example', minId: '9' });
    const mention = net.addMention({ account: sam(), text: '@lumo hi' });
    const result = await connector().poll({ kind: 'mention', query: 'l', cursor: other, account: lumo() });
    expect(net.requests[0]?.url.searchParams.has('min_id')).toBe(false);
    expect(result.mentions.map((m) => m.externalId)).toEqual([mention.status?.id]);
  });

  it('needs the instance URL', async () => {
    const mastodon = createMastodonConnector({ fetch: (input, init) => fetch(input, init) });
    const error = await caught(mastodon.poll({ kind: 'mention', query: 'l', cursor: null, account: lumo() }));
    expect(error.kind).toBe('unsupported');
    expect(error.message).toContain('https://mastodon.social');
    expect(mastodon.checkReply({ text: 'x', raw: null }, lumo())).toEqual({
      allowed: false,
      reason: 'No Mastodon instance is set for this account.',
    });
  });
});

describe('mastodon connector: hashtags', () => {
  it("reads the tag timeline without '#', skipping the brand's own posts", async () => {
    net.addStatus({ account: sam(), text: 'old #LumoHub' });
    const mastodon = connector();
    const first = await mastodon.poll({ kind: 'hashtag', query: '#lumohub', cursor: null, account: lumo() });
    const customer = net.addStatus({ account: sam(), text: 'my #LumoHub blinks red' });
    net.addStatus({ account: net.brand, text: 'we are on it #LumoHub' });
    net.addStatus({ account: sam(), text: 'unrelated #other' });

    const second = await mastodon.poll({
      kind: 'hashtag',
      query: '#lumohub',
      cursor: first.nextCursor,
      account: lumo(),
    });

    expect(net.requests[0]?.url.pathname).toBe('/api/v1/timelines/tag/lumohub');
    expect(net.requests[0]?.url.searchParams.get('limit')).toBe('40');
    expect(net.requests[0]?.headers.authorization).toBe(`Bearer ${net.token}`);
    expect(second.mentions.map((m) => m.externalId)).toEqual([customer.id]);
    expect(second.mentions[0]?.text).toBe('my #LumoHub blinks red');
  });

  it('reads another instance anonymously, prefixes its ids, and answers through the account instance', async () => {
    const other = await startMastodonMock();
    try {
      const foreign = other.addStatus({
        account: accountFixture(other.host, { id: '5', username: 'kim' }),
        text: 'is #LumoHub down?',
        visibility: 'public',
      });
      const result = await connector().poll({
        kind: 'hashtag',
        query: 'LumoHub',
        target: other.baseUrl,
        cursor: null,
        account: lumo(),
      });
      expect(other.requests[0]?.headers.authorization).toBeUndefined();
      expect(net.requests).toHaveLength(0);
      const [mention] = result.mentions;
      expect(mention).toMatchObject({
        externalId: `${other.host}/${foreign.id}`,
        threadRootId: `${other.host}/${foreign.id}`,
        author: { externalId: `${other.host}/5`, handle: `kim@${other.host}` },
      });
      expect(JSON.parse(result.nextCursor ?? '').at).toBe(other.baseUrl);

      // The account's instance knows the post under its own id once it resolves the federation URI.
      net.resolvable.set(foreign.uri, {
        uri: foreign.uri,
        account: accountFixture('x', { id: '501', username: 'kim', acct: `kim@${other.host}` }),
        visibility: 'public',
        text: 'is #LumoHub down?',
      });
      const sent = await connector().reply({
        inReplyTo: { externalId: mention!.externalId, raw: mention!.raw },
        text: 'Hi Kim, not at all: which app version do you run?',
        idempotencyKey: 'r-1',
        account: lumo(),
      });
      const resolve = net.requests[0];
      expect(resolve?.url.pathname).toBe('/api/v2/search');
      expect(resolve?.url.searchParams.get('q')).toBe(foreign.uri);
      expect(resolve?.url.searchParams.get('resolve')).toBe('true');
      const local = net.statuses.find((s) => s.uri === foreign.uri);
      expect(net.requests[1]?.body).toEqual({
        status: `@kim@${other.host} Hi Kim, not at all: which app version do you run?`,
        in_reply_to_id: local?.id,
        visibility: 'unlisted',
      });
      expect(sent.externalId).toBe(net.statuses.at(-1)?.id);
    } finally {
      await other.close();
    }
  });
});

describe('mastodon connector: keyword search', () => {
  const keywordCursor = (floor: string, extra: Record<string, string> = {}) =>
    JSON.stringify({ v: 1, k: 'keyword', at: net.baseUrl, floor, ...extra });

  it('walks down from the newest hit to the floor with max_id, and moves the floor up', async () => {
    const seed = net.addStatus({ account: sam(), text: 'lumo seed' });
    const hits = Array.from({ length: 50 }, (_, i) =>
      net.addStatus({ account: sam(), text: `lumo bulb ${i}` }),
    );
    net.addStatus({ account: net.brand, text: 'lumo team here' });

    const result = await connector().poll({
      kind: 'keyword',
      query: 'lumo',
      cursor: keywordCursor(seed.id),
      account: lumo(),
    });

    expect(result.mentions.map((m) => m.externalId)).toEqual(hits.map((s) => s.id));
    const first = net.requests[0]?.url.searchParams;
    expect(first?.get('q')).toBe('lumo');
    expect(first?.get('type')).toBe('statuses');
    expect(first?.get('limit')).toBe('40');
    expect(first?.get('min_id')).toBe(seed.id);
    expect(net.requests.map((r) => r.url.searchParams.get('max_id'))).toEqual([
      null,
      hits[11]?.id,
      hits[0]?.id,
    ]);
    expect(JSON.parse(result.nextCursor ?? '')).toEqual({
      v: 1,
      k: 'keyword',
      at: net.baseUrl,
      floor: net.statuses.at(-1)?.id,
    });
  });

  it('drains a backlog larger than maxPages over the next polls without a gap', async () => {
    const seed = net.addStatus({ account: sam(), text: 'lumo seed' });
    const hits = Array.from({ length: 90 }, (_, i) =>
      net.addStatus({ account: sam(), text: `lumo bulb ${i}` }),
    );
    const mastodon = connector({ maxPages: 1 });

    const one = await mastodon.poll({
      kind: 'keyword',
      query: 'lumo',
      cursor: keywordCursor(seed.id),
      account: lumo(),
    });
    const newer = net.addStatus({ account: sam(), text: 'lumo arrives meanwhile' });
    const results = [one];
    let cursor = one.nextCursor;
    for (let i = 0; i < 5; i++) {
      const next = await mastodon.poll({ kind: 'keyword', query: 'lumo', cursor, account: lumo() });
      results.push(next);
      cursor = next.nextCursor;
    }

    expect(JSON.parse(one.nextCursor ?? '')).toEqual({
      v: 1,
      k: 'keyword',
      at: net.baseUrl,
      floor: seed.id,
      high: hits[89]?.id,
      maxId: hits[50]?.id,
    });
    // The backlog is drained first (three pages of 40, 40, 10, then an empty page), then the newer post.
    expect(results.map((r) => r.mentions.length)).toEqual([40, 40, 10, 0, 1, 0]);
    const all = results.flatMap((r) => r.mentions.map((m) => m.externalId));
    expect(new Set(all).size).toBe(all.length);
    expect([...all].sort()).toEqual([...hits.map((s) => s.id), newer.id].sort());
    expect(JSON.parse(cursor ?? '')).toEqual({ v: 1, k: 'keyword', at: net.baseUrl, floor: newer.id });
  });

  it('takes only the newest page on the first poll and returns nothing twice', async () => {
    net.addStatus({ account: sam(), text: 'lumo once' });
    const mastodon = connector();
    const first = await mastodon.poll({ kind: 'keyword', query: 'lumo', cursor: null, account: lumo() });
    const again = await mastodon.poll({
      kind: 'keyword',
      query: 'lumo',
      cursor: first.nextCursor,
      account: lumo(),
    });
    expect(first.mentions).toHaveLength(1);
    expect(again).toEqual({ mentions: [], nextCursor: first.nextCursor });
  });

  it('needs a token, and says clearly when the instance refuses search', async () => {
    const noToken = await caught(connector().poll({ kind: 'keyword', query: 'lumo', cursor: null }));
    expect(noToken.kind).toBe('auth');
    expect(noToken.message).toContain('search');
    expect(net.requests).toHaveLength(0);

    net.respondNext({
      status: 403,
      body: JSON.stringify({ error: 'This action is outside the authorized scopes' }),
    });
    const scopes = await caught(
      connector().poll({ kind: 'keyword', query: 'lumo', cursor: null, account: lumo() }),
    );
    expect(scopes.kind).toBe('forbidden');
    expect(scopes.message).toContain('read:search');
    expect(scopes.message).toContain('This action is outside the authorized scopes');

    net.respondNext({ status: 404, body: '<html>Not Found</html>' });
    const none = await caught(
      connector().poll({ kind: 'keyword', query: 'lumo', cursor: null, account: lumo() }),
    );
    expect(none.kind).toBe('unsupported');
    expect(none.message).toContain('full-text search');
  });
});

describe('mastodon connector: reply', () => {
  it('answers in the thread with the mention, the idempotency key, and at most unlisted', async () => {
    const mention = net.addMention({ account: sam(), text: '@lumo my hub is offline' });
    const mastodon = connector();
    const polled = await mastodon.poll({ kind: 'mention', query: 'lumo', cursor: null, account: lumo() });
    const post = polled.mentions[0]!;
    const input = {
      inReplyTo: { externalId: post.externalId, threadRootId: post.threadRootId, raw: post.raw },
      text: "Hi Sam, sorry about that: we're rolling out a fix tonight 💡",
      idempotencyKey: 'reply-42',
      account: lumo(),
    };

    const result = await mastodon.reply(input);
    const retry = await mastodon.reply(input);

    const request = net.requests[1];
    expect(request?.method).toBe('POST');
    expect(request?.url.pathname).toBe('/api/v1/statuses');
    expect(request?.headers['idempotency-key']).toBe('reply-42');
    expect(request?.headers.authorization).toBe(`Bearer ${net.token}`);
    expect(request?.body).toEqual({
      status: `@sam ${input.text}`,
      in_reply_to_id: mention.status?.id,
      visibility: 'unlisted',
    });
    expect(retry).toEqual(result);
    const created = net.statuses.filter((s) => s.account.id === net.brand.id);
    expect(created).toHaveLength(1);
    expect(result).toEqual({ externalId: created[0]?.id, url: created[0]?.url });
    expect(created[0]?.in_reply_to_id).toBe(mention.status?.id);
  });

  it('keeps direct and private posts as private as they were, and does not repeat a mention', async () => {
    const direct = net.addStatus({
      account: remoteAna(),
      text: '@lumo my order number is 1234',
      visibility: 'direct',
    });
    const priv = net.addStatus({ account: sam(), text: '@lumo followers only', visibility: 'private' });
    const mastodon = connector();

    await mastodon.reply({
      inReplyTo: { externalId: direct.id, raw: direct },
      text: 'Thanks @ana@social.example, we are checking order 1234.',
      idempotencyKey: 'a',
      account: lumo(),
    });
    await mastodon.reply({
      inReplyTo: { externalId: priv.id, raw: priv },
      text: 'On it.',
      idempotencyKey: 'b',
      account: lumo(),
    });

    expect(net.requests[0]?.body).toEqual({
      status: 'Thanks @ana@social.example, we are checking order 1234.',
      in_reply_to_id: direct.id,
      visibility: 'direct',
    });
    expect(net.requests[1]?.body).toMatchObject({ status: '@sam On it.', visibility: 'private' });
  });

  it('looks the post up when its payload is not at hand, so a direct post never gets a public answer', async () => {
    const direct = net.addStatus({ account: sam(), text: '@lumo private question', visibility: 'direct' });
    await connector().reply({
      inReplyTo: { externalId: direct.id },
      text: 'Answer',
      idempotencyKey: 'k',
      account: lumo(),
    });
    expect(net.requests[0]?.url.pathname).toBe(`/api/v1/statuses/${direct.id}`);
    expect(net.requests[1]?.body).toMatchObject({ visibility: 'direct', in_reply_to_id: direct.id });
  });

  it('refuses an empty or too long reply, or one without token, before any call', async () => {
    const post = net.addStatus({ account: sam(), text: 'hi' });
    const base = { inReplyTo: { externalId: post.id, raw: post }, idempotencyKey: 'k' };
    const mastodon = connector({ maxCharacters: 20 });
    expect((await caught(mastodon.reply({ ...base, text: 'hello' }))).kind).toBe('auth');
    expect((await caught(mastodon.reply({ ...base, text: '  ', account: lumo() }))).kind).toBe('forbidden');
    const tooLong = await caught(mastodon.reply({ ...base, text: 'a'.repeat(21), account: lumo() }));
    expect(tooLong.kind).toBe('forbidden');
    expect(tooLong.message).toBe('the reply is 21 characters, the limit on this instance is 20');
    // The customer's @acct the connector adds counts too.
    const mentionAdded = await caught(mastodon.reply({ ...base, text: 'a'.repeat(16), account: lumo() }));
    expect(mentionAdded.message).toBe(
      'the reply is 21 characters (with the @sam mention it needs), the limit on this instance is 20',
    );
    expect(net.requests).toHaveLength(0);
  });

  it("maps the instance's refusals: 422 to forbidden with its words, 404 on the post answered to gone", async () => {
    net.respondNext({
      status: 422,
      body: JSON.stringify({ error: 'Validation failed: Text character limit of 500 exceeded' }),
    });
    const post = net.addStatus({ account: sam(), text: 'hi' });
    const error = await caught(
      connector().reply({
        inReplyTo: { externalId: post.id, raw: post },
        text: 'x',
        idempotencyKey: 'k',
        account: lumo(),
      }),
    );
    expect(error.kind).toBe('forbidden');
    expect(error.status).toBe(422);
    expect(error.message).toBe('Validation failed: Text character limit of 500 exceeded');

    const missing = await caught(
      connector().reply({ inReplyTo: { externalId: '1' }, text: 'x', idempotencyKey: 'k', account: lumo() }),
    );
    expect(missing.kind).toBe('gone');
    expect(missing.status).toBe(404);
    expect(missing.message).toContain('deleted by its author');
  });

  it('checks that an account can answer; Mastodon has no reply restrictions', () => {
    const mastodon = connector();
    expect(mastodon.checkReply({ text: 'hi', raw: {} }, lumo())).toEqual({ allowed: true, reason: null });
    expect(mastodon.checkReply({ text: 'hi', raw: {} }, null)).toEqual({
      allowed: false,
      reason: 'No Mastodon account is connected to answer from.',
    });
  });

  it('maps visibilities and detects an existing mention', () => {
    expect(replyVisibility('public')).toBe('unlisted');
    expect(replyVisibility('unlisted')).toBe('unlisted');
    expect(replyVisibility('private')).toBe('private');
    expect(replyVisibility('direct')).toBe('direct');
    expect(replyVisibility('local')).toBe('private');
    expect(withMention('hi @sam!', 'sam')).toBe('hi @sam!');
    expect(withMention('hi @Sam', 'sam')).toBe('hi @Sam');
    expect(withMention('hi @sam@other.org', 'sam')).toBe('@sam hi @sam@other.org');
    expect(withMention('hi @samuel', 'sam')).toBe('@sam hi @samuel');
    expect(withMention('mail sam@x.org', 'sam')).toBe('@sam mail sam@x.org');
    expect(withMention('cc @ana@social.example.', 'ana@social.example')).toBe('cc @ana@social.example.');
  });
});

describe('mastodon connector: finding our reply', () => {
  it("finds the account's reply in the status's context, ignoring others' and other texts", async () => {
    const post = net.addStatus({ account: sam(), text: '@lumo my hub is offline' });
    const text = 'Hi Sam, the fix ships tonight';
    net.addStatus({ account: sam(), text, in_reply_to_id: post.id });
    net.addStatus({ account: net.brand, text: '@sam something else entirely', in_reply_to_id: post.id });
    const ours = net.addStatus({ account: net.brand, text: `@sam ${text}`, in_reply_to_id: post.id });
    const mastodon = connector();
    const inReplyTo = { externalId: post.id, raw: post };
    const found = await mastodon.findReply!({ inReplyTo, text, account: lumo() });
    expect(found).toEqual({ found: true, reply: { externalId: ours.id, url: ours.url } });
    expect(net.requests.at(-1)?.url.pathname).toBe(`/api/v1/statuses/${post.id}/context`);

    const absent = await mastodon.findReply!({ inReplyTo, text: 'Hi Sam, something new', account: lumo() });
    expect(absent).toEqual({ found: false });
    expect(mastodon.idempotencyKeyTtlMs).toBe(60 * 60_000);
  });

  it('says the post is gone when the instance no longer knows it (404)', async () => {
    const error = await caught(
      connector().findReply!({ inReplyTo: { externalId: '12345' }, text: 'hi', account: lumo() }),
    );
    expect(error.kind).toBe('gone');
  });
});

describe('mastodon connector: length', () => {
  it('counts as Mastodon does: graphemes, URLs as 23, mentions without their domain', () => {
    const { limits } = connector();
    expect(limits.max).toBe(500);
    expect(limits.measure('👩‍👩‍👧‍👦🇫🇷é')).toBe(3);
    expect(limits.measure('e\u0301')).toBe(1);
    expect(limits.measure('see https://example.com/a/very/long/path/that/goes/on?and=on')).toBe(4 + 23);
    expect(limits.measure('https://a.io.')).toBe(24);
    expect(limits.measure('@sam@very.long.instance.example hi')).toBe('@sam hi'.length);
    expect(limits.measure('mail sam@example.org')).toBe(20);
    expect(connector({ maxCharacters: 5000 }).limits.max).toBe(5000);
  });

  it("reads the instance's limits from /api/v2/instance, falling back to v1", async () => {
    net.maxCharacters = 1000;
    const options = {
      baseUrl: net.baseUrl,
      fetch: (input: string | URL | Request, init?: RequestInit) => fetch(input, init),
    };
    expect(await fetchMastodonLimits(options)).toEqual({ maxCharacters: 1000, charactersReservedPerUrl: 23 });

    net.respondNext(
      { status: 404, body: JSON.stringify({ error: 'Record not found' }) },
      { status: 200, body: JSON.stringify({ uri: 'old.example', max_toot_chars: 5000 }) },
    );
    expect(await fetchMastodonLimits(options)).toEqual({ maxCharacters: 5000, charactersReservedPerUrl: 23 });
    expect(net.requests.at(-1)?.url.pathname).toBe('/api/v1/instance');
  });
});

describe('mastodon connector: failures', () => {
  const pollMentions = (mastodon = connector()) =>
    mastodon.poll({ kind: 'mention', query: 'lumo', cursor: null, account: lumo() });

  it('maps 429 to rate_limited with the ISO-8601 reset, then refuses to call until it', async () => {
    const reset = '2026-03-01T12:05:00.000Z';
    net.respondNext({
      status: 429,
      body: JSON.stringify({ error: 'Too many requests' }),
      headers: { 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
    });
    const mastodon = connector({ now: () => new Date('2026-03-01T12:00:00.000Z') });

    const error = await caught(pollMentions(mastodon));
    expect(error.kind).toBe('rate_limited');
    expect(error.status).toBe(429);
    expect(error.retryAt?.toISOString()).toBe(reset);
    expect(mastodon.rateLimit()).toEqual({ remaining: 0, resetAt: new Date(reset) });

    const again = await caught(pollMentions(mastodon));
    expect(again.kind).toBe('rate_limited');
    expect(again.retryAt?.toISOString()).toBe(reset);
    expect(net.requests).toHaveLength(1);
  });

  it('calls again once the reset has passed, and records the headers of a success', async () => {
    let clock = new Date('2026-03-01T12:00:00.000Z');
    net.rateLimitHeaders = { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '2026-03-01T12:05:00.000Z' };
    const mastodon = connector({ now: () => clock });
    await pollMentions(mastodon);
    expect(mastodon.rateLimit()).toEqual({ remaining: 0, resetAt: new Date('2026-03-01T12:05:00.000Z') });
    clock = new Date('2026-03-01T12:05:01.000Z');
    net.rateLimitHeaders = {
      'x-ratelimit-remaining': '299',
      'x-ratelimit-reset': '2026-03-01T12:10:00.000Z',
    };
    await pollMentions(mastodon);
    expect(net.requests).toHaveLength(2);
    expect(mastodon.rateLimit().remaining).toBe(299);
  });

  it('maps 5xx, a timeout and a refused connection to transient', async () => {
    net.respondNext({ status: 503, body: '<html>Service Unavailable</html>' });
    const unavailable = await caught(pollMentions());
    expect(unavailable.kind).toBe('transient');
    expect(unavailable.status).toBe(503);
    expect(unavailable.network).toBe('mastodon');

    net.respondNext({ status: 200, body: '[]', delayMs: 500 });
    const slow = await caught(pollMentions(connector({ timeoutMs: 50 })));
    expect(slow.kind).toBe('transient');
    expect(slow.message).toContain('timed out');

    const baseUrl = net.baseUrl;
    await net.close();
    const refused = await caught(
      createMastodonConnector({ baseUrl, fetch: (input, init) => fetch(input, init) }).poll({
        kind: 'hashtag',
        query: 'x',
        cursor: null,
      }),
    );
    expect(refused.kind).toBe('transient');
    net = await startMastodonMock();
  });

  it('maps truncated JSON and wrong types to malformed, naming the field', async () => {
    net.respondNext({ status: 200, body: '[{"id": "1", "type": "mention"' });
    expect((await caught(pollMentions())).kind).toBe('malformed');

    const mention = net.addMention({ account: sam(), text: '@lumo x' });
    const broken = { ...mention, status: { ...mention.status, created_at: 12 } };
    net.respondNext({ status: 200, body: JSON.stringify([broken]) });
    const quarantined = await pollMentions();
    expect(quarantined.mentions).toEqual([]);
    expect(quarantined.rejected).toHaveLength(1);
    expect(quarantined.rejected![0]!.externalId).toBe(mention.status!.id);
    expect(quarantined.rejected![0]!.reason).toContain('status.created_at');

    net.respondNext({ status: 200, body: JSON.stringify({ not: 'a list' }) });
    const error = await caught(pollMentions());
    expect(error.kind).toBe('malformed');
    expect(error.message).toContain('GET /api/v1/notifications');

    net.respondNext({ status: 200, body: JSON.stringify({ id: 5 }) });
    const replyError = await caught(
      connector().reply({
        inReplyTo: { externalId: mention.status!.id, raw: mention },
        text: 'hi',
        idempotencyKey: 'k',
        account: lumo(),
      }),
    );
    expect(replyError.kind).toBe('malformed');
    expect(replyError.message).toContain('POST /api/v1/statuses');
  });
});
