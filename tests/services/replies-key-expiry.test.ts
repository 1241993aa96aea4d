import { describe, expect, it } from 'vitest';
import { asSystem } from '../../src/services/context';
import type { FaultPoint } from '../../src/services/faults';
import { sendDueReplies } from '../../src/services/replies/send-due-replies';
import { publishPost, queueReplyTo, replyRow } from '../faults/networks';
import { crashingAt, useReplyWorld } from './reply-world';

/**
 * Mastodon remembers an Idempotency-Key for about an hour. An attempt of unknown outcome retried
 * later than that is no longer recognised by the key: the status's context is searched first.
 */
describe('Mastodon replies retried after the Idempotency-Key expired', () => {
  const w = useReplyWorld();

  const crashAt = (point: FaultPoint) => crashingAt(w.deps, point);

  async function queued(body: string) {
    const post = publishPost(w.net, 'mastodon', `question for ${body}`);
    const id = await queueReplyTo(w.deps.db, w.ws, 'mastodon', post, body, w.deps.clock.now());
    return { id, post };
  }

  const ours = (tag: string) =>
    w.net.mastodon.statuses.filter(
      (s) => s.account.id === w.net.mastodon.brand.id && s.content.includes(tag),
    );
  const statusPosts = () =>
    w.net.mastodon.requests.filter((r) => r.method === 'POST' && r.url.pathname === '/api/v1/statuses')
      .length;
  const contextLookups = () =>
    w.net.mastodon.requests.filter((r) => r.url.pathname.endsWith('/context')).length;

  /** The worker died after the network took the post, and the instance forgot the key since. */
  async function crashedAnHourAgo(point: FaultPoint, body: string) {
    const queuedReply = await queued(body);
    await expect(sendDueReplies(crashAt(point))).rejects.toThrow('crash');
    w.deps.clock.advance(55 * 60_000);
    w.net.mastodon.forgetIdempotencyKeys();
    return queuedReply;
  }

  it('finds the reply posted an hour ago in the context and settles it as sent, posting nothing', async () => {
    const { id, post } = await crashedAnHourAgo('reply:after-network-accepted', 'Hi Sam, fixed (ttl-1).');
    expect(ours('(ttl-1)')).toHaveLength(1);
    const posts = statusPosts();

    expect(await sendDueReplies(asSystem(w.deps))).toEqual([{ replyId: id, status: 'sent' }]);
    expect(statusPosts()).toBe(posts);
    expect(ours('(ttl-1)')).toHaveLength(1);
    expect(await replyRow(w.deps.db, id)).toMatchObject({
      status: 'sent',
      externalId: ours('(ttl-1)')[0]!.id,
      outcomeUnknown: false,
    });
    const lookup = w.net.mastodon.requests.at(-1);
    expect(lookup?.url.pathname).toBe(`/api/v1/statuses/${post.externalId}/context`);
  });

  it('sends once when the context shows nothing was posted', async () => {
    const { id } = await crashedAnHourAgo('reply:after-attempt-recorded', 'Hi Sam, a new hub (ttl-2).');
    expect(ours('(ttl-2)')).toHaveLength(0);
    expect(await sendDueReplies(asSystem(w.deps))).toEqual([{ replyId: id, status: 'sent' }]);
    expect(ours('(ttl-2)')).toHaveLength(1);
  });

  it('waits for a person when the context cannot be read, and sends nothing', async () => {
    const { id } = await crashedAnHourAgo('reply:after-network-accepted', 'Hi Sam, patience (ttl-3).');
    w.net.mastodon.respondNext({
      status: 403,
      body: JSON.stringify({ error: 'This action is not allowed' }),
    });
    const posts = statusPosts();
    expect(await sendDueReplies(asSystem(w.deps))).toEqual([
      expect.objectContaining({ replyId: id, status: 'needs_verification' }),
    ]);
    expect(statusPosts()).toBe(posts);
    expect((await replyRow(w.deps.db, id)).lastError).toMatch(/looking for it failed/);
  });

  it('within the hour, still relies on the key and does not search', async () => {
    const { id } = await queued('Hi Sam, soon (ttl-4).');
    await expect(sendDueReplies(crashAt('reply:after-network-accepted'))).rejects.toThrow('crash');
    w.deps.clock.advance(3 * 60_000);
    const lookups = contextLookups();
    expect(await sendDueReplies(asSystem(w.deps))).toEqual([{ replyId: id, status: 'sent' }]);
    expect(contextLookups()).toBe(lookups);
    expect(ours('(ttl-4)')).toHaveLength(1);
    expect((await replyRow(w.deps.db, id)).firstAttemptAt).not.toBeNull();
  });
});
