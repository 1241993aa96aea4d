import type { Stem, StemLang } from '../stemming.js';
import type { TopicDef } from '../types.js';

/** A topic set turned into indexes once, then reused for every mention of the brand. */
export interface CompiledTopics {
  topics: readonly TopicDef[];
  /** Surface form or stem (either language) -> keyword parts it satisfies, as [keyword, part]. */
  keywordIndex: Map<string, Array<readonly [number, number]>>;
  keywordTopic: Int32Array;
  /** Bit mask with one bit per content word of each keyword: all set means the keyword matched. */
  keywordFull: Int32Array;
  keywordWeight: Float64Array;
  keywordParts: Int32Array;
  /** Example-phrase vocabulary: stem -> term index, and the inverse document frequency of each term. */
  vocabulary: Map<string, number>;
  idf: Float64Array;
  examples: Array<{ topic: number; terms: Int32Array; weights: Float64Array; norm: number }>;
  /** Scratch space reused by every call (classification is synchronous, so never shared mid-call). */
  seen: Int32Array;
  textWeights: Float64Array;
}

export interface TopicCompilerDeps {
  tokenize(text: string): string[];
  stemmers: Record<StemLang, Stem>;
  /** Picks the stemmer for an example phrase, which may be French or English. */
  languageOf(text: string): StemLang;
  /** Function words: dropped from keywords ("mot de passe" needs "mot" and "passe"). */
  isStopWord(token: string): boolean;
  /** Function words plus words common to every topic (time, counts, courtesy): dropped from examples. */
  isNoiseWord(token: string): boolean;
}

// A keyword of several words is more specific than one word, so it counts a little more.
const MULTI_WORD_WEIGHT = 1.3;
// Keywords are matched with a bit mask per keyword.
const MAX_PARTS = 30;

export function compileTopics(topics: readonly TopicDef[], deps: TopicCompilerDeps): CompiledTopics {
  const keywordIndex = new Map<string, Array<readonly [number, number]>>();
  const keywordTopic: number[] = [];
  const keywordFull: number[] = [];
  const keywordWeight: number[] = [];
  const keywordParts: number[] = [];

  const index = (form: string, entry: readonly [number, number]): void => {
    const list = keywordIndex.get(form);
    if (!list) keywordIndex.set(form, [entry]);
    else if (!list.some(([k, p]) => k === entry[0] && p === entry[1])) list.push(entry);
  };

  topics.forEach((topic, t) => {
    // The key names the topic ("delivery", "account"), so it is a keyword too.
    for (const keyword of [...topic.keywords, topic.key.replace(/[-_.]+/g, ' ')]) {
      const words = deps.tokenize(keyword);
      const content = words.filter((w) => !deps.isStopWord(w)).slice(0, MAX_PARTS);
      const parts = content.length > 0 ? content : words.slice(0, MAX_PARTS);
      if (parts.length === 0) continue;
      const k = keywordTopic.length;
      keywordTopic.push(t);
      keywordFull.push(2 ** parts.length - 1);
      keywordWeight.push(parts.length > 1 ? MULTI_WORD_WEIGHT : 1);
      keywordParts.push(parts.length);
      parts.forEach((word, p) => {
        // Keywords have no language of their own: accept either language's stem.
        index(word, [k, p]);
        if (word.length >= 3) {
          index(deps.stemmers.en(word), [k, p]);
          index(deps.stemmers.fr(word), [k, p]);
        }
      });
    }
  });

  const vocabulary = new Map<string, number>();
  const documentFrequency: number[] = [];
  const exampleTerms: Array<{ topic: number; terms: number[] }> = [];
  topics.forEach((topic, t) => {
    for (const example of topic.examples) {
      const stem = deps.stemmers[deps.languageOf(example)];
      const terms = new Set<number>();
      for (const word of deps.tokenize(example)) {
        if (deps.isNoiseWord(word)) continue;
        const term = stem(word);
        let id = vocabulary.get(term);
        if (id === undefined) {
          id = vocabulary.size;
          vocabulary.set(term, id);
          documentFrequency.push(0);
        }
        terms.add(id);
      }
      for (const id of terms) documentFrequency[id] = (documentFrequency[id] ?? 0) + 1;
      if (terms.size > 0) exampleTerms.push({ topic: t, terms: [...terms] });
    }
  });

  const documents = Math.max(1, exampleTerms.length);
  const idf = Float64Array.from(documentFrequency, (df) => Math.log(1 + documents / df));
  const examples = exampleTerms.map(({ topic, terms }) => {
    const weights = Float64Array.from(terms, (id) => idf[id] ?? 0);
    const norm = Math.sqrt(weights.reduce((sum, w) => sum + w * w, 0));
    return { topic, terms: Int32Array.from(terms), weights, norm };
  });

  return {
    // A copy: the caller may push to its list later, and the cache compares against this snapshot.
    topics: [...topics],
    keywordIndex,
    keywordTopic: Int32Array.from(keywordTopic),
    keywordFull: Int32Array.from(keywordFull),
    keywordWeight: Float64Array.from(keywordWeight),
    keywordParts: Int32Array.from(keywordParts),
    vocabulary,
    idf,
    examples,
    seen: new Int32Array(keywordTopic.length),
    textWeights: new Float64Array(vocabulary.size),
  };
}
