import { describe, expect, it } from 'vitest';
import { createModelClassifier, type TopicDef, UNSURE_TOPIC } from '../../src/classify/index.js';
import { NONE_TOPIC, topicExamplesFrom, trainTopicModel } from '../../src/classify/topic/topic-model.js';
import { brandTopics } from './fixtures/topics.js';

describe('brand topic model', () => {
  const model = trainTopicModel(topicExamplesFrom(brandTopics));

  it('learns the topics from their examples and keywords', () => {
    expect(model.keys).toEqual(['account', 'billing', 'delivery', 'technical']);
    expect(model.match('I was charged twice for my invoice').label).toBe('billing');
    expect(model.match('mot de passe oublié, impossible de me connecter au compte').label).toBe('account');
  });

  it('says unsure, with a score under its threshold, on unrelated text', () => {
    for (const text of ['What a beautiful sunset tonight', 'Je regarde le match ce soir', '', '🙂🙂']) {
      const match = model.match(text);
      expect(match.label).toBe(UNSURE_TOPIC);
      expect(match.score).toBeLessThan(model.options.threshold);
    }
  });

  it('trains in well under a second on a few hundred examples', () => {
    const many = Array.from({ length: 400 }, (_, i) => ({
      text: `${['refund', 'parcel', 'password', 'firmware'][i % 4]} issue number ${i} with my ${['invoice', 'courier', 'login', 'hub'][i % 4]}`,
      topic: ['billing', 'delivery', 'account', 'technical'][i % 4] ?? 'billing',
    }));
    const started = performance.now();
    trainTopicModel(many);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('works for a single topic, against the background posts', () => {
    const one = trainTopicModel([
      { text: 'my invoice is wrong', topic: 'billing' },
      { text: 'refund please', topic: 'billing' },
      { text: 'facture', topic: 'billing' },
    ]);
    expect(one.match('the invoice is wrong again').label).toBe('billing');
    expect(one.match('have a nice weekend everyone').label).toBe(UNSURE_TOPIC);
    expect(() => trainTopicModel([{ text: 'a', topic: 'x' }], { background: false })).toThrow();
  });
});

describe('learning from advisors', () => {
  const text = 'The thermostat screen stays black after the storm';

  it('a correction changes the next model version and its answer on that kind of text', () => {
    const topics: TopicDef[] = brandTopics;
    const before = createModelClassifier({}).classify({ text, topics });
    expect(before.topic.label).toBe(UNSURE_TOPIC);

    const corrections = [
      { text, topic: 'technical' },
      { text: 'Screen is black since the power cut', topic: 'technical' },
    ];
    const corrected = trainTopicModel(topicExamplesFrom(topics, corrections));
    const after = createModelClassifier({}, { topicModelFor: () => corrected }).classify({
      text: 'thermostat screen black after the storm last night',
      topics,
    });
    expect(after.topic.label).toBe('technical');
    const answerable = after.intent.label === 'question' || after.intent.label === 'complaint';
    expect(after.needsSpecialist).toBe(answerable);
    expect(after.modelVersion).toContain(corrected.model.version);
    expect(after.modelVersion).not.toBe(before.modelVersion);
  });

  it('"none" corrections teach the model what is no topic', () => {
    const model = trainTopicModel([
      ...topicExamplesFrom(brandTopics),
      { text: 'invoice design contest for artists', topic: NONE_TOPIC, weight: 3 },
    ]);
    expect(model.keys).not.toContain(NONE_TOPIC);
    expect(model.match('invoice design contest for artists').label).toBe(UNSURE_TOPIC);
  });

  it("keeps each brand's topics to itself", () => {
    const classifier = createModelClassifier({});
    const brandA: TopicDef[] = [
      {
        key: 'billing',
        keywords: ['invoice'],
        examples: ['my invoice is wrong'],
        needsSpecialist: true,
        skill: null,
      },
    ];
    const brandB: TopicDef[] = [
      {
        key: 'pizza',
        keywords: ['pizza'],
        examples: ['my pizza was cold'],
        needsSpecialist: false,
        skill: null,
      },
    ];
    const a = classifier.classify({ text: 'my invoice is wrong', topics: brandA });
    const b = classifier.classify({ text: 'my invoice is wrong', topics: brandB });
    expect(a.topic.label).toBe('billing');
    expect(b.topic.label).toBe(UNSURE_TOPIC);
    expect(classifier.classify({ text: 'cold pizza again', topics: brandA }).topic.label).toBe(UNSURE_TOPIC);
    // Each list has its own model, so each its own version.
    expect(a.modelVersion).not.toBe(b.modelVersion);
  });
});
