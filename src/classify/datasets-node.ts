/**
 * Readers of labelled text files for training and evaluation, on Node only (the service never
 * imports this). A file is read whole and checked before anything is returned: a malformed line
 * throws a DatasetError naming the file and the line, so nothing is ever trained from half a file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabelledText } from './linear/train.js';

export class DatasetError extends Error {
  override name = 'DatasetError';
  constructor(
    readonly source: string,
    readonly line: number,
    reason: string,
  ) {
    super(line > 0 ? `${source}, line ${line}: ${reason}` : `${source}: ${reason}`);
  }
}

/** Strict UTF-8: an invalid byte is reported with the line it sits on. */
export function decodeUtf8(bytes: Uint8Array, source: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let line = 1;
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i < bytes.length && bytes[i] !== 10) continue;
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        throw new DatasetError(source, line, 'invalid UTF-8');
      }
      line++;
      start = i + 1;
    }
    throw new DatasetError(source, 0, 'invalid UTF-8');
  }
}

/** Lines without their terminators; a missing final newline is fine, a final empty line is not a line. */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * `label<TAB>text` lines, or JSON lines `{"text": ..., "label": ...}` (decided by the first
 * non-blank line). Blank lines are skipped; anything else that does not parse is an error.
 */
export function parseLabelledText(content: string, source: string): LabelledText[] {
  const lines = splitLines(content.startsWith('\uFEFF') ? content.slice(1) : content);
  const first = lines.find((l) => l.trim() !== '');
  const json = first?.trimStart().startsWith('{') ?? false;
  const out: LabelledText[] = [];
  lines.forEach((line, i) => {
    const number = i + 1;
    if (line.trim() === '') return;
    if (json) {
      let row: unknown;
      try {
        row = JSON.parse(line);
      } catch {
        throw new DatasetError(source, number, 'not valid JSON');
      }
      const { text, label } = (row ?? {}) as { text?: unknown; label?: unknown };
      if (typeof text !== 'string') throw new DatasetError(source, number, 'missing "text" string');
      if (typeof label !== 'string' || label.trim() === '') {
        throw new DatasetError(source, number, 'missing "label" string');
      }
      out.push({ text, label: label.trim() });
      return;
    }
    const tab = line.indexOf('\t');
    if (tab <= 0) throw new DatasetError(source, number, 'expected "label<TAB>text"');
    const label = line.slice(0, tab).trim();
    if (label === '') throw new DatasetError(source, number, 'empty label');
    out.push({ label, text: line.slice(tab + 1) });
  });
  if (out.length === 0) throw new DatasetError(source, 0, 'no labelled lines');
  return out;
}

export function readLabelledFile(path: string): LabelledText[] {
  return parseLabelledText(decodeUtf8(readFileSync(path), path), path);
}

/** TweetEval writes some characters as JSON escapes ("\u002c", "\u2019", '\"'): read them as characters. */
export function unescapeTweet(text: string): string {
  if (!text.includes('\\')) return text;
  return text
    .replace(/\\u([0-9a-fA-F]{4})/g, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    .replace(/\\(["'])/g, '$1');
}

export const SENTIMENT_LABELS = ['negative', 'neutral', 'positive'] as const;

/**
 * A split of the TweetEval / XLM-T layout: `<split>_text.txt` and `<split>_labels.txt`, one per
 * line, labels 0/1/2 for negative/neutral/positive. The two files must have as many lines.
 */
export function readTextLabelSplit(folder: string, split: string): LabelledText[] {
  const textPath = join(folder, `${split}_text.txt`);
  const labelPath = join(folder, `${split}_labels.txt`);
  const texts = splitLines(decodeUtf8(readFileSync(textPath), textPath));
  const labels = splitLines(decodeUtf8(readFileSync(labelPath), labelPath));
  if (texts.length !== labels.length) {
    throw new DatasetError(labelPath, 0, `${labels.length} labels for ${texts.length} texts`);
  }
  return texts.map((text, i) => {
    const label = SENTIMENT_LABELS[Number(labels[i]?.trim())];
    if (label === undefined || labels[i]?.trim() === '') {
      throw new DatasetError(labelPath, i + 1, `unknown label "${labels[i]}"`);
    }
    return { text: unescapeTweet(text), label };
  });
}

/** RFC 4180 CSV (quoted fields, doubled quotes, commas and newlines inside quotes). */
export function parseCsv(content: string, source: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < content.length; i++) {
    const c = content[i];
    if (quoted) {
      if (c === '"') {
        if (content[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"') {
      if (field !== '') throw new DatasetError(source, line, 'quote inside an unquoted field');
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && content[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      line++;
      rowLine = line;
    } else field += c;
  }
  if (quoted) throw new DatasetError(source, rowLine, 'unterminated quoted field');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Banking77 `train.csv`: header `text,category`. */
export function readBanking77(folder: string): LabelledText[] {
  const path = join(folder, 'train.csv');
  const rows = parseCsv(decodeUtf8(readFileSync(path), path), path);
  const [header, ...body] = rows;
  if (header?.[0] !== 'text' || header[1] !== 'category') {
    throw new DatasetError(path, 1, 'expected the header "text,category"');
  }
  return body.map((r, i) => {
    if (r.length !== 2 || !r[0] || !r[1]) throw new DatasetError(path, i + 2, 'expected two fields');
    return { text: r[0], label: r[1] };
  });
}

export interface Clinc150 {
  train: LabelledText[];
  val: LabelledText[];
  oosTrain: LabelledText[];
  oosVal: LabelledText[];
}

export const OOS_LABEL = 'oos';

/** CLINC150 `train_val.json`: `{ train, val, oos_train, oos_val }`, each a list of `[text, intent]`. */
export function readClinc150(folder: string): Clinc150 {
  const path = join(folder, 'train_val.json');
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(decodeUtf8(readFileSync(path), path)) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof DatasetError) throw error;
    throw new DatasetError(path, 0, 'not valid JSON');
  }
  const split = (key: string): LabelledText[] => {
    const list = data[key];
    if (!Array.isArray(list)) throw new DatasetError(path, 0, `missing "${key}"`);
    return list.map((pair: unknown, i) => {
      if (!Array.isArray(pair) || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') {
        throw new DatasetError(path, 0, `${key}[${i}] is not a [text, intent] pair`);
      }
      return { text: pair[0], label: pair[1] };
    });
  };
  return { train: split('train'), val: split('val'), oosTrain: split('oos_train'), oosVal: split('oos_val') };
}

export interface CareSeed {
  sentiment: LabelledText[];
  intent: LabelledText[];
}

/**
 * The project's own seed mentions (src/classify/training/care-*.tsv): `sentiment<TAB>intent<TAB>text`,
 * with '#' comment lines. Each line gives one sentiment example and one intent example.
 */
export function parseCareSeed(content: string, source: string, weight = 1): CareSeed {
  const seed: CareSeed = { sentiment: [], intent: [] };
  splitLines(content).forEach((line, i) => {
    if (line.trim() === '' || line.startsWith('#')) return;
    const [sentiment, intent, text, ...rest] = line.split('\t');
    if (!sentiment || !intent || !text || rest.length > 0) {
      throw new DatasetError(source, i + 1, 'expected "sentiment<TAB>intent<TAB>text"');
    }
    seed.sentiment.push({ text, label: sentiment, weight });
    seed.intent.push({ text, label: intent, weight });
  });
  return seed;
}

export function readCareSeed(path: string, weight = 1): CareSeed {
  return parseCareSeed(decodeUtf8(readFileSync(path), path), path, weight);
}
