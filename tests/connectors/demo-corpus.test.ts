import { describe, expect, it } from 'vitest';
import {
  corpusIndexOfText,
  demoAuthors,
  demoBrand,
  demoCorpus,
  demoTopics,
} from '../../connectors/demo/corpus';
import { measureDemoText } from '../../connectors/demo/raw';

describe('demo corpus', () => {
  it('has 120+ distinct posts, about half in each language', () => {
    expect(demoCorpus.length).toBeGreaterThanOrEqual(120);
    expect(new Set(demoCorpus.map((e) => e.text)).size).toBe(demoCorpus.length);
    const french = demoCorpus.filter((e) => e.lang === 'fr').length / demoCorpus.length;
    expect(french).toBeGreaterThan(0.45);
    expect(french).toBeLessThan(0.55);
  });

  it('gives every kind a topic that fits it', () => {
    for (const entry of demoCorpus) {
      if (entry.kind === 'noise' || entry.kind === 'spam') expect(entry.topic, entry.text).toBeNull();
      if (entry.kind === 'specialist-question')
        expect(['billing', 'technical'], entry.text).toContain(entry.topic);
      if (entry.kind === 'standard-question') {
        expect(['delivery', 'account', 'general'], entry.text).toContain(entry.topic);
      }
      if (entry.kind === 'complaint' || entry.kind === 'praise')
        expect(entry.topic, entry.text).not.toBeNull();
    }
  });

  it('covers every kind and every specialist or standard topic in both languages', () => {
    for (const lang of ['en', 'fr'] as const) {
      const entries = demoCorpus.filter((e) => e.lang === lang);
      for (const kind of [
        'standard-question',
        'specialist-question',
        'complaint',
        'praise',
        'noise',
        'spam',
      ]) {
        expect(entries.filter((e) => e.kind === kind).length, `${lang} ${kind}`).toBeGreaterThanOrEqual(4);
      }
      for (const topic of ['billing', 'technical']) {
        const count = entries.filter((e) => e.kind === 'specialist-question' && e.topic === topic).length;
        expect(count, `${lang} ${topic}`).toBeGreaterThanOrEqual(5);
      }
      for (const topic of ['delivery', 'account', 'general']) {
        const count = entries.filter((e) => e.kind === 'standard-question' && e.topic === topic).length;
        expect(count, `${lang} ${topic}`).toBeGreaterThanOrEqual(3);
      }
    }
  });

  it('mentions @lumo in most posts, and names Lumo in the others so keyword listeners find them', () => {
    const mentioning = demoCorpus.filter((e) => /@lumo\b/i.test(e.text));
    expect(mentioning.length / demoCorpus.length).toBeGreaterThan(0.7);
    expect(mentioning.length).toBeLessThan(demoCorpus.length);
    for (const entry of demoCorpus) expect(entry.text.toLowerCase(), entry.text).toContain('lumo');
  });

  it('keeps every post and follow-up under the network limit, with one or two follow-ups', () => {
    const withFollowUps = demoCorpus.filter((e) => e.followUps !== undefined);
    expect(withFollowUps.length).toBeGreaterThanOrEqual(20);
    for (const entry of demoCorpus) {
      expect(measureDemoText(entry.text)).toBeLessThanOrEqual(500);
      if (!entry.followUps) continue;
      expect(entry.followUps.length).toBeGreaterThanOrEqual(1);
      expect(entry.followUps.length).toBeLessThanOrEqual(2);
      for (const text of entry.followUps) {
        expect(text.trim()).not.toBe('');
        expect(measureDemoText(text)).toBeLessThanOrEqual(500);
      }
    }
  });

  it('finds an entry back from its text', () => {
    const entry = demoCorpus[17];
    expect(corpusIndexOfText(entry?.text ?? '')).toBe(17);
    expect(corpusIndexOfText('not in the corpus')).toBe(-1);
  });
});

describe('demo authors', () => {
  it('has about 40 distinct customers from 3 to 250k followers in both languages', () => {
    expect(demoAuthors.length).toBeGreaterThanOrEqual(38);
    expect(new Set(demoAuthors.map((a) => a.handle.toLowerCase())).size).toBe(demoAuthors.length);
    const followers = demoAuthors.map((a) => a.followers);
    expect(Math.min(...followers)).toBe(3);
    expect(Math.max(...followers)).toBeLessThanOrEqual(250_000);
    expect(Math.max(...followers)).toBeGreaterThan(200_000);
    expect(demoAuthors.filter((a) => a.lang === 'fr').length).toBeGreaterThanOrEqual(15);
    expect(demoAuthors.filter((a) => a.lang === 'en').length).toBeGreaterThanOrEqual(15);
    for (const author of demoAuthors) {
      expect(author.handle).toMatch(/^[a-z0-9_.]+$/);
      expect(author.handle).not.toBe(demoBrand.handle);
    }
  });
});

describe('demo topics', () => {
  it('marks billing and technical as specialist topics with their skill', () => {
    expect(demoTopics.map((t) => t.key)).toEqual(['billing', 'technical', 'delivery', 'account', 'general']);
    for (const topic of demoTopics) {
      const specialist = topic.key === 'billing' || topic.key === 'technical';
      expect(topic.needsSpecialist).toBe(specialist);
      expect(topic.skill).toBe(specialist ? topic.key : null);
      for (const lang of ['en', 'fr'] as const) {
        expect(topic.label[lang]).not.toBe('');
        expect(topic.keywords[lang].length).toBeGreaterThanOrEqual(3);
        expect(topic.examples[lang].length).toBeGreaterThanOrEqual(2);
      }
    }
  });
});
