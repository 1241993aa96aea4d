import { describe, expect, it } from 'vitest';
import { evaluate, formatEvaluation } from '../../src/classify/metrics.js';

describe('metrics', () => {
  // gold:      a a a b b c
  // predicted: a a b b c c
  // confusion (rows gold, columns predicted): a: [2,1,0]  b: [0,1,1]  c: [0,0,1]
  const gold = ['a', 'a', 'a', 'b', 'b', 'c'];
  const predicted = ['a', 'a', 'b', 'b', 'c', 'c'];

  it('computes accuracy, the confusion matrix and per-class figures by hand', () => {
    const e = evaluate(gold, predicted);
    expect(e.labels).toEqual(['a', 'b', 'c']);
    expect(e.confusion).toEqual([
      [2, 1, 0],
      [0, 1, 1],
      [0, 0, 1],
    ]);
    expect(e.accuracy).toBeCloseTo(4 / 6, 12);
    const [a, b, c] = e.perClass;
    // a: precision 2/2, recall 2/3; b: precision 1/2, recall 1/2; c: precision 1/2, recall 1/1
    expect(a).toMatchObject({ label: 'a', precision: 1, support: 3 });
    expect(a?.recall).toBeCloseTo(2 / 3, 12);
    expect(a?.f1).toBeCloseTo(0.8, 12);
    expect(b).toMatchObject({ precision: 0.5, recall: 0.5, f1: 0.5, support: 2 });
    expect(c?.precision).toBe(0.5);
    expect(c?.recall).toBe(1);
    expect(c?.f1).toBeCloseTo(2 / 3, 12);
    expect(e.macroRecall).toBeCloseTo((2 / 3 + 0.5 + 1) / 3, 12);
    expect(e.macroF1).toBeCloseTo((0.8 + 0.5 + 2 / 3) / 3, 12);
  });

  it('keeps the given label order and leaves out of macro averages a label absent from gold', () => {
    const e = evaluate(['x', 'x'], ['x', 'y'], ['y', 'x']);
    expect(e.labels).toEqual(['y', 'x']);
    expect(e.confusion).toEqual([
      [0, 0],
      [1, 1],
    ]);
    expect(e.macroRecall).toBe(0.5);
    expect(e.perClass[0]).toMatchObject({ label: 'y', precision: 0, recall: 0, f1: 0, support: 0 });
  });

  it('handles empty input and refuses lists of different lengths', () => {
    expect(evaluate([], []).accuracy).toBe(0);
    expect(() => evaluate(['a'], [])).toThrow();
  });

  it('prints the headline figures, one line per class and the matrix', () => {
    const text = formatEvaluation(evaluate(gold, predicted));
    expect(text).toContain('accuracy 0.667');
    expect(text).toContain('macro recall 0.722');
    expect(text).toMatch(/^a\s+1\.000\s+0\.667\s+0\.800\s+3$/m);
    expect(text).toContain('confusion (rows: gold, columns: predicted)');
  });
});
