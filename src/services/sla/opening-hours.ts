import { z } from 'zod';
import type { OpeningWindow } from '../../db/schema';

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

const HOURS_MESSAGE = 'write hours as 09:00-18:00, or 09:00-12:30, 13:30-18:00';
const OVERLAP_MESSAGE = 'the hours of a day must not overlap';
const OPEN_DAY_MESSAGE = 'open at least one day';

const RANGE = /^(\d{1,2}):(\d{2})\s*[-–—]\s*(\d{1,2}):(\d{2})$/;

const minuteOf = (h: string, m: string): number | null => {
  const [hours, minutes] = [Number(h), Number(m)];
  return minutes < 60 && hours * 60 + minutes <= 1440 ? hours * 60 + minutes : null;
};

/** One day's hours as a person writes them: "09:00-12:30, 13:30-18:00"; 24:00 is midnight. */
export function parseDayHours(text: string): { start: number; end: number }[] | { error: string } {
  const windows: { start: number; end: number }[] = [];
  for (const part of text.split(/[,;]/)) {
    const m = RANGE.exec(part.trim());
    const start = m ? minuteOf(m[1]!, m[2]!) : null;
    const end = m ? minuteOf(m[3]!, m[4]!) : null;
    if (start === null || end === null) return { error: HOURS_MESSAGE };
    if (end <= start) return { error: 'closing time must be after opening time' };
    windows.push({ start, end });
  }
  windows.sort((a, b) => a.start - b.start);
  for (let i = 1; i < windows.length; i++) {
    if (windows[i]!.start < windows[i - 1]!.end) return { error: OVERLAP_MESSAGE };
  }
  return windows;
}

const hhmm = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** A day's windows as the form shows them, "09:00-12:30, 13:30-18:00"; empty when closed. */
export function formatDayHours(windows: readonly OpeningWindow[], day: number, dash = '-'): string {
  return windows
    .filter((w) => w.day === day)
    .sort((a, b) => a.start - b.start)
    .map((w) => `${hhmm(w.start)}${dash}${hhmm(w.end)}`)
    .join(', ');
}

const windowItem = z.object({
  day: z.number().int().min(1).max(7),
  start: z.number().int().min(0).max(1439),
  end: z.number().int().min(1).max(1440),
});

/** Windows as the API returns them, `[{ day, start, end }]`, back to one text per day. */
function textByDay(raw: unknown[]): Record<string, unknown> | null {
  const items = z.array(windowItem).safeParse(raw);
  if (!items.success) return null;
  const byDay: Record<string, string> = {};
  for (const day of WEEKDAYS) {
    const text = formatDayHours(items.data, day);
    if (text) byDay[String(day)] = text;
  }
  return byDay;
}

/**
 * The week's hours, one text per ISO weekday ("1" = Monday); a day left out or empty is closed.
 * Each day's problem is reported on that day. The windows the API returns are taken back as well.
 */
export const openingHoursField = z.unknown().transform((raw, ctx): OpeningWindow[] => {
  if (Array.isArray(raw) && textByDay(raw) === null) {
    ctx.addIssue({ code: 'custom', message: HOURS_MESSAGE });
    return [];
  }
  const byDay = Array.isArray(raw)
    ? (textByDay(raw) ?? {})
    : raw && typeof raw === 'object'
      ? (raw as Record<string, unknown>)
      : {};
  const windows: OpeningWindow[] = [];
  let wrong = false;
  for (const key of Object.keys(byDay)) {
    if (!WEEKDAYS.some((d) => String(d) === key)) {
      ctx.addIssue({ code: 'custom', path: [key], message: 'is not a weekday (1 = Monday ... 7 = Sunday)' });
      wrong = true;
    }
  }
  for (const day of WEEKDAYS) {
    const text = byDay[String(day)];
    if (text === undefined || text === null || (typeof text === 'string' && text.trim() === '')) continue;
    const parsed = typeof text === 'string' ? parseDayHours(text) : { error: HOURS_MESSAGE };
    if ('error' in parsed) {
      ctx.addIssue({ code: 'custom', path: [String(day)], message: parsed.error });
      wrong = true;
    } else {
      windows.push(...parsed.map((w) => ({ day, ...w })));
    }
  }
  if (!wrong && windows.length === 0) ctx.addIssue({ code: 'custom', message: OPEN_DAY_MESSAGE });
  return windows;
});
