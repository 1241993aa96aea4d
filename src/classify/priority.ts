import type { Intent, Scored, Sentiment } from './types.js';

export interface PriorityInput {
  sentiment: Scored<Sentiment>;
  intent: Scored<Intent>;
  followers: number | null;
  waitingMinutes: number;
  needsSpecialist: boolean | 'unsure';
}

// Points per factor; they add up to 100 at most. Negativity and intent weigh most because an angry
// complaint is what turns into a public crisis; reach and waiting break ties among similar mentions.
const NEGATIVITY_POINTS = 35;
const INTENT_POINTS = 30;
const REACH_POINTS = 15;
const WAITING_POINTS = 12;
const SPECIALIST_POINTS = 8;
const UNSURE_SPECIALIST_POINTS = 4;
/** A million followers is as loud as it gets for us. */
const REACH_CAP_LOG10 = 6;
/** After a day, waiting longer does not make a mention more urgent than it already is. */
const WAITING_CAP_MINUTES = 24 * 60;

// Ranges never overlap between labels, so the label order holds whatever the scores are.
const INTENT_URGENCY: Record<Intent, number> = {
  complaint: 1,
  question: 0.75,
  other: 0.35,
  praise: 0.15,
  spam: 0,
};

/** 0 (delighted) .. 1 (furious): positive in [0, 0.3], neutral 0.4, negative in [0.5, 1]. */
function negativity(sentiment: Scored<Sentiment>): number {
  const s = clamp01(sentiment.score);
  if (sentiment.label === 'negative') return 0.5 + 0.5 * s;
  if (sentiment.label === 'positive') return 0.3 * (1 - s);
  return 0.4;
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}

/** How urgently a mention should be handled, 0..100; spam stays near 0 whatever else it has. */
export function priorityOf(input: PriorityInput): number {
  const { intent } = input;
  // The intent's confidence moves it within its band (0.8..1 of the label's urgency), never across.
  const urgency = INTENT_URGENCY[intent.label] * (0.8 + 0.2 * clamp01(intent.score));
  const followers = input.followers !== null && Number.isFinite(input.followers) ? input.followers : 0;
  const reach = followers > 0 ? Math.min(1, Math.log10(followers + 1) / REACH_CAP_LOG10) : 0;
  const minutes = Number.isFinite(input.waitingMinutes) ? Math.max(0, input.waitingMinutes) : 0;
  // Logarithmic: the first hour matters more than the tenth.
  const waiting = Math.min(1, Math.log1p(minutes) / Math.log1p(WAITING_CAP_MINUTES));
  const answerable = intent.label === 'question' || intent.label === 'complaint';
  const specialist =
    !answerable || input.needsSpecialist === false
      ? 0
      : input.needsSpecialist === true
        ? SPECIALIST_POINTS
        : UNSURE_SPECIALIST_POINTS;

  let total =
    NEGATIVITY_POINTS * negativity(input.sentiment) +
    INTENT_POINTS * urgency +
    REACH_POINTS * reach +
    WAITING_POINTS * waiting +
    specialist;
  if (intent.label === 'spam') total *= 0.05 * (1 - clamp01(intent.score));
  return Math.min(100, Math.max(0, Math.round(total)));
}
