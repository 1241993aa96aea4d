/**
 * Service-level arithmetic in business hours. Pure: the time zone rules come from Intl, so the same
 * answer on Node and on Workers, and daylight saving changes are handled by re-reading the offset.
 */
/** One stretch of opening hours: an ISO weekday (1 = Monday ... 7 = Sunday), minutes after local midnight. */
export interface OpeningWindow {
  day: number;
  start: number;
  /** Up to 1440: open until midnight. */
  end: number;
}

export interface BusinessHours {
  timeZone: string;
  /** Several windows a day for a lunch break; a weekday without one is closed. */
  windows: readonly OpeningWindow[];
  /**
   * Days the team is closed though they are working days: "2026-12-25" once, "12-25" every year,
   * local dates in `timeZone`.
   */
  closedDays?: readonly string[];
}

interface LocalDay {
  y: number;
  m: number;
  d: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function localParts(at: Date, timeZone: string) {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(at)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    y: parts.year ?? 1970,
    m: parts.month ?? 1,
    d: parts.day ?? 1,
    minute: (parts.hour ?? 0) * 60 + (parts.minute ?? 0),
    second: parts.second ?? 0,
  };
}

/** Milliseconds the zone is ahead of UTC at that instant. */
function offsetAt(at: Date, timeZone: string): number {
  const p = localParts(at, timeZone);
  const asUtc = Date.UTC(p.y, p.m - 1, p.d, 0, p.minute, p.second);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant a local wall-clock time happens (a time skipped by a DST jump lands just after it). */
export function localToInstant(day: LocalDay, minute: number, timeZone: string): Date {
  const wall = Date.UTC(day.y, day.m - 1, day.d, 0, minute);
  let at = wall - offsetAt(new Date(wall), timeZone);
  // The offset at the guess may differ from the offset at the answer when a DST change lies between.
  at = wall - offsetAt(new Date(at), timeZone);
  return new Date(at);
}

function isoWeekday(day: LocalDay): number {
  const w = new Date(Date.UTC(day.y, day.m - 1, day.d)).getUTCDay();
  return w === 0 ? 7 : w;
}

const pad = (n: number) => String(n).padStart(2, '0');

function isClosedDay(day: LocalDay, closed: ReadonlySet<string>): boolean {
  if (closed.size === 0) return false;
  const monthDay = `${pad(day.m)}-${pad(day.d)}`;
  return closed.has(monthDay) || closed.has(`${day.y}-${monthDay}`);
}

function nextDay(day: LocalDay): LocalDay {
  const n = new Date(Date.UTC(day.y, day.m - 1, day.d + 1));
  return { y: n.getUTCFullYear(), m: n.getUTCMonth() + 1, d: n.getUTCDate() };
}

interface Week {
  /** Each weekday's windows in order; a weekday without one is closed. */
  byDay: ReadonlyMap<number, readonly OpeningWindow[]>;
  closed: ReadonlySet<string>;
}

/** Ingest asks for two due times per new case with the same hours: they are arranged once. */
const weeks = new WeakMap<BusinessHours, Week>();

function weekOf(hours: BusinessHours): Week {
  let week = weeks.get(hours);
  if (!week) {
    const byDay = new Map<number, OpeningWindow[]>();
    for (const w of hours.windows) if (w.start < w.end) byDay.set(w.day, [...(byDay.get(w.day) ?? []), w]);
    for (const list of byDay.values()) list.sort((a, b) => a.start - b.start);
    week = { byDay, closed: new Set(hours.closedDays ?? []) };
    weeks.set(hours, week);
  }
  return week;
}

/**
 * The instant `minutes` business minutes after `start`: time outside the opening hours, and closed
 * days, does not count. Hours that are never open (no window) count as always open.
 */
export function addBusinessMinutes(start: Date, minutes: number, hours: BusinessHours): Date {
  const { byDay, closed } = weekOf(hours);
  if (byDay.size === 0) return new Date(start.getTime() + minutes * 60_000);
  const p = localParts(start, hours.timeZone);
  let day: LocalDay = { y: p.y, m: p.m, d: p.d };
  const cursor = start.getTime();
  let remaining = Math.max(0, minutes) * 60_000;
  // Real elapsed time inside each day's opening hours, so a night that loses or gains an hour to
  // daylight saving counts what it really lasts. Bounded: ten years of days is far beyond any target.
  for (let i = 0; i < 3700; i++) {
    const windows = isClosedDay(day, closed) ? undefined : byDay.get(isoWeekday(day));
    for (const w of windows ?? []) {
      const opens = localToInstant(day, w.start, hours.timeZone).getTime();
      const closes =
        w.end >= 1440
          ? localToInstant(nextDay(day), 0, hours.timeZone).getTime()
          : localToInstant(day, w.end, hours.timeZone).getTime();
      const from = Math.max(cursor, opens);
      if (from < closes) {
        if (remaining <= closes - from) return new Date(from + remaining);
        remaining -= closes - from;
      }
    }
    day = nextDay(day);
  }
  throw new Error('No business hours found within ten years');
}

export type SlaState = 'ok' | 'due_soon' | 'breached' | 'met';
export const slaStates: readonly SlaState[] = ['ok', 'due_soon', 'breached', 'met'];

/** How long before its due time a target counts as "due soon". */
export const DUE_SOON_MINUTES = 60;

/** One target: met if done in time, breached if done late or overdue, due soon near the due time. */
export function targetState(
  due: Date | null,
  done: Date | null,
  now: Date,
  soonMinutes = DUE_SOON_MINUTES,
): SlaState | null {
  if (!due) return null;
  if (done) return done.getTime() <= due.getTime() ? 'met' : 'breached';
  if (now.getTime() > due.getTime()) return 'breached';
  if (due.getTime() - now.getTime() <= soonMinutes * 60_000) return 'due_soon';
  return 'ok';
}

export interface CaseSlaFacts {
  firstResponseDueAt: Date | null;
  firstRespondedAt: Date | null;
  resolutionDueAt: Date | null;
  /** When the case was answered, closed or ignored; null while it is still to do. */
  resolvedAt: Date | null;
}

/** A case's SLA state: the worse of its first-response and resolution targets. */
export function caseSlaState(f: CaseSlaFacts, now: Date, soonMinutes = DUE_SOON_MINUTES): SlaState | null {
  const states = [
    targetState(f.firstResponseDueAt, f.firstRespondedAt ?? f.resolvedAt, now, soonMinutes),
    targetState(f.resolutionDueAt, f.resolvedAt, now, soonMinutes),
  ].filter((s): s is SlaState => s !== null);
  if (states.length === 0) return null;
  for (const s of ['breached', 'due_soon', 'ok'] as const) if (states.includes(s)) return s;
  return 'met';
}

export interface SlaPolicyLike {
  minPriority: number;
}

/** The policy for a priority: the one with the highest threshold the priority reaches. */
export function policyFor<P extends SlaPolicyLike>(policies: readonly P[], priority: number): P | null {
  let best: P | null = null;
  for (const p of policies) {
    if (priority >= p.minPriority && (!best || p.minPriority > best.minPriority)) best = p;
  }
  return best;
}
