import { describe, expect, it } from 'vitest';
import { asSystem } from '../../src/services/context';
import type { FaultPoint } from '../../src/services/faults';
import { sendDueReplies } from '../../src/services/replies/send-due-replies';
import { publishPost, queueReplyTo, type ReplyNetwork, replyRow } from '../faults/networks';
import { crashingAt, useReplyWorld } from './reply-world';

/**
 * A worker that dies (or loses the answer) after the network accepted a reply must not post it
 * twice: Mastodon and Bluesky recognise the retry by its key; X and Reddit are searched first.
 */
describe('replies whose outcome is unknown', () => {
  /** When set, the next response from a matching URL is received and then lost, as on a timeout. */
  let loseAnswerTo: RegExp | null = null;
  const w = useReplyWorld(async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const response = await fetch(input, init);
    if (loseAnswerTo?.test(url) && (init?.method ?? 'GET') === 'POST') {
      loseAnswerTo = null;
      await response.arrayBuffer();
      throw new TypeError('fetch failed: socket hang up');
    }
    return response;
  });

  const crashAt = (point: FaultPoint) => crashingAt(w.deps, point);
  /** Past the lease of an attempt that died. */
  const afterLease = () => w.deps.clock.advance(3 * 60_000);

  async function queued(network: ReplyNetwork, body: string) {
    const post = publishPost(w.net, network, `question for ${body}`);
    const id = await queueReplyTo(w.deps.db, w.ws, network, post, body, w.deps.clock.now());
    return { id, post };
  }

  const brandPostsOnX = () => w.net.x.tweets.filter((t) => t.author_id === '1500000000000000001');
  const brandCommentsOnReddit = () =>
    w.net.reddit.things.filter((t) => t.kind === 't1' && t.data.author === 'lumo_support');

  it('X: a crash after X accepted the post is settled by finding it in the thread, not by posting again', async () => {
    const { id } = await queued('x', 'Hi Sarah, the fix ships tonight (x-1).');
    await expect(sendDueReplies(crashAt('reply:after-network-accepted'))).rejects.toThrow('crash');
    expect((await replyRow(w.deps.db, id)).status).toBe('sending');
    const posted = brandPostsOnX().filter((t) => t.text.includes('(x-1)'));
    expect(posted).toHaveLength(1);

    afterLease();
    const outcomes = await sendDueReplies(asSystem(w.deps));
    expect(outcomes).toEqual([{ replyId: id, status: 'sent' }]);
    const row = await replyRow(w.deps.db, id);
    expect(row).toMatchObject({
      status: 'sent',
      externalId: posted[0]!.id,
      outcomeUnknown: false,
      attempts: 2,
    });
    expect(brandPostsOnX().filter((t) => t.text.includes('(x-1)'))).toHaveLength(1);
    const search = w.net.x.requestsTo('/2/tweets/search/recent').at(-1);
    expect(search?.url.searchParams.get('query')).toMatch(/^conversation_id:\d+ from:lumo$/);
  });

  it('X: a crash before the call is settled by finding nothing, then posting once', async () => {
    const { id } = await queued('x', 'Hi Sarah, could you send us a photo? (x-2)');
    await expect(sendDueReplies(crashAt('reply:after-attempt-recorded'))).rejects.toThrow('crash');
    expect(brandPostsOnX().filter((t) => t.text.includes('(x-2)'))).toHaveLength(0);
    afterLease();
    expect(await sendDueReplies(asSystem(w.deps))).toEqual([{ replyId: id, status: 'sent' }]);
    expect(brandPostsOnX().filter((t) => t.text.includes('(x-2)'))).toHaveLength(1);
  });

  it('X: an answer lost after sending is retried only after looking, and found', async () => {
    const { id } = await queued('x', 'Hi Sarah, we sent you a new hub (x-3).');
    loseAnswerTo = /\/2\/tweets$/;
    const [first] = await sendDueReplies(asSystem(w.deps));
    expect(first).toMatchObject({ replyId: id, status: 'queued' });
    const row = await replyRow(w.deps.db, id);
    expect(row.outcomeUnknown).toBe(true);
    // Not before a lease has passed: search must have had time to index the post.
    expect(row.nextAttemptAt.getTime() - w.deps.clock.now().getTime()).toBeGreaterThanOrEqual(2 * 60_000);
    w.deps.clock.advance(2 * 60_000);
    expect(await sendDueReplies(asSystem(w.deps))).toEqual([{ replyId: id, status: 'sent' }]);
    expect(brandPostsOnX().filter((t) => t.text.includes('(x-3)'))).toHaveLength(1);
  });

  it('X: when the thread cannot be searched, the reply waits for a person and is not sent again', async () => {
    const { id } = await queued('x', 'Hi Sarah, thanks for your patience (x-4).');
    await expect(sendDueReplies(crashAt('reply:after-network-accepted'))).rejects.toThrow('crash');
    afterLease();
    w.net.x.respondNext({
      status: 403,
      body: JSON.stringify({ title: 'Forbidden', detail: 'search is not in your plan', status: 403 }),
    });
    const posts = w.net.x.requestsTo('/2/tweets').filter((r) => r.method === 'POST').length;
    expect(await sendDueReplies(asSystem(w.deps))).toEqual([
      expect.objectContaining({ replyId: id, status: 'needs_verification' }),
    ]);
    expect(w.net.x.requestsTo('/2/tweets').filter((r) => r.method === 'POST')).toHaveLength(posts);
    const row = await replyRow(w.deps.db, id);
    expect(row.status).toBe('needs_verification');
    expect(row.lastError).toMatch(/looking for it failed/);
    w.deps.clock.advance(60 * 60_000);
    expect(await sendDueReplies(asSystem(w.deps))).toEqual([]);
  });

  it('Reddit: a crash after Reddit accepted the comment is settled from the account profile', async () => {
    const { id } = await queued('reddit', 'Hi, a firmware update fixes this (r-1).');
    await expect(sendDueReplies(crashAt('reply:after-network-accepted'))).rejects.toThrow('crash');
    const posted = brandCommentsOnReddit().filter((t) => String(t.data.body).includes('(r-1)'));
    expect(posted).toHaveLength(1);
    afterLease();
    expect(await sendDueReplies(asSystem(w.deps))).toEqual([{ replyId: id, status: 'sent' }]);
    expect(await replyRow(w.deps.db, id)).toMatchObject({
      status: 'sent',
      externalId: posted[0]!.data.name,
      externalUrl: expect.stringContaining('/comment/'),
    });
    expect(brandCommentsOnReddit().filter((t) => String(t.data.body).includes('(r-1)'))).toHaveLength(1);
    expect(
      w.net.reddit.requests.filter((r) => r.url.pathname === '/user/lumo_support/comments'),
    ).toHaveLength(1);
  });

  it('Reddit: an outage while looking is retried later, looking first again', async () => {
    const { id } = await queued('reddit', 'Hi, we are on it (r-2).');
    await expect(sendDueReplies(crashAt('reply:after-attempt-recorded'))).rejects.toThrow('crash');
    afterLease();
    w.net.reddit.respondNext({ status: 503, body: '{"message":"Service Unavailable"}' });
    expect(await sendDueReplies(asSystem(w.deps))).toEqual([
      expect.objectContaining({ replyId: id, status: 'queued' }),
    ]);
    expect((await replyRow(w.deps.db, id)).outcomeUnknown).toBe(true);
    w.deps.clock.advance(10 * 60_000);
    // The profile answers now: nothing was posted, so the comment goes out once.
    expect(await sendDueReplies(asSystem(w.deps))).toEqual([{ replyId: id, status: 'sent' }]);
    expect(brandCommentsOnReddit().filter((t) => String(t.data.body).includes('(r-2)'))).toHaveLength(1);
  });

  it('Mastodon: the retry carries the same Idempotency-Key and gets the first status back', async () => {
    const { id } = await queued('mastodon', 'Hi Sam, we are rolling out a fix (m-1).');
    await expect(sendDueReplies(crashAt('reply:after-network-accepted'))).rejects.toThrow('crash');
    afterLease();
    expect(await sendDueReplies(asSystem(w.deps))).toEqual([{ replyId: id, status: 'sent' }]);
    const posts = w.net.mastodon.requests.filter(
      (r) => r.method === 'POST' && r.url.pathname === '/api/v1/statuses',
    );
    const keys = posts.slice(-2).map((r) => r.headers['idempotency-key']);
    expect(keys).toEqual([`passerelle-${id}`, `passerelle-${id}`]);
    const mine = w.net.mastodon.statuses.filter(
      (s) => s.account.id === w.net.mastodon.brand.id && s.content?.includes('(m-1)'),
    );
    expect(mine).toHaveLength(1);
    expect((await replyRow(w.deps.db, id)).externalId).toBe(mine[0]!.id);
  });

  it('Bluesky: the retry writes to the same record key and finds the first record', async () => {
    const { id } = await queued('bluesky', 'Hi, thanks for the report (b-1).');
    const before = w.net.bluesky.records.size;
    await expect(sendDueReplies(crashAt('reply:after-network-accepted'))).rejects.toThrow('crash');
    afterLease();
    expect(await sendDueReplies(asSystem(w.deps))).toEqual([{ replyId: id, status: 'sent' }]);
    expect(w.net.bluesky.records.size).toBe(before + 1);
    const row = await replyRow(w.deps.db, id);
    expect([...w.net.bluesky.records.values()].map((r) => r.uri)).toContain(row.externalId);
  });
});
