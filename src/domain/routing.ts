import { explainRouting } from './routing-text';

export interface WorkingHours {
  /** IANA zone the hours are in. */
  timezone: string;
  /** ISO weekdays, 1 = Monday ... 7 = Sunday. */
  days: number[];
  /** Minutes after local midnight; end is exclusive. An end before the start spans midnight. */
  start: number;
  end: number;
}

export interface ExpertCandidate {
  id: string;
  name: string;
  skills: string[];
  languages: string[];
  openQuestions: number;
  /** Absent: no limit known, so only the load orders them. */
  maxOpen?: number;
  availability?: 'available' | 'away' | 'holiday';
  /** Away or on holiday until then; past it, they are back. */
  awayUntil?: Date | null;
  /** Absent: nobody said when they work, so any time will do. */
  hours?: WorkingHours | null;
}

export type Unavailability = 'away' | 'holiday' | 'off_hours' | 'full';

/** A skill as people read it: the display name of the brand's topic with that skill, per language. */
export interface SkillName {
  en: string;
  fr: string;
}

/** Why the decision went the way it did, as data: the case history renders it in each language. */
export type RoutingExplanation =
  | {
      kind: 'expert';
      name: string;
      skill: string;
      skillName?: SkillName;
      language: string;
      openQuestions: number;
    }
  | {
      kind: 'team';
      skill: string;
      skillName?: SkillName;
      language: string;
      /** Experts with the skill; of those, who speak the language; and why each of those was passed over. */
      withSkill: number;
      withLanguage: number;
      unavailable: Partial<Record<Unavailability, number>>;
    };

export interface RoutingDecision {
  expertId: string | null;
  explanation: RoutingExplanation;
  /** The explanation in English and French, for the case history and the notification. */
  reason: string;
  reasonFr: string;
}

const weekdays: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** Weekday and minute of the day at `now` in `timezone`. */
export function localTime(now: Date, timezone: string): { day: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: weekdays[get('weekday')] ?? 1, minute: Number(get('hour')) * 60 + Number(get('minute')) };
}

/** Within working hours; a shift past midnight belongs to the day it started. */
export function isWorking(hours: WorkingHours, now: Date): boolean {
  const { day, minute } = localTime(now, hours.timezone);
  if (hours.start === hours.end) return hours.days.includes(day);
  if (hours.start < hours.end) return hours.days.includes(day) && minute >= hours.start && minute < hours.end;
  const yesterday = day === 1 ? 7 : day - 1;
  return (
    (hours.days.includes(day) && minute >= hours.start) ||
    (hours.days.includes(yesterday) && minute < hours.end)
  );
}

/** Null when the expert can take a question now, else the first reason they cannot. */
export function unavailability(c: ExpertCandidate, now: Date): Unavailability | null {
  const stillAway = !c.awayUntil || c.awayUntil.getTime() > now.getTime();
  if (c.availability === 'holiday' && stillAway) return 'holiday';
  if (c.availability === 'away' && stillAway) return 'away';
  if (c.hours && !isWorking(c.hours, now)) return 'off_hours';
  if (c.maxOpen !== undefined && c.openQuestions >= c.maxOpen) return 'full';
  return null;
}

/**
 * The least-loaded available expert with the skill and the language; none means the skill's team
 * queue. Ties go to the name, so the choice is stable and explainable.
 */
export function routeQuestion(
  skill: string,
  language: string,
  candidates: ExpertCandidate[],
  now: Date = new Date(0),
  skillName?: SkillName,
): RoutingDecision {
  const withSkill = candidates.filter((c) => c.skills.includes(skill));
  const speaking = withSkill.filter((c) => c.languages.includes(language));
  const unavailable: Partial<Record<Unavailability, number>> = {};
  const able: ExpertCandidate[] = [];
  for (const c of speaking) {
    const why = unavailability(c, now);
    if (why) unavailable[why] = (unavailable[why] ?? 0) + 1;
    else able.push(c);
  }
  able.sort((a, b) => a.openQuestions - b.openQuestions || a.name.localeCompare(b.name));
  const chosen = able[0];
  const explanation: RoutingExplanation = chosen
    ? { kind: 'expert', name: chosen.name, skill, skillName, language, openQuestions: chosen.openQuestions }
    : {
        kind: 'team',
        skill,
        skillName,
        language,
        withSkill: withSkill.length,
        withLanguage: speaking.length,
        unavailable,
      };
  return {
    expertId: chosen?.id ?? null,
    explanation,
    reason: explainRouting(explanation, 'en'),
    reasonFr: explainRouting(explanation, 'fr'),
  };
}

/** The explanation of a person's choice (a reroute), in the same shape. */
export function manualRouting(
  target: { kind: 'expert'; name: string; openQuestions: number } | { kind: 'team' },
  skill: string,
  by: string,
  skillName?: SkillName,
): { reason: string; reasonFr: string } {
  const en = skillName?.en ?? skill;
  const fr = skillName?.fr ?? skill;
  if (target.kind === 'expert') {
    return {
      reason: `rerouted by ${by} to ${target.name}: skill ${en}, ${target.openQuestions} open question${target.openQuestions === 1 ? '' : 's'}`,
      reasonFr: `réorienté par ${by} vers ${target.name} : compétence ${fr}, ${target.openQuestions} question${target.openQuestions > 1 ? 's' : ''} en cours`,
    };
  }
  return {
    reason: `rerouted by ${by} to the ${en} team queue`,
    reasonFr: `réorienté par ${by} vers la file de l’équipe ${fr}`,
  };
}
