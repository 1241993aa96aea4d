import { describe, expect, it } from 'vitest';
import {
  type Intent,
  type PriorityInput,
  priorityOf,
  type Scored,
  type Sentiment,
} from '../../src/classify/index.js';

// Orders from least to most urgent, as the product defines them.
const SENTIMENTS: Scored<Sentiment>[] = [
  { label: 'positive', score: 1 },
  { label: 'positive', score: 0.6 },
  { label: 'neutral', score: 0.9 },
  { label: 'negative', score: 0.6 },
  { label: 'negative', score: 1 },
];
const INTENTS: Scored<Intent>[] = [
  { label: 'praise', score: 0.9 },
  { label: 'other', score: 0.6 },
  { label: 'question', score: 0.5 },
  { label: 'question', score: 0.9 },
  { label: 'complaint', score: 0.5 },
  { label: 'complaint', score: 0.99 },
];
const FOLLOWERS: Array<number | null> = [null, 0, 10, 1_000, 100_000, 10_000_000];
const WAITING = [0, 5, 60, 600, 1440];
const SPECIALIST: Array<boolean | 'unsure'> = [false, 'unsure', true];

/** Every combination of the other factors, so monotonicity is checked everywhere, not at one point. */
function* grid(): Generator<PriorityInput> {
  for (const sentiment of SENTIMENTS)
    for (const intent of INTENTS)
      for (const followers of FOLLOWERS)
        for (const waitingMinutes of WAITING)
          for (const needsSpecialist of SPECIALIST)
            yield { sentiment, intent, followers, waitingMinutes, needsSpecialist };
}

function expectNonDecreasing<T>(values: T[], at: (value: T) => number): void {
  const priorities = values.map(at);
  for (let i = 1; i < priorities.length; i++)
    expect(priorities[i]).toBeGreaterThanOrEqual(priorities[i - 1] ?? 0);
}

const calm: PriorityInput = {
  sentiment: { label: 'neutral', score: 0.9 },
  intent: { label: 'question', score: 0.8 },
  followers: 100,
  waitingMinutes: 10,
  needsSpecialist: false,
};

describe('priorityOf', () => {
  it('is an integer between 0 and 100', () => {
    for (const input of grid()) {
      const p = priorityOf(input);
      expect(Number.isInteger(p)).toBe(true);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(100);
    }
  });

  it('grows with negativity', () => {
    for (const input of grid())
      expectNonDecreasing(SENTIMENTS, (sentiment) => priorityOf({ ...input, sentiment }));
    expect(priorityOf({ ...calm, sentiment: { label: 'negative', score: 0.95 } })).toBeGreaterThan(
      priorityOf({ ...calm, sentiment: { label: 'positive', score: 0.95 } }) + 20,
    );
  });

  it('orders intents complaint > question > other > praise', () => {
    for (const input of grid()) expectNonDecreasing(INTENTS, (intent) => priorityOf({ ...input, intent }));
    const at = (label: Intent) => priorityOf({ ...calm, intent: { label, score: 0.8 } });
    expect(at('complaint')).toBeGreaterThan(at('question'));
    expect(at('question')).toBeGreaterThan(at('other'));
    expect(at('other')).toBeGreaterThan(at('praise'));
  });

  it('keeps spam near zero whatever else it has', () => {
    for (const input of grid()) {
      expect(priorityOf({ ...input, intent: { label: 'spam', score: 0.6 } })).toBeLessThanOrEqual(3);
    }
  });

  it('grows with the log of the followers', () => {
    for (const input of grid())
      expectNonDecreasing(FOLLOWERS, (followers) => priorityOf({ ...input, followers }));
    expect(priorityOf({ ...calm, followers: 1_000_000 })).toBeGreaterThan(
      priorityOf({ ...calm, followers: 10 }) + 8,
    );
    // A log scale: going from 1M to 100M followers adds nothing past the cap.
    expect(priorityOf({ ...calm, followers: 100_000_000 })).toBe(
      priorityOf({ ...calm, followers: 1_000_000 }),
    );
  });

  it('grows with waiting time, up to a cap', () => {
    for (const input of grid())
      expectNonDecreasing(WAITING, (waitingMinutes) => priorityOf({ ...input, waitingMinutes }));
    expect(priorityOf({ ...calm, waitingMinutes: 600 })).toBeGreaterThan(
      priorityOf({ ...calm, waitingMinutes: 0 }),
    );
    expect(priorityOf({ ...calm, waitingMinutes: 10_000 })).toBe(
      priorityOf({ ...calm, waitingMinutes: 1440 }),
    );
  });

  it('bumps questions that need a specialist', () => {
    for (const input of grid()) {
      expectNonDecreasing(SPECIALIST, (needsSpecialist) => priorityOf({ ...input, needsSpecialist }));
    }
    expect(priorityOf({ ...calm, needsSpecialist: true })).toBeGreaterThan(
      priorityOf({ ...calm, needsSpecialist: 'unsure' }),
    );
    expect(priorityOf({ ...calm, needsSpecialist: 'unsure' })).toBeGreaterThan(priorityOf(calm));
  });

  it('survives nonsense numbers', () => {
    for (const followers of [Number.NaN, -5, Number.POSITIVE_INFINITY]) {
      const p = priorityOf({ ...calm, followers, waitingMinutes: Number.NaN });
      expect(Number.isInteger(p)).toBe(true);
      expect(p).toBeGreaterThanOrEqual(0);
    }
  });
});
