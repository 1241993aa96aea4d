/**
 * Trains the default models shipped in models/ from the training splits and the project's seed
 * mentions (the validation splits measure them; the test splits are kept aside). Deterministic:
 * the same data gives the same bytes and the same versions. Run from the project root:
 *   npx tsx src/classify/training/build-models.ts [datasets-dir] [models-dir]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAnalyser } from '../analyse.js';
import { encodeModel } from '../linear/serialize.js';
import { DEFAULT_SENTIMENT, type SentimentLang, trainDefaultSentiment } from './defaults-node.js';

const datasets = process.argv[2] ?? '../shared/datasets';
const out = process.argv[3] ?? 'models';
mkdirSync(out, { recursive: true });
const analyser = createAnalyser();

for (const lang of ['en', 'fr'] as SentimentLang[]) {
  const started = performance.now();
  const model = trainDefaultSentiment(lang, datasets, analyser);
  const bytes = encodeModel(model);
  const file = DEFAULT_SENTIMENT[lang].file;
  writeFileSync(join(out, file), bytes);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`${file}: ${model.version}, ${model.keys.length} rows, ${bytes.length} bytes, ${seconds} s`);
}
