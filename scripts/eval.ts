/**
 * `npm run eval`: trains every model the way the shipped defaults are trained, then measures it on
 * the validation splits of ../shared/datasets (never a test split), and prints the goal table, the
 * speed figures and the figures on our hand-labelled care mentions. Deterministic apart from time.
 *   npx tsx scripts/eval.ts [datasets-dir] [--quick]
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAnalyser } from '../src/classify/analyse.js';
import {
  readBanking77,
  readClinc150,
  readTextLabelSplit,
  SENTIMENT_LABELS,
} from '../src/classify/datasets-node.js';
import { createFeaturizer, DEFAULT_FEATURES } from '../src/classify/linear/features.js';
import { argmax, type LinearModel } from '../src/classify/linear/model.js';
import { stratifiedSplit } from '../src/classify/linear/random.js';
import type { LabelledText } from '../src/classify/linear/train.js';
import { evaluate } from '../src/classify/metrics.js';
import { createModelClassifier } from '../src/classify/model-classifier.js';
import { loadDefaultModels } from '../src/classify/models-node.js';
import { prepareText } from '../src/classify/prepare-text.js';
import { priorityOf } from '../src/classify/priority.js';
import { createRuleClassifier } from '../src/classify/rule-classifier.js';
import { trainTaskModel } from '../src/classify/task-model.js';
import {
  CARE_SEED_WEIGHT,
  defaultSentimentData,
  type SentimentLang,
} from '../src/classify/training/defaults-node.js';
import type { Classifier, TopicDef } from '../src/classify/types.js';
import { holdoutMentions } from '../tests/classify/fixtures/holdout-mentions.js';
import { englishMentions, frenchMentions, hardMentions } from '../tests/classify/fixtures/mentions.js';
import { brandTopics } from '../tests/classify/fixtures/topics.js';

const args = process.argv.slice(2);
const datasets = args.find((a) => !a.startsWith('--')) ?? join(import.meta.dirname, '../../shared/datasets');
const quick = args.includes('--quick');

/** Banking77 ships one split: this fixed, stratified share of it is held out for validation. */
const BANKING_HELD_OUT = 0.15;
const BANKING_SEED = 77;
/**
 * CLINC150 "not ours": `oos` is an explicit class (trained on oos_train) and, besides, a text
 * whose best intent has a probability under this threshold is out of scope. Chosen on the CLINC
 * validation split (the sweep printed below), the only data it was tuned on.
 */
const CLINC_OOS_THRESHOLD = 0.15;

interface Throughput {
  perSecond: number;
  cpuPerSecond: number;
  runs: number;
  texts: number;
  version: string;
}

/** The throughput measurement, run alone in its own process (see below). */
function measureThroughput(): Throughput {
  const classifier = createModelClassifier(loadDefaultModels());
  const texts = readTextLabelSplit(join(datasets, 'tweeteval-sentiment'), 'val').map((d) => d.text);
  const topics: TopicDef[] = brandTopics;
  let sink = 0;
  const once = () => {
    for (const text of texts) {
      const c = classifier.classify({ text, topics });
      sink += priorityOf({
        sentiment: c.sentiment,
        intent: c.intent,
        followers: 1200,
        waitingMinutes: 30,
        needsSpecialist: c.needsSpecialist,
      });
    }
  };
  once(); // warm-up: compiled code, stem caches, the brand's topic model
  const runs = quick ? 5 : 20;
  let best = 0;
  let bestCpu = 0;
  for (let run = 0; run < runs; run++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    once();
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    best = Math.max(best, (texts.length / ms) * 1000);
    bestCpu = Math.max(bestCpu, (texts.length / ((used.user + used.system) / 1000)) * 1000);
  }
  if (sink < 0) console.error('unreachable');
  return {
    perSecond: Math.round(best),
    cpuPerSecond: Math.round(bestCpu),
    runs,
    texts: texts.length,
    version: classifier.version,
  };
}

if (args.includes('--throughput')) {
  console.log(JSON.stringify(measureThroughput()));
  process.exit(0);
}

const analyser = createAnalyser();
const featurizer = createFeaturizer(DEFAULT_FEATURES);
const f3 = (x: number) => x.toFixed(3);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const rows: string[][] = [];
const notes: string[] = [];

function time<T>(fn: () => T): [T, number] {
  const started = performance.now();
  const result = fn();
  return [result, performance.now() - started];
}

function predictLabel(model: LinearModel, text: string): string {
  return model.labels[argmax(model.predictVector(featurizer.extract(prepareText(text))))] ?? '';
}

// --- Sentiment -------------------------------------------------------------------------------
const SENTIMENT = {
  en: {
    folder: 'tweeteval-sentiment',
    task: 'English sentiment, TweetEval',
    metric: 'macro recall',
    goal: 0.66,
  },
  fr: {
    folder: 'xlm-t-sentiment/french',
    task: 'French sentiment, XLM-T French',
    metric: 'macro F1',
    goal: 0.66,
  },
} as const;

const trainedSentiment: Partial<Record<SentimentLang, LinearModel>> = {};
for (const lang of ['en', 'fr'] as SentimentLang[]) {
  const spec = SENTIMENT[lang];
  const val = readTextLabelSplit(join(datasets, spec.folder), 'val');
  for (const careWeight of quick ? [CARE_SEED_WEIGHT] : [0, CARE_SEED_WEIGHT]) {
    const data = defaultSentimentData(lang, datasets, careWeight);
    const [model, ms] = time(() => trainTaskModel('sentiment', `sent-${lang}`, data, analyser));
    if (careWeight > 0) trainedSentiment[lang] = model;
    const classifier = createModelClassifier({ sentiment: { [lang]: model } });
    const predicted = val.map((v) => classifier.classify({ text: v.text, topics: [] }).sentiment.label);
    const e = evaluate(
      val.map((v) => v.label),
      predicted,
      [...SENTIMENT_LABELS],
    );
    const figure = lang === 'en' ? e.macroRecall : e.macroF1;
    const recipe = careWeight > 0 ? 'shipped: train + care seeds' : 'train split only';
    rows.push([
      `${spec.task} (${recipe})`,
      spec.metric,
      `>= ${spec.goal}`,
      f3(figure),
      figure >= spec.goal ? 'yes' : 'NO',
    ]);
    notes.push(
      `${spec.task} (${recipe}): ${data.length} texts, trained in ${seconds(ms)}; accuracy ${f3(e.accuracy)}, ` +
        `macro recall ${f3(e.macroRecall)}, macro F1 ${f3(e.macroF1)}, recall per class ` +
        `${e.perClass.map((c) => `${c.label} ${f3(c.recall)}`).join(', ')}; ${model.version}, ${model.keys.length} rows`,
    );
  }
}

{
  const shipped = loadDefaultModels();
  for (const lang of ['en', 'fr'] as SentimentLang[]) {
    const file = shipped.sentiment?.[lang]?.version ?? 'missing';
    const fresh = trainedSentiment[lang]?.version ?? 'not trained';
    notes.push(
      file === fresh
        ? `models/ sentiment ${lang}: ${file}, identical to the model trained above`
        : `models/ sentiment ${lang}: ${file} differs from the model trained above (${fresh}): rebuild models/`,
    );
  }
}

// --- Topic routing: Banking77 ------------------------------------------------------------------
{
  const all = readBanking77(join(datasets, 'banking77'));
  const { train, heldOut } = stratifiedSplit(all, BANKING_HELD_OUT, BANKING_SEED);
  const [model, ms] = time(() => trainTaskModel('topic', 'banking77', train, analyser));
  const e = evaluate(
    heldOut.map((d) => d.label),
    heldOut.map((d) => predictLabel(model, d.text)),
  );
  rows.push([
    'Topic routing, Banking77',
    'accuracy',
    '>= 0.90',
    f3(e.accuracy),
    e.accuracy >= 0.9 ? 'yes' : 'NO',
  ]);
  notes.push(
    `Banking77: ${train.length} training texts, ${heldOut.length} held out (stratified ${BANKING_HELD_OUT * 100}%, ` +
      `seed ${BANKING_SEED}); trained in ${seconds(ms)}; macro F1 ${f3(e.macroF1)}`,
  );
}

// --- Routing with "not ours": CLINC150 ----------------------------------------------------------
{
  const clinc = readClinc150(join(datasets, 'clinc150'));
  const [model, ms] = time(() =>
    trainTaskModel('topic', 'clinc150', [...clinc.train, ...clinc.oosTrain], analyser),
  );
  const val: LabelledText[] = [...clinc.val, ...clinc.oosVal];
  const probabilities = val.map((v) =>
    Float64Array.from(model.predictVector(featurizer.extract(prepareText(v.text)))),
  );
  const measure = (threshold: number) => {
    let inScope = 0;
    let inScopeRight = 0;
    let oos = 0;
    let oosFound = 0;
    val.forEach((v, i) => {
      const p = probabilities[i] ?? new Float64Array(0);
      const best = argmax(p);
      const label = (p[best] ?? 0) < threshold ? 'oos' : (model.labels[best] ?? '');
      if (v.label === 'oos') {
        oos++;
        if (label === 'oos') oosFound++;
      } else {
        inScope++;
        if (label === v.label) inScopeRight++;
      }
    });
    return { accuracy: inScopeRight / inScope, recall: oosFound / oos };
  };
  const chosen = measure(CLINC_OOS_THRESHOLD);
  const pass = chosen.accuracy >= 0.91 && chosen.recall >= 0.4;
  rows.push([
    'CLINC150 (oos class + threshold)',
    'in-scope accuracy / oos recall',
    '>= 0.91 / >= 0.40',
    `${f3(chosen.accuracy)} / ${f3(chosen.recall)}`,
    pass ? 'yes' : 'NO',
  ]);
  const sweep = [0, 0.1, 0.15, 0.2, 0.25, 0.3].map((t) => {
    const m = measure(t);
    return `${t}: ${f3(m.accuracy)} / ${f3(m.recall)}`;
  });
  notes.push(
    `CLINC150: ${clinc.train.length} + ${clinc.oosTrain.length} oos training texts, trained in ${seconds(ms)}; ` +
      `threshold ${CLINC_OOS_THRESHOLD} on the best intent's probability, chosen on this validation split ` +
      `(sweep, in-scope accuracy / oos recall: ${sweep.join('; ')})`,
  );
}

// --- Throughput: the whole classification of a tweet-sized text, one core ----------------------
// Measured in a fresh process on the shipped model files, as the service loads them: after all the
// training above, this process's heap and compiled code say more about training than serving.
const sentimentEn = trainedSentiment.en;
const sentimentFr = trainedSentiment.fr;
const classifier = createModelClassifier({
  sentiment: { ...(sentimentEn ? { en: sentimentEn } : {}), ...(sentimentFr ? { fr: sentimentFr } : {}) },
});
{
  const child = spawnSync(
    process.execPath,
    [
      ...process.execArgv,
      fileURLToPath(import.meta.url),
      datasets,
      '--throughput',
      ...(quick ? ['--quick'] : []),
    ],
    { encoding: 'utf8' },
  );
  const result = JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as Partial<Throughput>;
  const perSecond = result.perSecond ?? 0;
  rows.push([
    'Throughput, whole classification (language + sentiment + intent + topic + priority)',
    'texts per second, one core',
    '>= 20,000',
    `${perSecond.toLocaleString('en-US')} (CPU time: ${(result.cpuPerSecond ?? 0).toLocaleString('en-US')})`,
    perSecond >= 20_000 ? 'yes' : 'NO',
  ]);
  notes.push(
    `Throughput: best of ${result.runs ?? 0} runs over the ${result.texts ?? 0} TweetEval validation tweets, ` +
      `fresh process, shipped models (${result.version ?? child.stderr.slice(0, 200)}), a four-topic brand ` +
      '(keyword rules + its trained topic model), priority included',
  );
}

// --- Training time on 50,000 tweets ---------------------------------------------------------------
{
  const data = defaultSentimentData('en', datasets);
  // Up to 50,000 texts: the training split and the care seeds, topped up from the start of the split.
  const fifty = [...data, ...data.slice(0, Math.max(0, 50_000 - data.length))];
  const [, ms] = time(() => trainTaskModel('sentiment', 'sent-en', fifty, analyser));
  rows.push([
    'Training on 50,000 tweets (features + SVM)',
    'seconds',
    '< 30',
    (ms / 1000).toFixed(1),
    ms < 30_000 ? 'yes' : 'NO',
  ]);
}

// --- Our own care mentions (tests/classify/fixtures): the register the defaults must serve ---------
function mentionAccuracy(c: Classifier, set: typeof holdoutMentions) {
  const hits = { language: 0, sentiment: 0, intent: 0, topic: 0 };
  for (const m of set) {
    const r = c.classify({ text: m.text, languageHint: m.hint ?? null, topics: brandTopics });
    if (r.language.label === m.lang) hits.language++;
    if (r.sentiment.label === m.sentiment) hits.sentiment++;
    if (r.intent.label === m.intent) hits.intent++;
    if (r.topic.label === m.topic) hits.topic++;
  }
  const n = set.length;
  return `language ${f3(hits.language / n)}, sentiment ${f3(hits.sentiment / n)}, intent ${f3(hits.intent / n)}, topic ${f3(hits.topic / n)}`;
}
const rules = createRuleClassifier();
const careSets = {
  'tuning set (78, the rules were written against it)': [...frenchMentions, ...englishMentions],
  'hold-out (44, never tuned on)': [...holdoutMentions, ...hardMentions],
};
for (const [name, set] of Object.entries(careSets)) {
  notes.push(
    `Care mentions, ${name}: models ${mentionAccuracy(classifier, set)}; rules ${mentionAccuracy(rules, set)}`,
  );
}

// --- Language detection on the XLM-T validation splits ------------------------------------------------
for (const [lang, folder] of [
  ['en', 'xlm-t-sentiment/english'],
  ['fr', 'xlm-t-sentiment/french'],
] as const) {
  const val = readTextLabelSplit(join(datasets, folder), 'val');
  const right = val.filter(
    (v) => classifier.classify({ text: v.text, topics: [] }).language.label === lang,
  ).length;
  notes.push(`Language detection, XLM-T ${lang} validation: ${f3(right / val.length)} of ${val.length}`);
}

const header = ['task', 'metric', 'goal', 'ours (validation)', 'met'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
console.log(
  `Passerelle classifiers, validation splits (${new Date().toISOString().slice(0, 10)}, node ${process.version}, ` +
    `${cpus()[0]?.model ?? 'cpu'}, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')})\n`,
);
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows) console.log(line(r));
console.log('');
for (const n of notes) console.log(`- ${n}`);
