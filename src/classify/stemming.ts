import porterEn from 'natural/lib/natural/stemmers/porter_stemmer.js';
import porterFr from 'natural/lib/natural/stemmers/porter_stemmer_fr.js';

export type StemLang = 'en' | 'fr';
export type Stem = (token: string) => string;

/** Porter stemming costs about 3 µs a word; mentions reuse a small vocabulary, so a cache pays. */
const CACHE_LIMIT = 20_000;
/** Slots of the small direct-mapped cache in front of the Map: frequent words hit it. */
const RECENT_SLOTS = 2048;

/** A cached stemmer per language; callers pass lower-case, accent-folded tokens. */
export function createStemmer(lang: StemLang): Stem {
  const porter = lang === 'en' ? porterEn : porterFr;
  const cache = new Map<string, string>();
  // A lookup in a Map of thousands of words misses the processor's caches; this small table of
  // recent words, indexed by a cheap hash of the word, answers most lookups first.
  const recentWords: string[] = new Array(RECENT_SLOTS).fill('');
  const recentStems: string[] = new Array(RECENT_SLOTS).fill('');
  return (token) => {
    const n = token.length;
    const slot =
      n === 0
        ? 0
        : (n * 31 + token.charCodeAt(0) * 7 + token.charCodeAt(n - 1) * 131 + token.charCodeAt(n >> 1)) &
          (RECENT_SLOTS - 1);
    if (recentWords[slot] === token) return recentStems[slot] as string;
    let stem = cache.get(token);
    if (stem === undefined) {
      // Numbers, codes and one-letter tokens gain nothing from a stemmer.
      stem = token.length < 3 ? token : porter.stem(token);
      // Dropping the whole cache is crude but keeps memory bounded without bookkeeping per entry.
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(token, stem);
    }
    recentWords[slot] = token;
    recentStems[slot] = stem;
    return stem;
  };
}
