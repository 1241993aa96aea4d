/** Classification figures from gold and predicted labels: what `eval` prints and BENCHMARKS.md records. */

export interface ClassFigures {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  /** Gold examples of this label. */
  support: number;
}

export interface Evaluation {
  labels: string[];
  /** confusion[gold][predicted], in `labels` order. */
  confusion: number[][];
  accuracy: number;
  macroRecall: number;
  macroPrecision: number;
  macroF1: number;
  perClass: ClassFigures[];
  total: number;
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);

/**
 * Labels default to those seen in gold then predicted, in first-seen order. Macro averages run over
 * the labels that occur in gold (a label only ever predicted does not dilute them).
 */
export function evaluate(
  gold: readonly string[],
  predicted: readonly string[],
  labels?: readonly string[],
): Evaluation {
  if (gold.length !== predicted.length) throw new Error('gold and predicted differ in length');
  const labelList = labels ? [...labels] : [...new Set([...gold, ...predicted])];
  const index = new Map(labelList.map((l, i) => [l, i]));
  for (const l of [...gold, ...predicted]) {
    if (!index.has(l)) {
      index.set(l, labelList.length);
      labelList.push(l);
    }
  }
  const n = labelList.length;
  const confusion = labelList.map(() => Array.from({ length: n }, () => 0));
  let correct = 0;
  gold.forEach((g, i) => {
    const p = predicted[i] ?? '';
    const row = confusion[index.get(g) ?? 0];
    const col = index.get(p) ?? 0;
    if (row) row[col] = (row[col] ?? 0) + 1;
    if (g === p) correct++;
  });
  const perClass = labelList.map((label, i) => {
    const tp = confusion[i]?.[i] ?? 0;
    const support = (confusion[i] ?? []).reduce((a, b) => a + b, 0);
    const predictedCount = confusion.reduce((sum, row) => sum + (row[i] ?? 0), 0);
    const precision = ratio(tp, predictedCount);
    const recall = ratio(tp, support);
    return { label, precision, recall, f1: ratio(2 * precision * recall, precision + recall), support };
  });
  const inGold = perClass.filter((c) => c.support > 0);
  const mean = (key: 'precision' | 'recall' | 'f1'): number =>
    ratio(
      inGold.reduce((sum, c) => sum + c[key], 0),
      inGold.length,
    );
  return {
    labels: labelList,
    confusion,
    accuracy: ratio(correct, gold.length),
    macroRecall: mean('recall'),
    macroPrecision: mean('precision'),
    macroF1: mean('f1'),
    perClass,
    total: gold.length,
  };
}

const pct = (x: number): string => x.toFixed(3);

/** A plain-text report: the headline figures, one line per class, and the confusion matrix. */
export function formatEvaluation(e: Evaluation, options: { maxMatrixLabels?: number } = {}): string {
  const lines = [
    `examples ${e.total}  accuracy ${pct(e.accuracy)}  macro recall ${pct(e.macroRecall)}  macro F1 ${pct(e.macroF1)}`,
    '',
    `${'label'.padEnd(28)} precision  recall     F1  support`,
  ];
  for (const c of e.perClass) {
    lines.push(
      `${c.label.slice(0, 28).padEnd(28)} ${pct(c.precision).padStart(9)} ${pct(c.recall).padStart(7)} ${pct(c.f1).padStart(6)} ${String(c.support).padStart(8)}`,
    );
  }
  const max = options.maxMatrixLabels ?? 20;
  if (e.labels.length <= max) {
    const width = Math.max(6, ...e.confusion.flat().map((v) => String(v).length + 1));
    const short = e.labels.map((l) => l.slice(0, width - 1).padStart(width));
    lines.push('', 'confusion (rows: gold, columns: predicted)');
    lines.push(`${''.padEnd(14)}${short.join('')}`);
    e.confusion.forEach((row, i) => {
      lines.push(
        `${(e.labels[i] ?? '').slice(0, 13).padEnd(14)}${row.map((v) => String(v).padStart(width)).join('')}`,
      );
    });
  } else {
    lines.push('', `confusion matrix omitted (${e.labels.length} labels; most confused pairs below)`);
    const pairs: [number, string, string][] = [];
    e.confusion.forEach((row, g) => {
      row.forEach((v, p) => {
        if (g !== p && v > 0) pairs.push([v, e.labels[g] ?? '', e.labels[p] ?? '']);
      });
    });
    pairs.sort((a, b) => b[0] - a[0]);
    for (const [v, g, p] of pairs.slice(0, 10)) lines.push(`  ${String(v).padStart(4)}  ${g} -> ${p}`);
  }
  return lines.join('\n');
}
