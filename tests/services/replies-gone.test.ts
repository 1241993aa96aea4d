import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, cases, mentions, replies } from '../../src/db/schema';
import { asSystem } from '../../src/services/context';
import { queueReply } from '../../src/services/replies/queue-reply';
import { sendDueReplies } from '../../src/services/replies/send-due-replies';
import { TARGET_DELETED, TARGET_DELETED_MAYBE_SENT } from '../../src/services/replies/target-gone';
import {
  type CustomerPost,
  publishPost,
  queueReplyTo,
  type ReplyNetwork,
  replyRow,
} from '../faults/networks';
import { useReplyWorld } from './reply-world';

/**
 * A customer who deletes their post before our answer goes out: the lookup that finds it gone
 * erases its text like a reported deletion, and the reply settles with the reason, never retried.
 */
describe('replying to a post its author deleted', () => {
  const w = useReplyWorld();

  async function queued(network: ReplyNetwork, body: string, shape?: (p: CustomerPost) => CustomerPost) {
    const published = publishPost(w.net, network, `question for ${body}`);
    const post = shape ? shape(published) : published;
    const id = await queueReplyTo(w.deps.db, w.ws, network, post, body, w.deps.clock.now());
    return { id, post };
  }

  async function expectErased(externalId: string) {
    const [m] = await w.deps.db.select().from(mentions).where(eq(mentions.externalId, externalId));
    expect(m).toMatchObject({ text: '', url: null, raw: {} });
    expect(m!.deletedAt).not.toBeNull();
    const trail = await w.deps.db.select().from(auditLog).where(eq(auditLog.entityId, m!.id));
    expect(trail.map((a) => a.action)).toContain('mention.deleted');
  }

  const postsTo = (path: string) =>
    w.net.mastodon.requests.filter((r) => r.method === 'POST' && r.url.pathname === path).length;

  it('Mastodon: the instance answers 404 for the status answered; the reply fails with the reason, once', async () => {
    const { id, post } = await queued('mastodon', 'Hi Sam, here is the fix (gone-m1).');
    const at = w.net.mastodon.statuses.findIndex((s) => s.id === post.externalId);
    w.net.mastodon.statuses.splice(at, 1);

    expect(await sendDueReplies(asSystem(w.deps))).toEqual([
      { replyId: id, status: 'failed', error: TARGET_DELETED },
    ]);
    expect(await replyRow(w.deps.db, id)).toMatchObject({ status: 'failed', lastError: TARGET_DELETED });
    await expectErased(post.externalId);
    // Settled: later runs do not pick it up again.
    const posts = postsTo('/api/v1/statuses');
    w.deps.clock.advance(60 * 60_000);
    expect(await sendDueReplies(asSystem(w.deps))).toEqual([]);
    expect(postsTo('/api/v1/statuses')).toBe(posts);
  });

  it('Bluesky: getPosts no longer lists the post answered', async () => {
    const { id, post } = await queued('bluesky', 'Hi, thanks for the report (gone-b1).', (p) => {
      // As stored from a notification: no viewer state, so the post is read again before answering.
      const { viewer: _viewer, ...raw } = p.raw as Record<string, unknown>;
      return { ...p, raw };
    });
    const at = w.net.bluesky.posts.findIndex((p) => p.uri === post.externalId);
    w.net.bluesky.posts.splice(at, 1);
    const records = w.net.bluesky.records.size;

    expect(await sendDueReplies(asSystem(w.deps))).toEqual([
      { replyId: id, status: 'failed', error: TARGET_DELETED },
    ]);
    expect(w.net.bluesky.records.size).toBe(records);
    await expectErased(post.externalId);
  });

  it('Reddit: the comment answered was deleted (DELETED_COMMENT inside a 200)', async () => {
    const { id, post } = await queued('reddit', 'Hi, a firmware update fixes this (gone-r1).');
    w.net.reddit.remove(post.externalId);
    expect(await sendDueReplies(asSystem(w.deps))).toEqual([
      { replyId: id, status: 'failed', error: TARGET_DELETED },
    ]);
    await expectErased(post.externalId);
  });

  it('X: after an unknown outcome, the thread holds no reply and the post is not found: nothing is sent', async () => {
    const { id, post } = await queued('x', 'Hi Sarah, the fix ships tonight (gone-x1).');
    // An earlier attempt died somewhere around the call.
    await w.deps.db.update(replies).set({ outcomeUnknown: true }).where(eq(replies.id, id));
    const at = w.net.x.tweets.findIndex((t) => t.id === post.externalId);
    w.net.x.tweets.splice(at, 1);
    const posts = w.net.x.requestsTo('/2/tweets').filter((r) => r.method === 'POST').length;

    expect(await sendDueReplies(asSystem(w.deps))).toEqual([
      { replyId: id, status: 'failed', error: TARGET_DELETED },
    ]);
    expect(w.net.x.requestsTo(`/2/tweets/${post.externalId}`)).toHaveLength(1);
    expect(w.net.x.requestsTo('/2/tweets').filter((r) => r.method === 'POST')).toHaveLength(posts);
    await expectErased(post.externalId);
  });

  it('Mastodon: a retry of unknown outcome that finds the post gone waits for a person, saying why', async () => {
    const { id, post } = await queued('mastodon', 'Hi Sam, one more thing (gone-m2).');
    await w.deps.db.update(replies).set({ outcomeUnknown: true }).where(eq(replies.id, id));
    const at = w.net.mastodon.statuses.findIndex((s) => s.id === post.externalId);
    w.net.mastodon.statuses.splice(at, 1);
    expect(await sendDueReplies(asSystem(w.deps))).toEqual([
      { replyId: id, status: 'needs_verification', error: TARGET_DELETED_MAYBE_SENT },
    ]);
    await expectErased(post.externalId);
  });

  it('a mention already known deleted is not answered at all, and cannot be queued', async () => {
    const { id, post } = await queued('mastodon', 'Hi Sam, last try (gone-m3).');
    await w.deps.db
      .update(mentions)
      .set({ deletedAt: w.deps.clock.now(), text: '' })
      .where(eq(mentions.externalId, post.externalId));
    const requests = w.net.mastodon.requests.length;
    expect(await sendDueReplies(asSystem(w.deps))).toEqual([
      { replyId: id, status: 'failed', error: TARGET_DELETED },
    ]);
    expect(w.net.mastodon.requests).toHaveLength(requests);

    const [m] = await w.deps.db.select().from(mentions).where(eq(mentions.externalId, post.externalId));
    const [c] = await w.deps.db.select().from(cases).where(eq(cases.id, m!.caseId!));
    await expect(
      queueReply(w.deps.db, asSystem(w.deps), c!, 'Hi Sam?', { approvedById: 'usr_test' }),
    ).rejects.toThrow(/deleted this post/);
  });
});
