import { detectIntent, type IntentSignals, isQuestionLike, readSignals } from './intent/detect-intent.js';
import { createLanguageDetector, type LanguageResult } from './language/detect-language.js';
import { type PreparedText, prepareText } from './prepare-text.js';
import { createPolarityScorer, type Polarity } from './sentiment/pattern-polarity.js';
import { createSentimentScorer, type SentimentResult } from './sentiment/score-sentiment.js';
import { createStemmer, type Stem, type StemLang } from './stemming.js';
import type { Intent, Scored } from './types.js';

/** What the hand-written rules read from a text: shared by the rule classifier and the trained models. */
export interface Analysis {
  prepared: PreparedText;
  language: LanguageResult;
  /** The lexicon and stemmer to use: French when French is likelier than English, even for 'other'. */
  stemLang: StemLang;
  signals: IntentSignals;
  /** The lexicon's sentiment. */
  mood: SentimentResult;
  /** A general adjective lexicon's reading, for the trained models (the rules do not use it). */
  polarity: Polarity;
  intent: Scored<Intent>;
}

export interface Analyser {
  stemmers: Record<StemLang, Stem>;
  languageOf(prepared: PreparedText, hint?: string | null): LanguageResult;
  analyse(text: unknown, hint?: string | null): Analysis;
}

/** Lexicons, profiles and stem caches are built here, once per analyser. */
export function createAnalyser(): Analyser {
  const stemmers = { en: createStemmer('en'), fr: createStemmer('fr') };
  const languages = createLanguageDetector();
  const sentiment = createSentimentScorer(stemmers);
  const polarityOf = createPolarityScorer();
  return {
    stemmers,
    languageOf: (prepared, hint) => languages.detect(prepared, hint),
    analyse(text, hint) {
      const prepared = prepareText(typeof text === 'string' ? text : '');
      const language = languages.detect(prepared, hint);
      const stemLang: StemLang = language.frenchShare >= 0.5 ? 'fr' : 'en';
      const joined = prepared.tokens.join(' ');
      const signals = readSignals(prepared, joined);
      const mood = sentiment.score(prepared, stemLang, {
        complaintMarkers: signals.complaintMarkers,
        problems: signals.problems,
        questionLike: isQuestionLike(signals),
      });
      const intent = detectIntent(joined, signals, mood.compound);
      const polarity = polarityOf(prepared.tokens, stemLang);
      return { prepared, language, stemLang, signals, mood, polarity, intent };
    },
  };
}
