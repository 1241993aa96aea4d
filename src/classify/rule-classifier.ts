import { createAnalyser } from './analyse.js';
import { matchTopic } from './topic/match-topic.js';
import { createRuleTopics, NO_TOPICS } from './topic/rule-topics.js';
import type { Classification, Classifier, ClassifyInput, Intent, TopicDef } from './types.js';

export const RULES_VERSION = 'rules-1';

export function needsSpecialistFor(topic: TopicDef | undefined, intent: Intent): boolean | 'unsure' {
  // Only something that asks for an answer can need an expert: praise about billing does not.
  const answerable = intent === 'question' || intent === 'complaint';
  if (!answerable) return false;
  return topic === undefined ? 'unsure' : topic.needsSpecialist;
}

/**
 * The first model: hand-written lexicons and rules for French and English, with Porter stemmers.
 * Everything heavy (lexicons, profiles, stem caches) is built here, once per classifier.
 */
export function createRuleClassifier(): Classifier {
  const analyser = createAnalyser();
  const topicsFor = createRuleTopics(analyser);

  return {
    version: RULES_VERSION,
    classify(input: ClassifyInput): Classification {
      const { prepared, language, stemLang, mood, intent } = analyser.analyse(input.text, input.languageHint);
      const compiled = topicsFor(input.topics ?? NO_TOPICS);
      const topic = matchTopic(compiled, prepared.tokens, analyser.stemmers[stemLang]);

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
