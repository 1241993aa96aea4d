import { detectIntent, isQuestionLike, readSignals } from './intent/detect-intent.js';
import { createLanguageDetector } from './language/detect-language.js';
import { STOP_WORDS } from './language/stop-words.js';
import { prepareText } from './prepare-text.js';
import { createSentimentScorer } from './sentiment/score-sentiment.js';
import { createStemmer, type StemLang } from './stemming.js';
import { type CompiledTopics, compileTopics, type TopicCompilerDeps } from './topic/compile-topics.js';
import { matchTopic } from './topic/match-topic.js';
import { TOPIC_NOISE_WORDS } from './topic/noise-words.js';
import type { Classification, Classifier, ClassifyInput, Intent, TopicDef } from './types.js';

export const RULES_VERSION = 'rules-1';

// Shared so a call without topics hits the compiled cache instead of compiling an empty list each time.
const NO_TOPICS: readonly TopicDef[] = [];

function needsSpecialistFor(topic: TopicDef | undefined, intent: Intent): boolean | 'unsure' {
  // Only something that asks for an answer can need an expert: praise about billing does not.
  const answerable = intent === 'question' || intent === 'complaint';
  if (!answerable) return false;
  return topic === undefined ? 'unsure' : topic.needsSpecialist;
}

function sameTopics(compiled: CompiledTopics, topics: readonly TopicDef[]): boolean {
  if (compiled.topics.length !== topics.length) return false;
  for (let i = 0; i < topics.length; i++) if (compiled.topics[i] !== topics[i]) return false;
  return true;
}

/**
 * The first model: hand-written lexicons and rules for French and English, with Porter stemmers.
 * Everything heavy (lexicons, profiles, stem caches) is built here, once per classifier.
 */
export function createRuleClassifier(): Classifier {
  const stemmers = { en: createStemmer('en'), fr: createStemmer('fr') };
  const languages = createLanguageDetector();
  const sentiment = createSentimentScorer(stemmers);
  const stopWords = new Set(`${STOP_WORDS.en} ${STOP_WORDS.fr}`.split(/\s+/));
  const noiseWords = new Set(TOPIC_NOISE_WORDS.split(/\s+/));

  const compilerDeps: TopicCompilerDeps = {
    tokenize: (text) => prepareText(text).tokens,
    stemmers,
    languageOf: (text) => (languages.detect(prepareText(text), null).frenchShare >= 0.5 ? 'fr' : 'en'),
    isStopWord: (token) => stopWords.has(token),
    isNoiseWord: (token) => stopWords.has(token) || noiseWords.has(token),
  };
  // Brands reuse one topic list for all their mentions: compile it once per list.
  const compiledTopics = new WeakMap<readonly TopicDef[], CompiledTopics>();
  function topicsFor(topics: readonly TopicDef[]): CompiledTopics {
    const cached = compiledTopics.get(topics);
    if (cached && sameTopics(cached, topics)) return cached;
    const compiled = compileTopics(topics, compilerDeps);
    compiledTopics.set(topics, compiled);
    return compiled;
  }

  return {
    version: RULES_VERSION,
    classify(input: ClassifyInput): Classification {
      const text = typeof input.text === 'string' ? input.text : '';
      const prepared = prepareText(text);
      const language = languages.detect(prepared, input.languageHint);
      const stemLang: StemLang = language.frenchShare >= 0.5 ? 'fr' : 'en';
      const joined = prepared.tokens.join(' ');
      const signals = readSignals(prepared, joined);
      const mood = sentiment.score(prepared, stemLang, {
        complaintMarkers: signals.complaintMarkers,
        problems: signals.problems,
        questionLike: isQuestionLike(signals),
      });
      const intent = detectIntent(joined, signals, mood.compound);
      const compiled = topicsFor(input.topics ?? NO_TOPICS);
      const topic = matchTopic(compiled, prepared.tokens, stemmers[stemLang]);

      return {
        language: { label: language.label, score: language.score },
        sentiment: { label: mood.label, score: mood.score },
        intent,
        topic: { label: topic.label, score: topic.score },
        needsSpecialist: needsSpecialistFor(compiled.topics[topic.index], intent.label),
        modelVersion: RULES_VERSION,
      };
    },
  };
}
