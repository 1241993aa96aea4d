import { z } from 'zod';
import { openingHoursField } from './opening-hours';

/** Longest target: thirty days of round-the-clock hours, far beyond any sensible SLA. */
export const MAX_TARGET_MINUTES = 720 * 60;
/** The SLA job looks a day ahead for reminders, so a longer lead would never fire. */
export const MAX_REMINDER_MINUTES = 1440;

/** Whether Intl knows the zone: what the SLA arithmetic will read the hours in. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A form's text or a JSON number, as a whole number; anything else stays for zod to refuse. */
const whole = (message: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v === '' ? undefined : v),
    z.number({ error: message }).int(message),
  );

const unit = z.enum(['minutes', 'hours']).default('minutes');

/** Enough for a country's public holidays and a few years of one-off closures. */
export const MAX_CLOSED_DAYS = 100;
const CLOSED_DAY_MESSAGE = 'write each date as 2026-12-25, or 12-25 for every year';

/** "2026-12-25" (once) or "12-25" (every year; 02-29 is a leap day's). */
function isClosedDay(text: string): boolean {
  const m = /^(?:(\d{4})-)?(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1] ?? 2024), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** A form's text (one date per line, or separated by commas or spaces) or a JSON list. */
const closedDays = z.preprocess(
  (v) =>
    v === undefined || v === null
      ? []
      : typeof v === 'string'
        ? v.split(/[\s,;]+/).filter((d) => d !== '')
        : v,
  z
    .array(z.string(), { error: CLOSED_DAY_MESSAGE })
    // One message for the field however many dates are wrong: the form shows what was typed.
    .refine((days) => days.every(isClosedDay), CLOSED_DAY_MESSAGE)
    .transform((days) => [...new Set(days)].sort())
    .refine((days) => days.length <= MAX_CLOSED_DAYS, `at most ${MAX_CLOSED_DAYS} closed days`),
);

const optionalText = z.preprocess(
  (v) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v),
  z.string().trim().optional(),
);

const fields = z.object({
  minPriority: whole('must be a whole number').pipe(
    z.number().min(0, 'must be between 0 and 100').max(100, 'must be between 0 and 100'),
  ),
  firstResponseMinutes: whole('must be a whole number'),
  firstResponseUnit: unit,
  resolutionMinutes: whole('must be a whole number'),
  resolutionUnit: unit,
  openingHours: openingHoursField,
  closedDays,
  timeZone: optionalText.refine(
    (zone) => zone === undefined || isTimeZone(zone),
    'is not a known time zone (e.g. Europe/Paris)',
  ),
  reminderMinutes: whole('must be a whole number').pipe(
    z
      .number()
      .min(0, `must be between 0 and ${MAX_REMINDER_MINUTES} minutes`)
      .max(MAX_REMINDER_MINUTES, `must be between 0 and ${MAX_REMINDER_MINUTES} minutes`),
  ),
  backupUserId: optionalText,
});

type Fields = z.output<typeof fields>;

/** Fields no other problem was found on: a rule across fields runs on those alone. */
const fine =
  (...names: (keyof Fields)[]) =>
  (payload: { issues: readonly { path?: readonly PropertyKey[] }[] }) =>
    !payload.issues.some((i) => names.includes(i.path?.[0] as keyof Fields));

const minutesOf = (n: number, u: 'minutes' | 'hours') => n * (u === 'hours' ? 60 : 1);

/**
 * What the admin says about a policy. Targets come in minutes or hours (`…Unit`), business time
 * either way; the stored policy is in minutes. Rules across fields still run when another field
 * is wrong, so a refused form lists every problem at once.
 */
export const slaPolicyFields = fields
  .superRefine(
    (v, ctx) => {
      const range = 'must be between 1 minute and 720 hours';
      const first = minutesOf(v.firstResponseMinutes, v.firstResponseUnit);
      const resolution = minutesOf(v.resolutionMinutes, v.resolutionUnit);
      if (first < 1 || first > MAX_TARGET_MINUTES) {
        ctx.addIssue({ code: 'custom', path: ['firstResponseMinutes'], message: range });
      }
      if (resolution < 1 || resolution > MAX_TARGET_MINUTES) {
        ctx.addIssue({ code: 'custom', path: ['resolutionMinutes'], message: range });
      } else if (resolution < first) {
        ctx.addIssue({
          code: 'custom',
          path: ['resolutionMinutes'],
          message: 'the resolution target cannot be shorter than the first response',
        });
      }
    },
    { when: fine('firstResponseMinutes', 'firstResponseUnit', 'resolutionMinutes', 'resolutionUnit') },
  )
  .transform((v) => ({
    minPriority: v.minPriority,
    firstResponseMinutes: minutesOf(v.firstResponseMinutes, v.firstResponseUnit),
    resolutionMinutes: minutesOf(v.resolutionMinutes, v.resolutionUnit),
    openingHours: v.openingHours,
    closedDays: v.closedDays,
    timeZone: v.timeZone ?? null,
    reminderMinutes: v.reminderMinutes,
    backupUserId: v.backupUserId ?? null,
  }));

export const createSlaPolicyInput = z.intersection(z.object({ brandId: z.string().min(1) }), slaPolicyFields);
export const updateSlaPolicyInput = z.intersection(
  z.object({ policyId: z.string().min(1) }),
  slaPolicyFields,
);
