import { describe, expect, it } from 'vitest';
import {
  type Classification,
  createModelClassifier,
  decodeModel,
  encodeModel,
  loadModels,
  toBase64,
} from '../../src/classify/index.js';
import { loadDefaultModels, readDefaultModelFiles } from '../../src/classify/models-node.js';
import { brandTopics } from './fixtures/topics.js';

const models = loadDefaultModels();
const classifier = createModelClassifier(models, {});

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
  expect(result.modelVersion).toMatch(/^linear-1\+/);
}

describe('default model classifier', () => {
  it('ships both sentiment models and names them in its version', () => {
    expect(models.sentiment?.en?.version).toMatch(/^sent-en@[0-9a-f]{8}$/);
    expect(models.sentiment?.fr?.version).toMatch(/^sent-fr@[0-9a-f]{8}$/);
    expect(classifier.version).toContain(models.sentiment?.en?.version);
    expect(classifier.version).toContain(models.sentiment?.fr?.version);
  });

  it('loads the same models from bytes or base64 text, as Workers would', () => {
    const files = readDefaultModelFiles();
    const en = files.sentimentEn as Uint8Array;
    const fromText = loadModels({ sentimentEn: toBase64(en) });
    expect(fromText.sentiment?.en?.version).toBe(models.sentiment?.en?.version);
    expect(encodeModel(decodeModel(en))).toEqual(new Uint8Array(en));
  });

  it('routes sentiment by language and records the model used', () => {
    const en = classifier.classify({ text: 'I love the new app, great job team', topics: [] });
    expect(en.sentiment.label).toBe('positive');
    expect(en.modelVersion).toContain(models.sentiment?.en?.version);
    const fr = classifier.classify({
      text: "Service client nul, j'attends depuis trois semaines",
      topics: [],
    });
    expect(fr.language.label).toBe('fr');
    expect(fr.sentiment.label).toBe('negative');
    expect(fr.modelVersion).toContain(models.sentiment?.fr?.version);
    const other = classifier.classify({
      text: '¿Dónde está mi pedido? Llevo dos semanas esperando',
      topics: [],
    });
    expect(other.language.label).toBe('other');
    expect(other.modelVersion).toContain('sent-rules-1');
  });

  it('combines keyword rules and the brand model for topics, unsure when nothing fits', () => {
    const billing = classifier.classify({
      text: 'Charged twice for my invoice, I want a refund',
      topics: brandTopics,
    });
    expect(billing.topic.label).toBe('billing');
    expect(billing.needsSpecialist).toBe(true);
    const none = classifier.classify({ text: 'Beautiful weather in Lyon today', topics: brandTopics });
    expect(none.topic.label).toBe('unsure');
    expect(none.topic.score).toBeLessThan(0.5);
  });

  it('classifies empty, 100 KB and invalid UTF-16 text without throwing', () => {
    const huge = `Mon colis est toujours pas arrivé, c'est nul. ${'blabla '.repeat(15_000)}`;
    expect(huge.length).toBeGreaterThan(100_000);
    for (const text of [
      '',
      huge,
      '\ud83d',
      '\udc00abc\ud800',
      '\u0000\uffff',
      '   ',
      'https://t.co/x',
      '@a @b',
    ]) {
      expectValid(classifier.classify({ text, topics: brandTopics }));
    }
    const started = performance.now();
    expectValid(classifier.classify({ text: huge, topics: brandTopics }));
    expect(performance.now() - started).toBeLessThan(100);
    // A caller that breaks the types still gets an answer.
    expectValid(classifier.classify({ text: undefined as unknown as string, topics: brandTopics }));
  });

  it('gives the same answer twice (no state leaks between calls)', () => {
    const input = { text: '@acme charged twice!!! refund now 😡', topics: brandTopics };
    const first = classifier.classify(input);
    classifier.classify({ text: 'Merci pour tout, livraison parfaite', topics: brandTopics });
    expect(classifier.classify(input)).toEqual(first);
  });

  it('falls back to the rules for a task without a model', () => {
    const bare = createModelClassifier({});
    const result = bare.classify({ text: 'Terrible service, nobody answers', topics: [] });
    expect(result.sentiment.label).toBe('negative');
    expect(result.modelVersion).toBe('linear-1+sent-rules-1+intent-rules-1+topic-rules-1');
  });
});
