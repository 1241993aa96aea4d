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
}

export const DEFAULT_FEATURES: FeatureOptions = {
  bigrams: true,
  charMin: 2,
  charMax: 5,
  charWeight: 0.5,
  negation: true,
  accents: true,
};

/** A growing pair of parallel arrays; `length` entries are valid. */
export interface SparseVector {
  keys: Int32Array;
  values: Float32Array;
  length: number;
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

const NEGATORS = new Set([
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
]);

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
   * are dense values computed elsewhere (a lexicon's score...), added as features 0, 1, ... after
   * the text's own features are normalised, so their scale does not depend on the text's length.
   */
  extract(prepared: PreparedText, cues?: ArrayLike<number>): SparseVector;
}

export function createFeaturizer(options: FeatureOptions = DEFAULT_FEATURES): Featurizer {
  let keys = new Int32Array(1024);
  let values = new Float32Array(1024);
  let length = 0;
  const push = (key: number, value: number): void => {
    if (length === keys.length) {
      const k = new Int32Array(length * 2);
      k.set(keys);
      keys = k;
      const v = new Float32Array(length * 2);
      v.set(values);
      values = v;
    }
    keys[length] = key;
    values[length] = value;
    length++;
  };
  const { charMin, charMax, charWeight } = options;

  /** Character n-grams of text[start..end) padded with '<' and '>'. */
  const charGrams = (text: string, start: number, end: number): void => {
    const last = Math.min(end, start + MAX_WORD_CHARS);
    const padded = last - start + 2;
    for (let i = 0; i < padded; i++) {
      let h = SEED_CHAR;
      for (let j = i; j < padded && j - i < charMax; j++) {
        const c = j === 0 ? 60 : j === padded - 1 ? 62 : text.charCodeAt(start + j - 1);
        h = Math.imul(h ^ c, FNV_PRIME);
        if (j - i + 1 >= charMin) push(mix(h), charWeight);
      }
    }
  };

  const meta = (name: number): void => push(mix(SEED_META ^ Math.imul(name + 1, FNV_PRIME)), 1);

  return {
    options,
    extract(prepared, cues) {
      length = 0;
      const text = prepared.folded;
      let negated = false;
      let previous = 0;
      let words = 0;
      let elongated = false;
      let i = 0;
      while (i < text.length && words < MAX_WORDS) {
        const c = text.charCodeAt(i);
        if (!isWordChar(c)) {
          if (isClauseEnd(c)) negated = false;
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
        const isNegator = options.negation && NEGATORS.has(text.slice(start, i));
        push(negated && !isNegator ? mix(h ^ SEED_NEG) : word, 1);
        if (options.bigrams && previous !== 0)
          push(mix(Math.imul(previous ^ SEED_BIGRAM, FNV_PRIME) ^ word), 1);
        previous = word;
        if (charMax > 0 && !digits) charGrams(text, start, i);
        if (isNegator) negated = true;
        words++;
      }

      if (options.accents && prepared.langText !== text) {
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
      if (POSITIVE_EMOTICON_RE.test(text)) meta(9);
      if (NEGATIVE_EMOTICON_RE.test(text)) meta(10);
      if (words === 0) meta(11);

      let norm = 0;
      for (let k = 0; k < length; k++) norm += (values[k] ?? 0) ** 2;
      const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      for (let k = 0; k < length; k++) values[k] = (values[k] ?? 0) * scale;
      if (cues) {
        for (let k = 0; k < cues.length; k++) {
          const v = cues[k] ?? 0;
          if (v !== 0) push(mix(SEED_CUE ^ Math.imul(k + 1, FNV_PRIME)), v);
        }
      }
      return { keys, values, length };
    },
  };
}

const ACCENTED_WORD_RE = /[\p{L}]*[^\p{ASCII}\p{N}\s\p{P}\p{S}][\p{L}]*/gu;

/** A copy of the buffer's valid part, for training sets. */
export function copyVector(v: SparseVector): SparseVector {
  return { keys: v.keys.slice(0, v.length), values: v.values.slice(0, v.length), length: v.length };
}
