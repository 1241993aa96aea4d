import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client';
import { auditLog, cases, mentions, replies } from '../../src/db/schema';
import { asSystem } from '../../src/services/context';
import { queueReply } from '../../src/services/replies/queue-reply';
import { sendDueReplies } from '../../src/services/replies/send-due-replies';
import { TARGET_DELETED, TARGET_DELETED_MAYBE_SENT } from '../../src/services/replies/target-gone';
import {
  type CustomerPost,
  type Networks,
  publishPost,
  queueReplyTo,
  type ReplyNetwork,
  replyRow,
  seedWorkspace,
  startNetworks,
  type Workspace,
} from '../faults/networks';
import { createTestDatabase } from '../helpers/db';
import { type TestDeps, testDeps } from '../helpers/deps';

/**
 * A customer who deletes their post before our answer goes out: the lookup that finds it gone
 * erases its text like a reported deletion, and the reply settles with the reason, never retried.
 */
describe('replying to a post its author deleted', () => {
  let database: Database;
  let net: Networks;
  let deps: TestDeps;
  let ws: Workspace;

  beforeAll(async () => {
    database = await createTestDatabase();
    net = await startNetworks();
    deps = await testDeps(database, { fetch: (input, init) => fetch(input, init) });
    ws = await seedWorkspace(deps.db, deps.secrets, net);
  });
  afterAll(async () => {
    await net.close();
    await database.close();
  });

  async function queued(network: ReplyNetwork, body: string, shape?: (p: CustomerPost) => CustomerPost) {
    const published = publishPost(net, network, `question for ${body}`);
    const post = shape ? shape(published) : published;
    const id = await queueReplyTo(deps.db, ws, network, post, body, deps.clock.now());
    return { id, post };
  }

  async function expectErased(externalId: string) {
    const [m] = await deps.db.select().from(mentions).where(eq(mentions.externalId, externalId));
    expect(m).toMatchObject({ text: '', url: null, raw: {} });
    expect(m!.deletedAt).not.toBeNull();
    const trail = await deps.db.select().from(auditLog).where(eq(auditLog.entityId, m!.id));
    expect(trail.map((a) => a.action)).toContain('mention.deleted');
  }

  const postsTo = (path: string) =>
    net.mastodon.requests.filter((r) => r.method === 'POST' && r.url.pathname === path).length;

  it('Mastodon: the instance answers 404 for the status answered; the reply fails with the reason, once', async () => {
    const { id, post } = await queued('mastodon', 'Hi Sam, here is the fix (gone-m1).');
    const at = net.mastodon.statuses.findIndex((s) => s.id === post.externalId);
    net.mastodon.statuses.splice(at, 1);

    expect(await sendDueReplies(asSystem(deps))).toEqual([
      { replyId: id, status: 'failed', error: TARGET_DELETED },
    ]);
    expect(await replyRow(deps.db, id)).toMatchObject({ status: 'failed', lastError: TARGET_DELETED });
    await expectErased(post.externalId);
    // Settled: later runs do not pick it up again.
    const posts = postsTo('/api/v1/statuses');
    deps.clock.advance(60 * 60_000);
    expect(await sendDueReplies(asSystem(deps))).toEqual([]);
    expect(postsTo('/api/v1/statuses')).toBe(posts);
  });

  it('Bluesky: getPosts no longer lists the post answered', async () => {
    const { id, post } = await queued('bluesky', 'Hi, thanks for the report (gone-b1).', (p) => {
      // As stored from a notification: no viewer state, so the post is read again before answering.
      const { viewer: _viewer, ...raw } = p.raw as Record<string, unknown>;
      return { ...p, raw };
    });
    const at = net.bluesky.posts.findIndex((p) => p.uri === post.externalId);
    net.bluesky.posts.splice(at, 1);
    const records = net.bluesky.records.size;

    expect(await sendDueReplies(asSystem(deps))).toEqual([
      { replyId: id, status: 'failed', error: TARGET_DELETED },
    ]);
    expect(net.bluesky.records.size).toBe(records);
    await expectErased(post.externalId);
  });

  it('Reddit: the comment answered was deleted (DELETED_COMMENT inside a 200)', async () => {
    const { id, post } = await queued('reddit', 'Hi, a firmware update fixes this (gone-r1).');
    net.reddit.remove(post.externalId);
    expect(await sendDueReplies(asSystem(deps))).toEqual([
      { replyId: id, status: 'failed', error: TARGET_DELETED },
    ]);
    await expectErased(post.externalId);
  });

  it('X: after an unknown outcome, the thread holds no reply and the post is not found: nothing is sent', async () => {
    const { id, post } = await queued('x', 'Hi Sarah, the fix ships tonight (gone-x1).');
    // An earlier attempt died somewhere around the call.
    await deps.db.update(replies).set({ outcomeUnknown: true }).where(eq(replies.id, id));
    const at = net.x.tweets.findIndex((t) => t.id === post.externalId);
    net.x.tweets.splice(at, 1);
    const posts = net.x.requestsTo('/2/tweets').filter((r) => r.method === 'POST').length;

    expect(await sendDueReplies(asSystem(deps))).toEqual([
      { replyId: id, status: 'failed', error: TARGET_DELETED },
    ]);
    expect(net.x.requestsTo(`/2/tweets/${post.externalId}`)).toHaveLength(1);
    expect(net.x.requestsTo('/2/tweets').filter((r) => r.method === 'POST')).toHaveLength(posts);
    await expectErased(post.externalId);
  });

  it('Mastodon: a retry of unknown outcome that finds the post gone waits for a person, saying why', async () => {
    const { id, post } = await queued('mastodon', 'Hi Sam, one more thing (gone-m2).');
    await deps.db.update(replies).set({ outcomeUnknown: true }).where(eq(replies.id, id));
    const at = net.mastodon.statuses.findIndex((s) => s.id === post.externalId);
    net.mastodon.statuses.splice(at, 1);
    expect(await sendDueReplies(asSystem(deps))).toEqual([
      { replyId: id, status: 'needs_verification', error: TARGET_DELETED_MAYBE_SENT },
    ]);
    await expectErased(post.externalId);
  });

  it('a mention already known deleted is not answered at all, and cannot be queued', async () => {
    const { id, post } = await queued('mastodon', 'Hi Sam, last try (gone-m3).');
    await deps.db
      .update(mentions)
      .set({ deletedAt: deps.clock.now(), text: '' })
      .where(eq(mentions.externalId, post.externalId));
    const requests = net.mastodon.requests.length;
    expect(await sendDueReplies(asSystem(deps))).toEqual([
      { replyId: id, status: 'failed', error: TARGET_DELETED },
    ]);
    expect(net.mastodon.requests).toHaveLength(requests);

    const [m] = await deps.db.select().from(mentions).where(eq(mentions.externalId, post.externalId));
    const [c] = await deps.db.select().from(cases).where(eq(cases.id, m!.caseId!));
    await expect(
      queueReply(deps.db, asSystem(deps), c!, 'Hi Sam?', { approvedById: 'usr_test' }),
    ).rejects.toThrow(/deleted this post/);
  });
});
