export { type PriorityInput, priorityOf } from './priority.js';
export { createRuleClassifier, RULES_VERSION } from './rule-classifier.js';
export type {
  Classification,
  Classifier,
  ClassifyInput,
  Intent,
  Lang,
  Scored,
  Sentiment,
  TopicDef,
} from './types.js';
export { UNSURE_TOPIC } from './types.js';
