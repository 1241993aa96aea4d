/**
 * Model files: "PLM1", a JSON header (name, labels, feature options, per-label scales, bias), the
 * feature hashes sorted and delta-encoded as varints, then one signed byte per weight. Weights are
 * quantised when training ends, so a model saved and loaded again is bit for bit the one trained,
 * and keeps its version. A text form (base64 of the same bytes) suits text-module imports.
 * No Node built-ins: the service loads files elsewhere and passes the bytes or the text in.
 */
import type { FeatureOptions } from './features.js';
import { createLinearModel, type LinearModel } from './model.js';

const MAGIC = 'PLM1';
const LEVELS = 127;

interface Header {
  name: string;
  labels: string[];
  features: FeatureOptions;
  rows: number;
  scales: number[];
  bias: number[];
  link: 'softmax' | 'sigmoid';
  hashBits: number;
}

export class ModelFormatError extends Error {
  override name = 'ModelFormatError';
}

/**
 * Rounds every weight to one of 255 levels per label (scale = largest |weight| / 127), drops rows
 * that round to zero everywhere, and sorts rows by unsigned hash. Returns the weights the file will
 * hold, already dequantised.
 */
export function quantizeWeights(
  keys: Int32Array,
  weights: Float32Array,
  classes: number,
): { keys: Int32Array; weights: Float32Array; scales: number[] } {
  const rows = keys.length;
  const scales = Array.from({ length: classes }, () => 0);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < classes; c++) {
      scales[c] = Math.max(scales[c] ?? 0, Math.abs(weights[r * classes + c] ?? 0));
    }
  }
  for (let c = 0; c < classes; c++) scales[c] = (scales[c] ?? 0) / LEVELS || 1;
  const kept: number[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < classes; c++) {
      if (Math.round((weights[r * classes + c] ?? 0) / (scales[c] ?? 1)) !== 0) {
        kept.push(r);
        break;
      }
    }
  }
  kept.sort((a, b) => ((keys[a] ?? 0) >>> 0) - ((keys[b] ?? 0) >>> 0));
  const outKeys = new Int32Array(kept.length);
  const outWeights = new Float32Array(kept.length * classes);
  kept.forEach((r, i) => {
    outKeys[i] = keys[r] ?? 0;
    for (let c = 0; c < classes; c++) {
      const scale = scales[c] ?? 1;
      // "|| 0" turns -0 into 0, as decoding does: the version hash must not see a sign on zero.
      outWeights[i * classes + c] = (Math.round((weights[r * classes + c] ?? 0) / scale) || 0) * scale;
    }
  });
  return { keys: outKeys, weights: outWeights, scales };
}

export function encodeModel(model: LinearModel): Uint8Array {
  const classes = model.labels.length;
  const rows = model.keys.length;
  const { scales } = model;
  const header: Header = {
    name: model.name,
    labels: model.labels,
    features: model.features,
    rows,
    scales,
    bias: Array.from(model.bias),
    link: model.link,
    hashBits: model.hashBits,
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + headerBytes.length + rows * 5 + rows * classes);
  let at = 0;
  for (let i = 0; i < 4; i++) out[at++] = MAGIC.charCodeAt(i);
  new DataView(out.buffer).setUint32(at, headerBytes.length, true);
  at += 4;
  out.set(headerBytes, at);
  at += headerBytes.length;
  let previous = 0;
  for (let r = 0; r < rows; r++) {
    const key = (model.keys[r] ?? 0) >>> 0;
    if (key < previous) throw new ModelFormatError('Model rows must be sorted by feature hash');
    let delta = key - previous;
    previous = key;
    while (delta >= 0x80) {
      out[at++] = (delta & 0x7f) | 0x80;
      delta = Math.floor(delta / 128);
    }
    out[at++] = delta;
  }
  for (let i = 0; i < rows * classes; i++) {
    const q = Math.round((model.weights[i] ?? 0) / (scales[i % classes] ?? 1));
    out[at++] = q & 0xff;
  }
  return out.slice(0, at);
}

export function decodeModel(input: Uint8Array | ArrayBuffer | string): LinearModel {
  const bytes =
    typeof input === 'string'
      ? fromBase64(input)
      : input instanceof Uint8Array
        ? input
        : new Uint8Array(input);
  if (bytes.length < 8 || String.fromCharCode(...bytes.subarray(0, 4)) !== MAGIC) {
    throw new ModelFormatError('Not a Passerelle model file (bad magic)');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(4, true);
  let at = 8 + headerLength;
  if (at > bytes.length) throw new ModelFormatError('Truncated model header');
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, at))) as Header;
  } catch {
    throw new ModelFormatError('Unreadable model header');
  }
  const { rows, labels, scales } = header;
  const classes = labels.length;
  if (!Number.isInteger(rows) || rows < 0 || classes < 2 || scales.length !== classes) {
    throw new ModelFormatError('Inconsistent model header');
  }
  const keys = new Int32Array(rows);
  let previous = 0;
  for (let r = 0; r < rows; r++) {
    let delta = 0;
    let factor = 1;
    for (;;) {
      if (at >= bytes.length) throw new ModelFormatError('Truncated model keys');
      const b = bytes[at++] ?? 0;
      delta += (b & 0x7f) * factor;
      factor *= 128;
      if (b < 0x80) break;
    }
    previous += delta;
    keys[r] = previous | 0;
  }
  if (at + rows * classes !== bytes.length) throw new ModelFormatError('Model weights have the wrong size');
  const weights = new Float32Array(rows * classes);
  for (let i = 0; i < rows * classes; i++) {
    const b = bytes[at++] ?? 0;
    weights[i] = (b > 127 ? b - 256 : b) * (scales[i % classes] ?? 1);
  }
  return createLinearModel({
    name: header.name,
    labels,
    features: header.features,
    keys,
    weights,
    scales,
    bias: Float32Array.from(header.bias),
    link: header.link === 'sigmoid' ? 'sigmoid' : 'softmax',
    hashBits:
      Number.isInteger(header.hashBits) && header.hashBits > 0 && header.hashBits <= 24 ? header.hashBits : 0,
  });
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    out += ALPHABET[a >> 2];
    out += ALPHABET[((a & 3) << 4) | (b >> 4)];
    out += i + 1 < bytes.length ? ALPHABET[((b & 15) << 2) | (c >> 6)] : '=';
    out += i + 2 < bytes.length ? ALPHABET[c & 63] : '=';
  }
  return out;
}

export function fromBase64(text: string): Uint8Array {
  const clean = text.replace(/[\s=]/g, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let at = 0;
  for (let i = 0; i < clean.length; i++) {
    const digit = ALPHABET.indexOf(clean.charAt(i));
    if (digit < 0) throw new ModelFormatError('Invalid base64 in model text');
    value = (value << 6) | digit;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (value >> bits) & 0xff;
    }
  }
  return out.subarray(0, at);
}
