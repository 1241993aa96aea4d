/**
 * Decides what the demo network's customers post, without storing anything: the server keeps the
 * posts and tells the simulator what exists. Time is cut into fixed slots and each slot's outcome
 * depends only on the seed and the slot number, so a restart, a retry or two instances calling at
 * once produce the same posts for the same slot, and a slot is emitted once as long as the caller
 * passes the time of the newest simulated post it stored.
 */
import { type DemoAuthor, type DemoCorpusEntry, demoAuthors, demoCorpus } from './corpus';
import { mixSeed, mulberry32, pickOne, type Random, shuffled } from './random';

export interface DemoThreadRef {
  rootId: string;
  /** The thread's newest post: a follow-up answers it. */
  lastPostId: string;
  lastPostAt: Date;
  /** Handle (without '@') of the customer who opened the thread: only they follow up. */
  authorHandle: string;
  /** The corpus entry that opened the thread (see corpusIndexOfText). */
  corpusIndex: number;
  /** Follow-ups of that entry already posted in the thread. */
  followUpsPosted: number;
}

export interface DemoSimulatorState {
  /** createdAt of the newest simulated post already stored; null before the first. */
  since: Date | null;
  /** Threads opened by the simulator that the brand has not answered yet. */
  threadsAwaitingFollowUp: readonly DemoThreadRef[];
}

export interface SimulatedPost {
  text: string;
  lang: DemoCorpusEntry['lang'];
  kind: DemoCorpusEntry['kind'];
  topic: DemoCorpusEntry['topic'];
  author: DemoAuthor;
  createdAt: Date;
  corpusIndex: number;
  /** Which follow-up of the entry this is, or null for a new thread. */
  followUpIndex: number | null;
  /** For a follow-up, the post it answers and its thread; null for a new thread. */
  inReplyTo: string | null;
  threadRoot: string | null;
}

export interface DemoSimulatorOptions {
  seed: number;
  /** Length of a slot; each slot holds at most one post. */
  intervalMs?: number;
  /** Chance that a slot holds a post. */
  postChance?: number;
  /** Chance that a post is a follow-up, when a thread is ready for one. */
  followUpChance?: number;
  /** A customer waits at least this long before writing "any news?". */
  followUpDelayMs?: number;
  /** After a long pause, only the newest slots are filled, so the inbox is not flooded at once. */
  maxCatchUpSlots?: number;
  corpus?: readonly DemoCorpusEntry[];
  authors?: readonly DemoAuthor[];
}

export interface DemoSimulator {
  /** 8 posts over the last hour covering every kind an advisor meets, oldest first. */
  initialPosts(now: Date): SimulatedPost[];
  /** Posts of the slots after `state.since` up to `now`, oldest first. */
  next(now: Date, state: DemoSimulatorState): SimulatedPost[];
}

const MINUTE = 60_000;
const DECK_SALT = 0x5eed_dec0;
const INITIAL_SALT = 0x1717_1a11;

export function createDemoSimulator(options: DemoSimulatorOptions): DemoSimulator {
  const seed = options.seed >>> 0;
  const intervalMs = Math.max(1000, options.intervalMs ?? 90_000);
  const postChance = options.postChance ?? 0.6;
  const followUpChance = options.followUpChance ?? 0.35;
  const followUpDelayMs = options.followUpDelayMs ?? 4 * MINUTE;
  const maxCatchUpSlots = Math.max(1, options.maxCatchUpSlots ?? 10);
  const corpus = options.corpus ?? demoCorpus;
  const authors = options.authors ?? demoAuthors;
  if (corpus.length === 0 || authors.length === 0)
    throw new Error('demo simulator needs a corpus and authors');

  function authorFor(lang: DemoCorpusEntry['lang'], random: Random, avoid?: Set<string>): DemoAuthor {
    const speakers = authors.filter((author) => author.lang === lang);
    const pool = speakers.length > 0 ? speakers : authors;
    const fresh = avoid ? pool.filter((author) => !avoid.has(author.handle)) : pool;
    return (pickOne(fresh.length > 0 ? fresh : pool, random) ?? authors[0]) as DemoAuthor;
  }

  function authorByHandle(handle: string, lang: DemoCorpusEntry['lang']): DemoAuthor {
    const key = handle.replace(/^@/, '').toLowerCase();
    const known = authors.find((author) => author.handle.toLowerCase() === key);
    return known ?? { handle: key, name: key, followers: 0, lang };
  }

  function newThread(corpusIndex: number, author: DemoAuthor, createdAt: Date): SimulatedPost {
    const entry = corpus[corpusIndex] as DemoCorpusEntry;
    return {
      text: entry.text,
      lang: entry.lang,
      kind: entry.kind,
      topic: entry.topic,
      author,
      createdAt,
      corpusIndex,
      followUpIndex: null,
      inReplyTo: null,
      threadRoot: null,
    };
  }

  function followUp(thread: DemoThreadRef, createdAt: Date): SimulatedPost {
    const entry = corpus[thread.corpusIndex] as DemoCorpusEntry;
    return {
      text: entry.followUps?.[thread.followUpsPosted] ?? '',
      lang: entry.lang,
      kind: entry.kind,
      topic: entry.topic,
      author: authorByHandle(thread.authorHandle, entry.lang),
      createdAt,
      corpusIndex: thread.corpusIndex,
      followUpIndex: thread.followUpsPosted,
      inReplyTo: thread.lastPostId,
      threadRoot: thread.rootId,
    };
  }

  /** Each run of corpus.length slots deals every entry once, in an order fixed by the seed. */
  function deckEntry(slot: number): number {
    const round = Math.floor(slot / corpus.length);
    const order = shuffled(
      corpus.map((_, index) => index),
      mulberry32(mixSeed(seed, DECK_SALT, round)),
    );
    return order[slot - round * corpus.length] as number;
  }

  function canFollowUp(thread: DemoThreadRef, at: Date): boolean {
    const entry = corpus[thread.corpusIndex];
    const pending = entry?.followUps?.length ?? 0;
    return (
      thread.followUpsPosted >= 0 &&
      thread.followUpsPosted < pending &&
      at.getTime() - thread.lastPostAt.getTime() >= followUpDelayMs
    );
  }

  return {
    initialPosts(now) {
      const random = mulberry32(mixSeed(seed, INITIAL_SALT));
      const used = new Set<number>();
      const take = (match: (entry: DemoCorpusEntry) => boolean): number => {
        const candidates = corpus.flatMap((entry, index) =>
          match(entry) && !used.has(index) ? [index] : [],
        );
        const chosen = pickOne(candidates, random);
        if (chosen === undefined) throw new Error('demo corpus lacks an entry for the initial posts');
        used.add(chosen);
        return chosen;
      };
      const lang = () => (random() < 0.5 ? 'en' : 'fr');
      const standardLang = lang();
      const chosen = [
        take((e) => e.kind === 'specialist-question' && e.lang === 'fr'),
        take((e) => e.kind === 'specialist-question' && e.lang === 'en'),
        take((e) => e.kind === 'standard-question' && e.lang === standardLang),
        take((e) => e.kind === 'complaint' && e.lang !== standardLang),
        take((e) => e.kind === 'praise'),
        take((e) => e.kind === 'spam'),
        take((e) => e.kind === 'noise'),
        take((e) => e.kind !== 'spam' && e.kind !== 'noise'),
      ];
      // Spread over the last hour, one post per 7.5-minute band, the newest at least a minute old.
      const band = (60 * MINUTE - MINUTE) / chosen.length;
      const speakers = new Set<string>();
      return shuffled(chosen, random).map((corpusIndex, i) => {
        const offset = 60 * MINUTE - Math.floor(band * i + random() * band * 0.8);
        const entry = corpus[corpusIndex] as DemoCorpusEntry;
        // Eight different people: one customer writing about five unrelated things would look fake.
        const author = authorFor(entry.lang, random, speakers);
        speakers.add(author.handle);
        return newThread(corpusIndex, author, new Date(now.getTime() - offset));
      });
    },

    next(now, state) {
      const nowMs = now.getTime();
      const fromMs = state.since?.getTime() ?? nowMs - intervalMs;
      const lastSlot = Math.floor(nowMs / intervalMs);
      const firstSlot = Math.max(Math.floor(fromMs / intervalMs), lastSlot - maxCatchUpSlots + 1);
      // Sorted so the database's row order cannot change which thread a slot picks.
      const threads = [...state.threadsAwaitingFollowUp].sort((a, b) =>
        a.lastPostId.localeCompare(b.lastPostId),
      );
      const followedUp = new Set<string>();
      const posts: SimulatedPost[] = [];
      for (let slot = firstSlot; slot <= lastSlot; slot++) {
        const random = mulberry32(mixSeed(seed, slot));
        // Every draw is taken in the same order whatever the outcome, so a slot's fate is fixed.
        const at = slot * intervalMs + Math.floor(random() * intervalMs);
        const [rPost, rKind, rPick, rAuthor] = [random(), random(), random(), random()];
        if (at <= fromMs || at > nowMs || rPost >= postChance) continue;
        const createdAt = new Date(at);
        const ready = threads.filter((t) => !followedUp.has(t.rootId) && canFollowUp(t, createdAt));
        const thread = rKind < followUpChance ? ready[Math.floor(rPick * ready.length)] : undefined;
        if (thread) {
          followedUp.add(thread.rootId);
          posts.push(followUp(thread, createdAt));
          continue;
        }
        const corpusIndex = deckEntry(slot);
        const entry = corpus[corpusIndex] as DemoCorpusEntry;
        posts.push(
          newThread(
            corpusIndex,
            authorFor(entry.lang, () => rAuthor),
            createdAt,
          ),
        );
      }
      return posts;
    },
  };
}
