import { describe, expect, it } from 'vitest';
import { createRuleClassifier } from '../../src/classify/index.js';

const classifier = createRuleClassifier();
const sentiment = (text: string) => classifier.classify({ text, topics: [] }).sentiment;
/** Signed strength: negative below 0, positive above, for comparing two texts. */
const polarity = (text: string) => {
  const s = sentiment(text);
  return s.label === 'positive' ? s.score : s.label === 'negative' ? -s.score : 0;
};

describe('sentiment', () => {
  it('handles French negation', () => {
    expect(sentiment('content du service').label).toBe('positive');
    expect(sentiment('pas content du service').label).toBe('negative');
    expect(sentiment("Je ne suis pas satisfait de l'appli").label).toBe('negative');
    expect(sentiment("Ça n'est pas terrible").label).toBe('negative');
    expect(sentiment("La mise à jour n'est pas terrible").label).toBe('negative');
    expect(sentiment('pas mal du tout').label).toBe('positive');
    expect(sentiment('installé sans problème').label).toBe('positive');
    expect(sentiment('toujours pas content du SAV').label).toBe('negative');
  });

  it('reads French "plus" as a negation only after "ne"', () => {
    expect(sentiment('encore plus rapide que prévu, génial').label).toBe('positive');
    expect(sentiment("l'appli ne marche plus").label).toBe('negative');
  });

  it('handles English negation', () => {
    expect(sentiment('happy with the app').label).toBe('positive');
    expect(sentiment('not happy with the app').label).toBe('negative');
    expect(sentiment("I'm not satisfied with the answer").label).toBe('negative');
    expect(sentiment("It doesn't work").label).toBe('negative');
    expect(sentiment('not bad at all').label).toBe('positive');
  });

  it('strengthens with intensifiers and exclamation marks', () => {
    expect(polarity('très bien')).toBeGreaterThan(polarity('bien'));
    expect(polarity('really good')).toBeGreaterThan(polarity('good'));
    expect(polarity('nul!!!')).toBeLessThan(polarity('nul'));
    expect(polarity('great!!!')).toBeGreaterThan(polarity('great'));
  });

  it('reads emoji and emoticons', () => {
    expect(sentiment('mon colis 😡').label).toBe('negative');
    expect(sentiment('my package 😍').label).toBe('positive');
    expect(sentiment('delivered today :)').label).toBe('positive');
    expect(sentiment('delivered today :(').label).toBe('negative');
    expect(sentiment('👍').label).toBe('positive');
    expect(sentiment('👎').label).toBe('negative');
  });

  it('treats complaint markers as negative', () => {
    expect(sentiment('toujours pas reçu ma commande').label).toBe('negative');
    expect(sentiment('still waiting for my order').label).toBe('negative');
    expect(sentiment("Ça fait 3 semaines que j'attends ma commande").label).toBe('negative');
    expect(sentiment('3rd time I write about this order').label).toBe('negative');
  });

  it('weighs what follows "but" / "mais" more', () => {
    expect(sentiment('the app is nice but the support is awful').label).toBe('negative');
    expect(sentiment("l'attente était longue mais le conseiller était génial").label).toBe('positive');
  });

  it('does not read politeness inside a question as praise', () => {
    expect(sentiment('Comment changer mon adresse ? Merci').label).toBe('neutral');
    expect(sentiment('Can you help me change my address please? Thanks 🙏').label).toBe('neutral');
    expect(sentiment('Merci pour votre aide !').label).toBe('positive');
  });

  it('stays neutral on factual posts', () => {
    expect(sentiment('Nouvelle vidéo sur la domotique ce soir').label).toBe('neutral');
    expect(sentiment('Installing the hub this weekend').label).toBe('neutral');
  });

  it('reads accent-less French', () => {
    expect(sentiment('tres decu du service').label).toBe('negative');
    expect(sentiment('je suis ravie, merci').label).toBe('positive');
  });
});
