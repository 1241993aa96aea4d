/**
 * A brand's memory of its advisors' sentiment and intent corrections, combined with the shipped
 * models rather than replacing them. Retraining a whole sentiment model per brand would need the
 * public training data at run time (not on Workers) and seconds of CPU per brand; instead the
 * corrected texts are kept as word-level vectors and a new text close to one of them (cosine
 * similarity) moves the default answer towards the advisors' label, as far as it is close. Texts
 * unlike any correction keep the default answer, so a brand's corrections cannot drift the rest.
 */
import { createFeaturizer, type SparseVector } from '../linear/features.js';
import { prepareText } from '../prepare-text.js';
import { TOPIC_FEATURES } from '../topic/topic-model.js';
import type { Scored } from '../types.js';

export type CorrectionTask = 'sentiment' | 'intent';

export interface CorrectionExample {
  text: string;
  label: string;
  /** A newer correction of the same kind may count more; 1 when absent. */
  weight?: number;
}

export interface CorrectionModelData {
  kind: 'corrections';
  task: CorrectionTask;
  version: string;
  entries: { label: string; weight: number; keys: number[]; values: number[] }[];
}

export interface CorrectionOptions {
  /** Below this cosine similarity a correction says nothing about a text. */
  minSimilarity: number;
  /** How many of the closest corrections vote. */
  neighbours: number;
}

export const DEFAULT_CORRECTION_OPTIONS: CorrectionOptions = { minSimilarity: 0.45, neighbours: 5 };

export interface CorrectionModel {
  readonly data: CorrectionModelData;
  readonly version: string;
  /**
   * The default answer, moved towards the corrections close to this text: each label's share is
   * (1 - a) x the default's + a x the neighbours' vote, a being the closest similarity.
   */
  adjust<L extends string>(vector: SparseVector, base: Scored<L>, labels: readonly L[]): Scored<L>;
}

/** Word and word-pair features only: what a text is about, not its spelling. */
const FEATURES = TOPIC_FEATURES;

function merged(vector: SparseVector): Map<number, number> {
  const out = new Map<number, number>();
  const scale = vector.scale ?? 1;
  for (let i = 0; i < vector.length; i++) {
    const key = vector.keys[i] ?? 0;
    out.set(key, (out.get(key) ?? 0) + (vector.values[i] ?? 0) * scale);
  }
  return out;
}

function normalised(map: Map<number, number>): Map<number, number> {
  let norm = 0;
  for (const v of map.values()) norm += v * v;
  norm = Math.sqrt(norm);
  if (norm > 0) for (const [k, v] of map) map.set(k, v / norm);
  return map;
}

/** FNV-1a of the model's content: the same corrections give the same version. */
function hashOf(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

export function trainCorrectionModel(
  task: CorrectionTask,
  name: string,
  examples: readonly CorrectionExample[],
): CorrectionModelData {
  const featurizer = createFeaturizer(FEATURES);
  const entries: CorrectionModelData['entries'] = [];
  for (const e of examples) {
    const map = normalised(merged(featurizer.extract(prepareText(e.text))));
    if (map.size === 0) continue;
    const keys = [...map.keys()].sort((a, b) => a - b);
    entries.push({
      label: e.label,
      weight: e.weight ?? 1,
      keys,
      values: keys.map((k) => Math.round((map.get(k) ?? 0) * 1e4) / 1e4),
    });
  }
  const version = `${name}@${hashOf(JSON.stringify([task, entries]))}`;
  return { kind: 'corrections', task, version, entries };
}

export function encodeCorrectionModel(data: CorrectionModelData): string {
  return JSON.stringify(data);
}

export function decodeCorrectionModel(text: string): CorrectionModelData {
  const data = JSON.parse(text) as CorrectionModelData;
  if (data?.kind !== 'corrections' || !Array.isArray(data.entries)) {
    throw new Error('Not a correction model');
  }
  return data;
}

export function correctionModelOf(
  data: CorrectionModelData,
  partial: Partial<CorrectionOptions> = {},
): CorrectionModel {
  const options = { ...DEFAULT_CORRECTION_OPTIONS, ...partial };
  // Inverted index: for each feature, the corrections holding it and its value there.
  const postings = new Map<number, { entry: number; value: number }[]>();
  data.entries.forEach((e, entry) => {
    e.keys.forEach((key, i) => {
      const list = postings.get(key) ?? [];
      if (list.length === 0) postings.set(key, list);
      list.push({ entry, value: e.values[i] ?? 0 });
    });
  });
  const similarity = new Float64Array(data.entries.length);

  return {
    data,
    version: data.version,
    adjust(vector, base, labels) {
      if (data.entries.length === 0) return base;
      const query = normalised(merged(vector));
      similarity.fill(0);
      const touched: number[] = [];
      for (const [key, value] of query) {
        const list = postings.get(key);
        if (!list) continue;
        for (const p of list) {
          if (similarity[p.entry] === 0) touched.push(p.entry);
          similarity[p.entry] = (similarity[p.entry] ?? 0) + value * p.value;
        }
      }
      const close = touched
        .filter((i) => (similarity[i] ?? 0) >= options.minSimilarity)
        .sort((a, b) => (similarity[b] ?? 0) - (similarity[a] ?? 0))
        .slice(0, options.neighbours);
      if (close.length === 0) return base;
      const votes = new Map<string, number>();
      let total = 0;
      for (const i of close) {
        const e = data.entries[i]!;
        const w = (similarity[i] ?? 0) * e.weight;
        votes.set(e.label, (votes.get(e.label) ?? 0) + w);
        total += w;
      }
      const reach = Math.min(1, similarity[close[0]!] ?? 0);
      // The default model's answer as a distribution: its label's score, the rest shared evenly.
      const rest = labels.length > 1 ? (1 - base.score) / (labels.length - 1) : 0;
      let best: Scored<(typeof labels)[number]> | null = null;
      for (const label of labels) {
        const prior = label === base.label ? base.score : rest;
        const score = (1 - reach) * prior + reach * ((votes.get(label) ?? 0) / total);
        if (!best || score > best.score) best = { label, score };
      }
      return best ?? base;
    },
  };
}
