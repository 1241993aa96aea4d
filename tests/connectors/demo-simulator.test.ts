import { describe, expect, it } from 'vitest';
import { demoCorpus } from '../../connectors/demo/corpus';
import { mulberry32 } from '../../connectors/demo/random';
import { createDemoSimulator, type DemoThreadRef, type SimulatedPost } from '../../connectors/demo/simulator';

const now = new Date('2026-03-02T09:30:00.000Z');
const HOUR = 3_600_000;

describe('mulberry32', () => {
  it('repeats its stream for a seed and stays in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const draws = Array.from({ length: 1000 }, () => a());
    expect(draws).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(draws).size).toBeGreaterThan(990);
    expect(mulberry32(43)()).not.toBe(mulberry32(42)());
  });
});

describe('demo simulator: initial posts', () => {
  it('is reproducible for a seed and differs between seeds', () => {
    const first = createDemoSimulator({ seed: 7 }).initialPosts(now);
    expect(createDemoSimulator({ seed: 7 }).initialPosts(now)).toEqual(first);
    expect(
      createDemoSimulator({ seed: 8 })
        .initialPosts(now)
        .map((p) => p.text),
    ).not.toEqual(first.map((p) => p.text));
  });

  it('gives a newcomer a varied inbox over the last hour, whatever the seed', () => {
    for (let seed = 0; seed < 60; seed++) {
      const posts = createDemoSimulator({ seed }).initialPosts(now);
      expect(posts.length).toBeGreaterThanOrEqual(6);
      expect(posts.length).toBeLessThanOrEqual(10);
      const has = (match: (p: SimulatedPost) => boolean) => posts.some(match);
      expect(has((p) => p.kind === 'specialist-question' && p.lang === 'fr')).toBe(true);
      expect(has((p) => p.kind === 'specialist-question' && p.lang === 'en')).toBe(true);
      expect(has((p) => p.kind === 'standard-question')).toBe(true);
      expect(has((p) => p.kind === 'complaint')).toBe(true);
      expect(has((p) => p.kind === 'praise')).toBe(true);
      expect(has((p) => p.kind === 'spam')).toBe(true);
      expect(new Set(posts.map((p) => p.text)).size).toBe(posts.length);
      expect(new Set(posts.map((p) => p.author.handle)).size).toBe(posts.length);

      const times = posts.map((p) => p.createdAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(Math.min(...times)).toBeGreaterThanOrEqual(now.getTime() - HOUR);
      expect(Math.max(...times)).toBeLessThan(now.getTime());
      // Spread out, not bunched at one end of the hour.
      expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(HOUR / 2);

      for (const post of posts) {
        expect(post).toMatchObject({ inReplyTo: null, threadRoot: null, followUpIndex: null });
        expect(post.author.lang).toBe(post.lang);
        expect(demoCorpus[post.corpusIndex]?.text).toBe(post.text);
      }
    }
  });
});

/** A minimal store standing in for the server: ids, threads, and which threads still wait. */
function runNetwork(seed: number, start: Date, hours: number, stepMs: number) {
  const simulator = createDemoSimulator({ seed });
  const stored: (SimulatedPost & { id: string })[] = [];
  const threads = new Map<string, DemoThreadRef>();
  const calls: { since: Date | null; now: Date; posts: SimulatedPost[]; threads: DemoThreadRef[] }[] = [];
  let since: Date | null = null;
  for (let t = start.getTime(); t <= start.getTime() + hours * HOUR; t += stepMs) {
    const at = new Date(t);
    const awaiting = [...threads.values()];
    const posts = simulator.next(at, { since, threadsAwaitingFollowUp: awaiting });
    calls.push({ since, now: at, posts, threads: awaiting });
    for (const post of posts) {
      const id = `p${stored.length + 1}`;
      stored.push({ ...post, id });
      const root = post.threadRoot ?? id;
      const previous = threads.get(root);
      threads.set(root, {
        rootId: root,
        lastPostId: id,
        lastPostAt: post.createdAt,
        authorHandle: post.author.handle,
        corpusIndex: post.corpusIndex,
        followUpsPosted: previous ? previous.followUpsPosted + 1 : 0,
      });
      since = post.createdAt;
    }
  }
  return { stored, calls };
}

describe('demo simulator: next', () => {
  it('is a function of the seed, the time and the state', () => {
    const state = { since: new Date(now.getTime() - HOUR), threadsAwaitingFollowUp: [] };
    const a = createDemoSimulator({ seed: 3 }).next(now, state);
    expect(createDemoSimulator({ seed: 3 }).next(now, state)).toEqual(a);
    const simulator = createDemoSimulator({ seed: 3 });
    simulator.next(new Date(now.getTime() - 10 * HOUR), state);
    expect(simulator.next(now, state)).toEqual(a);
    expect(createDemoSimulator({ seed: 4 }).next(now, state)).not.toEqual(a);
  });

  it('emits each post once when the caller passes the newest stored time', () => {
    const { stored, calls } = runNetwork(11, now, 6, 60_000);
    expect(stored.length).toBeGreaterThan(60);
    const times = stored.map((p) => p.createdAt.getTime());
    expect(new Set(times).size).toBe(times.length);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    for (const call of calls) {
      for (const post of call.posts) {
        expect(post.createdAt.getTime()).toBeLessThanOrEqual(call.now.getTime());
        if (call.since) expect(post.createdAt.getTime()).toBeGreaterThan(call.since.getTime());
      }
    }
    // Calling less often barely changes which new threads appear, and when.
    const sparse = runNetwork(11, now, 6, 7 * 60_000).stored.filter((p) => p.followUpIndex === null);
    const dense = stored.filter((p) => p.followUpIndex === null).map((p) => [p.createdAt.getTime(), p.text]);
    const sparseKeys = new Set(sparse.map((p) => `${p.createdAt.getTime()}|${p.text}`));
    const shared = dense.filter(([t, text]) => sparseKeys.has(`${t}|${text}`));
    // Only slots where the set of waiting threads differed may turn out otherwise.
    expect(shared.length).toBeGreaterThan(dense.length * 0.9);
  });

  it('writes follow-ups only in existing threads, by their author, in order, after a pause', () => {
    const { stored, calls } = runNetwork(5, now, 8, 60_000);
    const followUps = stored.filter((p) => p.followUpIndex !== null);
    expect(followUps.length).toBeGreaterThan(3);
    for (const call of calls) {
      for (const post of call.posts.filter((p) => p.followUpIndex !== null)) {
        const thread = call.threads.find((t) => t.lastPostId === post.inReplyTo);
        expect(thread, post.text).toBeDefined();
        if (!thread) continue;
        expect(post.threadRoot).toBe(thread.rootId);
        expect(post.author.handle).toBe(thread.authorHandle);
        expect(post.followUpIndex).toBe(thread.followUpsPosted);
        expect(post.text).toBe(demoCorpus[thread.corpusIndex]?.followUps?.[thread.followUpsPosted]);
        expect(post.createdAt.getTime() - thread.lastPostAt.getTime()).toBeGreaterThanOrEqual(4 * 60_000);
      }
      const roots = call.posts.filter((p) => p.threadRoot !== null).map((p) => p.threadRoot);
      expect(new Set(roots).size).toBe(roots.length);
    }
    // No thread gets more follow-ups than its entry has.
    const perRoot = new Map<string, number>();
    for (const post of followUps)
      perRoot.set(post.threadRoot ?? '', (perRoot.get(post.threadRoot ?? '') ?? 0) + 1);
    for (const [root, count] of perRoot) {
      const opener = stored.find((p) => p.id === root);
      expect(count).toBeLessThanOrEqual(demoCorpus[opener?.corpusIndex ?? -1]?.followUps?.length ?? 0);
    }
  });

  it('ignores threads it cannot continue', () => {
    const simulator = createDemoSimulator({ seed: 9, postChance: 1, followUpChance: 1 });
    const posts = simulator.next(now, {
      since: new Date(now.getTime() - HOUR),
      threadsAwaitingFollowUp: [
        {
          rootId: 'r1',
          lastPostId: 'r1',
          lastPostAt: new Date(0),
          authorHandle: 'x',
          corpusIndex: -1,
          followUpsPosted: 0,
        },
        {
          rootId: 'r2',
          lastPostId: 'r2',
          lastPostAt: now,
          authorHandle: 'x',
          corpusIndex: 0,
          followUpsPosted: 0,
        },
        {
          rootId: 'r3',
          lastPostId: 'r3',
          lastPostAt: new Date(0),
          authorHandle: 'x',
          corpusIndex: 0,
          followUpsPosted: 9,
        },
      ],
    });
    expect(posts.length).toBeGreaterThan(0);
    expect(posts.every((p) => p.inReplyTo === null)).toBe(true);
  });

  it('continues a thread opened by an author it does not know', () => {
    const simulator = createDemoSimulator({ seed: 9, postChance: 1, followUpChance: 1 });
    const [post] = simulator.next(now, {
      since: new Date(now.getTime() - 90_000),
      threadsAwaitingFollowUp: [
        {
          rootId: 'r',
          lastPostId: 'm',
          lastPostAt: new Date(0),
          authorHandle: '@Visitor',
          corpusIndex: 0,
          followUpsPosted: 0,
        },
      ],
    });
    expect(post).toMatchObject({
      inReplyTo: 'm',
      threadRoot: 'r',
      author: { handle: 'visitor', followers: 0 },
    });
  });

  it('fills only the newest slots after a long pause', () => {
    const simulator = createDemoSimulator({ seed: 2, intervalMs: 60_000, maxCatchUpSlots: 5, postChance: 1 });
    const posts = simulator.next(now, {
      since: new Date(now.getTime() - 48 * HOUR),
      threadsAwaitingFollowUp: [],
    });
    expect(posts.length).toBeLessThanOrEqual(5);
    expect(posts.length).toBeGreaterThanOrEqual(4);
    for (const post of posts) expect(now.getTime() - post.createdAt.getTime()).toBeLessThan(5 * 60_000);
  });

  it('deals the whole corpus before repeating an entry', () => {
    const simulator = createDemoSimulator({
      seed: 1,
      intervalMs: 1000,
      postChance: 1,
      maxCatchUpSlots: 10_000,
    });
    const start = Math.ceil(now.getTime() / (demoCorpus.length * 1000)) * demoCorpus.length * 1000;
    const posts = simulator.next(new Date(start + demoCorpus.length * 1000 - 1), {
      since: new Date(start - 1),
      threadsAwaitingFollowUp: [],
    });
    expect(posts).toHaveLength(demoCorpus.length);
    expect(new Set(posts.map((p) => p.corpusIndex)).size).toBe(demoCorpus.length);
  });
});
