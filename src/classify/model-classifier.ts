/**
 * The default classifier: the rules' analysis (language, lexicon, intent signals), then trained
 * linear models over one shared feature vector per text: sentiment per language, optionally
 * intent, and each brand's topic model alongside its keyword rules. No Node built-ins: models
 * arrive as bytes or text, loaded by whoever runs us (models-node.ts on Node, imports on Workers).
 */
import { type Analysis, createAnalyser } from './analyse.js';
import type { CorrectionModel } from './corrections/correction-model.js';
import {
  createFeaturizer,
  DEFAULT_FEATURES,
  type Featurizer,
  type SparseVector,
  textOptionsKey,
} from './linear/features.js';
import { argmax, type LinearModel } from './linear/model.js';
import { decodeModel } from './linear/serialize.js';
import { needsSpecialistFor, RULES_VERSION } from './rule-classifier.js';
import { CUE_COUNT, cuesOf, INTENTS, SENTIMENTS } from './task-model.js';
import { matchTopic } from './topic/match-topic.js';
import { createRuleTopics, NO_TOPICS } from './topic/rule-topics.js';
import {
  type TopicModel,
  type TopicOptions,
  topicExamplesFrom,
  topicModelOf,
  trainTopicModel,
} from './topic/topic-model.js';
import type {
  Classification,
  Classifier,
  ClassifyInput,
  Intent,
  Scored,
  Sentiment,
  TopicDef,
} from './types.js';

export interface ClassifierModels {
  /** Sentiment by the text's language; a language without its model uses the other one. */
  sentiment?: { en?: LinearModel; fr?: LinearModel };
  /** Replaces the rule intent when given (labels: question, complaint, praise, other, spam). */
  intent?: LinearModel;
  /** A fixed topic model (`--topic-model`): answers with its labels instead of the brand's topics. */
  topic?: LinearModel;
}

/** A model file's content: the bytes, or the same bytes in base64 (a text module, a database column). */
export type ModelSource = Uint8Array | ArrayBuffer | string;

export interface ModelFiles {
  sentimentEn?: ModelSource;
  sentimentFr?: ModelSource;
  intent?: ModelSource;
  topic?: ModelSource;
}

export function loadModels(files: ModelFiles): ClassifierModels {
  const load = (source: ModelSource | undefined) => (source === undefined ? undefined : decodeModel(source));
  const en = load(files.sentimentEn);
  const fr = load(files.sentimentFr);
  const models: ClassifierModels = {};
  if (en || fr) models.sentiment = { ...(en ? { en } : {}), ...(fr ? { fr } : {}) };
  const intent = load(files.intent);
  if (intent) models.intent = intent;
  const topic = load(files.topic);
  if (topic) models.topic = topic;
  return models;
}

export interface ModelClassifierOptions {
  topic?: Partial<TopicOptions>;
  /**
   * How much a brand's trained topic model adds to its keyword and example rules, 0..1 (0: rules
   * alone). The evidence is combined by noisy-or, so either can carry a topic.
   */
  topicModelWeight?: number;
  /**
   * The brand's own topic model for a topic list (trained with its advisors' corrections, say).
   * When absent or returning null, a model is trained from the topics' examples and keywords the
   * first time a list is seen, and cached for that list.
   */
  topicModelFor?: (topics: readonly TopicDef[]) => TopicModel | null;
  /** The same weight for a model from `topicModelFor`, 0..1 (default 0.9). */
  ownTopicModelWeight?: number;
  /**
   * The brand's memory of its advisors' sentiment and intent corrections for a topic list (one
   * list per brand), combined with the default models' answers; null when the brand has none.
   */
  correctionsFor?: (topics: readonly TopicDef[]) => BrandCorrections | null;
}

export interface BrandCorrections {
  sentiment?: CorrectionModel;
  intent?: CorrectionModel;
}

interface BrandTopicModel {
  model: LinearModel;
  toTopic: Int32Array;
  /** Scratch: the model's say per topic of the list. */
  evidence: Float64Array;
  /** What this model adds to a classification's version. */
  suffix: string;
  /** How much its probabilities count beside the keyword rules. */
  weight: number;
}

const RULE_TOPIC_SUFFIX = `+topic-${RULES_VERSION}`;

export const MODEL_CLASSIFIER_VERSION = 'linear-1';
const DEFAULT_TOPIC_MODEL_WEIGHT = 0.6;
const DEFAULT_OWN_TOPIC_MODEL_WEIGHT = 0.9;
/** |compound| from which the care lexicon overrides the trained sentiment (chosen on validation). */
const LEXICON_OVERRIDE = 0.4;

export function createModelClassifier(
  models: ClassifierModels,
  options: ModelClassifierOptions = {},
): Classifier {
  const analyser = createAnalyser();
  const ruleTopics = createRuleTopics(analyser);
  // One extraction per text serves every model with the default text options (each with its own
  // cues); a model trained with other options gets its own featurizer, and its own extraction.
  const featurizer = createFeaturizer(DEFAULT_FEATURES);
  const sharedKey = textOptionsKey(DEFAULT_FEATURES);
  const wordsKey = textOptionsKey({ ...DEFAULT_FEATURES, charMax: 0 });
  const featurizers = new Map<string, Featurizer>();
  // Per model: null for the shared extraction, 'words' for its word-level part, or its own featurizer.
  const featurizerOf = new WeakMap<LinearModel, Featurizer | null | 'words'>();
  for (const m of [models.sentiment?.en, models.sentiment?.fr]) {
    if (m && m.labels.join() !== SENTIMENTS.join()) throw new Error(`${m.version} is not a sentiment model`);
  }
  const weight = Math.min(1, Math.max(0, options.topicModelWeight ?? DEFAULT_TOPIC_MODEL_WEIGHT));
  // A brand's own model was trained on its advisors' corrections: its word counts for more than a
  // model trained from a handful of example phrases.
  const ownWeight = Math.min(1, Math.max(0, options.ownTopicModelWeight ?? DEFAULT_OWN_TOPIC_MODEL_WEIGHT));
  const fixedTopics = models.topic ? topicModelOf(models.topic, options.topic) : null;
  // Per topic list: its model and, for each model label, the topic's index in the list (-1: none).
  const brandModels = new WeakMap<readonly TopicDef[], BrandTopicModel | null>();
  const cues = new Float64Array(CUE_COUNT);
  // One output buffer per model, reused by every call: classification allocates little.
  const outputs = new WeakMap<LinearModel, Float64Array>();

  const version = [
    MODEL_CLASSIFIER_VERSION,
    models.sentiment?.en?.version ?? null,
    models.sentiment?.fr?.version ?? null,
    models.intent?.version ?? `intent-${RULES_VERSION}`,
    models.topic?.version ?? null,
  ]
    .filter((v) => v !== null)
    .join('+');

  const intentVersion = models.intent?.version ?? `intent-${RULES_VERSION}`;
  const sentimentVersion = (model: LinearModel | undefined) => model?.version ?? `sent-${RULES_VERSION}`;
  const versionEn = `${MODEL_CLASSIFIER_VERSION}+${sentimentVersion(models.sentiment?.en ?? models.sentiment?.fr)}+${intentVersion}`;
  const versionFr = `${MODEL_CLASSIFIER_VERSION}+${sentimentVersion(models.sentiment?.fr ?? models.sentiment?.en)}+${intentVersion}`;
  const versionRules = `${MODEL_CLASSIFIER_VERSION}+${sentimentVersion(undefined)}+${intentVersion}`;

  function vectorFor(model: LinearModel, analysis: Analysis): SparseVector {
    let own = featurizerOf.get(model);
    if (own === undefined) {
      const key = textOptionsKey({
        ...model.features,
        charMin: DEFAULT_FEATURES.charMin,
        charWeight: DEFAULT_FEATURES.charWeight,
      });
      if (textOptionsKey(model.features) === sharedKey) own = null;
      else if (model.features.charMax === 0 && key === wordsKey && model.features.cues === 0) own = 'words';
      else {
        const full = textOptionsKey(model.features);
        own = featurizers.get(full) ?? createFeaturizer({ ...model.features, cues: 0 });
        featurizers.set(full, own);
      }
      featurizerOf.set(model, own);
    }
    if (own === null) return featurizer.withCues(cues, model.features.cues);
    if (own === 'words') return featurizer.wordsOnly();
    own.extract(analysis.prepared);
    return own.withCues(cues, model.features.cues);
  }

  function predict(model: LinearModel, analysis: Analysis): Float64Array {
    let out = outputs.get(model);
    if (!out) {
      out = new Float64Array(model.labels.length);
      outputs.set(model, out);
    }
    return model.predictVector(vectorFor(model, analysis), out);
  }

  /** Label and its share of the probability mass (sigmoid outputs do not sum to one). */
  function best<L extends string>(labels: readonly string[], probabilities: Float64Array): Scored<L> {
    const i = argmax(probabilities);
    let sum = 0;
    for (let k = 0; k < probabilities.length; k++) sum += probabilities[k] ?? 0;
    return { label: labels[i] as L, score: sum > 0 ? (probabilities[i] ?? 0) / sum : 0 };
  }

  function brandModel(topics: readonly TopicDef[]): BrandTopicModel | null {
    if (topics.length === 0 || weight === 0) return null;
    const cached = brandModels.get(topics);
    const own = options.topicModelFor?.(topics) ?? null;
    if (cached !== undefined && (own === null || cached?.model === own.model)) return cached;
    let trained = own;
    if (trained === null) {
      const examples = topicExamplesFrom(topics);
      trained = examples.length > 0 ? trainTopicModel(examples, options.topic) : null;
    }
    const entry = trained && {
      model: trained.model,
      toTopic: Int32Array.from(trained.model.labels, (label) => topics.findIndex((t) => t.key === label)),
      evidence: new Float64Array(topics.length),
      suffix: `+${trained.model.version}${RULE_TOPIC_SUFFIX}`,
      weight: own ? ownWeight : weight,
    };
    brandModels.set(topics, entry);
    return entry;
  }

  return {
    version,
    classify(input: ClassifyInput): Classification {
      const analysis = analyser.analyse(input.text, input.languageHint);
      const { prepared, language, stemLang } = analysis;
      featurizer.extract(prepared);
      cuesOf(analysis, cues);
      let sentiment: Scored<Sentiment> = { label: analysis.mood.label, score: analysis.mood.score };
      // Other languages keep the lexicon's reading (emoji, emoticons, the odd English or French
      // word): the models know English and French only, and guess on anything else.
      const sentimentModel =
        language.label === 'other'
          ? undefined
          : stemLang === 'fr'
            ? (models.sentiment?.fr ?? models.sentiment?.en)
            : (models.sentiment?.en ?? models.sentiment?.fr);
      if (sentimentModel) {
        sentiment = best<Sentiment>(sentimentModel.labels, predict(sentimentModel, analysis));
        // The models learned from public tweets, the lexicon was written for customer care: when
        // the lexicon is clearly sure and disagrees, it knows the register better.
        const { mood } = analysis;
        if (Math.abs(mood.compound) >= LEXICON_OVERRIDE && mood.label !== sentiment.label) {
          sentiment = { label: mood.label, score: mood.score };
        }
      }
      let intent: Scored<Intent> = analysis.intent;
      if (models.intent) intent = best<Intent>(models.intent.labels, predict(models.intent, analysis));
      const topics = input.topics ?? NO_TOPICS;
      const corrections = options.correctionsFor?.(topics) ?? null;
      let correctionSuffix = '';
      if (corrections) {
        // The shared extraction's words serve the brand's corrections: no second pass on the text.
        const words = featurizer.wordsOnly();
        if (corrections.sentiment) {
          sentiment = corrections.sentiment.adjust(words, sentiment, SENTIMENTS);
          correctionSuffix += `+${corrections.sentiment.version}`;
        }
        if (corrections.intent) {
          intent = corrections.intent.adjust(words, intent, INTENTS);
          correctionSuffix += `+${corrections.intent.version}`;
        }
      }
      // Versions of what answered, e.g. "linear-1+sent-fr@1a2b3c4d+intent-rules-1+topic@...+topic-rules-1".
      let modelVersion =
        sentimentModel === undefined
          ? versionRules
          : sentimentModel === models.sentiment?.fr
            ? versionFr
            : versionEn;

      let topic: Scored<string>;
      let topicDef: TopicDef | undefined;
      if (fixedTopics) {
        const match = fixedTopics.matchVector(vectorFor(fixedTopics.model, analysis));
        topic = { label: match.label, score: match.score };
        topicDef = topics.find((t) => t.key === match.label);
        modelVersion += `+${fixedTopics.model.version}`;
      } else {
        const compiled = ruleTopics(topics);
        const trained = brandModel(topics);
        let evidence: Float64Array | undefined;
        if (trained) {
          const p = predict(trained.model, analysis);
          evidence = trained.evidence.fill(0);
          for (let i = 0; i < p.length; i++) {
            const t = trained.toTopic[i] ?? -1;
            if (t >= 0) evidence[t] = trained.weight * (p[i] ?? 0);
          }
        }
        const match = matchTopic(compiled, prepared.tokens, analyser.stemmers[stemLang], evidence);
        topic = { label: match.label, score: match.score };
        topicDef = compiled.topics[match.index];
        modelVersion += trained ? trained.suffix : RULE_TOPIC_SUFFIX;
      }
      modelVersion += correctionSuffix;
      return {
        language: { label: language.label, score: language.score },
        sentiment,
        intent,
        topic,
        // A fixed topic model's label without a brand topic of that key: who answers is unknown.
        needsSpecialist: needsSpecialistFor(topicDef, intent.label),
        modelVersion,
      };
    },
  };
}
