/**
 * What `passerelle classify | train | eval` do, as functions the CLI wires to its arguments and
 * streams (Node only: reads and writes files). Everything is computed by the same code the
 * service runs.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createAnalyser } from './analyse.js';
import { readLabelledFile } from './datasets-node.js';
import type { LinearModel } from './linear/model.js';
import { decodeModel, encodeModel } from './linear/serialize.js';
import { type Evaluation, evaluate, formatEvaluation } from './metrics.js';
import { type ClassifierModels, createModelClassifier } from './model-classifier.js';
import { loadDefaultModels } from './models-node.js';
import { priorityOf } from './priority.js';
import { RULES_VERSION } from './rule-classifier.js';
import { labelsOf, normaliseLabel, TASKS, type Task, trainTaskModel } from './task-model.js';
import type { Classifier, TopicDef } from './types.js';

export type Progress = (phase: 'features' | 'train', done: number, total: number) => void;

interface InputLine {
  text: string;
  languageHint: string | null;
  followers: number | null;
  waitingMinutes: number;
  id?: unknown;
}

/** A line is a JSON object with a `text` string, or else the text itself. */
function readLine(line: string): InputLine {
  const trimmed = line.trimStart();
  if (trimmed.startsWith('{')) {
    try {
      const row = JSON.parse(trimmed) as Record<string, unknown>;
      if (row !== null && typeof row === 'object' && typeof row.text === 'string') {
        const hint = row.languageHint ?? row.lang ?? row.language;
        return {
          text: row.text,
          languageHint: typeof hint === 'string' ? hint : null,
          followers:
            typeof row.followers === 'number' && Number.isFinite(row.followers) ? row.followers : null,
          waitingMinutes:
            typeof row.waitingMinutes === 'number' && Number.isFinite(row.waitingMinutes)
              ? row.waitingMinutes
              : 0,
          ...(row.id !== undefined ? { id: row.id } : {}),
        };
      }
    } catch {
      // Not JSON after all: a text that happens to start with a brace.
    }
  }
  return { text: line, languageHint: null, followers: null, waitingMinutes: 0 };
}

/** Bytes from standard input as text; invalid UTF-8 becomes U+FFFD rather than an error. */
export function decodeInput(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

/**
 * One JSON line out per line in (plain text, or JSON with `text` and optionally `languageHint`,
 * `followers`, `waitingMinutes`, `id`), in order: language, sentiment, intent, topic (each
 * `{ label, score }`), needsSpecialist, priority and modelVersion. `id` is passed through.
 */
export function classifyLines(
  input: string,
  models: ClassifierModels | Classifier,
  options: { topics?: TopicDef[] } = {},
): string {
  const classifier = 'classify' in models ? models : createModelClassifier(models);
  const topics = options.topics ?? [];
  const lines = input.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const out: string[] = [];
  for (const line of lines) {
    const row = readLine(line);
    const c = classifier.classify({ text: row.text, languageHint: row.languageHint, topics });
    const priority = priorityOf({
      sentiment: c.sentiment,
      intent: c.intent,
      followers: row.followers,
      waitingMinutes: row.waitingMinutes,
      needsSpecialist: c.needsSpecialist,
    });
    const round = (s: { label: string; score: number }) => ({
      label: s.label,
      score: Math.round(s.score * 1000) / 1000,
    });
    out.push(
      JSON.stringify({
        ...(row.id !== undefined ? { id: row.id } : {}),
        language: round(c.language),
        sentiment: round(c.sentiment),
        intent: round(c.intent),
        topic: round(c.topic),
        needsSpecialist: c.needsSpecialist,
        priority,
        modelVersion: c.modelVersion,
      }),
    );
  }
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}

/** The models for `passerelle classify`: the defaults, with any of them replaced by a file. */
export function modelsFor(
  files: { sentiment?: string; intent?: string; topic?: string } = {},
): ClassifierModels {
  const models = loadDefaultModels();
  const read = (path: string, task: Task): LinearModel => {
    const model = decodeModel(readFileSync(path));
    const expected = labelsOf(task);
    if (expected && model.labels.join() !== expected.join()) {
      throw new Error(`${path} is not a ${task} model (labels: ${model.labels.join(', ')})`);
    }
    return model;
  };
  if (files.sentiment) {
    const model = read(files.sentiment, 'sentiment');
    models.sentiment = { en: model, fr: model };
  }
  if (files.intent) models.intent = read(files.intent, 'intent');
  if (files.topic) models.topic = read(files.topic, 'topic');
  return models;
}

function assertTask(task: string): asserts task is Task {
  if (!(TASKS as readonly string[]).includes(task)) {
    throw new Error(`Unknown task "${task}": expected ${TASKS.join(', ')}`);
  }
}

export interface TrainSummary {
  task: Task;
  version: string;
  examples: number;
  labels: string[];
  rows: number;
  bytes: number;
  seconds: number;
}

/**
 * Trains a task's model from a TSV (`label<TAB>text`) or JSON lines (`{"text","label"}`) file and
 * writes it to `outFile`. The whole file is read and checked first (a malformed line throws with
 * its number, before any training), and the model is written to a temporary file then renamed,
 * so a failed run never leaves half a model behind.
 */
export function trainCommand(
  task: string,
  dataFile: string,
  outFile: string,
  progress?: Progress,
): TrainSummary {
  assertTask(task);
  const started = performance.now();
  const data = readLabelledFile(dataFile);
  const model = trainTaskModel(task, task === 'sentiment' ? 'sent' : task, data, createAnalyser(), {
    ...(progress ? { progress } : {}),
  });
  const bytes = encodeModel(model);
  const temporary = `${outFile}.tmp-${process.pid}`;
  writeFileSync(temporary, bytes);
  renameSync(temporary, outFile);
  return {
    task,
    version: model.version,
    examples: data.length,
    labels: model.labels,
    rows: model.keys.length,
    bytes: bytes.length,
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * Measures a model on a labelled file: accuracy, macro recall, macro F1, per-class figures and the
 * confusion matrix, as printable text (and the figures). Without a model file: sentiment uses the
 * default models (by each text's language), intent the rules; topic needs a model file.
 */
export function evalCommand(
  task: string,
  dataFile: string,
  modelFile?: string,
): { report: string; evaluation: Evaluation; modelVersion: string } {
  assertTask(task);
  const data = readLabelledFile(dataFile);
  if (task === 'topic' && !modelFile) throw new Error('eval topic needs --model FILE');
  const models = modelsFor(modelFile ? { [task]: modelFile } : {});
  const classifier = createModelClassifier(models);
  const gold = data.map((d) => normaliseLabel(task, d.label));
  const predicted = data.map((d) => {
    const c = classifier.classify({ text: d.text, topics: [] });
    return task === 'sentiment' ? c.sentiment.label : task === 'intent' ? c.intent.label : c.topic.label;
  });
  const labels = labelsOf(task) ?? undefined;
  const evaluation = evaluate(gold, predicted, labels);
  const modelVersion =
    task === 'sentiment'
      ? [models.sentiment?.en?.version, models.sentiment?.fr?.version].filter(Boolean).join(', ') ||
        `sent-${RULES_VERSION}`
      : task === 'intent'
        ? (models.intent?.version ?? `intent-${RULES_VERSION}`)
        : (models.topic?.version ?? '');
  const report = [`${task} on ${dataFile} (model ${modelVersion})`, formatEvaluation(evaluation)].join('\n');
  return { report, evaluation, modelVersion };
}

/** A progress line redrawn in place on a terminal; silent when the stream is not a TTY. */
export function ttyProgress(stream: { isTTY?: boolean; write(text: string): unknown }): Progress | undefined {
  if (!stream.isTTY) return undefined;
  let last = '';
  return (phase, done, total) => {
    const share = total > 0 ? done / total : 1;
    const bar = '#'.repeat(Math.round(share * 30)).padEnd(30, '.');
    const line = `${phase === 'features' ? 'reading ' : 'training'} [${bar}] ${Math.round(share * 100)}%`;
    if (line === last) return;
    last = line;
    stream.write(`\r${line}${done >= total && phase === 'train' ? '\n' : ''}`);
  };
}
