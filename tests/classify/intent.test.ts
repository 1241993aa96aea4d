import { describe, expect, it } from 'vitest';
import { createRuleClassifier } from '../../src/classify/index.js';

const classifier = createRuleClassifier();
const intent = (text: string) => classifier.classify({ text, topics: [] }).intent.label;

describe('intent', () => {
  it('finds questions by question marks and interrogative forms', () => {
    expect(intent('Comment activer la double authentification')).toBe('question');
    expect(intent('Pourquoi le voyant clignote en rouge')).toBe('question');
    expect(intent("Est-ce que l'appli marche sur Android 9")).toBe('question');
    expect(intent('Y a-t-il une garantie sur le capteur')).toBe('question');
    expect(intent('How do I add a second user')).toBe('question');
    expect(intent('Can I use the plug outdoors')).toBe('question');
    expect(intent('the plug works outdoors?')).toBe('question');
  });

  it('finds complaints from problem words and a negative tone', () => {
    expect(intent("Toujours pas de réponse à ma réclamation, c'est un scandale")).toBe('complaint');
    expect(intent("L'appli ne fonctionne plus depuis la mise à jour")).toBe('complaint');
    expect(intent('still broken after the update, unacceptable')).toBe('complaint');
    expect(intent('The hub is down again. Third time this month')).toBe('complaint');
  });

  it('keeps a complaint phrased as a question a complaint when it is angry or has waited', () => {
    expect(intent('Where is my refund? Been waiting for 3 weeks')).toBe('complaint');
    expect(intent('Où est mon remboursement ?? Ça fait un mois !!')).toBe('complaint');
  });

  it('keeps a calm request for help about a problem a question', () => {
    expect(intent('The pairing keeps failing, any idea how to fix it?')).toBe('question');
    expect(intent('Le hub est hors ligne, comment le réinitialiser ?')).toBe('question');
  });

  it('finds praise', () => {
    expect(intent('Merci pour votre aide, au top !')).toBe('praise');
    expect(intent('Love the new app, great job team')).toBe('praise');
  });

  it('finds spam', () => {
    expect(intent('Earn $500 a day with crypto, DM me now 💰🚀')).toBe('spam');
    expect(intent('GIVEAWAY 🎁 follow back + RT to win an iPhone https://t.co/a https://t.co/b')).toBe(
      'spam',
    );
    expect(intent('Check my bio for free followers #follow #f4f #like #love #instagood #followme')).toBe(
      'spam',
    );
    expect(intent('Gagnez de l’argent facilement, lien dans ma bio 💸')).toBe('spam');
  });

  it('does not call a customer who mentions a scam spam', () => {
    expect(intent('Someone pretending to be you sent me a crypto giveaway scam, is this legit?')).not.toBe(
      'spam',
    );
  });

  it('calls everything else "other"', () => {
    expect(intent('Installing the new hub this weekend')).toBe('other');
    expect(intent('Nouvelle vidéo ce soir sur la maison connectée')).toBe('other');
    expect(intent('')).toBe('other');
  });
});
