import { asc } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoCorpus } from '../../connectors/demo/corpus';
import type { Database } from '../../src/db/client';
import { demoPosts } from '../../src/db/schema';
import { AppError, NotFoundError, ValidationError } from '../../src/lib/errors';
import { asSystem, type Ctx } from '../../src/services/context';
import { advanceDemoNetwork } from '../../src/services/demo/advance-demo-network';
import { composeDemoPost } from '../../src/services/demo/compose-demo-post';
import { createDemoPost } from '../../src/services/demo/create-demo-post';
import { type DemoPostMeta, demoAuthorId } from '../../src/services/demo/demo-posts';
import { demoThreadView } from '../../src/services/demo/demo-thread-view';
import { listDemoPosts } from '../../src/services/demo/list-demo-posts';
import { createTestDatabase } from '../helpers/db';
import { type TestDeps, testDeps } from '../helpers/deps';

const MINUTE = 60_000;

let database: Database;
let deps: TestDeps;
let ctx: Ctx;

beforeEach(async () => {
  database = await createTestDatabase();
  deps = await testDeps(database, { now: '2026-11-20T09:00:00Z' });
  ctx = asSystem(deps);
});

afterEach(async () => {
  await database.close();
});

async function allPosts(db: Database = database) {
  const rows = await db.db.select().from(demoPosts).orderBy(asc(demoPosts.seq));
  return rows.map((row) => ({ ...row, meta: row.meta as DemoPostMeta }));
}

let keyCounter = 0;
function brandReply(inReplyTo: string, text = '@customer thanks, we are on it') {
  keyCounter += 1;
  return createDemoPost(ctx, {
    idempotencyKey: `reply-${keyCounter}`,
    body: { text, inReplyTo, handle: 'lumo' },
  });
}

describe('advanceDemoNetwork', () => {
  it('opens an empty network with the initial posts, oldest first', async () => {
    const result = await advanceDemoNetwork(ctx);
    const posts = await allPosts();

    expect(result.created).toBe(8);
    expect(posts).toHaveLength(8);
    const kinds = new Set(posts.map((p) => p.meta.kind));
    for (const kind of ['specialist-question', 'standard-question', 'complaint', 'praise', 'spam', 'noise']) {
      expect(kinds).toContain(kind);
    }
    for (const post of posts) {
      expect(post.id).toMatch(/^dp_/);
      expect(post.threadRoot).toBe(post.id);
      expect(post.inReplyTo).toBeNull();
      expect(post.byBrand).toBe(false);
      expect(post.authorId).toBe(demoAuthorId(post.authorHandle));
      expect(post.meta.source).toBe('simulator');
      expect(demoCorpus[post.meta.corpusIndex ?? -1]?.text).toBe(post.text);
      expect(post.createdAt.getTime()).toBeLessThan(deps.clock.now().getTime());
    }
    const times = posts.map((p) => p.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(posts.map((p) => p.authorHandle)).size).toBe(8);
  });

  it('adds nothing when called again at the same instant', async () => {
    await advanceDemoNetwork(ctx);
    await advanceDemoNetwork(ctx);
    const count = (await allPosts()).length;
    expect((await advanceDemoNetwork(ctx)).created).toBe(0);
    expect(await allPosts()).toHaveLength(count);
  });

  it('publishes new posts as time passes, and follow-ups only in threads the brand has not answered', async () => {
    await advanceDemoNetwork(ctx);
    const initialCount = (await allPosts()).length;
    // Every other thread that could get a follow-up is answered as soon as it appears.
    const answeredAt = new Map<string, number>();
    const considered = new Set<string>();
    let created = 0;
    for (let step = 0; step < 48; step++) {
      deps.clock.advance(5 * MINUTE);
      created += (await advanceDemoNetwork(ctx)).created;
      for (const root of await allPosts()) {
        const pending = demoCorpus[root.meta.corpusIndex ?? -1]?.followUps?.length ?? 0;
        if (root.inReplyTo !== null || pending === 0 || considered.has(root.id)) continue;
        considered.add(root.id);
        if (considered.size % 2 === 1) continue;
        await brandReply(root.id);
        answeredAt.set(root.id, deps.clock.now().getTime());
      }
    }
    const posts = await allPosts();
    const simulated = posts.filter((p) => p.meta.source === 'simulator');
    expect(created).toBe(simulated.length - initialCount);
    expect(created).toBeGreaterThan(20);
    expect(answeredAt.size).toBeGreaterThan(2);

    const followUps = simulated.filter((p) => typeof p.meta.followUpIndex === 'number');
    expect(followUps.length).toBeGreaterThan(0);
    const byId = new Map(posts.map((p) => [p.id, p]));
    for (const followUp of followUps) {
      const root = byId.get(followUp.threadRoot);
      expect(root).toBeDefined();
      if (!root) continue;
      // The customer who opened the thread writes again, in the thread, with the entry's next line.
      expect(followUp.authorHandle).toBe(root.authorHandle);
      expect(followUp.meta.corpusIndex).toBe(root.meta.corpusIndex);
      const entry = demoCorpus[root.meta.corpusIndex ?? -1];
      expect(followUp.text).toBe(entry?.followUps?.[followUp.meta.followUpIndex ?? -1]);
      // Never once the brand has answered.
      const brandAt = answeredAt.get(root.id);
      if (brandAt !== undefined) expect(followUp.createdAt.getTime()).toBeLessThanOrEqual(brandAt);
      // It answers the newest post of the thread before it.
      const before = posts.filter((p) => p.threadRoot === root.id && p.seq < followUp.seq);
      expect(followUp.inReplyTo).toBe(before.at(-1)?.id);
    }
    // Each thread's follow-ups come in the entry's order, once each.
    const perThread = new Map<string, number[]>();
    for (const f of followUps) {
      perThread.set(f.threadRoot, [...(perThread.get(f.threadRoot) ?? []), f.meta.followUpIndex ?? -1]);
    }
    for (const indexes of perThread.values()) expect(indexes).toEqual(indexes.map((_, i) => i));
    // Threads left unanswered did get followed up: the test would prove nothing otherwise.
    expect([...perThread.keys()].some((root) => !answeredAt.has(root))).toBe(true);
  });

  it('creates no duplicates when two callers advance at once', async () => {
    await Promise.all([advanceDemoNetwork(ctx), advanceDemoNetwork(ctx)]);
    deps.clock.advance(12 * MINUTE);
    const results = await Promise.all([
      advanceDemoNetwork(ctx),
      advanceDemoNetwork(ctx),
      advanceDemoNetwork(ctx),
    ]);
    const concurrent = await allPosts();
    expect(results.reduce((sum, r) => sum + r.created, 0)).toBeGreaterThan(0);
    expect(new Set(concurrent.map((p) => p.idempotencyKey)).size).toBe(concurrent.length);

    // The same story as one caller making the same calls in turn on another database.
    const alone = await createTestDatabase();
    try {
      const soloDeps = await testDeps(alone, { now: '2026-11-20T09:00:00Z' });
      await advanceDemoNetwork(asSystem(soloDeps));
      await advanceDemoNetwork(asSystem(soloDeps));
      soloDeps.clock.advance(12 * MINUTE);
      await advanceDemoNetwork(asSystem(soloDeps));
      const solo = await allPosts(alone);
      const story = (rows: typeof solo) =>
        rows.map((p) => `${p.createdAt.toISOString()} ${p.authorHandle} ${p.text}`);
      expect(story(concurrent)).toEqual(story(solo));
    } finally {
      await alone.close();
    }
  });
});

describe('listDemoPosts', () => {
  async function seed() {
    const texts = [
      '@lumo my hub is offline',
      'Thanks @Lumo, works again!',
      'I love my @lumoplus bulbs',
      'Prélevé deux fois, je veux un REMBOURSEMENT',
      'Loving the #SmartHome life with lumo',
      'nothing about the brand, 100% off_topic',
    ];
    const posts = [];
    for (const text of texts) {
      deps.clock.advance(MINUTE);
      posts.push(await composeDemoPost(ctx, { text, handle: 'camille_lrt' }));
    }
    return posts;
  }

  it('matches mentions by handle, with or without @, as a whole handle', async () => {
    const [hub, thanks] = await seed();
    for (const q of ['@lumo', 'lumo', 'LUMO']) {
      const page = await listDemoPosts(ctx, { q, kind: 'mention' });
      expect(page.posts.map((p) => p.id)).toEqual([hub?.id, thanks?.id]);
      expect(page.next).toBeNull();
    }
  });

  it('matches keywords as case-insensitive substrings of any word, and hashtags as whole tags', async () => {
    const posts = await seed();
    const keyword = await listDemoPosts(ctx, { q: 'remboursement offline', kind: 'keyword' });
    expect(keyword.posts.map((p) => p.text)).toEqual([posts[0]?.text, posts[3]?.text]);
    const percent = await listDemoPosts(ctx, { q: '100%', kind: 'keyword' });
    expect(percent.posts.map((p) => p.text)).toEqual([posts[5]?.text]);
    const underscore = await listDemoPosts(ctx, { q: 'e_b', kind: 'keyword' });
    expect(underscore.posts).toEqual([]);
    for (const q of ['#smarthome', 'SmartHome']) {
      const tag = await listDemoPosts(ctx, { q, kind: 'hashtag' });
      expect(tag.posts.map((p) => p.text)).toEqual([posts[4]?.text]);
    }
    expect((await listDemoPosts(ctx, { q: '#smart', kind: 'hashtag' })).posts).toEqual([]);
  });

  it('pages in ascending seq after a cursor, with next until the last page', async () => {
    await seed();
    const first = await listDemoPosts(ctx, { q: 'lumo', kind: 'keyword', limit: '2' });
    expect(first.posts).toHaveLength(2);
    expect(first.next).toBe(String(first.posts[1]?.seq));
    const second = await listDemoPosts(ctx, { q: 'lumo', kind: 'keyword', limit: '2', after: first.next });
    expect(second.posts).toHaveLength(2);
    expect(second.posts[0]?.seq).toBeGreaterThan(first.posts[1]?.seq ?? Infinity);
    expect(second.next).toBeNull();
    const seqs = [...first.posts, ...second.posts].map((p) => p.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    const after = await listDemoPosts(ctx, { q: 'lumo', kind: 'keyword', after: second.posts[1]?.seq });
    expect(after).toEqual({ posts: [], next: null });
  });

  it('refuses a query the contract does not allow', async () => {
    await expect(listDemoPosts(ctx, { kind: 'mention' })).rejects.toBeInstanceOf(ValidationError);
    await expect(listDemoPosts(ctx, { q: 'lumo', kind: 'author' })).rejects.toBeInstanceOf(ValidationError);
    await expect(listDemoPosts(ctx, { q: 'lumo', kind: 'mention', limit: '101' })).rejects.toBeInstanceOf(
      ValidationError,
    );
  });
});

describe('createDemoPost', () => {
  it('threads a brand reply under the root of the post it answers', async () => {
    const root = await composeDemoPost(ctx, { text: '@lumo hub offline', handle: 'sarah_builds' });
    const followUp = await composeDemoPost(ctx, {
      text: '@lumo any news?',
      handle: 'sarah_builds',
      inReplyTo: root.id,
    });
    deps.clock.advance(MINUTE);
    const { post, created } = await createDemoPost(ctx, {
      idempotencyKey: 'k1',
      body: { text: '@sarah_builds we are looking into it', inReplyTo: followUp.id, handle: '@Lumo' },
    });
    expect(created).toBe(true);
    expect(post).toMatchObject({
      inReplyTo: followUp.id,
      threadRoot: root.id,
      byBrand: true,
      author: { handle: 'lumo', name: 'Lumo', id: demoAuthorId('lumo') },
      createdAt: deps.clock.now().toISOString(),
    });
    expect(post.seq).toBeGreaterThan(followUp.seq);
  });

  it('writes as a customer for any handle other than the brand', async () => {
    const { post } = await createDemoPost(ctx, {
      idempotencyKey: 'customer-1',
      body: { text: '@lumo hello from a script', inReplyTo: null, handle: 'Jules_M' },
    });
    expect(post).toMatchObject({
      byBrand: false,
      threadRoot: post.id,
      author: { handle: 'jules_m', name: 'jules_m', followers: 0, id: demoAuthorId('jules_m') },
    });
    const known = await createDemoPost(ctx, {
      idempotencyKey: 'customer-2',
      body: { text: '@lumo hi', inReplyTo: post.id, handle: 'camille_lrt' },
    });
    expect(known.post).toMatchObject({
      byBrand: false,
      threadRoot: post.id,
      author: { name: 'Camille Laurent' },
    });
  });

  it('returns the first post for a key seen before, even with another body', async () => {
    const root = await composeDemoPost(ctx, { text: '@lumo hello', handle: 'sarah_builds' });
    const body = { text: '@sarah_builds hi!', inReplyTo: root.id, handle: 'lumo' };
    const first = await createDemoPost(ctx, { idempotencyKey: 'same', body });
    const again = await createDemoPost(ctx, { idempotencyKey: 'same', body: { ...body, text: 'other' } });
    const [x, y] = await Promise.all([
      createDemoPost(ctx, { idempotencyKey: 'race', body }),
      createDemoPost(ctx, { idempotencyKey: 'race', body }),
    ]);
    expect(again).toEqual({ post: first.post, created: false });
    expect(x?.post.id).toBe(y?.post.id);
    expect([x?.created, y?.created].sort()).toEqual([false, true]);
    expect((await allPosts()).filter((p) => p.byBrand)).toHaveLength(2);
  });

  it('refuses a missing key, an unknown parent and an invalid body', async () => {
    const body = { text: 'hi', inReplyTo: null, handle: 'lumo' };
    const missing = createDemoPost(ctx, { idempotencyKey: undefined, body });
    await expect(missing).rejects.toMatchObject({ code: 'bad_request' });
    await expect(missing).rejects.toBeInstanceOf(AppError);
    await expect(
      createDemoPost(ctx, { idempotencyKey: 'k', body: { ...body, inReplyTo: 'dp_nope' } }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      createDemoPost(ctx, { idempotencyKey: 'k', body: { ...body, text: 'x'.repeat(501) } }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      createDemoPost(ctx, { idempotencyKey: 'k', body: { ...body, text: '  ' } }),
    ).rejects.toBeInstanceOf(ValidationError);
    // 500 code points is the limit, whatever UTF-16 says about the emoji.
    const emoji = await createDemoPost(ctx, {
      idempotencyKey: 'k',
      body: { ...body, text: '💡'.repeat(500) },
    });
    expect(emoji.created).toBe(true);
  });
});

describe('demoThreadView', () => {
  it('shows conversations newest first, each with its replies in order', async () => {
    const older = await composeDemoPost(ctx, { text: '@lumo first', handle: 'sarah_builds' });
    deps.clock.advance(MINUTE);
    const newer = await composeDemoPost(ctx, { text: '@lumo second', handle: 'camille_lrt' });
    deps.clock.advance(MINUTE);
    const followUp = await composeDemoPost(ctx, {
      text: '@lumo ?',
      handle: 'sarah_builds',
      inReplyTo: older.id,
    });
    deps.clock.advance(MINUTE);
    const reply = await brandReply(followUp.id, '@sarah_builds done');

    const threads = await demoThreadView(ctx);
    expect(threads.map((t) => t.root.id)).toEqual([newer.id, older.id]);
    expect(threads[0]?.replies).toEqual([]);
    expect(threads[1]?.replies.map((r) => [r.id, r.replyToHandle, r.byBrand])).toEqual([
      [followUp.id, 'sarah_builds', false],
      [reply.post.id, 'sarah_builds', true],
    ]);
  });

  it('refuses to let the page speak for the brand', async () => {
    await expect(composeDemoPost(ctx, { text: 'hi', handle: '@lumo' })).rejects.toBeInstanceOf(
      ValidationError,
    );
  });
});
