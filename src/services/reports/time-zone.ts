/**
 * Calendar arithmetic in a reader's time zone with nothing but Intl: report periods start at local
 * midnight (or the local hour, or Monday), including across daylight-saving changes.
 */

export type Granularity = 'hour' | 'day' | 'week';

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const partsCache = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = partsCache.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsCache.set(tz, f);
  }
  return f;
}

/** The wall clock in `tz` at an instant, as numbers. */
export function wallClock(at: Date, tz: string) {
  const p: Record<string, number> = {};
  for (const part of formatter(tz).formatToParts(at)) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  return {
    y: p.year ?? 0,
    m: p.month ?? 0,
    d: p.day ?? 0,
    h: p.hour ?? 0,
    min: p.minute ?? 0,
    s: p.second ?? 0,
  };
}

/** Minutes `tz` is ahead of UTC at an instant. */
export function offsetMinutes(at: Date, tz: string): number {
  const w = wallClock(at, tz);
  const asUtc = Date.UTC(w.y, w.m - 1, w.d, w.h, w.min, w.s);
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD` of the local day an instant falls on. */
export function localDay(at: Date, tz: string): string {
  const w = wallClock(at, tz);
  return `${w.y}-${pad(w.m)}-${pad(w.d)}`;
}

/** `YYYY-MM-DDTHH:00`: the local hour, the key the SQL side writes too. */
export function localHour(at: Date, tz: string): string {
  const w = wallClock(at, tz);
  return `${w.y}-${pad(w.m)}-${pad(w.d)}T${pad(w.h)}:00`;
}

export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + n)).toISOString().slice(0, 10);
}

/** Monday of the ISO week of a calendar day (what Postgres' date_trunc('week') answers). */
export function mondayOf(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const weekday = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

/** The instant local `day` starts in `tz` (local midnight; the first instant of the day if a gap swallows it). */
export function startOfLocalDay(day: string, tz: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  const wall = Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1);
  // Two passes: the offset at the guess may differ from the offset at the answer around a change.
  let guess = wall - offsetMinutes(new Date(wall), tz) * 60_000;
  guess = wall - offsetMinutes(new Date(guess), tz) * 60_000;
  if (localDay(new Date(guess), tz) !== day) guess += 3_600_000;
  return new Date(guess);
}

export interface Period {
  /** Local label key: `YYYY-MM-DD` (day, week's Monday) or `YYYY-MM-DDTHH:00` (hour). */
  key: string;
  from: Date;
  to: Date;
}

/** Every period between two local days (inclusive), empty ones included. */
export function periodsBetween(fromDay: string, toDay: string, unit: Granularity, tz: string): Period[] {
  const out: Period[] = [];
  if (unit === 'hour') {
    const end = startOfLocalDay(addDays(toDay, 1), tz).getTime();
    for (let t = startOfLocalDay(fromDay, tz).getTime(); t < end; t += 3_600_000) {
      const key = localHour(new Date(t), tz);
      const last = out[out.length - 1];
      // The hour repeated when clocks go back is one local hour: two UTC hours.
      if (last && last.key === key) last.to = new Date(t + 3_600_000);
      else out.push({ key, from: new Date(t), to: new Date(t + 3_600_000) });
    }
    return out;
  }
  const step = unit === 'week' ? 7 : 1;
  let day = unit === 'week' ? mondayOf(fromDay) : fromDay;
  while (day <= toDay) {
    const next = addDays(day, step);
    out.push({ key: day, from: startOfLocalDay(day, tz), to: startOfLocalDay(next, tz) });
    day = next;
  }
  // A week cut by the period's edges counts only the days inside it.
  const first = out[0];
  const last = out[out.length - 1];
  if (first) first.from = startOfLocalDay(fromDay, tz);
  if (last) last.to = startOfLocalDay(addDays(toDay, 1), tz);
  return out;
}
