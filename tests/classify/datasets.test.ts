import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DatasetError,
  decodeUtf8,
  parseCareSeed,
  parseCsv,
  parseLabelledText,
  readLabelledFile,
  readTextLabelSplit,
  unescapeTweet,
} from '../../src/classify/datasets-node.js';

const dir = mkdtempSync(join(tmpdir(), 'passerelle-datasets-'));

function caught(fn: () => unknown): DatasetError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DatasetError) return error;
    throw error;
  }
  throw new Error('expected a DatasetError');
}

describe('labelled file readers', () => {
  it('read TSV `label<TAB>text`, skipping blank lines, text keeping its own tabs', () => {
    expect(parseLabelledText('billing\tmy invoice\n\ndelivery\twhere\tis it\n', 'x.tsv')).toEqual([
      { label: 'billing', text: 'my invoice' },
      { label: 'delivery', text: 'where\tis it' },
    ]);
  });

  it('read JSON lines `{text, label}`', () => {
    const content = '{"text":"hello","label":"other"}\r\n{"label":"praise","text":"merci 🙏"}';
    expect(parseLabelledText(content, 'x.jsonl')).toEqual([
      { text: 'hello', label: 'other' },
      { text: 'merci 🙏', label: 'praise' },
    ]);
  });

  it('report a malformed line with its number, and return nothing from the file', () => {
    const tsv = caught(() => parseLabelledText('a\tone\nb\ttwo\nno tab here\nc\tthree\n', 'data.tsv'));
    expect(tsv.line).toBe(3);
    expect(tsv.message).toBe('data.tsv, line 3: expected "label<TAB>text"');
    const json = caught(() => parseLabelledText('{"text":"a","label":"x"}\n{"text":"b"}\n', 'data.jsonl'));
    expect(json.line).toBe(2);
    expect(json.message).toContain('missing "label"');
    expect(caught(() => parseLabelledText('{"text":"a","label":"x"}\n{oops\n', 'd')).line).toBe(2);
    expect(caught(() => parseLabelledText('\n\n', 'empty')).message).toContain('no labelled lines');
  });

  it('report invalid UTF-8 with the line it is on', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('a\tok\nb\tfine\nc\tbad '), 0xff, 0x0a]);
    const path = join(dir, 'bad-utf8.tsv');
    writeFileSync(path, bytes);
    const error = caught(() => readLabelledFile(path));
    expect(error.line).toBe(3);
    expect(error.message).toContain('invalid UTF-8');
    expect(decodeUtf8(new TextEncoder().encode('é'), 'x')).toBe('é');
  });

  it('read a file from disk', () => {
    const path = join(dir, 'ok.tsv');
    writeFileSync(path, 'positive\tgreat\nnegative\tawful');
    expect(readLabelledFile(path)).toHaveLength(2);
  });
});

describe('shared dataset formats', () => {
  it('decode the JSON escapes TweetEval keeps in its text', () => {
    expect(unescapeTweet('Plus\\u002c tomorrow\\u2019s \\"big\\" day')).toBe('Plus, tomorrow’s "big" day');
  });

  it('pair text and label files, accepting a missing final newline', () => {
    const folder = mkdtempSync(join(dir, 'split-'));
    writeFileSync(join(folder, 'train_text.txt'), 'good\nbad\nmeh');
    writeFileSync(join(folder, 'train_labels.txt'), '2\n0\n1');
    expect(readTextLabelSplit(folder, 'train')).toEqual([
      { text: 'good', label: 'positive' },
      { text: 'bad', label: 'negative' },
      { text: 'meh', label: 'neutral' },
    ]);
    writeFileSync(join(folder, 'val_text.txt'), 'a\nb\n');
    writeFileSync(join(folder, 'val_labels.txt'), '2\n7\n');
    expect(caught(() => readTextLabelSplit(folder, 'val')).line).toBe(2);
    writeFileSync(join(folder, 'test_text.txt'), 'a\nb\n');
    writeFileSync(join(folder, 'test_labels.txt'), '2\n');
    expect(caught(() => readTextLabelSplit(folder, 'test')).message).toContain('1 labels for 2 texts');
  });

  it('parse quoted CSV with commas and doubled quotes', () => {
    expect(parseCsv('text,category\n"a, b ""c""",x\nplain,y\n', 'c.csv')).toEqual([
      ['text', 'category'],
      ['a, b "c"', 'x'],
      ['plain', 'y'],
    ]);
    expect(caught(() => parseCsv('text,category\n"open,x\n', 'c.csv')).line).toBe(2);
  });

  it('parse the care seed mentions, one sentiment and one intent example per line', () => {
    const seed = parseCareSeed('# comment\nnegative\tcomplaint\tstill broken\n', 'seed.tsv', 5);
    expect(seed.sentiment).toEqual([{ text: 'still broken', label: 'negative', weight: 5 }]);
    expect(seed.intent).toEqual([{ text: 'still broken', label: 'complaint', weight: 5 }]);
    expect(caught(() => parseCareSeed('negative\tonly two\n', 'seed.tsv')).line).toBe(1);
  });
});
