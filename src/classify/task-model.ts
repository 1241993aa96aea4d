/**
 * The trained tasks (sentiment, intent, topic) share one feature vector per text: the hashed text
 * features plus "cues", the rules' own reading (lexicon sentiment, rule intent) as dense features.
 * A model only weighs the cues it was trained with; the others are features it never saw.
 */
import type { Analyser, Analysis } from './analyse.js';
import {
  copyVector,
  createFeaturizer,
  DEFAULT_FEATURES,
  type FeatureOptions,
  type Featurizer,
} from './linear/features.js';
import type { LinearModel } from './linear/model.js';
import { type Example, type LabelledText, type TrainOptions, trainExamples } from './linear/train.js';
import type { Intent, Sentiment } from './types.js';

export type Task = 'sentiment' | 'intent' | 'topic';
export const TASKS: readonly Task[] = ['sentiment', 'intent', 'topic'];

export const SENTIMENTS: readonly Sentiment[] = ['negative', 'neutral', 'positive'];
export const INTENTS: readonly Intent[] = ['question', 'complaint', 'praise', 'other', 'spam'];

/**
 * [care lexicon positive, negative, neutral; adjective lexicon positive, negative; rule intent
 * one-hot x 5]
 */
export const CUE_COUNT = 5 + INTENTS.length;

/** All cues of a text, in the fixed layout above (zeros are not features). */
export function cuesOf(analysis: Analysis, out = new Float64Array(CUE_COUNT)): Float64Array {
  out.fill(0);
  const { compound, label } = analysis.mood;
  out[0] = Math.max(0, compound);
  out[1] = Math.max(0, -compound);
  out[2] = label === 'neutral' ? 0.5 : 0;
  out[3] = analysis.polarity.positive;
  out[4] = analysis.polarity.negative;
  out[5 + INTENTS.indexOf(analysis.intent.label)] = 0.5;
  return out;
}

/**
 * How many leading cues a task's model reads: sentiment the two lexicons, intent those and the
 * rule intent, topic none (what a text is about does not depend on its tone).
 */
export const TASK_CUES: Record<Task, number> = { sentiment: 5, intent: CUE_COUNT, topic: 0 };

/** Sentiment files may use TweetEval's numbers; everything else is taken as written. */
export function normaliseLabel(task: Task, label: string): string {
  const trimmed = label.trim();
  if (task === 'sentiment' && /^[012]$/.test(trimmed)) return SENTIMENTS[Number(trimmed)] ?? trimmed;
  return task === 'topic' ? trimmed : trimmed.toLowerCase();
}

/**
 * One squared-hinge SVM per label (LIBLINEAR's default, converged by dual coordinate descent).
 * The costs were chosen on the validation splits (see BENCHMARKS.md): a softer fit for the noisy
 * sentiment labels, a closer one for routing. Sentiment models share 65,536 hashed rows: as
 * accurate as exact rows on the validation splits, and a table that stays in cache.
 */
export const TASK_TRAINING: Record<Task, Partial<TrainOptions>> = {
  sentiment: { solver: 'svm', cost: 0.3, epochs: 50, classWeight: 'balanced', hashBits: 16 },
  intent: { solver: 'svm', cost: 0.5, epochs: 50, minCount: 1, classWeight: 'balanced' },
  topic: { solver: 'svm', cost: 1, epochs: 50, minCount: 1, classWeight: 'balanced' },
};

export interface TaskTrainingOptions extends Partial<TrainOptions> {
  features?: FeatureOptions;
  /** Called as texts are read (phase 'features') and as labels are solved (phase 'train'). */
  progress?: (phase: 'features' | 'train', done: number, total: number) => void;
}

/** The labels a task's model must use, or null when any label goes (topics). */
export function labelsOf(task: Task): readonly string[] | null {
  return task === 'sentiment' ? SENTIMENTS : task === 'intent' ? INTENTS : null;
}

/** A text's features with the cues its featurizer's options ask for. */
export function featurizeText(
  analyser: Analyser,
  featurizer: Featurizer,
  text: string,
  cues = new Float64Array(CUE_COUNT),
) {
  const analysis = analyser.analyse(text);
  return featurizer.extract(analysis.prepared, cuesOf(analysis, cues));
}

/** Trains a task's model from labelled texts; labels are checked against the task's own. */
export function trainTaskModel(
  task: Task,
  name: string,
  data: readonly LabelledText[],
  analyser: Analyser,
  options: TaskTrainingOptions = {},
): LinearModel {
  const { features = { ...DEFAULT_FEATURES, cues: TASK_CUES[task] }, progress, ...training } = options;
  const featurizer = createFeaturizer(features);
  const fixed = labelsOf(task);
  const labels = fixed ? [...fixed] : [...new Set(data.map((d) => normaliseLabel(task, d.label)))].sort();
  const index = new Map(labels.map((l, i) => [l, i]));
  const cues = new Float64Array(CUE_COUNT);
  const examples: Example[] = [];
  const step = Math.max(1, Math.floor(data.length / 100));
  data.forEach((d, i) => {
    const label = index.get(normaliseLabel(task, d.label));
    if (label === undefined) {
      throw new Error(`"${d.label}" is not a ${task} label (expected one of ${labels.join(', ')})`);
    }
    const vector = copyVector(featurizeText(analyser, featurizer, d.text, cues));
    examples.push({ vector, label, weight: d.weight ?? 1 });
    if (i % step === 0) progress?.('features', i, data.length);
  });
  progress?.('features', data.length, data.length);
  return trainExamples(name, labels, features, examples, {
    // Features seen once in a large corpus are mostly noise and would double the model's size.
    minCount: data.length >= 10_000 ? 2 : 1,
    ...TASK_TRAINING[task],
    ...training,
    onProgress: (done, total) => progress?.('train', done, total),
  });
}
