import { describe, expect, it } from 'vitest';
import { createRuleClassifier } from '../../src/classify/index.js';
import { otherLanguageMentions } from './fixtures/mentions.js';

const classifier = createRuleClassifier();
const language = (text: string, languageHint: string | null = null) =>
  classifier.classify({ text, languageHint, topics: [] }).language;

describe('language detection', () => {
  it.each(otherLanguageMentions.map((m) => m.text))('calls %s "other"', (text) => {
    expect(language(text).label).toBe('other');
  });

  it('ignores handles, hashtags, URLs and emoji', () => {
    expect(
      language('@the_best_shop_ever #BlackFriday #SALE 🔥🔥 https://shop.example.com/deals merci beaucoup !')
        .label,
    ).toBe('fr');
    expect(language('@la_boutique_francaise #soldes https://boutique.fr/promo thanks a lot guys').label).toBe(
      'en',
    );
  });

  it('recognises short posts without function words by their letters', () => {
    expect(language('Livraison rapide, top').label).toBe('fr');
    expect(language('Shipping was super fast').label).toBe('en');
  });

  it('is confident on clear sentences and says "other" for empty or emoji-only text', () => {
    expect(language('Bonjour, comment changer mon mot de passe ?').score).toBeGreaterThan(0.9);
    expect(language('How do I reset my password?').score).toBeGreaterThan(0.9);
    expect(language('').label).toBe('other');
    expect(language('😍😍😍').label).toBe('other');
  });

  it('follows the network hint when the text is too short to tell', () => {
    expect(language('ok', 'fr').label).toBe('fr');
    expect(language('ok', 'en').label).toBe('en');
    expect(language('😍😍😍', 'fr-FR').label).toBe('fr');
    expect(language('', 'en').label).toBe('en');
  });

  it('overrides the hint when the text strongly disagrees', () => {
    expect(language('Bonjour, mon colis est toujours pas arrivé et personne ne répond', 'en').label).toBe(
      'fr',
    );
    expect(language('Hi, my package still has not arrived and nobody answers', 'fr').label).toBe('en');
    expect(language('¿Dónde está mi pedido? Llevo dos semanas esperando', 'fr').label).toBe('other');
  });

  it('reads hints of other languages as "other" and ignores "und"', () => {
    expect(language('ok', 'es').label).toBe('other');
    expect(language('Thanks for the quick answer', 'und').label).toBe('en');
  });

  it('gives a score that is a probability of the chosen label', () => {
    for (const text of ['', 'merci', 'thanks', 'Warum ist mein Paket noch nicht da?']) {
      const { score } = language(text);
      expect(score).toBeGreaterThan(0.33);
      expect(score).toBeLessThanOrEqual(1);
    }
  });
});
