import type { CaseStatus } from '../db/schema';

/** The case status machine: which verb may move a case from which status, and where to. */
export const transitions = {
  claim: { from: ['new', 'open'], to: 'open' },
  reply: { from: ['new', 'open'], to: 'open' },
  escalate: { from: ['new', 'open'], to: 'waiting_expert' },
  expertAnswer: { from: ['waiting_expert'], to: 'awaiting_approval' },
  approve: { from: ['awaiting_approval'], to: 'open' },
  sendBack: { from: ['awaiting_approval'], to: 'waiting_expert' },
  ignore: { from: ['new', 'open'], to: 'ignored' },
  replySent: { from: ['new', 'open', 'waiting_expert', 'awaiting_approval', 'answered'], to: 'answered' },
  close: { from: ['answered', 'open'], to: 'closed' },
} as const satisfies Record<string, { from: readonly CaseStatus[]; to: CaseStatus }>;

export type CaseVerb = keyof typeof transitions;

export function allowedFrom(verb: CaseVerb): readonly CaseStatus[] {
  return transitions[verb].from;
}

/** A customer writing again reopens a finished conversation; an ignored thread stays ignored. */
export function statusAfterFollowUp(current: CaseStatus): CaseStatus {
  return current === 'answered' || current === 'closed' ? 'open' : current;
}

/** First-response target by priority, until brands configure their own SLAs. */
export function responseTargetMinutes(priority: number): number {
  if (priority >= 70) return 60;
  if (priority >= 40) return 4 * 60;
  return 24 * 60;
}
