import { describe, expect, it } from 'vitest';
import { createRuleClassifier, type TopicDef } from '../../src/classify/index.js';
import { brandTopics } from './fixtures/topics.js';

const classifier = createRuleClassifier();
const classify = (text: string, topics: TopicDef[] = brandTopics) => classifier.classify({ text, topics });

describe('topic', () => {
  it('matches stemmed keywords in both languages', () => {
    expect(classify('My invoices are wrong').topic.label).toBe('billing');
    expect(classify('Les factures ne sont pas envoyées').topic.label).toBe('billing');
    expect(classify('Deux prélèvements ce mois-ci').topic.label).toBe('billing');
    expect(classify('prelevement en double').topic.label).toBe('billing');
    expect(classify("L'appairage ne passe pas").topic.label).toBe('technical');
    expect(classify('colis abîmé').topic.label).toBe('delivery');
    expect(classify('the tracking page is blank').topic.label).toBe('delivery');
    expect(classify('mot de passe oublié').topic.label).toBe('account');
  });

  it('matches a keyword of several words only when all its words are there', () => {
    expect(classify('my hub is offline').topic.label).toBe('technical');
    expect(classify('the mot in French means word').topic.label).toBe('unsure');
  });

  it('matches by similarity to the examples', () => {
    expect(classify('charged me twice for one order').topic.label).toBe('billing');
    expect(classify("can't log into the app on my phone").topic.label).toBe('account');
  });

  it('says "unsure" with a low score when nothing fits', () => {
    const result = classify('Le nouveau design est magnifique');
    expect(result.topic.label).toBe('unsure');
    expect(result.topic.score).toBeLessThan(0.5);
  });

  it('says "unsure" when two topics fit equally', () => {
    expect(classify('refund for the password').topic.label).toBe('unsure');
  });

  it('is confident when a keyword and an example agree', () => {
    expect(classify('Where is my refund?').topic.score).toBeGreaterThan(0.6);
  });

  it('works with no topics at all', () => {
    expect(classify('facture en double', []).topic).toEqual({ label: 'unsure', score: 0 });
  });

  it('sees topics added to a list it already compiled', () => {
    const topics: TopicDef[] = [...brandTopics];
    expect(classify('my thermostat schedule', topics).topic.label).toBe('unsure');
    topics.push({
      key: 'heating',
      keywords: ['thermostat'],
      examples: [],
      needsSpecialist: false,
      skill: null,
    });
    expect(classify('my thermostat schedule', topics).topic.label).toBe('heating');
  });
});

describe('needsSpecialist', () => {
  it("is the topic's flag for questions and complaints", () => {
    expect(classify('Why is my invoice wrong?').needsSpecialist).toBe(true);
    expect(classify('Comment faire la mise à jour du firmware ?').needsSpecialist).toBe(true);
    expect(classify('How do I change my password?').needsSpecialist).toBe(false);
  });

  it("is 'unsure' when the topic is unsure and the intent asks for an answer", () => {
    const question = classify('Does it work with Google Home?');
    expect(question.topic.label).toBe('unsure');
    expect(question.intent.label).toBe('question');
    expect(question.needsSpecialist).toBe('unsure');

    const complaint = classify('Worst support ever, nobody answers 😡');
    expect(complaint.intent.label).toBe('complaint');
    expect(complaint.needsSpecialist).toBe('unsure');
  });

  it('is false for praise, spam and other, whatever the topic', () => {
    expect(classify('Merci, facture reçue, parfait 👍').needsSpecialist).toBe(false);
    expect(classify('Great job on the firmware, love it').needsSpecialist).toBe(false);
    expect(classify('Win free crypto, DM me 💰🚀').needsSpecialist).toBe(false);
    expect(classify('Installing the hub tonight').needsSpecialist).toBe(false);
  });
});
