/**
 * Training of linear models over sparse rows, with class weights for imbalanced data: one-against-
 * the-rest squared-hinge SVMs by dual coordinate descent (the default of every task), or a
 * multinomial logistic regression by averaged AdaGrad. Rows are the features seen in training
 * (exact hashes, or 2^b buckets); weights are quantised when training ends. Deterministic: the
 * shuffling comes from a seeded generator.
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
  /**
   * 0: one row per distinct feature hash. b > 0: features share 2^b rows by their hashes' low bits
   * (the hashing trick): a small, fast model for tasks with few labels.
   */
  hashBits: number;
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
  /** SVM: stop when the projected gradients span less than this (LIBLINEAR uses 0.1). */
  tolerance: number;
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
  hashBits: 0,
  average: true,
  solver: 'logistic',
  cost: 0.5,
  temperature: 3,
  tolerance: 0.1,
};

export interface LabelledText {
  text: string;
  label: string;
  /** How much this example counts; 1 when absent. */
  weight?: number;
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

  // Rows for the features (or buckets) seen in at least minCount examples.
  const bucket = options.hashBits > 0 ? (1 << options.hashBits) - 1 : -1;
  const counts = new Map<number, number>();
  for (const { vector } of examples) {
    for (let f = 0; f < vector.length; f++) {
      const key = (vector.keys[f] ?? 0) & bucket;
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
  // The same examples with row numbers instead of hashes, in one compressed sparse row table:
  // pruned features dropped, repeated features (a character n-gram twice in a text) summed.
  const n = examples.length;
  const start = new Int32Array(n + 1);
  let size = 0;
  for (const e of examples) size += e.vector.length;
  const idx = new Int32Array(size);
  const val = new Float32Array(size);
  const lastSeen = new Int32Array(keys.length).fill(-1);
  const position = new Int32Array(keys.length);
  const perClass = new Float64Array(classes);
  let at = 0;
  examples.forEach((e, i) => {
    start[i] = at;
    for (let f = 0; f < e.vector.length; f++) {
      const row = rowOf.get((e.vector.keys[f] ?? 0) & bucket);
      if (row === undefined) continue;
      const v = e.vector.values[f] ?? 0;
      if (lastSeen[row] === i) {
        const p = position[row] ?? 0;
        val[p] = (val[p] ?? 0) + v;
        continue;
      }
      lastSeen[row] = i;
      position[row] = at;
      idx[at] = row;
      val[at] = v;
      at++;
    }
    perClass[e.label] = (perClass[e.label] ?? 0) + (e.weight ?? 1);
  });
  start[n] = at;
  const rows: Rows = {
    start,
    idx,
    val,
    label: Int32Array.from(examples, (e) => e.label),
    weight: Float64Array.from(examples, (e) => e.weight ?? 1),
  };
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
    hashBits: Math.max(0, options.hashBits),
    keys: quantized.keys,
    weights: quantized.weights,
    scales: quantized.scales,
    bias: Float32Array.from(bias),
    link: options.solver === 'svm' ? 'sigmoid' : 'softmax',
  });
}

/** Examples as compressed sparse rows: example i has features start[i] .. start[i + 1] - 1. */
interface Rows {
  start: Int32Array;
  idx: Int32Array;
  val: Float32Array;
  label: Int32Array;
  weight: Float64Array;
}

interface Problem {
  rows: Rows;
  classes: number;
  classWeights: number[];
  /** Written in place: rows x classes. */
  weights: Float32Array;
  bias: Float64Array;
  options: TrainOptions;
}

const SKIP_GRADIENT = 1e-4;

/** Multinomial logistic regression by AdaGrad, averaged over all steps. */
function solveLogistic({ rows, classes, classWeights, weights, bias, options }: Problem): void {
  const { start, idx, val, label, weight } = rows;
  const n = label.length;
  const squared = new Float32Array(weights.length);
  // Averaged iterate (Polyak): avg = w - sum(t * dw) / T, kept without touching every weight each step.
  const timed = new Float32Array(weights.length);
  const biasTimed = new Float64Array(classes);
  const biasSquared = new Float64Array(classes);
  const scores = new Float64Array(classes);
  const gradient = new Float64Array(classes);
  const touched = new Int32Array(classes);
  const { learningRate: rate, l2 } = options;
  const random = seededRandom(options.seed);
  const order = Array.from({ length: n }, (_, i) => i);
  const eps = 1e-8;
  let step = 1;

  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffleInPlace(order, random);
    for (const i of order) {
      const from = start[i]!;
      const to = start[i + 1]!;
      for (let c = 0; c < classes; c++) scores[c] = bias[c]!;
      for (let f = from; f < to; f++) {
        const base = idx[f]! * classes;
        const v = val[f]!;
        for (let c = 0; c < classes; c++) scores[c] = scores[c]! + v * weights[base + c]!;
      }
      softmaxInPlace(scores);
      const w = weight[i]! * classWeights[label[i]!]!;
      // With many labels most probabilities are already near zero: their updates are skipped.
      let count = 0;
      for (let c = 0; c < classes; c++) {
        const g = w * (scores[c]! - (c === label[i] ? 1 : 0));
        if (Math.abs(g) < SKIP_GRADIENT) continue;
        gradient[c] = g;
        touched[count++] = c;
        const sq = biasSquared[c]! + g * g;
        biasSquared[c] = sq;
        const delta = (rate * g) / Math.sqrt(sq + eps);
        bias[c] = bias[c]! - delta;
        biasTimed[c] = biasTimed[c]! - step * delta;
      }
      for (let f = from; f < to; f++) {
        const base = idx[f]! * classes;
        const v = val[f]!;
        for (let k = 0; k < count; k++) {
          const c = touched[k]!;
          const at = base + c;
          const current = weights[at]!;
          const g = gradient[c]! * v + l2 * current;
          const sq = squared[at]! + g * g;
          squared[at] = sq;
          const delta = (rate * g) / Math.sqrt(sq + eps);
          weights[at] = current - delta;
          timed[at] = timed[at]! - step * delta;
        }
      }
      step++;
    }
    options.onProgress?.(epoch + 1, options.epochs);
  }

  if (options.average) {
    for (let i = 0; i < weights.length; i++) weights[i] = weights[i]! - timed[i]! / step;
    for (let c = 0; c < classes; c++) bias[c] = bias[c]! - biasTimed[c]! / step;
  }
}

/**
 * One binary squared-hinge SVM per class against the rest, solved in the dual by coordinate descent
 * (Hsieh et al., ICML 2008, as in LIBLINEAR), with the bias as a constant feature of value 1.
 */
function solveSvm({ rows, classes, classWeights, weights, bias, options }: Problem): void {
  const { start, idx, val, label, weight } = rows;
  const n = label.length;
  const norms = new Float64Array(n);
  const diagonals = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sq = 1;
    for (let f = start[i]!; f < start[i + 1]!; f++) sq += val[f]! * val[f]!;
    norms[i] = sq;
    // The dual of the squared hinge adds 1 / (2 C_i) to the diagonal and has no upper bound.
    diagonals[i] = 1 / (2 * options.cost * weight[i]! * classWeights[label[i]!]!);
  }
  const alpha = new Float64Array(n);
  const w = new Float64Array(weights.length / classes);
  const random = seededRandom(options.seed);
  const index = Int32Array.from({ length: n }, (_, i) => i);
  const maxPasses = Math.max(options.epochs, 1);
  options.onProgress?.(0, classes);
  for (let c = 0; c < classes; c++) {
    alpha.fill(0);
    w.fill(0);
    let b = 0;
    // Shrinking (as LIBLINEAR): an example at alpha = 0 whose gradient says it stays there is left
    // out of later passes, then everything is checked once more before stopping.
    let active = n;
    let maxOld = Number.POSITIVE_INFINITY;
    for (let pass = 0; pass < maxPasses; pass++) {
      for (let s = active - 1; s > 0; s--) {
        const j = Math.floor(random() * (s + 1));
        const tmp = index[s]!;
        index[s] = index[j]!;
        index[j] = tmp;
      }
      let maxNew = Number.NEGATIVE_INFINITY;
      let minNew = Number.POSITIVE_INFINITY;
      for (let s = 0; s < active; s++) {
        const i = index[s]!;
        const from = start[i]!;
        const to = start[i + 1]!;
        const y = label[i] === c ? 1 : -1;
        let margin = b;
        for (let f = from; f < to; f++) margin += val[f]! * w[idx[f]!]!;
        const a = alpha[i]!;
        const g = y * margin - 1 + diagonals[i]! * a;
        let projected = g;
        if (a === 0) {
          if (g > maxOld) {
            active--;
            index[s] = index[active]!;
            index[active] = i;
            s--;
            continue;
          }
          projected = Math.min(g, 0);
        }
        if (projected > maxNew) maxNew = projected;
        if (projected < minNew) minNew = projected;
        if (Math.abs(projected) < 1e-12) continue;
        const next = Math.max(a - g / (norms[i]! + diagonals[i]!), 0);
        const d = (next - a) * y;
        alpha[i] = next;
        for (let f = from; f < to; f++) {
          const at = idx[f]!;
          w[at] = w[at]! + d * val[f]!;
        }
        b += d;
      }
      if (maxNew - minNew <= options.tolerance) {
        if (active === n) break;
        active = n;
        maxOld = Number.POSITIVE_INFINITY;
        continue;
      }
      maxOld = maxNew <= 0 ? Number.POSITIVE_INFINITY : maxNew;
    }
    const t = options.temperature;
    for (let r = 0; r < w.length; r++) weights[r * classes + c] = t * w[r]!;
    bias[c] = t * b;
    options.onProgress?.(c + 1, classes);
  }
}
