import type { PreparedText } from '../prepare-text.js';
import type { Intent, Scored } from '../types.js';
import {
  countMatches,
  PRAISE_RE,
  PROBLEM_GLOBAL_RE,
  QUESTION_ANY_RE,
  QUESTION_START_RE,
  REPEATED_RE,
  SPAM_GLOBAL_RE,
  WAITING_RE,
} from './signals.js';

export interface IntentSignals {
  /** Waiting and repeated-contact markers. */
  complaintMarkers: number;
  problems: number;
  /** 0..4: a question mark, an interrogative opening, a question phrase. */
  question: number;
  spam: number;
}

/** Reads the phrase signals once: the sentiment needs some of them before the intent is decided. */
export function readSignals(prepared: PreparedText, joined: string): IntentSignals {
  let spam = countMatches(joined, SPAM_GLOBAL_RE) * 1.5;
  // Link farms and tag storms look the same in every language.
  if (prepared.urlCount >= 2) spam += 1;
  else if (prepared.urlCount === 1 && prepared.tokens.length < 6) spam += 0.5;
  if (prepared.hashtagCount >= 6) spam += 1;
  if (prepared.handleCount >= 5) spam += 1;
  for (const e of prepared.emojis) if (e === '💰' || e === '🚀' || e === '💸' || e === '🤑') spam += 0.5;

  return {
    complaintMarkers: (WAITING_RE.test(joined) ? 1 : 0) + (REPEATED_RE.test(joined) ? 1 : 0),
    problems: countMatches(joined, PROBLEM_GLOBAL_RE),
    question:
      (prepared.questionMarks > 0 ? 1.5 : 0) +
      (QUESTION_START_RE.test(joined) ? 1.5 : 0) +
      (QUESTION_ANY_RE.test(joined) ? 1 : 0),
    spam,
  };
}

export function isQuestionLike(signals: IntentSignals): boolean {
  return signals.question >= QUESTION;
}

// Hand-set thresholds, checked against tests/classify. A complaint needs a problem or a clearly
// negative tone; when it also asks something, it stays a complaint only if the anger dominates.
const QUESTION = 1.5;
const SPAM = 2;
// Two scam words in a question are usually a customer reporting a scam, so "whatever else" needs more.
const SPAM_WHATEVER_ELSE = 4.5;
const ANGRY = -0.5;
const FURIOUS = -0.75;
/** A question score this low comes from punctuation alone ("facture en double ??"), not from asking. */
const PUNCTUATION_ONLY = 1.5;
const NEGATIVE = -0.3;
const POSITIVE = 0.3;

export function detectIntent(joined: string, signals: IntentSignals, compound: number): Scored<Intent> {
  const { problems, complaintMarkers, question, spam } = signals;
  const negativity = Math.max(0, -compound);
  const complaint = Math.min(problems, 3) + complaintMarkers * 1.5 + negativity * 3;
  const asks = question >= QUESTION;

  if (spam >= SPAM_WHATEVER_ELSE || (spam >= SPAM && complaint < 2 && !asks)) {
    return { label: 'spam', score: Math.min(0.99, 0.5 + spam / 8) };
  }
  const complaintScore = Math.min(0.99, 0.5 + complaint / 8);
  // Waiting for something that went wrong is a complaint, even phrased as "where is my refund?".
  if (complaintMarkers > 0 && (problems > 0 || compound < 0)) {
    return { label: 'complaint', score: complaintScore };
  }
  if (problems > 0 && (compound <= FURIOUS || (compound <= ANGRY && question <= PUNCTUATION_ONLY))) {
    return { label: 'complaint', score: complaintScore };
  }
  if (asks) return { label: 'question', score: Math.min(0.99, 0.45 + question / 8) };
  if ((problems > 0 && compound < 0) || compound <= NEGATIVE) {
    return { label: 'complaint', score: complaintScore };
  }
  const praise = Math.max(0, compound) * 3 + (PRAISE_RE.test(joined) ? 1 : 0);
  if (compound >= POSITIVE || (praise >= 1.2 && compound > 0)) {
    return { label: 'praise', score: Math.min(0.99, 0.4 + praise / 6) };
  }
  return { label: 'other', score: 0.6 };
}
