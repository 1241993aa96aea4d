import { describe, expect, it } from 'vitest';
import { createRuleClassifier } from '../../src/classify/index.js';
import { englishMentions, frenchMentions, type LabelledMention } from './fixtures/mentions.js';
import { brandTopics } from './fixtures/topics.js';

const classifier = createRuleClassifier();

function labelsOf(mention: LabelledMention) {
  const result = classifier.classify({
    text: mention.text,
    languageHint: mention.hint ?? null,
    topics: brandTopics,
  });
  return {
    language: result.language.label,
    sentiment: result.sentiment.label,
    intent: result.intent.label,
    topic: result.topic.label,
  };
}

function expected(mention: LabelledMention) {
  return {
    language: mention.lang,
    sentiment: mention.sentiment,
    intent: mention.intent,
    topic: mention.topic,
  };
}

// Every sentence is its own test so a regression names the mention it broke.
describe('French mentions', () => {
  it.each(frenchMentions.map((m) => [m.text, m] as const))('%s', (_text, mention) => {
    expect(labelsOf(mention)).toEqual(expected(mention));
  });
});

describe('English mentions', () => {
  it.each(englishMentions.map((m) => [m.text, m] as const))('%s', (_text, mention) => {
    expect(labelsOf(mention)).toEqual(expected(mention));
  });
});
