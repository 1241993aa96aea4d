/**
 * Measures the rule classifier on the validation splits of the public datasets (never the test
 * splits, which are kept aside). Run from the project root:
 *   npx tsx src/classify/training/evaluate-rules.ts [datasets-dir]
 */
import { join } from 'node:path';
import { readTextLabelSplit } from '../datasets-node.js';
import { createRuleClassifier } from '../rule-classifier.js';
import type { Sentiment } from '../types.js';

const datasets = process.argv[2] ?? '../shared/datasets';
const LABELS: Sentiment[] = ['negative', 'neutral', 'positive'];

const classifier = createRuleClassifier();

function evaluate(name: string, folder: string, expectedLang: 'en' | 'fr'): void {
  // The reader keeps a last line without a newline (the XLM-T files have none) and decodes escapes.
  const split = readTextLabelSplit(join(datasets, folder), 'val');
  const texts = split.map((d) => d.text);
  const gold = split.map((d) => d.label as Sentiment);
  const confusion = LABELS.map(() => LABELS.map(() => 0));
  let langHits = 0;
  texts.forEach((text, i) => {
    const result = classifier.classify({ text, topics: [] });
    if (result.language.label === expectedLang) langHits++;
    const row = confusion[LABELS.indexOf(gold[i] as Sentiment)];
    const col = LABELS.indexOf(result.sentiment.label);
    if (row) row[col] = (row[col] ?? 0) + 1;
  });
  const recall = LABELS.map((_, i) => {
    const row = confusion[i] ?? [];
    const total = row.reduce((a, b) => a + b, 0);
    return total === 0 ? 0 : (row[i] ?? 0) / total;
  });
  const f1 = LABELS.map((_, i) => {
    const predicted = confusion.reduce((sum, row) => sum + (row[i] ?? 0), 0);
    const precision = predicted === 0 ? 0 : (confusion[i]?.[i] ?? 0) / predicted;
    const r = recall[i] ?? 0;
    return precision + r === 0 ? 0 : (2 * precision * r) / (precision + r);
  });
  const mean = (xs: number[]): string => (xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(3);
  console.log(
    `${name}: n=${texts.length} language=${(langHits / texts.length).toFixed(3)} ` +
      `sentiment macro-recall=${mean(recall)} macro-F1=${mean(f1)} recall(neg,neu,pos)=${recall.map((r) => r.toFixed(2)).join(',')}`,
  );
}

evaluate('XLM-T French val', 'xlm-t-sentiment/french', 'fr');
evaluate('XLM-T English val', 'xlm-t-sentiment/english', 'en');
evaluate('TweetEval val', 'tweeteval-sentiment', 'en');
