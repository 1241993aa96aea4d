/**
 * How the shipped default models are trained, in one place for the model builder and `npm run eval`:
 * the public training split of each language plus the project's own customer-care seed mentions,
 * which teach the register of brand mentions that public tweet corpora lack.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Analyser } from '../analyse.js';
import { readCareSeed, readTextLabelSplit } from '../datasets-node.js';
import type { LinearModel } from '../linear/model.js';
import type { LabelledText } from '../linear/train.js';
import { type TaskTrainingOptions, trainTaskModel } from '../task-model.js';

export type SentimentLang = 'en' | 'fr';

export const DEFAULT_SENTIMENT = {
  en: { name: 'sent-en', folder: 'tweeteval-sentiment', file: 'sentiment-en.bin', seed: 'care-en.tsv' },
  fr: { name: 'sent-fr', folder: 'xlm-t-sentiment/french', file: 'sentiment-fr.bin', seed: 'care-fr.tsv' },
} as const;

/** How much one seed mention counts against one public tweet. */
export const CARE_SEED_WEIGHT = 5;

const TRAINING_DIR = fileURLToPath(new URL('.', import.meta.url));

export function careSeedPath(lang: SentimentLang): string {
  return join(TRAINING_DIR, DEFAULT_SENTIMENT[lang].seed);
}

export function defaultSentimentData(
  lang: SentimentLang,
  datasets: string,
  careWeight = CARE_SEED_WEIGHT,
): LabelledText[] {
  const spec = DEFAULT_SENTIMENT[lang];
  const data = readTextLabelSplit(join(datasets, spec.folder), 'train');
  if (careWeight > 0) data.push(...readCareSeed(careSeedPath(lang), careWeight).sentiment);
  return data;
}

export function trainDefaultSentiment(
  lang: SentimentLang,
  datasets: string,
  analyser: Analyser,
  options: TaskTrainingOptions & { careWeight?: number } = {},
): LinearModel {
  const { careWeight, ...training } = options;
  const data = defaultSentimentData(lang, datasets, careWeight);
  return trainTaskModel('sentiment', DEFAULT_SENTIMENT[lang].name, data, analyser, training);
}
