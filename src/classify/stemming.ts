import porterEn from 'natural/lib/natural/stemmers/porter_stemmer.js';
import porterFr from 'natural/lib/natural/stemmers/porter_stemmer_fr.js';

export type StemLang = 'en' | 'fr';
export type Stem = (token: string) => string;

/** Porter stemming costs about 3 µs a word; mentions reuse a small vocabulary, so a cache pays. */
const CACHE_LIMIT = 20_000;

/** A cached stemmer per language; callers pass lower-case, accent-folded tokens. */
export function createStemmer(lang: StemLang): Stem {
  const porter = lang === 'en' ? porterEn : porterFr;
  const cache = new Map<string, string>();
  return (token) => {
    const hit = cache.get(token);
    if (hit !== undefined) return hit;
    // Numbers, codes and one-letter tokens gain nothing from a stemmer.
    const stem = token.length < 3 ? token : porter.stem(token);
    // Dropping the whole cache is crude but keeps memory bounded without bookkeeping per entry.
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(token, stem);
    return stem;
  };
}
