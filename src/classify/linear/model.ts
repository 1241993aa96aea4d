/**
 * A multinomial linear model over hashed features. Only the hashes seen in training have a row of
 * weights; an open-addressing table maps a hash to its row, so a model holds what it learned and
 * nothing more, and a feature it never saw costs one probe.
 */
import type { PreparedText } from '../prepare-text.js';
import { createFeaturizer, type FeatureOptions, type Featurizer, type SparseVector } from './features.js';

export interface LinearModelData {
  /** What the model is for ("sentiment-en", "topic"...): part of its version string. */
  name: string;
  labels: string[];
  features: FeatureOptions;
  /** Feature hash of each row. */
  keys: Int32Array;
  /** rows x labels, row-major. */
  weights: Float32Array;
  /** The quantisation step of each label's weights: every weight is a whole multiple of it. */
  scales: number[];
  bias: Float32Array;
}

export interface LinearModel extends LinearModelData {
  /** `name@hash-of-the-weights`: the same file gives the same version on every runtime. */
  readonly version: string;
  /** Probabilities per label, in `labels` order, written into `out` (allocated when absent). */
  predictVector(vector: SparseVector, out?: Float64Array): Float64Array;
  predict(prepared: PreparedText, out?: Float64Array): Float64Array;
}

export function createLinearModel(data: LinearModelData): LinearModel {
  const { keys, weights, bias, labels } = data;
  const classes = labels.length;
  const rows = keys.length;
  let size = 16;
  while (size < rows * 2) size *= 2;
  const mask = size - 1;
  const slotKeys = new Int32Array(size);
  const slotRows = new Int32Array(size).fill(-1);
  for (let r = 0; r < rows; r++) {
    const key = keys[r] ?? 0;
    let s = key & mask;
    while ((slotRows[s] ?? -1) >= 0 && slotKeys[s] !== key) s = (s + 1) & mask;
    slotKeys[s] = key;
    slotRows[s] = r;
  }
  const featurizer: Featurizer = createFeaturizer(data.features);

  function predictVector(vector: SparseVector, out: Float64Array = new Float64Array(classes)): Float64Array {
    for (let c = 0; c < classes; c++) out[c] = bias[c] ?? 0;
    for (let f = 0; f < vector.length; f++) {
      const key = vector.keys[f] ?? 0;
      let s = key & mask;
      let row = slotRows[s] ?? -1;
      while (row >= 0 && slotKeys[s] !== key) {
        s = (s + 1) & mask;
        row = slotRows[s] ?? -1;
      }
      if (row < 0) continue;
      const v = vector.values[f] ?? 0;
      const base = row * classes;
      for (let c = 0; c < classes; c++) out[c] = (out[c] ?? 0) + v * (weights[base + c] ?? 0);
    }
    return softmaxInPlace(out);
  }

  return {
    ...data,
    version: `${data.name}@${weightsHash(data)}`,
    predictVector,
    predict: (prepared, out) => predictVector(featurizer.extract(prepared), out),
  };
}

export function softmaxInPlace(scores: Float64Array): Float64Array {
  let max = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < scores.length; c++) max = Math.max(max, scores[c] ?? 0);
  let sum = 0;
  for (let c = 0; c < scores.length; c++) {
    const e = Math.exp((scores[c] ?? 0) - max);
    scores[c] = e;
    sum += e;
  }
  for (let c = 0; c < scores.length; c++) scores[c] = (scores[c] ?? 0) / sum;
  return scores;
}

/** Index of the largest value (the first one on ties). */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] ?? 0) > (values[best] ?? 0)) best = i;
  return best;
}

/** FNV-1a over the labels, the options, the keys and the weights' bits: eight hex digits. */
function weightsHash(data: LinearModelData): string {
  let h = 0x811c9dc5;
  const text = `${data.name}|${data.labels.join(',')}|${JSON.stringify(data.features)}`;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  const words = [
    data.keys,
    new Int32Array(data.weights.buffer, data.weights.byteOffset, data.weights.length),
  ];
  words.push(new Int32Array(data.bias.buffer, data.bias.byteOffset, data.bias.length));
  for (const array of words)
    for (let i = 0; i < array.length; i++) h = Math.imul(h ^ (array[i] ?? 0), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}
