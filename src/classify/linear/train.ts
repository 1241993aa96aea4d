/**
 * Multinomial logistic regression trained by AdaGrad over sparse rows, with class weights for
 * imbalanced data and an L2 penalty applied where a gradient touches (so an epoch costs the
 * features seen, not the whole model). Deterministic: the shuffling comes from a seeded generator.
 */
import { prepareText } from '../prepare-text.js';
import {
  copyVector,
  createFeaturizer,
  DEFAULT_FEATURES,
  type FeatureOptions,
  type SparseVector,
} from './features.js';
import { createLinearModel, type LinearModel, softmaxInPlace } from './model.js';
import { seededRandom, shuffleInPlace } from './random.js';
import { quantizeWeights } from './serialize.js';

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  /** 'balanced' weighs each class by n / (classes x its count): rare classes count as much. */
  classWeight: 'balanced' | 'none';
  /** Features seen in fewer examples are dropped: they cannot generalise and cost space. */
  minCount: number;
  seed: number;
  /**
   * 'logistic': multinomial logistic regression by AdaGrad (probabilities come out calibrated);
   * 'svm': one-against-the-rest linear SVMs (squared hinge, L2) by dual coordinate descent, which
   * converges in a few passes to the regularised optimum; scores are the margins' softmax.
   */
  solver: 'logistic' | 'svm';
  /** SVM: the cost of errors against the L2 penalty (larger fits the training data more closely). */
  cost: number;
  /** SVM: how sharp the softmax of the margins is. */
  temperature: number;
  /** Returns the average of the weights over all steps rather than the last ones: steadier. */
  average: boolean;
  /** Called after each epoch. */
  onProgress?: (epoch: number, epochs: number) => void;
}

export const DEFAULT_TRAINING: TrainOptions = {
  epochs: 8,
  learningRate: 0.5,
  l2: 1e-5,
  classWeight: 'balanced',
  minCount: 1,
  seed: 1,
  average: true,
  solver: 'logistic',
  cost: 0.5,
  temperature: 3,
};

export interface LabelledText {
  text: string;
  label: string;
}

export interface Example {
  vector: SparseVector;
  /** Index in the label list. */
  label: number;
  /** Extra weight (advisors' corrections may count more than defaults); 1 when absent. */
  weight?: number;
}

/** Labels in first-seen order unless given, and the examples' features. */
export function featurizeTexts(
  data: readonly LabelledText[],
  features: FeatureOptions = DEFAULT_FEATURES,
  labels?: readonly string[],
): { labels: string[]; examples: Example[] } {
  const labelList = labels ? [...labels] : [...new Set(data.map((d) => d.label))];
  const index = new Map(labelList.map((l, i) => [l, i]));
  const featurizer = createFeaturizer(features);
  const examples: Example[] = [];
  for (const d of data) {
    const label = index.get(d.label);
    if (label === undefined) throw new Error(`Unknown label "${d.label}"`);
    examples.push({ vector: copyVector(featurizer.extract(prepareText(d.text))), label });
  }
  return { labels: labelList, examples };
}

export function trainTexts(
  name: string,
  data: readonly LabelledText[],
  options: Partial<TrainOptions> & { features?: FeatureOptions; labels?: readonly string[] } = {},
): LinearModel {
  const features = options.features ?? DEFAULT_FEATURES;
  const { labels, examples } = featurizeTexts(data, features, options.labels);
  return trainExamples(name, labels, features, examples, options);
}

export function trainExamples(
  name: string,
  labels: readonly string[],
  features: FeatureOptions,
  examples: readonly Example[],
  partial: Partial<TrainOptions> = {},
): LinearModel {
  const options = { ...DEFAULT_TRAINING, ...partial };
  const classes = labels.length;
  if (classes < 2) throw new Error('Training needs at least two labels');

  // Rows for the features seen in at least minCount examples.
  const counts = new Map<number, number>();
  for (const { vector } of examples) {
    for (let f = 0; f < vector.length; f++) {
      const key = vector.keys[f] ?? 0;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const rowOf = new Map<number, number>();
  const keys: number[] = [];
  for (const [key, count] of counts) {
    if (count < options.minCount) continue;
    rowOf.set(key, keys.length);
    keys.push(key);
  }
  // The same examples with row numbers instead of hashes, dropping pruned features.
  const rows: { idx: Int32Array; val: Float32Array; label: number; weight: number }[] = [];
  const perClass = new Float64Array(classes);
  for (const e of examples) {
    const idx: number[] = [];
    const val: number[] = [];
    for (let f = 0; f < e.vector.length; f++) {
      const row = rowOf.get(e.vector.keys[f] ?? 0);
      if (row === undefined) continue;
      idx.push(row);
      val.push(e.vector.values[f] ?? 0);
    }
    rows.push({
      idx: Int32Array.from(idx),
      val: Float32Array.from(val),
      label: e.label,
      weight: e.weight ?? 1,
    });
    perClass[e.label] = (perClass[e.label] ?? 0) + (e.weight ?? 1);
  }
  const total = perClass.reduce((a, b) => a + b, 0);
  const classWeights = Array.from(perClass, (n) =>
    options.classWeight === 'balanced' && n > 0 ? total / (classes * n) : 1,
  );

  const weights = new Float32Array(keys.length * classes);
  const bias = new Float64Array(classes);
  const solve = options.solver === 'svm' ? solveSvm : solveLogistic;
  solve({ rows, classes, classWeights, weights, bias, options });

  const quantized = quantizeWeights(Int32Array.from(keys), weights, classes);
  return createLinearModel({
    name,
    labels: [...labels],
    features,
    keys: quantized.keys,
    weights: quantized.weights,
    scales: quantized.scales,
    bias: Float32Array.from(bias),
  });
}

interface Row {
  idx: Int32Array;
  val: Float32Array;
  label: number;
  weight: number;
}

interface Problem {
  rows: Row[];
  classes: number;
  classWeights: number[];
  /** Written in place: rows x classes. */
  weights: Float32Array;
  bias: Float64Array;
  options: TrainOptions;
}

/** Multinomial logistic regression by AdaGrad, averaged over all steps. */
function solveLogistic({ rows, classes, classWeights, weights, bias, options }: Problem): void {
  const squared = new Float32Array(weights.length);
  // Averaged iterate (Polyak): avg = w - sum(t * dw) / T, kept without touching every weight each step.
  const timed = new Float32Array(weights.length);
  const biasTimed = new Float64Array(classes);
  let step = 1;
  const biasSquared = new Float64Array(classes);
  const scores = new Float64Array(classes);
  const gradient = new Float64Array(classes);
  const { learningRate: rate, l2 } = options;
  const random = seededRandom(options.seed);
  const order = rows.map((_, i) => i);
  const eps = 1e-8;

  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffleInPlace(order, random);
    for (const i of order) {
      const row = rows[i];
      if (!row) continue;
      const { idx, val } = row;
      for (let c = 0; c < classes; c++) scores[c] = bias[c] ?? 0;
      for (let f = 0; f < idx.length; f++) {
        const base = (idx[f] ?? 0) * classes;
        const v = val[f] ?? 0;
        for (let c = 0; c < classes; c++) scores[c] = (scores[c] ?? 0) + v * (weights[base + c] ?? 0);
      }
      softmaxInPlace(scores);
      const w = row.weight * (classWeights[row.label] ?? 1);
      for (let c = 0; c < classes; c++) gradient[c] = w * ((scores[c] ?? 0) - (c === row.label ? 1 : 0));
      for (let c = 0; c < classes; c++) {
        const g = gradient[c] ?? 0;
        const sq = (biasSquared[c] ?? 0) + g * g;
        biasSquared[c] = sq;
        const delta = (rate * g) / Math.sqrt(sq + eps);
        bias[c] = (bias[c] ?? 0) - delta;
        biasTimed[c] = (biasTimed[c] ?? 0) - step * delta;
      }
      for (let f = 0; f < idx.length; f++) {
        const base = (idx[f] ?? 0) * classes;
        const v = val[f] ?? 0;
        for (let c = 0; c < classes; c++) {
          const at = base + c;
          const current = weights[at] ?? 0;
          const g = (gradient[c] ?? 0) * v + l2 * current;
          if (g === 0) continue;
          const sq = (squared[at] ?? 0) + g * g;
          squared[at] = sq;
          const delta = (rate * g) / Math.sqrt(sq + eps);
          weights[at] = current - delta;
          timed[at] = (timed[at] ?? 0) - step * delta;
        }
      }
      step++;
    }
    options.onProgress?.(epoch + 1, options.epochs);
  }

  if (options.average) {
    for (let i = 0; i < weights.length; i++) weights[i] = (weights[i] ?? 0) - (timed[i] ?? 0) / step;
    for (let c = 0; c < classes; c++) bias[c] = (bias[c] ?? 0) - (biasTimed[c] ?? 0) / step;
  }
}

/**
 * One binary squared-hinge SVM per class against the rest, solved in the dual by coordinate descent
 * (Hsieh et al., ICML 2008, as in LIBLINEAR), with the bias as a constant feature of value 1.
 */
function solveSvm({ rows, classes, classWeights, weights, bias, options }: Problem): void {
  const n = rows.length;
  const norms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const val = rows[i]?.val ?? new Float32Array(0);
    let sq = 1;
    for (let f = 0; f < val.length; f++) sq += (val[f] ?? 0) ** 2;
    norms[i] = sq;
  }
  const alpha = new Float64Array(n);
  const w = new Float64Array(weights.length / classes);
  const random = seededRandom(options.seed);
  const order = rows.map((_, i) => i);
  for (let c = 0; c < classes; c++) {
    alpha.fill(0);
    w.fill(0);
    let b = 0;
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      shuffleInPlace(order, random);
      let maxViolation = 0;
      for (const i of order) {
        const row = rows[i];
        if (!row) continue;
        const { idx, val } = row;
        const y = row.label === c ? 1 : -1;
        // The dual of the squared hinge adds 1 / (2 C_i) to the diagonal and has no upper bound.
        const diagonal = 1 / (2 * options.cost * row.weight * (classWeights[row.label] ?? 1));
        let margin = b;
        for (let f = 0; f < idx.length; f++) margin += (val[f] ?? 0) * (w[idx[f] ?? 0] ?? 0);
        const a = alpha[i] ?? 0;
        const g = y * margin - 1 + diagonal * a;
        const projected = a === 0 ? Math.min(g, 0) : g;
        if (projected === 0) continue;
        maxViolation = Math.max(maxViolation, Math.abs(projected));
        const next = Math.max(a - g / ((norms[i] ?? 1) + diagonal), 0);
        const d = (next - a) * y;
        alpha[i] = next;
        for (let f = 0; f < idx.length; f++) {
          const at = idx[f] ?? 0;
          w[at] = (w[at] ?? 0) + d * (val[f] ?? 0);
        }
        b += d;
      }
      if (maxViolation < 0.01) break;
    }
    const t = options.temperature;
    for (let r = 0; r < w.length; r++) weights[r * classes + c] = t * (w[r] ?? 0);
    bias[c] = t * b;
    options.onProgress?.(c + 1, classes);
  }
}
