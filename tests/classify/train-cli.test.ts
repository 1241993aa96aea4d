import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatasetError } from '../../src/classify/datasets-node.js';
import {
  classifyLines,
  decodeInput,
  evalCommand,
  modelsFor,
  trainCommand,
} from '../../src/classify/train-cli.js';
import { brandTopics } from './fixtures/topics.js';

const dir = mkdtempSync(join(tmpdir(), 'passerelle-cli-'));

describe('classifyLines', () => {
  const models = modelsFor();

  it('writes one JSON line per input line, in order, with every field', () => {
    const input = [
      'Where is my refund??',
      '{"text":"Merci pour la livraison rapide !","id":42,"languageHint":"fr","followers":12000}',
      '',
      '{not json, just text',
    ].join('\n');
    const lines = classifyLines(`${input}\n`, models, { topics: brandTopics }).trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    const rows = lines.map((l) => JSON.parse(l));
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(
        expect.arrayContaining([
          'language',
          'sentiment',
          'intent',
          'topic',
          'needsSpecialist',
          'priority',
          'modelVersion',
        ]),
      );
      expect(row.sentiment).toEqual({ label: expect.any(String), score: expect.any(Number) });
      expect(row.priority).toBeGreaterThanOrEqual(0);
      expect(row.priority).toBeLessThanOrEqual(100);
    }
    expect(rows[0].topic.label).toBe('billing');
    expect(rows[1]).toMatchObject({ id: 42, language: { label: 'fr' }, sentiment: { label: 'positive' } });
    expect(rows[3].id).toBeUndefined();
  });

  it('reads invalid UTF-8 as replacement characters instead of failing', () => {
    const text = decodeInput(new Uint8Array([0x68, 0x69, 0xff, 0x0a]));
    expect(text).toBe('hi\ufffd\n');
    expect(classifyLines(text, models).split('\n')).toHaveLength(2);
  });

  it('writes nothing for no input', () => {
    expect(classifyLines('', models)).toBe('');
  });
});

describe('train and eval commands', () => {
  const lines: string[] = [];
  for (let i = 0; i < 12; i++) {
    lines.push(`billing\tmy invoice ${i} is wrong, refund the payment`);
    lines.push(`delivery\tthe parcel ${i} never arrived, tracking is stuck`);
  }

  it('trains a topic model from TSV, writes it, and evaluates it', () => {
    const data = join(dir, 'topics.tsv');
    const out = join(dir, 'topics.bin');
    writeFileSync(data, `${lines.join('\n')}\n`);
    const phases = new Set<string>();
    const summary = trainCommand('topic', data, out, (phase) => phases.add(phase));
    expect(summary).toMatchObject({ task: 'topic', examples: 24, labels: ['billing', 'delivery'] });
    expect(summary.version).toMatch(/^topic@[0-9a-f]{8}$/);
    expect(phases).toEqual(new Set(['features', 'train']));
    expect(existsSync(out)).toBe(true);

    const { report, evaluation } = evalCommand('topic', data, out);
    expect(evaluation.accuracy).toBe(1);
    expect(report).toContain('accuracy 1.000');
    expect(report).toContain('macro F1 1.000');
    expect(report).toContain('confusion (rows: gold, columns: predicted)');
  });

  it('trains a sentiment model that `classify --sentiment-model` then uses', () => {
    const data = join(dir, 'sentiment.jsonl');
    const rows = [];
    for (let i = 0; i < 10; i++) {
      rows.push({ text: `great service number ${i}, thank you`, label: 'positive' });
      rows.push({ text: `awful experience ${i}, still broken`, label: 'negative' });
      rows.push({ text: `the shop opens at ${i} tomorrow`, label: '1' });
    }
    writeFileSync(data, rows.map((r) => JSON.stringify(r)).join('\n'));
    const out = join(dir, 'sentiment.bin');
    const summary = trainCommand('sentiment', data, out);
    expect(summary.labels).toEqual(['negative', 'neutral', 'positive']);
    const models = modelsFor({ sentiment: out });
    const [line] = classifyLines('thank you, great service', models).split('\n');
    expect(JSON.parse(line ?? '{}').modelVersion).toContain(summary.version);
    expect(() => modelsFor({ intent: out })).toThrow(/not a intent model/);
  });

  it('reports a malformed line with its number and writes no model', () => {
    const data = join(dir, 'broken.tsv');
    const out = join(dir, 'broken.bin');
    writeFileSync(
      data,
      `${lines.slice(0, 5).join('\n')}\nthis line has no tab\n${lines.slice(5).join('\n')}\n`,
    );
    expect(() => trainCommand('topic', data, out)).toThrow(DatasetError);
    expect(() => trainCommand('topic', data, out)).toThrow(/line 6/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith('broken.bin'))).toEqual([]);
  });

  it('refuses unknown tasks and labels', () => {
    const data = join(dir, 'bad-labels.tsv');
    writeFileSync(data, 'happy\tgreat\nsad\tawful\n');
    expect(() => trainCommand('colour', data, join(dir, 'x.bin'))).toThrow(/Unknown task/);
    expect(() => trainCommand('sentiment', data, join(dir, 'x.bin'))).toThrow(/not a sentiment label/);
    expect(() => evalCommand('topic', data)).toThrow(/--model/);
  });

  it('evaluates the default models without a model file', () => {
    const data = join(dir, 'sent-eval.tsv');
    writeFileSync(
      data,
      'positive\tI love it, thank you so much\nnegative\tworst service ever, still no refund\n',
    );
    const { evaluation, modelVersion } = evalCommand('sentiment', data);
    expect(evaluation.accuracy).toBe(1);
    expect(modelVersion).toContain('sent-en@');
  });
});
