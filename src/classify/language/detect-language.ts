import type { PreparedText } from '../prepare-text.js';
import type { Lang, Scored } from '../types.js';
import { STOP_WORDS } from './stop-words.js';
import { TRIGRAM_PROFILES } from './trigram-profiles.js';
import { forEachTrigram, trigramFromString } from './trigrams.js';

export interface LanguageResult extends Scored<Lang> {
  /** Probability of French against English only: picks the lexicon and stemmer even for 'other'. */
  frenchShare: number;
}

export interface LanguageDetector {
  detect(prepared: PreparedText, hint: string | null | undefined): LanguageResult;
}

const LANGS = ['en', 'fr', 'es', 'de', 'it', 'pt', 'nl'] as const;
const EN = 0;
const FR = 1;

// Weights found by hand on short mentions: one function word is worth more than a few trigrams,
// because trigrams of a three-word post are few and shared between the two languages.
const STOP_WEIGHT = 1.2;
const TRIGRAM_WEIGHT = 0.2;
const TRIGRAM_CAP = 6;
/** Below this mean log-probability per trigram, the text fits neither English nor French. */
const FIT_FLOOR = -7.6;
const FIT_WEIGHT = 0.3;
const HINT_BONUS = 2.2;
const OTHER_HINT_BONUS = 1.5;
const OTHER_PRIOR = 0.3;
// Letters French uses and English does not, and letters of the neighbours that French never uses.
const FRENCH_LETTERS = new Set([...'çèêëîïôùûœâ'].map((c) => c.charCodeAt(0)));
const FOREIGN_LETTERS = new Set([...'ñ¿¡äöüßãõìò'].map((c) => c.charCodeAt(0)));
// Codes networks send when they do not know: they say nothing about the text.
const SILENT_HINTS = new Set(['', 'und', 'zxx', 'qme', 'qht', 'qam', 'qct', 'qst', 'art']);

/** Log-probability per trigram of one profile. */
function parseProfile(data: string): Map<number, number> {
  const table = new Map<number, number>();
  for (const entry of data.split('|')) {
    const colon = entry.lastIndexOf(':');
    table.set(trigramFromString(entry.slice(0, colon)), Math.log(Number(entry.slice(colon + 1)) / 1e6));
  }
  return table;
}

function minValue(table: Map<number, number>): number {
  let min = 0;
  for (const v of table.values()) min = Math.min(min, v);
  return min;
}

function normaliseHint(hint: string | null | undefined): string {
  if (!hint) return '';
  const lower = hint.toLowerCase();
  const cut = lower.search(/[-_]/);
  return cut < 0 ? lower : lower.slice(0, cut);
}

export function createLanguageDetector(): LanguageDetector {
  const stopWeights = new Map<string, Float64Array>();
  LANGS.forEach((lang, index) => {
    for (const word of (STOP_WORDS[lang] ?? '').split(/\s+/)) {
      if (word === '') continue;
      let weights = stopWeights.get(word);
      if (!weights) {
        weights = new Float64Array(LANGS.length);
        stopWeights.set(word, weights);
      }
      weights[index] = 1;
    }
  });
  // A word shared by several languages splits its vote among them.
  for (const weights of stopWeights.values()) {
    const owners = weights.reduce((sum, w) => sum + w, 0);
    for (let i = 0; i < weights.length; i++) weights[i] = (weights[i] ?? 0) / owners;
  }

  const enTable = parseProfile(TRIGRAM_PROFILES.en);
  const frTable = parseProfile(TRIGRAM_PROFILES.fr);
  // Unseen trigrams get half the probability of the rarest one we kept.
  const enFloor = minValue(enTable) - Math.LN2;
  const frFloor = minValue(frTable) - Math.LN2;
  // One lookup per trigram: an open-addressing table (trigram codes are never 0) holding both
  // log-probabilities side by side; a Map lookup per trigram cost more than the rest of detection.
  const codes = [...new Set([...enTable.keys(), ...frTable.keys()])];
  let size = 16;
  while (size < codes.length * 2) size *= 2;
  const mask = size - 1;
  const slotCodes = new Int32Array(size);
  const logProbs = new Float64Array(size * 2);
  const slotOf = (code: number): number => {
    let s = Math.imul(code, 0x9e3779b1) >>> 0;
    s &= mask;
    while (slotCodes[s] !== 0 && slotCodes[s] !== code) s = (s + 1) & mask;
    return s;
  };
  for (const code of codes) {
    const s = slotOf(code);
    slotCodes[s] = code;
    logProbs[s * 2] = enTable.get(code) ?? enFloor;
    logProbs[s * 2 + 1] = frTable.get(code) ?? frFloor;
  }
  const unseenRatio = enFloor - frFloor;
  const unseenFit = Math.max(enFloor, frFloor);

  const stop = new Float64Array(LANGS.length);
  let ratio = 0;
  let fit = 0;
  const visit = (code: number): void => {
    const s = slotOf(code);
    if (slotCodes[s] === 0) {
      ratio += unseenRatio;
      fit += unseenFit;
      return;
    }
    const en = logProbs[s * 2] ?? enFloor;
    const fr = logProbs[s * 2 + 1] ?? frFloor;
    ratio += en - fr;
    fit += Math.max(en, fr);
  };

  return {
    detect(prepared, hint) {
      stop.fill(0);
      for (const token of prepared.tokens) {
        const weights = stopWeights.get(token);
        if (weights) for (let i = 0; i < weights.length; i++) stop[i] = (stop[i] ?? 0) + (weights[i] ?? 0);
      }
      ratio = 0;
      fit = 0;
      const trigrams = forEachTrigram(prepared.langText, visit);

      let frCues = 0;
      let otherCues = 0;
      const text = prepared.langText;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c < 0xa0) continue;
        if (FRENCH_LETTERS.has(c)) frCues += 0.5;
        else if (FOREIGN_LETTERS.has(c)) otherCues += 1;
      }

      let otherStop = 0;
      for (let i = 2; i < LANGS.length; i++) otherStop = Math.max(otherStop, stop[i] ?? 0);
      const tri = Math.max(-TRIGRAM_CAP, Math.min(TRIGRAM_CAP, TRIGRAM_WEIGHT * ratio));
      const meanFit = trigrams > 0 ? fit / trigrams : 0;
      const misfit =
        trigrams >= 6 ? Math.max(0, FIT_FLOOR - meanFit) * FIT_WEIGHT * Math.min(trigrams, 30) : 0;

      let en = STOP_WEIGHT * (stop[EN] ?? 0) + tri / 2;
      let fr = STOP_WEIGHT * (stop[FR] ?? 0) + Math.min(frCues, 2) - tri / 2;
      let other =
        OTHER_PRIOR +
        STOP_WEIGHT * otherStop +
        Math.min(otherCues, 3) +
        misfit +
        prepared.nonLatinLetters * 0.5;

      const h = normaliseHint(hint);
      if (h === 'en') en += HINT_BONUS;
      else if (h === 'fr') fr += HINT_BONUS;
      else if (!SILENT_HINTS.has(h)) other += OTHER_HINT_BONUS;

      const top = Math.max(en, fr, other);
      const pEn = Math.exp(en - top);
      const pFr = Math.exp(fr - top);
      const pOther = Math.exp(other - top);
      const sum = pEn + pFr + pOther;
      const frenchShare = pFr / (pEn + pFr);
      if (pEn >= pFr && pEn >= pOther) return { label: 'en', score: pEn / sum, frenchShare };
      if (pFr >= pOther) return { label: 'fr', score: pFr / sum, frenchShare };
      return { label: 'other', score: pOther / sum, frenchShare };
    },
  };
}
