export {
  type CorrectionExample,
  type CorrectionModel,
  type CorrectionModelData,
  type CorrectionTask,
  correctionModelOf,
  decodeCorrectionModel,
  encodeCorrectionModel,
  trainCorrectionModel,
} from './corrections/correction-model.js';
export type { FeatureOptions, SparseVector } from './linear/features.js';
export type { LinearModel } from './linear/model.js';
export { decodeModel, encodeModel, fromBase64, ModelFormatError, toBase64 } from './linear/serialize.js';
export { type Evaluation, evaluate, formatEvaluation } from './metrics.js';
export {
  type BrandCorrections,
  type ClassifierModels,
  createModelClassifier,
  loadModels,
  MODEL_CLASSIFIER_VERSION,
  type ModelClassifierOptions,
  type ModelFiles,
  type ModelSource,
} from './model-classifier.js';
export { type PriorityInput, priorityOf } from './priority.js';
export { createRuleClassifier, RULES_VERSION } from './rule-classifier.js';
export { TASKS, type Task } from './task-model.js';
export {
  NONE_TOPIC,
  type TopicExample,
  type TopicModel,
  type TopicOptions,
  topicExamplesFrom,
  topicModelOf,
  trainTopicModel,
} from './topic/topic-model.js';
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
