import { describe, expect, it } from 'vitest';
import { type Classification, createRuleClassifier, RULES_VERSION } from '../../src/classify/index.js';
import { brandTopics } from './fixtures/topics.js';

const classifier = createRuleClassifier();

function expectValid(result: Classification): void {
  for (const scored of [result.language, result.sentiment, result.intent, result.topic]) {
    expect(Number.isFinite(scored.score)).toBe(true);
    expect(scored.score).toBeGreaterThanOrEqual(0);
    expect(scored.score).toBeLessThanOrEqual(1);
  }
  expect(['en', 'fr', 'other']).toContain(result.language.label);
  expect(['negative', 'neutral', 'positive']).toContain(result.sentiment.label);
  expect(['question', 'complaint', 'praise', 'other', 'spam']).toContain(result.intent.label);
  expect([true, false, 'unsure']).toContain(result.needsSpecialist);
  expect(result.modelVersion).toBe(RULES_VERSION);
}

describe('bad input', () => {
  it('classifies an empty text', () => {
    const result = classifier.classify({ text: '', topics: brandTopics });
    expectValid(result);
    expect(result.sentiment.label).toBe('neutral');
    expect(result.topic.label).toBe('unsure');
  });

  it('classifies 100 KB of text quickly, reading only its beginning', () => {
    const text = `Mon colis est toujours pas arrivé, c'est nul. ${'blabla '.repeat(15_000)}`;
    expect(text.length).toBeGreaterThan(100_000);
    const started = performance.now();
    const result = classifier.classify({ text, topics: brandTopics });
    expect(performance.now() - started).toBeLessThan(100);
    expectValid(result);
    expect(result.language.label).toBe('fr');
    expect(result.sentiment.label).toBe('negative');
  });

  it('classifies text made only of links, handles, hashtags, emoji or punctuation', () => {
    for (const text of [
      'https://t.co/abc',
      '@acme @bob',
      '#a #b #c',
      '🙂',
      '?!?!',
      '   ',
      '\u0000\uffff',
      '\ud83d',
    ]) {
      expectValid(classifier.classify({ text, topics: brandTopics }));
    }
  });

  it('classifies text in other scripts and with odd hints', () => {
    for (const languageHint of [null, undefined, '', 'und', 'FR', 'en_GB', 'zh-Hant']) {
      expectValid(classifier.classify({ text: 'Заказ не пришёл 😡', languageHint, topics: brandTopics }));
    }
  });

  it('tolerates topics without keywords or examples', () => {
    const topics = [{ key: 'empty', keywords: [], examples: [], needsSpecialist: true, skill: null }];
    expectValid(classifier.classify({ text: 'empty', topics }));
  });

  it('gives the same answer twice (no state leaks between calls)', () => {
    const input = { text: '@acme charged twice!!! refund now 😡', topics: brandTopics };
    const first = classifier.classify(input);
    classifier.classify({ text: 'Merci pour tout, livraison parfaite', topics: brandTopics });
    expect(classifier.classify(input)).toEqual(first);
  });

  it('exposes its version', () => {
    expect(classifier.version).toBe('rules-1');
  });
});
