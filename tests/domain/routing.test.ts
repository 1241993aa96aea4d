import { describe, expect, it } from 'vitest';
import { routeQuestion } from '../../src/domain/routing';

const experts = [
  { id: 'a', name: 'Ana', skills: ['billing'], languages: ['en', 'fr'], openQuestions: 3 },
  { id: 'b', name: 'Ben', skills: ['billing'], languages: ['en'], openQuestions: 0 },
  { id: 'c', name: 'Chloé', skills: ['billing', 'technical'], languages: ['fr'], openQuestions: 1 },
];

describe('routing a specialist question', () => {
  it('picks the least-loaded expert with the skill and the language, and says why', () => {
    expect(routeQuestion('billing', 'fr', experts)).toEqual({
      expertId: 'c',
      reason: 'routed to Chloé: skill billing, speaks fr, 1 open question',
    });
    expect(routeQuestion('billing', 'en', experts).expertId).toBe('b');
  });

  it('falls back to the team queue when nobody fits', () => {
    const d = routeQuestion('technical', 'en', experts);
    expect(d.expertId).toBeNull();
    expect(d.reason).toContain('technical team queue');
  });

  it('breaks ties by name so the choice is stable', () => {
    const tied = [
      { id: 'z', name: 'Zoé', skills: ['x'], languages: ['en'], openQuestions: 1 },
      { id: 'y', name: 'Yann', skills: ['x'], languages: ['en'], openQuestions: 1 },
    ];
    expect(routeQuestion('x', 'en', tied).expertId).toBe('y');
  });
});
