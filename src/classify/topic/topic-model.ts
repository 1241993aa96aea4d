/**
 * A brand's topic model: one linear SVM per topic over the shared hashed features, trained from
 * the topics' examples and keywords, the advisors' corrections, and background posts learned as
 * "none". A text is given a topic only when that topic's own classifier is confident and clearly
 * ahead of the next; otherwise it is 'unsure', which sends it to a person.
 */

import {
  copyVector,
  createFeaturizer,
  DEFAULT_FEATURES,
  type FeatureOptions,
  type SparseVector,
} from '../linear/features.js';
import type { LinearModel } from '../linear/model.js';
import { type Example, type TrainOptions, trainExamples } from '../linear/train.js';
import { prepareText } from '../prepare-text.js';
import { TASK_TRAINING } from '../task-model.js';
import { type Scored, type TopicDef, UNSURE_TOPIC } from '../types.js';
import { BACKGROUND_TEXTS } from './background.js';

/** The label of texts that belong to no topic (an advisor's "none" correction, background posts). */
export const NONE_TOPIC = 'none';

export interface TopicExample {
  text: string;
  /** A topic key, or NONE_TOPIC. */
  topic: string;
  /** Corrections may count more than the admin's examples; 1 when absent. */
  weight?: number;
}

export interface TopicOptions {
  /** Below this probability (the topic's own classifier), the answer is unsure. */
  threshold: number;
  /** ...and also when the runner-up is this close. */
  margin: number;
  /** Learn the built-in background posts as "none" (recommended; needed for a single topic). */
  background: boolean;
}

const TOPIC_HASH_BITS = 14;

/**
 * Words and word pairs only: the keyword rules beside the model already match word stems, and a
 * text's few dozen word features cost a fraction of its hundreds of character n-grams.
 */
export const TOPIC_FEATURES: FeatureOptions = { ...DEFAULT_FEATURES, charMax: 0 };

export const DEFAULT_TOPIC_OPTIONS: TopicOptions = { threshold: 0.5, margin: 0.1, background: true };

export interface TopicMatch extends Scored<string> {
  /** Index of the topic key in `keys`, or -1 for unsure. */
  index: number;
}

export interface TopicModel {
  readonly model: LinearModel;
  readonly options: TopicOptions;
  /** The topic keys it can answer (without "none"). */
  readonly keys: readonly string[];
  matchVector(vector: SparseVector): TopicMatch;
  match(text: string): TopicMatch;
}

/** A keyword alone is a short example; advisors' corrections count twice an admin's example. */
export function topicExamplesFrom(
  topics: readonly TopicDef[],
  corrections: readonly { text: string; topic: string }[] = [],
): TopicExample[] {
  const examples: TopicExample[] = [];
  for (const t of topics) {
    for (const text of t.examples) examples.push({ text, topic: t.key });
    for (const keyword of t.keywords) examples.push({ text: keyword, topic: t.key });
  }
  for (const c of corrections) examples.push({ text: c.text, topic: c.topic, weight: 2 });
  return examples;
}

export function trainTopicModel(
  examples: readonly TopicExample[],
  partial: Partial<TopicOptions> & {
    training?: Partial<TrainOptions>;
    name?: string;
    features?: FeatureOptions;
  } = {},
): TopicModel {
  const options = { ...DEFAULT_TOPIC_OPTIONS, ...partial };
  const all = options.background
    ? [...examples, ...BACKGROUND_TEXTS.map((text) => ({ text, topic: NONE_TOPIC, weight: 0.5 }))]
    : [...examples];
  const keys = [...new Set(all.map((e) => e.topic).filter((k) => k !== NONE_TOPIC))].sort();
  const labels = all.some((e) => e.topic === NONE_TOPIC) ? [...keys, NONE_TOPIC] : keys;
  if (labels.length < 2) throw new Error('A topic model needs two topics, or one topic and background texts');
  const index = new Map(labels.map((l, i) => [l, i]));
  const features = options.features ?? TOPIC_FEATURES;
  const featurizer = createFeaturizer(features);
  const data: Example[] = all.map((e) => ({
    vector: copyVector(featurizer.extract(prepareText(e.text))),
    label: index.get(e.topic) ?? 0,
    weight: e.weight ?? 1,
  }));
  const model = trainExamples(options.name ?? 'topic', labels, features, data, {
    ...TASK_TRAINING.topic,
    // 16,384 shared rows: a brand's few hundred examples fit with few collisions, the table stays
    // small (16 KB per label) and every text's lookups are direct.
    hashBits: TOPIC_HASH_BITS,
    ...options.training,
  });
  return topicModelOf(model, options);
}

/** Wraps a trained model (from trainTopicModel, or a file from `passerelle train topic`). */
export function topicModelOf(model: LinearModel, partial: Partial<TopicOptions> = {}): TopicModel {
  const options = { ...DEFAULT_TOPIC_OPTIONS, ...partial };
  const keys = model.labels.filter((l) => l !== NONE_TOPIC);
  const keyIndex = model.labels.map((l) => keys.indexOf(l));
  const probabilities = new Float64Array(model.labels.length);
  const featurizer = createFeaturizer(model.features);

  function matchVector(vector: SparseVector): TopicMatch {
    model.predictVector(vector, probabilities);
    // The best topic must beat both the next topic and "none" by the margin.
    let best = -1;
    let bestScore = 0;
    let rival = 0;
    for (let i = 0; i < probabilities.length; i++) {
      const p = probabilities[i] ?? 0;
      if ((keyIndex[i] ?? -1) >= 0 && p > bestScore) {
        rival = Math.max(rival, bestScore);
        bestScore = p;
        best = keyIndex[i] ?? -1;
      } else rival = Math.max(rival, p);
    }
    if (best < 0 || bestScore < options.threshold || bestScore - rival < options.margin) {
      // Unsure scores stay below the threshold so a score alone tells confident from not.
      return { label: UNSURE_TOPIC, score: Math.min(bestScore, options.threshold * 0.99), index: -1 };
    }
    return { label: keys[best] ?? UNSURE_TOPIC, score: bestScore, index: best };
  }

  return {
    model,
    options,
    keys,
    matchVector,
    match: (text) => matchVector(featurizer.extract(prepareText(text))),
  };
}
