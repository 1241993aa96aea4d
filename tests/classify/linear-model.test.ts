import { describe, expect, it } from 'vitest';
import { argmax } from '../../src/classify/linear/model.js';
import { seededRandom, stratifiedSplit } from '../../src/classify/linear/random.js';
import {
  decodeModel,
  encodeModel,
  fromBase64,
  ModelFormatError,
  toBase64,
} from '../../src/classify/linear/serialize.js';
import { type LabelledText, trainTexts } from '../../src/classify/linear/train.js';
import { prepareText } from '../../src/classify/prepare-text.js';

// A separable toy set: each label has its own vocabulary.
const vocab: Record<string, string[]> = {
  billing: ['invoice', 'refund', 'charged', 'payment', 'bill', 'price'],
  delivery: ['parcel', 'courier', 'shipping', 'tracking', 'package', 'arrived'],
  account: ['password', 'login', 'username', 'locked', 'email', 'profile'],
};
function toySet(n: number, seed: number): LabelledText[] {
  const random = seededRandom(seed);
  const pick = (words: string[]) => words[Math.floor(random() * words.length)] ?? '';
  const out: LabelledText[] = [];
  for (let i = 0; i < n; i++) {
    for (const [label, words] of Object.entries(vocab)) {
      out.push({
        label,
        text: `my ${pick(words)} and the ${pick(words)} please ${pick(['today', 'now', 'asap'])}`,
      });
    }
  }
  return out;
}

describe('linear training', () => {
  const train = toySet(30, 1);
  const test = toySet(10, 2);

  for (const [solver, hashBits] of [
    ['svm', 0],
    ['svm', 12],
    ['logistic', 0],
  ] as const) {
    it(`learns a separable toy set (${solver}, ${hashBits ? `${hashBits}-bit buckets` : 'exact rows'})`, () => {
      const model = trainTexts('toy', train, { solver, hashBits, epochs: solver === 'svm' ? 50 : 10 });
      const right = test.filter((d) => model.labels[argmax(model.predict(prepareText(d.text)))] === d.label);
      expect(right.length / test.length).toBe(1);
      expect(model.hashBits).toBe(hashBits);
      // Probabilities: one per label, in [0, 1].
      const p = model.predict(prepareText('refund for my invoice'));
      expect(p.length).toBe(3);
      for (const x of p) expect(x).toBeGreaterThanOrEqual(0);
      expect(model.labels[argmax(p)]).toBe('billing');
    });
  }

  it('is deterministic: the same data and seed give the same version', () => {
    const a = trainTexts('toy', train, { solver: 'svm' });
    const b = trainTexts('toy', train, { solver: 'svm' });
    expect(a.version).toBe(b.version);
    expect(a.version).toMatch(/^toy@[0-9a-f]{8}$/);
    expect(trainTexts('toy', train.slice(1), { solver: 'svm' }).version).not.toBe(a.version);
  });

  it('weighs rare classes up with balanced class weights', () => {
    const skewed = [
      ...train.filter((d) => d.label !== 'account'),
      ...train.filter((d) => d.label === 'account').slice(0, 3),
    ];
    const model = trainTexts('toy', skewed, { solver: 'svm', classWeight: 'balanced' });
    expect(model.labels[argmax(model.predict(prepareText('locked out, password and login')))]).toBe(
      'account',
    );
  });

  it('refuses a single label', () => {
    expect(() => trainTexts('toy', [{ text: 'a', label: 'x' }])).toThrow(/two labels/);
  });
});

describe('model files', () => {
  const model = trainTexts('toy', toySet(20, 3), { solver: 'svm' });

  it('round-trip bit for bit: same weights, same version, same answers', () => {
    const bytes = encodeModel(model);
    const back = decodeModel(bytes);
    expect(back.version).toBe(model.version);
    expect(back.labels).toEqual(model.labels);
    expect(back.features).toEqual(model.features);
    expect(Array.from(back.weights)).toEqual(Array.from(model.weights));
    expect(Array.from(back.bias)).toEqual(Array.from(model.bias));
    const prepared = prepareText('where is my parcel, tracking says nothing');
    expect(Array.from(back.predict(prepared))).toEqual(Array.from(model.predict(prepared)));
    expect(encodeModel(back)).toEqual(bytes);
  });

  it('round-trip through base64 text (text modules, database columns) and ArrayBuffers', () => {
    const bytes = encodeModel(model);
    expect(fromBase64(toBase64(bytes))).toEqual(bytes);
    expect(decodeModel(toBase64(bytes)).version).toBe(model.version);
    expect(decodeModel(bytes.slice().buffer).version).toBe(model.version);
    const bucketed = trainTexts('toy', toySet(20, 3), { solver: 'svm', hashBits: 10 });
    expect(decodeModel(encodeModel(bucketed)).version).toBe(bucketed.version);
  });

  it('are small: one signed byte per weight', () => {
    const bytes = encodeModel(model);
    expect(bytes.length).toBeLessThan(model.keys.length * (model.labels.length + 5) + 2000);
  });

  it('reject what is not a model, or a truncated one', () => {
    const bytes = encodeModel(model);
    expect(() => decodeModel(new Uint8Array([1, 2, 3]))).toThrow(ModelFormatError);
    expect(() => decodeModel(bytes.subarray(0, bytes.length - 1))).toThrow(ModelFormatError);
    expect(() => decodeModel('not base64 !')).toThrow(ModelFormatError);
  });
});

describe('stratified split', () => {
  it('holds out the same share of each label, the same way for the same seed', () => {
    const data = toySet(20, 4);
    const a = stratifiedSplit(data, 0.15, 77);
    const b = stratifiedSplit(data, 0.15, 77);
    expect(a.heldOut).toEqual(b.heldOut);
    expect(a.heldOut.length).toBe(9);
    expect(a.heldOut.filter((d) => d.label === 'billing').length).toBe(3);
    expect(a.train.length + a.heldOut.length).toBe(data.length);
    expect(stratifiedSplit(data, 0.15, 78).heldOut).not.toEqual(a.heldOut);
  });
});
