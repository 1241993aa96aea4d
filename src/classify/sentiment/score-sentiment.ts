import type { PreparedText } from '../prepare-text.js';
import type { Stem, StemLang } from '../stemming.js';
import type { Scored, Sentiment } from '../types.js';
import { EMOJI_VALENCE, EMOTICON_VALENCE } from './emoji.js';
import { EN_CONTRASTS, EN_INTENSIFIERS, EN_NEGATORS, EN_PHRASES, EN_WORDS } from './lexicon-en.js';
import { FR_CONTRASTS, FR_INTENSIFIERS, FR_NEGATORS, FR_PHRASES, FR_WORDS } from './lexicon-fr.js';
import { POLITENESS } from './politeness.js';

export interface SentimentResult extends Scored<Sentiment> {
  /** VADER-style compound in [-1, 1]: intent and priority read the strength, not only the label. */
  compound: number;
}

/** What the phrase rules already found: they colour the tone too. */
export interface ToneSignals {
  /** Waiting and repeated-contact markers ("depuis 3 semaines", "3rd time"). */
  complaintMarkers: number;
  /** Problem phrases ("ne marche plus", "keeps crashing"). */
  problems: number;
  /** A question's "merci" or 🙏 is politeness, not praise. */
  questionLike: boolean;
}

export interface SentimentScorer {
  score(prepared: PreparedText, lang: StemLang, signals: ToneSignals): SentimentResult;
}

interface Lexicon {
  words: Map<string, number>;
  stems: Map<string, number>;
  phrases: Map<string, number>;
  /** First words of phrases, so a phrase key is only built when it can match. */
  phraseStarts: Set<string>;
  /** Null when the word list already spells out the forms, as the English one does. */
  stem: Stem | null;
}

// Tuned by hand on short mentions; see tests/classify for the sentences they were checked against.
const POSITIVE_FLIP = -0.75; // "not happy" is clearly negative...
const NEGATIVE_FLIP = -0.5; // ...while "not bad" is only mildly positive.
const INTENSIFIER_BOOST = 1.4;
const NEGATION_WINDOW = 3;
const CONTRAST_BEFORE = 0.5;
const CONTRAST_AFTER = 1.5;
const EMOJI_CAP = 6;
const EXCLAMATION_STEP = 0.3;
const MARKER_VALENCE = -1.2;
const PROBLEM_VALENCE = -0.6;
const POLITENESS_IN_QUESTION = 0.2;
const SHOUT_BOOST = 1.3;
/** VADER's normalisation constant: how much raw valence makes a compound of about 0.5. */
const ALPHA = 15;
const THRESHOLD = 0.15;
const MIN_STEMMED_LENGTH = 4;

function parseEntries(data: string): Map<string, number> {
  const map = new Map<string, number>();
  for (const entry of data.split(/\s+/)) {
    if (entry === '') continue;
    const colon = entry.lastIndexOf(':');
    map.set(entry.slice(0, colon).replaceAll('_', ' '), Number(entry.slice(colon + 1)));
  }
  return map;
}

function wordSet(data: string): Set<string> {
  return new Set(data.split(/\s+/).filter((w) => w !== ''));
}

function buildLexicon(words: string, phrases: string, stem: Stem | null): Lexicon {
  const wordMap = parseEntries(words);
  const stems = new Map<string, number>();
  for (const [word, value] of wordMap) {
    if (stem === null || word.length < MIN_STEMMED_LENGTH) continue;
    const key = stem(word);
    // The first word listed for a stem wins: lists put the plain form first.
    if (!stems.has(key)) stems.set(key, value);
  }
  const phraseMap = parseEntries(phrases);
  const phraseStarts = new Set<string>();
  for (const phrase of phraseMap.keys()) phraseStarts.add(phrase.slice(0, phrase.indexOf(' ')));
  return { words: wordMap, stems, phrases: phraseMap, phraseStarts, stem };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function createSentimentScorer(stemmers: Record<StemLang, Stem>): SentimentScorer {
  const lexicons: Record<StemLang, Lexicon> = {
    // English stems are too coarse for valence ("helpful" and "help" share one), French inflects more.
    en: buildLexicon(EN_WORDS, EN_PHRASES, null),
    fr: buildLexicon(FR_WORDS, FR_PHRASES, stemmers.fr),
  };
  const negators = wordSet(`${EN_NEGATORS} ${FR_NEGATORS}`);
  const intensifiers = wordSet(`${EN_INTENSIFIERS} ${FR_INTENSIFIERS}`);
  const contrasts = wordSet(`${EN_CONTRASTS} ${FR_CONTRASTS}`);
  const politeness = wordSet(POLITENESS);
  // Longest first so ">:(" wins over ":(".
  const emoticons = [...EMOTICON_VALENCE.keys()].sort((a, b) => b.length - a.length).map(escapeRegex);
  const emoticonRe = new RegExp(`(?<=^|\\s)(?:${emoticons.join('|')})(?=$|\\s|[.,!?])`, 'g');

  function lookup(token: string, primary: Lexicon, secondary: Lexicon): number {
    const direct = primary.words.get(token);
    if (direct !== undefined) return direct;
    if (primary.stem !== null && token.length >= MIN_STEMMED_LENGTH) {
      const stemmed = primary.stems.get(primary.stem(token));
      if (stemmed !== undefined) return stemmed;
    }
    // Mentions mix languages ("service nul, worst ever"): fall back to the exact words of the other.
    return secondary.words.get(token) ?? 0;
  }

  /** French "plus" negates only after "ne"/"n'": "plus rapide" is praise, "ne marche plus" is not. */
  function isNegator(tokens: string[], i: number): boolean {
    const t = tokens[i];
    if (t === undefined) return false;
    if (negators.has(t)) return true;
    if (t !== 'plus') return false;
    for (let j = Math.max(0, i - 3); j < i; j++) if (tokens[j] === 'ne' || tokens[j] === 'n') return true;
    return false;
  }

  function phraseAt(tokens: string[], i: number, lexicon: Lexicon): [value: number, length: number] | null {
    const first = tokens[i];
    if (first === undefined || !lexicon.phraseStarts.has(first)) return null;
    const second = tokens[i + 1];
    if (second === undefined) return null;
    const two = `${first} ${second}`;
    const third = tokens[i + 2];
    const fourth = tokens[i + 3];
    if (third !== undefined) {
      const three = `${two} ${third}`;
      if (fourth !== undefined) {
        const v4 = lexicon.phrases.get(`${three} ${fourth}`);
        if (v4 !== undefined) return [v4, 4];
      }
      const v3 = lexicon.phrases.get(three);
      if (v3 !== undefined) return [v3, 3];
    }
    const v2 = lexicon.phrases.get(two);
    return v2 === undefined ? null : [v2, 2];
  }

  return {
    score(prepared, lang, signals) {
      const primary = lexicons[lang];
      const secondary = lexicons[lang === 'en' ? 'fr' : 'en'];
      const tokens = prepared.tokens;
      let sum = 0;
      let weight = 1;
      let lastNegator = -100;
      let boost = 1;
      const courtesy = signals.questionLike ? POLITENESS_IN_QUESTION : 1;

      for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i] as string;
        const phrase = phraseAt(tokens, i, primary) ?? phraseAt(tokens, i, secondary);
        if (phrase !== null) {
          sum += phrase[0] * boost * weight * (politeness.has(token) ? courtesy : 1);
          boost = 1;
          const last = i + phrase[1] - 1;
          // A phrase's own negation still reaches the next words: "toujours pas content".
          for (let j = i; j <= last; j++) if (isNegator(tokens, j)) lastNegator = last;
          i = last;
          continue;
        }
        if (contrasts.has(token)) {
          // What follows "but"/"mais" is what the author means.
          sum *= CONTRAST_BEFORE;
          weight = CONTRAST_AFTER;
          continue;
        }
        if (isNegator(tokens, i)) {
          lastNegator = i;
          continue;
        }
        if (intensifiers.has(token)) {
          const next = tokens[i + 1];
          if (next !== undefined && (intensifiers.has(next) || lookup(next, primary, secondary) !== 0)) {
            boost *= INTENSIFIER_BOOST;
            continue;
          }
        }
        let value = lookup(token, primary, secondary);
        if (value === 0) {
          boost = 1;
          continue;
        }
        value *= boost * (politeness.has(token) ? courtesy : 1);
        boost = 1;
        if (i - lastNegator <= NEGATION_WINDOW) value *= value > 0 ? POSITIVE_FLIP : NEGATIVE_FLIP;
        sum += value * weight;
      }

      let emoji = 0;
      for (const e of prepared.emojis) emoji += (EMOJI_VALENCE.get(e) ?? 0) * (e === '🙏' ? courtesy : 1);
      const found = prepared.plain.match(emoticonRe);
      if (found !== null) for (const e of found) emoji += EMOTICON_VALENCE.get(e) ?? 0;
      sum += Math.max(-EMOJI_CAP, Math.min(EMOJI_CAP, emoji));

      sum += Math.min(signals.complaintMarkers, 2) * MARKER_VALENCE;
      sum += Math.min(signals.problems, 2) * PROBLEM_VALENCE;

      if (sum !== 0) {
        sum += Math.sign(sum) * Math.min(prepared.exclamations, 4) * EXCLAMATION_STEP;
        // "??" is indignation more than curiosity; one "?" says nothing about tone.
        if (prepared.questionMarks >= 2) sum += Math.sign(sum) * Math.min(prepared.questionMarks, 3) * 0.18;
        if (prepared.upperRatio > 0.7) sum *= SHOUT_BOOST;
      }

      const compound = sum / Math.sqrt(sum * sum + ALPHA);
      if (compound >= THRESHOLD) return { label: 'positive', score: 0.5 + compound / 2, compound };
      if (compound <= -THRESHOLD) return { label: 'negative', score: 0.5 - compound / 2, compound };
      return { label: 'neutral', score: 1 - (Math.abs(compound) / THRESHOLD) * 0.4, compound };
    },
  };
}
