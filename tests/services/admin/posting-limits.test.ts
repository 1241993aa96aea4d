import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, brands, cases, networkAccounts, users } from '../../../src/db/schema';
import { rereadPostingLimits } from '../../../src/services/accounts/read-posting-limits';
import { connectAccount } from '../../../src/services/admin/connect-account';
import { asSystem, type Ctx } from '../../../src/services/context';
import { queueReply } from '../../../src/services/replies/queue-reply';
import { replyPreflight } from '../../../src/services/replies/reply-preflight';
import { sendDueReplies } from '../../../src/services/replies/send-due-replies';
import { publishPost, queueReplyTo, replyRow, type Workspace } from '../../faults/networks';
import { useReplyWorld } from '../reply-world';

/**
 * A Mastodon instance sets its own characters per post (500 by default, 1,000 or 5,000 on some).
 * The account reads it when connected, and the composer, the outbox and the connector count
 * against it; an instance that does not answer leaves the default until it is read again.
 */
describe("a Mastodon account's own limit on characters per post", () => {
  const w = useReplyWorld();
  let brandCounter = 0;
  beforeAll(async () => {
    await w.deps.db
      .insert(users)
      .values({ id: 'usr_admin', email: 'admin@limits.test', name: 'Alex', role: 'admin' });
  });

  const admin = (): Ctx => ({ ...asSystem(w.deps), actor: { id: 'usr_admin', name: 'Alex', role: 'admin' } });

  /** A brand of its own, so the seeded account of the shared workspace is not the one used. */
  async function connectedBrand(): Promise<{
    ws: Workspace;
    connected: Awaited<ReturnType<typeof connectAccount>>;
  }> {
    const brandId = `brand_limits_${++brandCounter}`;
    await w.deps.db.insert(brands).values({ id: brandId, slug: brandId, name: 'Lumo' });
    const connected = await connectAccount(admin(), {
      brandId,
      network: 'mastodon',
      handle: '@lumo',
      baseUrl: w.net.mastodon.baseUrl,
      credentials: { accessToken: w.net.mastodon.token },
    });
    return { ws: { brandId, accountIds: { ...w.ws.accountIds, mastodon: connected.id } }, connected };
  }

  async function caseAnswering(ws: Workspace, text: string) {
    const post = publishPost(w.net, 'mastodon', text);
    const replyId = await queueReplyTo(
      w.deps.db,
      ws,
      'mastodon',
      post,
      `Hello (${text})`,
      w.deps.clock.now(),
    );
    const row = await replyRow(w.deps.db, replyId);
    const [c] = await w.deps.db.select().from(cases).where(eq(cases.id, row.caseId));
    return c!;
  }

  const words = (n: number) =>
    'Thanks for your patience. '
      .repeat(Math.ceil(n / 26))
      .slice(0, n)
      .trim();

  it('reads 1,000 from the instance when connected; an answer of 800 characters is checked against it and posted', async () => {
    w.net.mastodon.maxCharacters = 1000;
    const { ws, connected } = await connectedBrand();
    expect(connected.postingLimits).toMatchObject({
      status: 'read',
      limits: { maxCharacters: 1000, charactersReservedPerUrl: 23 },
    });
    const [row] = await w.deps.db.select().from(networkAccounts).where(eq(networkAccounts.id, connected.id));
    expect(row!.postingLimits).toMatchObject({
      maxCharacters: 1000,
      readAt: w.deps.clock.now().toISOString(),
    });
    const trail = await w.deps.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, connected.id))
      .orderBy(auditLog.seq);
    expect(trail.map((a) => [a.action, a.actorId])).toEqual([
      ['account.connected', 'usr_admin'],
      ['account.posting_limits_read', 'usr_admin'],
    ]);

    const c = await caseAnswering(ws, 'how do I pair the bridge? (limits-1)');
    const long = words(800);
    const verdict = await replyPreflight(admin(), c.id, long);
    expect(verdict).toMatchObject({ max: 1000, allowed: true });
    expect(verdict.remaining).toBeGreaterThan(150);

    // The connector is built with the instance's limit too: it sends what the default would refuse.
    await w.deps.db.transaction((tx) => queueReply(tx, admin(), c, long, { approvedById: 'usr_admin' }));
    await sendDueReplies(asSystem(w.deps));
    const sent = w.net.mastodon.statuses.filter((s) => s.content.includes(long.slice(0, 60)));
    expect(sent).toHaveLength(1);
  });

  it('an instance that does not answer: connected all the same, 500 assumed, read again once it answers', async () => {
    w.net.mastodon.maxCharacters = 1000;
    w.net.mastodon.respondNext({ status: 503, body: '{"error":"down for maintenance"}' });
    const { ws, connected } = await connectedBrand();
    expect(connected.postingLimits.status).toBe('unread');
    const [row] = await w.deps.db.select().from(networkAccounts).where(eq(networkAccounts.id, connected.id));
    expect(row!.postingLimits).toBeNull();

    const c = await caseAnswering(ws, 'is there a holiday schedule? (limits-2)');
    const long = words(800);
    expect(await replyPreflight(admin(), c.id, long)).toMatchObject({ max: 500 });
    await expect(
      w.deps.db.transaction((tx) => queueReply(tx, admin(), c, long, { approvedById: 'usr_admin' })),
    ).rejects.toMatchObject({ issues: [{ field: 'body', message: expect.stringContaining('allows 500') }] });

    // A failed re-read keeps what is known; a good one replaces it.
    w.net.mastodon.respondNext({ status: 500, body: 'oops' });
    expect(await rereadPostingLimits(admin(), connected.id)).toMatchObject({ status: 'unread' });
    expect(await rereadPostingLimits(admin(), connected.id)).toMatchObject({
      status: 'read',
      limits: { maxCharacters: 1000 },
    });
    expect(await replyPreflight(admin(), c.id, long)).toMatchObject({ max: 1000, allowed: true });

    w.net.mastodon.maxCharacters = 5000;
    w.net.mastodon.respondNext({ status: 429, body: '{"error":"Too many requests"}' });
    expect(await rereadPostingLimits(admin(), connected.id)).toMatchObject({ status: 'unread' });
    expect(await replyPreflight(admin(), c.id, long)).toMatchObject({ max: 1000 });
  });

  it('networks with one limit for everyone have nothing to read; only admins read', async () => {
    await expect(rereadPostingLimits(admin(), w.ws.accountIds.x)).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(
      rereadPostingLimits(
        { ...asSystem(w.deps), actor: { id: 'usr_adv', name: 'Camille', role: 'advisor' } },
        w.ws.accountIds.mastodon,
      ),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(rereadPostingLimits(admin(), 'acc_missing')).rejects.toMatchObject({ code: 'not_found' });
  });
});
