import { describe, expect, it } from 'vitest';
import { allowedFrom, statusAfterFollowUp } from '../../src/domain/case-status';

describe('the case status machine', () => {
  it('reopens an answered or closed case when the customer writes again', () => {
    expect(statusAfterFollowUp('answered')).toBe('open');
    expect(statusAfterFollowUp('closed')).toBe('open');
  });

  it('leaves ignored and in-progress cases where they are', () => {
    for (const s of ['ignored', 'new', 'open', 'waiting_expert', 'awaiting_approval'] as const) {
      expect(statusAfterFollowUp(s)).toBe(s);
    }
  });

  it('only approves a case that awaits approval, and only escalates a new or open one', () => {
    expect(allowedFrom('approve')).toEqual(['awaiting_approval']);
    expect(allowedFrom('escalate')).toEqual(['new', 'open']);
  });
});
