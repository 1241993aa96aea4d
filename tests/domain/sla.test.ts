import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  type BusinessHours,
  caseSlaState,
  localToInstant,
  policyFor,
  targetState,
} from '../../src/domain/sla';

/** The same hours every day listed. */
const daily = (days: number[], start: number, end: number) => days.map((day) => ({ day, start, end }));

const paris: BusinessHours = {
  timeZone: 'Europe/Paris',
  windows: daily([1, 2, 3, 4, 5], 540, 1080),
};
const iso = (d: Date) => d.toISOString();

describe('addBusinessMinutes', () => {
  it('counts inside one working day', () => {
    // Friday 20 Nov 2026, 10:00 in Paris (UTC+1) = 09:00Z; +60 min -> 11:00 Paris.
    expect(iso(addBusinessMinutes(new Date('2026-11-20T09:00:00Z'), 60, paris))).toBe(
      '2026-11-20T10:00:00.000Z',
    );
  });

  it('starts at opening time when the case arrives before it', () => {
    // 07:00 Paris -> counts from 09:00 Paris (08:00Z).
    expect(iso(addBusinessMinutes(new Date('2026-11-18T06:00:00Z'), 30, paris))).toBe(
      '2026-11-18T08:30:00.000Z',
    );
  });

  it('skips the weekend', () => {
    // Friday 17:30 Paris + 60 business minutes: 30 on Friday, 30 on Monday from 09:00 -> Monday 09:30 Paris.
    expect(iso(addBusinessMinutes(new Date('2026-11-20T16:30:00Z'), 60, paris))).toBe(
      '2026-11-23T08:30:00.000Z',
    );
  });

  it('skips a lunch break and counts a short Saturday', () => {
    const shop: BusinessHours = {
      timeZone: 'Europe/Paris',
      windows: [
        ...daily([1, 2, 3, 4, 5], 540, 750),
        ...daily([1, 2, 3, 4, 5], 810, 1080),
        { day: 6, start: 600, end: 840 },
      ],
    };
    // Friday 20 Nov, 12:00 Paris (11:00Z) + 60: 30 before the 12:30 break, 30 after 13:30 -> 14:00 Paris.
    expect(iso(addBusinessMinutes(new Date('2026-11-20T11:00:00Z'), 60, shop))).toBe(
      '2026-11-20T13:00:00.000Z',
    );
    // Friday 17:30 Paris + 60: 30 on Friday, then Saturday from 10:00 -> Saturday 10:30 Paris.
    expect(iso(addBusinessMinutes(new Date('2026-11-20T16:30:00Z'), 60, shop))).toBe(
      '2026-11-21T09:30:00.000Z',
    );
    // Saturday 13:00 Paris + 120: 60 until 14:00, then Monday from 09:00 -> Monday 10:00 Paris.
    expect(iso(addBusinessMinutes(new Date('2026-11-21T12:00:00Z'), 120, shop))).toBe(
      '2026-11-23T09:00:00.000Z',
    );
  });

  it('skips closed days: a date once, a month-day every year', () => {
    const holidays = { ...paris, closedDays: ['2026-12-24', '12-25'] };
    // Wednesday 23 Dec 2026, 17:30 Paris + 60: 30 on Wednesday; Thursday 24 (once) and Friday 25
    // (every year) closed, then the weekend -> Monday 28 Dec, 09:30 Paris.
    expect(iso(addBusinessMinutes(new Date('2026-12-23T16:30:00Z'), 60, holidays))).toBe(
      '2026-12-28T08:30:00.000Z',
    );
    // The one-off date is a working day the next year; 12-25 is closed again.
    expect(iso(addBusinessMinutes(new Date('2027-12-23T16:30:00Z'), 60, holidays))).toBe(
      '2027-12-24T08:30:00.000Z',
    );
    expect(iso(addBusinessMinutes(new Date('2027-12-24T16:30:00Z'), 60, holidays))).toBe(
      '2027-12-27T08:30:00.000Z',
    );
  });

  it('reads closed days as local dates of the policy’s zone', () => {
    // 1 January 2027 starts at 23:00Z on 31 December in Paris: 30 minutes before, the case is still
    // in a working 31 December evening, but counting only starts again on Monday 4 January.
    const hours = { ...paris, windows: daily([1, 2, 3, 4, 5], 0, 1440), closedDays: ['01-01'] };
    expect(iso(addBusinessMinutes(new Date('2026-12-31T22:30:00Z'), 60, hours))).toBe(
      '2027-01-03T23:30:00.000Z',
    );
  });

  it('a case posted on Saturday counts from Monday morning', () => {
    expect(iso(addBusinessMinutes(new Date('2026-11-21T12:00:00Z'), 120, paris))).toBe(
      '2026-11-23T10:00:00.000Z',
    );
  });

  it('spans several days for long targets', () => {
    // 3 working days of 9 hours = 1620 minutes from Monday 09:00 Paris -> Wednesday 18:00 Paris.
    expect(iso(addBusinessMinutes(new Date('2026-11-23T08:00:00Z'), 1620, paris))).toBe(
      '2026-11-25T17:00:00.000Z',
    );
  });

  it('follows the time zone of the brand, not UTC', () => {
    const tokyo: BusinessHours = { ...paris, timeZone: 'Asia/Tokyo' };
    // 2026-11-20T09:00Z is 18:00 in Tokyo (closing): the hour goes to Monday 09:00-10:00 Tokyo.
    expect(iso(addBusinessMinutes(new Date('2026-11-20T09:00:00Z'), 60, tokyo))).toBe(
      '2026-11-23T01:00:00.000Z',
    );
    const ny: BusinessHours = { ...paris, timeZone: 'America/New_York' };
    // 09:00Z is 04:00 in New York (UTC-5): opens 09:00 = 14:00Z.
    expect(iso(addBusinessMinutes(new Date('2026-11-20T09:00:00Z'), 60, ny))).toBe(
      '2026-11-20T15:00:00.000Z',
    );
  });

  it('handles the spring DST change (Paris, 29 March 2026)', () => {
    // Friday 27 March 17:00 Paris (UTC+1) = 16:00Z; + 120 min: 60 on Friday, 60 on Monday 30 March
    // from 09:00 Paris, now UTC+2 -> 10:00 Paris = 08:00Z.
    expect(iso(addBusinessMinutes(new Date('2026-03-27T16:00:00Z'), 120, paris))).toBe(
      '2026-03-30T08:00:00.000Z',
    );
  });

  it('handles the autumn DST change (Paris, 25 October 2026)', () => {
    // Friday 23 Oct 17:00 Paris (UTC+2) = 15:00Z; +120 -> Monday 26 Oct 10:00 Paris (UTC+1) = 09:00Z.
    expect(iso(addBusinessMinutes(new Date('2026-10-23T15:00:00Z'), 120, paris))).toBe(
      '2026-10-26T09:00:00.000Z',
    );
  });

  it('counts around the clock on a 24/7 brand across a DST night', () => {
    const always: BusinessHours = {
      timeZone: 'Europe/Paris',
      windows: daily([1, 2, 3, 4, 5, 6, 7], 0, 1440),
    };
    // Business minutes are real minutes when always open, even over the night that loses an hour.
    expect(iso(addBusinessMinutes(new Date('2026-03-28T23:00:00Z'), 240, always))).toBe(
      '2026-03-29T03:00:00.000Z',
    );
  });

  it('treats hours that never open as always open instead of looping', () => {
    expect(iso(addBusinessMinutes(new Date('2026-11-21T12:00:00Z'), 30, { ...paris, windows: [] }))).toBe(
      '2026-11-21T12:30:00.000Z',
    );
  });

  it('zero minutes during opening hours is now; outside them the next opening', () => {
    expect(iso(addBusinessMinutes(new Date('2026-11-20T09:00:00Z'), 0, paris))).toBe(
      '2026-11-20T09:00:00.000Z',
    );
    expect(iso(addBusinessMinutes(new Date('2026-11-20T20:00:00Z'), 0, paris))).toBe(
      '2026-11-23T08:00:00.000Z',
    );
  });
});

describe('localToInstant', () => {
  it('reads the offset of the day asked for', () => {
    expect(iso(localToInstant({ y: 2026, m: 7, d: 1 }, 540, 'Europe/Paris'))).toBe(
      '2026-07-01T07:00:00.000Z',
    );
    expect(iso(localToInstant({ y: 2026, m: 1, d: 5 }, 540, 'Europe/Paris'))).toBe(
      '2026-01-05T08:00:00.000Z',
    );
  });
});

describe('SLA states', () => {
  const now = new Date('2026-11-20T10:00:00Z');
  const at = (s: string) => new Date(s);

  it('one target', () => {
    expect(targetState(null, null, now)).toBeNull();
    expect(targetState(at('2026-11-20T12:00:00Z'), null, now)).toBe('ok');
    expect(targetState(at('2026-11-20T10:30:00Z'), null, now)).toBe('due_soon');
    expect(targetState(at('2026-11-20T09:59:00Z'), null, now)).toBe('breached');
    expect(targetState(at('2026-11-20T09:00:00Z'), at('2026-11-20T08:00:00Z'), now)).toBe('met');
    expect(targetState(at('2026-11-20T09:00:00Z'), at('2026-11-20T09:30:00Z'), now)).toBe('breached');
  });

  it('a case takes the worse of its targets', () => {
    const base = {
      firstResponseDueAt: at('2026-11-20T09:00:00Z'),
      firstRespondedAt: at('2026-11-20T08:50:00Z'),
      resolutionDueAt: at('2026-11-20T18:00:00Z'),
      resolvedAt: null,
    };
    expect(caseSlaState(base, now)).toBe('ok');
    expect(caseSlaState({ ...base, resolutionDueAt: at('2026-11-20T10:20:00Z') }, now)).toBe('due_soon');
    expect(caseSlaState({ ...base, firstRespondedAt: null }, now)).toBe('breached');
    expect(caseSlaState({ ...base, resolvedAt: at('2026-11-20T09:40:00Z') }, now)).toBe('met');
    expect(
      caseSlaState(
        { firstResponseDueAt: null, firstRespondedAt: null, resolutionDueAt: null, resolvedAt: null },
        now,
      ),
    ).toBeNull();
  });

  it('picks the policy of the highest threshold reached', () => {
    const policies = [{ minPriority: 0 }, { minPriority: 70 }, { minPriority: 40 }];
    expect(policyFor(policies, 10)?.minPriority).toBe(0);
    expect(policyFor(policies, 55)?.minPriority).toBe(40);
    expect(policyFor(policies, 90)?.minPriority).toBe(70);
    expect(policyFor([{ minPriority: 20 }], 10)).toBeNull();
  });
});
