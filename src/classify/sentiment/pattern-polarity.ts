import type { StemLang } from '../stemming.js';
import { PATTERN_EN, PATTERN_FR } from './pattern-lexicon.js';

/** Summed adjective polarities of a text, squashed to 0..1 each: a general-purpose lexicon cue. */
export interface Polarity {
  positive: number;
  negative: number;
}

export type PolarityScorer = (tokens: readonly string[], lang: StemLang) => Polarity;

function parse(data: string): Map<string, number> {
  const map = new Map<string, number>();
  for (const entry of data.split(' ')) {
    const colon = entry.indexOf(':');
    if (colon > 0) map.set(entry.slice(0, colon), Number(entry.slice(colon + 1)));
  }
  return map;
}

/**
 * The Pattern adjective lexicons (thousands of general adjectives) complement our hand-written
 * customer-care lexicons: the trained models learn how much to trust each as a feature.
 */
export function createPolarityScorer(): PolarityScorer {
  const lexicons: Record<StemLang, Map<string, number>> = { en: parse(PATTERN_EN), fr: parse(PATTERN_FR) };
  return (tokens, lang) => {
    const lexicon = lexicons[lang];
    let positive = 0;
    let negative = 0;
    for (const token of tokens) {
      const value = lexicon.get(token);
      if (value === undefined) continue;
      if (value > 0) positive += value;
      else negative -= value;
    }
    return { positive: Math.tanh(positive), negative: Math.tanh(negative) };
  };
}
