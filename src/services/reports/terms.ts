import { words as stopEn } from 'natural/lib/natural/util/stopwords.js';
import { words as stopFr } from 'natural/lib/natural/util/stopwords_fr.js';
import { STOP_WORDS } from '../../classify/language/stop-words';

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '');

/** English and French function words (natural's lists and the classifier's), accent-folded. */
const stop = new Set<string>(
  [...stopEn, ...stopFr, ...(STOP_WORDS.en ?? '').split(/\s+/), ...(STOP_WORDS.fr ?? '').split(/\s+/)]
    .map((w) => fold(w.toLowerCase()))
    .filter(Boolean),
);

/** Words of a post, lower-cased, without links, handles, numbers or function words. */
export function terms(text: string): string[] {
  const cleaned = text
    .toLowerCase()
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/[@#]\S+/g, ' ');
  const words = cleaned.match(/\p{L}[\p{L}\p{N}]*(?:['’-]\p{L}+)*/gu) ?? [];
  return words
    .map((w) => w.replace(/^[a-z]['’]/u, '').replace(/^qu['’]/u, ''))
    .filter((w) => w.length > 2 && !stop.has(fold(w)));
}

/** Words and two-word phrases of a post, each once (document frequency, not term frequency). */
export function features(text: string): Set<string> {
  const ws = terms(text);
  const out = new Set<string>(ws);
  for (let i = 0; i + 1 < ws.length; i++) out.add(`${ws[i]} ${ws[i + 1]}`);
  return out;
}

export interface RisingTerm {
  term: string;
  /** Posts of the period containing it, and of the previous period. */
  current: number;
  previous: number;
  /** Share of the period's posts containing it, over the previous share (smoothed). */
  lift: number;
  score: number;
}

/**
 * Terms rising in a period against the previous one: a TF-IDF-like weight where the "document
 * frequency" is the previous period's. score = share_now * log(share_now / share_before), with
 * add-one smoothing so a term absent before does not divide by zero. A phrase wins over its words
 * when it explains them (the words are dropped if they do not occur much more often alone).
 */
export function risingTerms(
  current: string[],
  previous: string[],
  opts: { limit?: number; minDocs?: number } = {},
) {
  const count = (texts: string[]) => {
    const df = new Map<string, number>();
    for (const t of texts) for (const f of features(t)) df.set(f, (df.get(f) ?? 0) + 1);
    return df;
  };
  return risingFromCounts(
    { df: count(current), total: current.length },
    { df: count(previous), total: previous.length },
    opts,
  );
}

/** The same ranking from document frequencies already counted (the term rollups). */
export function risingFromCounts(
  current: { df: Map<string, number>; total: number },
  previous: { df: Map<string, number>; total: number },
  opts: { limit?: number; minDocs?: number } = {},
) {
  const limit = opts.limit ?? 20;
  const minDocs = opts.minDocs ?? 3;
  const now = current.df;
  const before = previous.df;
  const nNow = Math.max(1, current.total);
  const nBefore = Math.max(1, previous.total);
  const scored: RisingTerm[] = [];
  for (const [term, c] of now) {
    if (c < minDocs) continue;
    const p = before.get(term) ?? 0;
    const shareNow = c / nNow;
    // With no mention at all before there is no baseline: every frequent term is new, as if it had
    // been seen once in a period as large as this one.
    const shareBefore = previous.total === 0 ? 1 / (nNow + 1) : (p + 1) / (nBefore + 1);
    const lift = shareNow / shareBefore;
    if (lift <= 1) continue;
    scored.push({ term, current: c, previous: p, lift, score: shareNow * Math.log(lift) });
  }
  // On a tie the phrase goes first: it says more than its words.
  const words = (t: string) => t.split(' ').length;
  scored.sort((a, b) => b.score - a.score || words(b.term) - words(a.term) || a.term.localeCompare(b.term));
  const kept: RisingTerm[] = [];
  for (const s of scored) {
    if (kept.length >= limit) break;
    // A word seen mostly inside an already kept phrase adds nothing.
    const inPhrase = kept.some(
      (k) => k.term.includes(' ') && k.term.split(' ').includes(s.term) && k.current >= s.current * 0.8,
    );
    if (!inPhrase) kept.push(s);
  }
  return kept;
}
