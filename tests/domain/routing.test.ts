import { describe, expect, it } from 'vitest';
import { type ExpertCandidate, isWorking, routeQuestion } from '../../src/domain/routing';

const experts: ExpertCandidate[] = [
  { id: 'a', name: 'Ana', skills: ['billing'], languages: ['en', 'fr'], openQuestions: 3 },
  { id: 'b', name: 'Ben', skills: ['billing'], languages: ['en'], openQuestions: 0 },
  { id: 'c', name: 'Chloé', skills: ['billing', 'technical'], languages: ['fr'], openQuestions: 1 },
];
// A Friday, 09:00 UTC = 10:00 in Paris, 04:00 in New York, 18:00 in Tokyo.
const friday = new Date('2026-11-20T09:00:00Z');
const office = (timezone: string) => ({ timezone, days: [1, 2, 3, 4, 5], start: 9 * 60, end: 17 * 60 });

describe('routing a specialist question', () => {
  it('picks the least-loaded expert with the skill and the language, and says why in both languages', () => {
    const d = routeQuestion('billing', 'fr', experts, friday);
    expect(d.expertId).toBe('c');
    expect(d.reason).toBe('routed to Chloé: skill billing, speaks French, 1 open question');
    expect(d.reasonFr).toBe('orienté vers Chloé : compétence billing, parle français, 1 question en cours');
    expect(routeQuestion('billing', 'en', experts, friday).expertId).toBe('b');
  });

  it('names the skill by its topic in each language when the brand has one', () => {
    const names = { en: 'Billing', fr: 'Facturation' };
    const d = routeQuestion('billing', 'fr', experts, friday, names);
    expect(d.reason).toBe('routed to Chloé: skill Billing, speaks French, 1 open question');
    expect(d.reasonFr).toBe(
      'orienté vers Chloé : compétence Facturation, parle français, 1 question en cours',
    );
    const team = routeQuestion('billing', 'fr', [], friday, names);
    expect(team.reason).toBe('sent to the Billing team queue: no expert has the skill Billing');
    expect(team.reasonFr).toBe(
      'envoyé à la file de l’équipe Facturation : aucun expert n’a la compétence Facturation',
    );
  });

  it('never picks someone without the skill, however idle', () => {
    const idle = [
      ...experts,
      { id: 'd', name: 'Dan', skills: ['delivery'], languages: ['fr'], openQuestions: 0 },
    ];
    expect(routeQuestion('billing', 'fr', idle, friday).expertId).toBe('c');
  });

  it('never picks someone who does not speak the language', () => {
    const d = routeQuestion('technical', 'en', experts, friday);
    expect(d.expertId).toBeNull();
    expect(d.reason).toBe('sent to the technical team queue: nobody with the skill technical speaks English');
    expect(d.reasonFr).toContain('ne parle anglais');
  });

  it('falls back to the team queue when nobody has the skill', () => {
    const d = routeQuestion('legal', 'en', experts, friday);
    expect(d.expertId).toBeNull();
    expect(d.explanation).toMatchObject({ kind: 'team', withSkill: 0 });
    expect(d.reason).toBe('sent to the legal team queue: no expert has the skill legal');
  });

  it('skips experts who are away, on holiday or at their maximum, and says so', () => {
    const team: ExpertCandidate[] = [
      {
        id: 'a',
        name: 'Ana',
        skills: ['billing'],
        languages: ['fr'],
        openQuestions: 0,
        availability: 'away',
      },
      {
        id: 'b',
        name: 'Ben',
        skills: ['billing'],
        languages: ['fr'],
        openQuestions: 0,
        availability: 'holiday',
        awayUntil: new Date('2026-11-25T00:00:00Z'),
      },
      { id: 'c', name: 'Chloé', skills: ['billing'], languages: ['fr'], openQuestions: 2, maxOpen: 2 },
    ];
    const d = routeQuestion('billing', 'fr', team, friday);
    expect(d.expertId).toBeNull();
    expect(d.explanation).toEqual({
      kind: 'team',
      skill: 'billing',
      language: 'fr',
      withSkill: 3,
      withLanguage: 3,
      unavailable: { away: 1, holiday: 1, full: 1 },
    });
    expect(d.reason).toBe(
      'sent to the billing team queue because nobody is available (3 with the skill speaking French: 1 away, 1 on holiday, 1 at their maximum of open questions)',
    );
    expect(d.reasonFr).toContain('car personne n’est disponible');
  });

  it('brings an expert back when the holiday is over', () => {
    const back: ExpertCandidate = {
      id: 'b',
      name: 'Ben',
      skills: ['billing'],
      languages: ['fr'],
      openQuestions: 4,
      availability: 'holiday',
      awayUntil: new Date('2026-11-19T00:00:00Z'),
    };
    expect(routeQuestion('billing', 'fr', [back], friday).expertId).toBe('b');
  });

  it('under the maximum is fine: a limit of 3 with 2 open still takes one', () => {
    const c: ExpertCandidate = {
      id: 'c',
      name: 'C',
      skills: ['x'],
      languages: ['en'],
      openQuestions: 2,
      maxOpen: 3,
    };
    expect(routeQuestion('x', 'en', [c], friday).expertId).toBe('c');
  });

  it('respects working hours in each expert’s own time zone', () => {
    const team: ExpertCandidate[] = [
      {
        id: 'ny',
        name: 'Nora NY',
        skills: ['x'],
        languages: ['en'],
        openQuestions: 0,
        hours: office('America/New_York'),
      },
      {
        id: 'tk',
        name: 'Taro Tokyo',
        skills: ['x'],
        languages: ['en'],
        openQuestions: 0,
        hours: office('Asia/Tokyo'),
      },
      {
        id: 'pa',
        name: 'Paul Paris',
        skills: ['x'],
        languages: ['en'],
        openQuestions: 5,
        hours: office('Europe/Paris'),
      },
    ];
    // 04:00 in New York and 18:00 in Tokyo: only Paris (10:00) works, even with more open questions.
    const d = routeQuestion('x', 'en', team, friday);
    expect(d.expertId).toBe('pa');
    // 15:00 UTC: 10:00 in New York, midnight in Tokyo, 16:00 in Paris: New York is the least loaded.
    expect(routeQuestion('x', 'en', team, new Date('2026-11-20T15:00:00Z')).expertId).toBe('ny');
    // Saturday: nobody works, the team queue says why.
    const weekend = routeQuestion('x', 'en', team, new Date('2026-11-21T10:00:00Z'));
    expect(weekend.expertId).toBeNull();
    expect(weekend.reason).toContain('3 outside working hours');
  });

  it('handles a night shift that spans midnight, and summer time', () => {
    const night = { timezone: 'Europe/Paris', days: [5], start: 22 * 60, end: 6 * 60 };
    expect(isWorking(night, new Date('2026-11-20T22:30:00Z'))).toBe(true); // Fri 23:30 Paris
    expect(isWorking(night, new Date('2026-11-21T04:00:00Z'))).toBe(true); // Sat 05:00, Friday's shift
    expect(isWorking(night, new Date('2026-11-21T06:00:00Z'))).toBe(false); // Sat 07:00
    expect(isWorking(night, new Date('2026-11-19T22:30:00Z'))).toBe(false); // Thursday
    // In July Paris is UTC+2: 07:30 UTC is 09:30 there, so the office is open.
    expect(isWorking(office('Europe/Paris'), new Date('2026-07-15T07:30:00Z'))).toBe(true);
    expect(isWorking(office('Europe/Paris'), new Date('2026-01-15T07:30:00Z'))).toBe(false);
  });

  it('breaks ties by name so the choice is stable', () => {
    const tied: ExpertCandidate[] = [
      { id: 'z', name: 'Zoé', skills: ['x'], languages: ['en'], openQuestions: 1 },
      { id: 'y', name: 'Yann', skills: ['x'], languages: ['en'], openQuestions: 1 },
    ];
    expect(routeQuestion('x', 'en', tied, friday).expertId).toBe('y');
  });
});
