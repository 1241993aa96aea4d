import { describe, expect, it } from 'vitest';
import {
  correctionModelOf,
  decodeCorrectionModel,
  encodeCorrectionModel,
  trainCorrectionModel,
} from '../../src/classify';
import { createFeaturizer } from '../../src/classify/linear/features';
import { prepareText } from '../../src/classify/prepare-text';
import { TOPIC_FEATURES } from '../../src/classify/topic/topic-model';

const labels = ['negative', 'neutral', 'positive'] as const;
const vectorOf = (text: string) => createFeaturizer(TOPIC_FEATURES).extract(prepareText(text));

describe('correction model', () => {
  const data = trainCorrectionModel('sentiment', 'corr-sentiment-test', [
    { text: 'great, the router rebooted itself again during the match', label: 'negative' },
    { text: 'perfect, my router rebooted itself again', label: 'negative' },
  ]);
  const model = correctionModelOf(data);

  it('moves a close text to the corrected label, as far as it is close', () => {
    const base = { label: 'positive' as const, score: 0.8 };
    const near = model.adjust(vectorOf('great, the router rebooted itself during the match'), base, labels);
    expect(near.label).toBe('negative');
    expect(near.score).toBeGreaterThan(0.5);
    expect(near.score).toBeLessThanOrEqual(1);
  });

  it('leaves unlike texts and empty texts with the default answer', () => {
    const base = { label: 'positive' as const, score: 0.8 };
    expect(model.adjust(vectorOf('thank you for the lovely flowers'), base, labels)).toBe(base);
    expect(model.adjust(vectorOf(''), base, labels)).toBe(base);
    expect(
      correctionModelOf(trainCorrectionModel('intent', 'empty', [])).adjust(vectorOf('hi'), base, labels),
    ).toBe(base);
  });

  it('has a version from its content and survives encoding', () => {
    const again = trainCorrectionModel('sentiment', 'corr-sentiment-test', [
      { text: 'great, the router rebooted itself again during the match', label: 'negative' },
      { text: 'perfect, my router rebooted itself again', label: 'negative' },
    ]);
    expect(again.version).toBe(data.version);
    const other = trainCorrectionModel('sentiment', 'corr-sentiment-test', [
      { text: 'great, the router rebooted itself again during the match', label: 'neutral' },
    ]);
    expect(other.version).not.toBe(data.version);
    expect(decodeCorrectionModel(encodeCorrectionModel(data))).toEqual(data);
    expect(() => decodeCorrectionModel('{"kind":"other"}')).toThrow(/Not a correction model/);
  });
});
