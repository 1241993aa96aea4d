/**
 * Hashed sparse features of a prepared text: word unigrams (negation-marked inside a negation's
 * scope) and bigrams, character 2..5-grams of each word padded with boundary marks, accented words
 * as extra features, emoji, emoticons and a few shape cues. Every feature is a 32-bit hash computed
 * from character codes, so the hot loop builds no strings; the model maps hashes to its own rows.
 */
import type { PreparedText } from '../prepare-text.js';

export interface FeatureOptions {
  /** Word bigrams besides unigrams. */
  bigrams: boolean;
  /** Character n-grams from charMin to charMax letters (boundary marks count); 0 disables them. */
  charMin: number;
  charMax: number;
  /** Weight of the character n-grams against the words (before the vector is L2-normalised). */
  charWeight: number;
  /** Marks words after a negation ("not", "pas", "jamais"...) up to the next punctuation. */
  negation: boolean;
  /** Words as written, accents kept, when they differ from their folded form. */
  accents: boolean;
  /** How many of the caller's dense cues (see extract) the model reads: 0 for none. */
  cues: number;
}

export const DEFAULT_FEATURES: FeatureOptions = {
  bigrams: true,
  charMin: 3,
  charMax: 5,
  charWeight: 0.5,
  negation: true,
  accents: true,
  cues: 0,
};

/** The options that decide a text's own features (everything but the cues). */
export function textOptionsKey(options: FeatureOptions): string {
  const { cues: _cues, ...text } = options;
  return JSON.stringify(text);
}

/** A growing pair of parallel arrays; `length` entries are valid. */
export interface SparseVector {
  keys: Int32Array;
  values: Float32Array;
  length: number;
  /** A factor on every value (1 when absent): lets a prefix of a vector stand for another one. */
  scale?: number;
}

// Seeds keep the families apart in the one hash space.
const SEED_WORD = 0x2f6b1a3d;
const SEED_NEG = 0x6a09e667;
const SEED_BIGRAM = 0x3c6ef372;
const SEED_CHAR = 0x510e527f;
const SEED_ACCENT = 0x1f83d9ab;
const SEED_META = 0x5be0cd19;
const SEED_CUE = 0x243f6a88;
const FNV_PRIME = 0x01000193;
const MAX_WORD_CHARS = 24;
const MAX_WORDS = 400;

const NEGATOR_WORDS = [
  'not',
  'no',
  'never',
  'nothing',
  'nobody',
  'none',
  'nor',
  'cannot',
  'without',
  'ne',
  'n',
  'pas',
  'jamais',
  'rien',
  'aucun',
  'aucune',
  'sans',
  'personne',
];

function rawWordHash(word: string): number {
  let h = SEED_WORD;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), FNV_PRIME);
  return h;
}

const CUE_KEYS = Array.from({ length: 16 }, (_, k) => mix(SEED_CUE ^ Math.imul(k + 1, FNV_PRIME)));

// Compared by the word's running hash, so the hot loop never slices the text into strings.
const NEGATORS = new Set(NEGATOR_WORDS.map(rawWordHash));
const XD = rawWordHash('xd');
const NON_ASCII_LETTER_RE = /[\u00c0-\uffff]/;

/** Final avalanche of MurmurHash3: spreads FNV's low bits before a table takes them modulo. */
function mix(h: number): number {
  let x = h ^ (h >>> 16);
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return x ^ (x >>> 16);
}

export function hashString(text: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return mix(h);
}

function isWordChar(c: number): boolean {
  // Lower-case Latin letters and digits, and any letter beyond ASCII except the general punctuation
  // block (quotes, dashes, ellipsis): prepareText already removed emoji and upper case.
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 0xc0 && (c < 0x2000 || c > 0x206f));
}

function isClauseEnd(c: number): boolean {
  // . , ! ? ; : and their full-width forms end a negation's scope.
  return c === 46 || c === 44 || c === 33 || c === 63 || c === 59 || c === 58 || c === 0xff01 || c === 0xff1f;
}

const POSITIVE_EMOTICON_RE = /(?:^|\s)(?:[:;=]-?[)\]d*p]|\^\^|<3|x-?d)(?=\s|$)/;
const NEGATIVE_EMOTICON_RE = /(?:^|\s)(?:[:;=]['’]?-?[([\\/|]|:'\()(?=\s|$)/;

export interface Featurizer {
  readonly options: FeatureOptions;
  /**
   * Features of a prepared text, in a buffer reused by the next call: copy it to keep it. `cues`
   * are dense values computed elsewhere (a lexicon's score...): the first `options.cues` of them
   * are added as features 0, 1, ... after the text's own features are normalised, so their scale
   * does not depend on the text's length.
   */
  extract(prepared: PreparedText, cues?: ArrayLike<number>): SparseVector;
  /**
   * The last extracted text with its first `count` cues instead: models that share text options
   * but read different cues share one extraction.
   */
  withCues(cues: ArrayLike<number>, count: number): SparseVector;
  /**
   * The last extracted text as the same options without character n-grams would give it (word
   * features come first; the scale turns their norm into theirs alone): no second extraction.
   */
  wordsOnly(): SparseVector;
}

export function createFeaturizer(options: FeatureOptions = DEFAULT_FEATURES): Featurizer {
  let keys = new Int32Array(1024);
  let values = new Float32Array(1024);
  let length = 0;
  const grow = (): void => {
    const k = new Int32Array(keys.length * 2);
    k.set(keys);
    keys = k;
    const v = new Float32Array(values.length * 2);
    v.set(values);
    values = v;
  };
  const push = (key: number, value: number): void => {
    if (length === keys.length) grow();
    keys[length] = key;
    values[length] = value;
    length++;
  };
  const { charMin, charMax, charWeight } = options;

  const word = new Int32Array(MAX_WORD_CHARS + 2);
  /** Character n-grams of text[start..end) padded with '<' and '>'. */
  const charGrams = (text: string, start: number, end: number): void => {
    const last = Math.min(end, start + MAX_WORD_CHARS);
    const padded = last - start + 2;
    word[0] = 60;
    for (let j = 1; j < padded - 1; j++) word[j] = text.charCodeAt(start + j - 1);
    word[padded - 1] = 62;
    // Room for every n-gram of the word, so the loop below writes without checking.
    while (length + padded * (charMax - charMin + 1) > keys.length) grow();
    for (let i = 0; i + charMin <= padded; i++) {
      let h = SEED_CHAR;
      const stop = Math.min(padded, i + charMax);
      for (let j = i; j < stop; j++) {
        h = Math.imul(h ^ word[j]!, FNV_PRIME);
        if (j - i + 1 >= charMin) {
          keys[length] = mix(h);
          values[length] = charWeight;
          length++;
        }
      }
    }
  };

  let textLength = 0;
  const spans = new Int32Array(MAX_WORDS * 2);
  let spanCount = 0;
  let wordsEnd = 0;
  let wordScale = 1;
  const appendCues = (cues: ArrayLike<number>, count: number): SparseVector => {
    length = textLength;
    for (let k = 0; k < Math.min(count, cues.length); k++) {
      const v = cues[k] ?? 0;
      if (v !== 0) push(CUE_KEYS[k] ?? mix(SEED_CUE ^ Math.imul(k + 1, FNV_PRIME)), v);
    }
    return { keys, values, length };
  };

  const meta = (name: number): void => push(mix(SEED_META ^ Math.imul(name + 1, FNV_PRIME)), 1);

  return {
    options,
    extract(prepared, cues) {
      length = 0;
      spanCount = 0;
      const text = prepared.folded;
      let negated = false;
      let previous = 0;
      let words = 0;
      let elongated = false;
      let emoticon = false;
      let i = 0;
      while (i < text.length && words < MAX_WORDS) {
        const c = text.charCodeAt(i);
        if (!isWordChar(c)) {
          if (isClauseEnd(c)) negated = false;
          // : ; = < ^ start every emoticon we know.
          if (c === 58 || c === 59 || c === 61 || c === 60 || c === 94) emoticon = true;
          i++;
          continue;
        }
        const start = i;
        let h = SEED_WORD;
        let run = 1;
        let prev = -1;
        let digits = true;
        while (i < text.length) {
          const d = text.charCodeAt(i);
          if (!isWordChar(d)) break;
          if (d < 48 || d > 57) digits = false;
          run = d === prev ? run + 1 : 1;
          if (run === 3) elongated = true;
          prev = d;
          h = Math.imul(h ^ d, FNV_PRIME);
          i++;
        }
        // Numbers are all one word: amounts and dates vary, their presence is what carries meaning.
        if (digits) h = SEED_WORD ^ 0x30;
        const word = mix(h);
        const isNegator = options.negation && NEGATORS.has(h);
        if (h === XD) emoticon = true;
        push(negated && !isNegator ? mix(h ^ SEED_NEG) : word, 1);
        if (options.bigrams && previous !== 0)
          push(mix(Math.imul(previous ^ SEED_BIGRAM, FNV_PRIME) ^ word), 1);
        previous = word;
        // Character n-grams come after every word-level feature (see wordsOnly).
        if (charMax > 0 && !digits && spanCount < MAX_WORDS) {
          spans[spanCount * 2] = start;
          spans[spanCount * 2 + 1] = i;
          spanCount++;
        }
        if (isNegator) negated = true;
        words++;
      }

      if (options.accents && NON_ASCII_LETTER_RE.test(prepared.langText)) {
        // Accented words only: "où" against "ou", "à" against "a".
        const accented = prepared.langText.match(ACCENTED_WORD_RE);
        if (accented) for (const w of accented) push(hashString(w, SEED_ACCENT), 1);
      }
      for (const e of prepared.emojis) push(hashString(e, SEED_META), 1);
      if (prepared.urlCount > 0) meta(1);
      if (prepared.handleCount > 0) meta(2);
      if (prepared.hashtagCount > 0) meta(3);
      if (prepared.exclamations > 0) meta(prepared.exclamations >= 3 ? 4 : 5);
      if (prepared.questionMarks > 0) meta(6);
      if (prepared.upperRatio > 0.6) meta(7);
      if (elongated) meta(8);
      if (emoticon && POSITIVE_EMOTICON_RE.test(text)) meta(9);
      if (emoticon && NEGATIVE_EMOTICON_RE.test(text)) meta(10);
      if (words === 0) meta(11);

      wordsEnd = length;
      let wordNorm = 0;
      for (let k = 0; k < length; k++) wordNorm += values[k]! * values[k]!;
      for (let w = 0; w < spanCount; w++) charGrams(text, spans[w * 2]!, spans[w * 2 + 1]!);
      let norm = wordNorm;
      for (let k = wordsEnd; k < length; k++) norm += values[k]! * values[k]!;
      wordScale = wordNorm > 0 ? Math.sqrt(norm / wordNorm) : 0;
      const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      for (let k = 0; k < length; k++) values[k] = values[k]! * scale;
      textLength = length;
      return cues ? appendCues(cues, options.cues) : { keys, values, length };
    },
    withCues: (cues, count) => appendCues(cues, count),
    wordsOnly: () => ({ keys, values, length: wordsEnd, scale: wordScale }),
  };
}

const ACCENTED_WORD_RE = /[\p{L}]*[^\p{ASCII}\p{N}\s\p{P}\p{S}][\p{L}]*/gu;

/** A copy of the buffer's valid part, for training sets. */
export function copyVector(v: SparseVector): SparseVector {
  return { keys: v.keys.slice(0, v.length), values: v.values.slice(0, v.length), length: v.length };
}
