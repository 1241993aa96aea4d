/**
 * A linear model over hashed features, in one of two layouts:
 * - exact (hashBits 0): only the hashes seen in training have a row; an open-addressing table maps
 *   a hash to its row, so a model holds what it learned and nothing more. Suits topic models, with
 *   many labels and few texts.
 * - bucketed (hashBits b): a feature's row is its hash's low b bits (the hashing trick), looked up
 *   directly. With b = 16 a three-label model is a 256 KB table that stays in the processor's
 *   cache, which is what makes sentiment fast; collisions cost next to nothing (BENCHMARKS.md).
 * Weights are whole multiples of a per-label scale and are held as signed bytes at run time.
 */
import type { PreparedText } from '../prepare-text.js';
import { createFeaturizer, type FeatureOptions, type Featurizer, type SparseVector } from './features.js';

export interface LinearModelData {
  /** What the model is for ("sent-en", "topic"...): part of its version string. */
  name: string;
  labels: string[];
  features: FeatureOptions;
  /** 0: rows keyed by exact feature hashes; b > 0: rows keyed by the hashes' low b bits. */
  hashBits: number;
  /** Feature hash (or bucket) of each row. */
  keys: Int32Array;
  /** rows x labels, row-major. */
  weights: Float32Array;
  /** The quantisation step of each label's weights: every weight is a whole multiple of it. */
  scales: number[];
  bias: Float32Array;
  /**
   * How scores become probabilities: 'softmax' for multinomial logistic regression; 'sigmoid' for
   * one-against-the-rest models, where each label's probability stands alone (none may be likely,
   * which is how such a model says "none of these").
   */
  link: 'softmax' | 'sigmoid';
}

export interface LinearModel extends LinearModelData {
  /** `name@hash-of-the-weights`: the same file gives the same version on every runtime. */
  readonly version: string;
  /** Probabilities per label, in `labels` order, written into `out` (allocated when absent). */
  predictVector(vector: SparseVector, out?: Float64Array): Float64Array;
  /** The same from a text's own features, without cues: for models trained without any. */
  predict(prepared: PreparedText, out?: Float64Array): Float64Array;
}

/** Bucketed layout: a dense byte table, one row per bucket (4 bytes for three labels). */
function bucketTable(data: LinearModelData, stride: number): Int8Array {
  const classes = data.labels.length;
  const mask = (1 << data.hashBits) - 1;
  const bytes = new Int8Array((mask + 1) * stride);
  for (let r = 0; r < data.keys.length; r++) {
    const at = ((data.keys[r] ?? 0) & mask) * stride;
    for (let c = 0; c < classes; c++) bytes[at + c] = quantum(data, r, c);
  }
  return bytes;
}

/**
 * Exact layout: open addressing, each slot holding the hash then the row's weights, side by side,
 * so a lookup touches one cache line. Hash 0 marks an empty slot; a real 0 is stored as 1.
 */
interface ExactTable {
  bytes: Int8Array;
  slotKeys: Int32Array;
  words: number;
  mask: number;
  end: number;
}

function exactTable(data: LinearModelData): ExactTable {
  const classes = data.labels.length;
  const rows = data.keys.length;
  const words = Math.ceil((4 + classes) / 4);
  let size = 16;
  // A load factor under 0.4 keeps probe runs short, misses included.
  while (size < rows * 2.5) size *= 2;
  const mask = size - 1;
  const end = size * words;
  const buffer = new ArrayBuffer(end * 4);
  const slotKeys = new Int32Array(buffer);
  const bytes = new Int8Array(buffer);
  for (let r = 0; r < rows; r++) {
    const key = data.keys[r] || 1;
    let at = (key & mask) * words;
    while (slotKeys[at] !== 0 && slotKeys[at] !== key) at = at + words === end ? 0 : at + words;
    slotKeys[at] = key;
    for (let c = 0; c < classes; c++) bytes[at * 4 + 4 + c] = quantum(data, r, c);
  }
  return { bytes, slotKeys, words, mask, end };
}

function quantum(data: LinearModelData, row: number, label: number): number {
  const classes = data.labels.length;
  return Math.round((data.weights[row * classes + label] ?? 0) / (data.scales[label] || 1));
}

export function createLinearModel(data: LinearModelData): LinearModel {
  const { bias, labels } = data;
  const classes = labels.length;
  const scales = Float64Array.from(labels, (_, c) => data.scales[c] || 1);
  const bucketed = data.hashBits > 0;
  const stride = classes === 3 ? 4 : classes;
  const exact = bucketed ? null : exactTable(data);
  const bytes = exact ? exact.bytes : bucketTable(data, stride);
  const mask = bucketed ? (1 << data.hashBits) - 1 : 0;
  const featurizer: Featurizer = createFeaturizer(data.features);

  function predictVector(vector: SparseVector, out: Float64Array = new Float64Array(classes)): Float64Array {
    const { keys, values } = vector;
    if (bucketed && classes === 3) {
      // Sentiment, which every text goes through: direct lookups, sums kept in registers.
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      for (let f = 0; f < vector.length; f++) {
        const at = (keys[f]! & mask) << 2;
        const v = values[f]!;
        s0 += v * bytes[at]!;
        s1 += v * bytes[at + 1]!;
        s2 += v * bytes[at + 2]!;
      }
      out[0] = s0;
      out[1] = s1;
      out[2] = s2;
    } else if (bucketed) {
      out.fill(0);
      for (let f = 0; f < vector.length; f++) {
        const at = (keys[f]! & mask) * stride;
        const v = values[f]!;
        for (let c = 0; c < classes; c++) out[c] = out[c]! + v * bytes[at + c]!;
      }
    } else if (exact) {
      out.fill(0);
      const { slotKeys, words, end } = exact;
      const slotMask = exact.mask;
      for (let f = 0; f < vector.length; f++) {
        const key = keys[f]! || 1;
        let at = (key & slotMask) * words;
        let found = slotKeys[at]!;
        while (found !== key && found !== 0) {
          at = at + words === end ? 0 : at + words;
          found = slotKeys[at]!;
        }
        if (found === 0) continue;
        const v = values[f]!;
        const base = at * 4 + 4;
        for (let c = 0; c < classes; c++) out[c] = out[c]! + v * bytes[base + c]!;
      }
    }
    const scale = vector.scale ?? 1;
    for (let c = 0; c < classes; c++) out[c] = out[c]! * scales[c]! * scale + bias[c]!;
    return data.link === 'sigmoid' ? sigmoidInPlace(out) : softmaxInPlace(out);
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

export function sigmoidInPlace(scores: Float64Array): Float64Array {
  for (let c = 0; c < scores.length; c++) scores[c] = 1 / (1 + Math.exp(-(scores[c] ?? 0)));
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
  const text = `${data.name}|${data.link}|${data.hashBits}|${data.labels.join(',')}|${JSON.stringify(data.features)}`;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  const arrays = [
    data.keys,
    new Int32Array(data.weights.buffer, data.weights.byteOffset, data.weights.length),
    new Int32Array(data.bias.buffer, data.bias.byteOffset, data.bias.length),
  ];
  for (const array of arrays)
    for (let i = 0; i < array.length; i++) h = Math.imul(h ^ (array[i] ?? 0), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}
