import type { Locale } from '../env';
import { en, type MessageKey } from './messages-en';
import { fr } from './messages-fr';

export type { MessageKey } from './messages-en';

const dictionaries: Record<Locale, Record<MessageKey, string>> = { en, fr };
const intlLocale: Record<Locale, string> = { en: 'en-GB', fr: 'fr-FR' };

export type Vars = Record<string, string | number>;

/** A string in the reader's language; `{name}` placeholders are filled from `vars`. */
export function t(locale: Locale, key: MessageKey, vars?: Vars): string {
  const text = dictionaries[locale][key] ?? en[key];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = vars[name];
    return v === undefined ? whole : typeof v === 'number' ? formatNumber(locale, v) : v;
  });
}

/** Whether a key exists: lets callers translate open vocabularies (topics) and fall back to the raw value. */
export function has(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

/** Translates a value of a known vocabulary (`status.open`, `topic.billing`), or shows it as is. */
export function label(locale: Locale, group: string, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const key = `${group}.${value}`;
  return has(key) ? t(locale, key) : value;
}

export function formatNumber(locale: Locale, n: number): string {
  return new Intl.NumberFormat(intlLocale[locale]).format(n);
}

export function formatDateTime(locale: Locale, d: Date, timeZone = 'UTC'): string {
  return new Intl.DateTimeFormat(intlLocale[locale], {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: safeZone(timeZone),
  }).format(d);
}

export function formatDate(locale: Locale, d: Date, timeZone = 'UTC'): string {
  return new Intl.DateTimeFormat(intlLocale[locale], {
    dateStyle: 'medium',
    timeZone: safeZone(timeZone),
  }).format(d);
}

/** A short day label for chart axes: "12 Mar" / "12 mars". Days come as UTC `YYYY-MM-DD`. */
export function formatDay(locale: Locale, day: string): string {
  return new Intl.DateTimeFormat(intlLocale[locale], {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(new Date(`${day}T00:00:00Z`));
}

/** "12 min", "3 h", "2 d": how long someone has been waiting, measured on the injected clock. */
export function formatAge(locale: Locale, since: Date, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - since.getTime()) / 60_000));
  if (minutes < 1) return t(locale, 'age.justNow');
  if (minutes < 60) return t(locale, 'age.minutes', { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t(locale, 'age.hours', { n: hours });
  return t(locale, 'age.days', { n: Math.floor(hours / 24) });
}

/** A listener's poll interval: "30 s", "5 min", "6 h", "1 d". */
export function formatInterval(locale: Locale, seconds: number): string {
  if (seconds < 60 || seconds % 60 !== 0) return t(locale, 'age.seconds', { n: seconds });
  const minutes = seconds / 60;
  if (minutes < 60 || minutes % 60 !== 0) return t(locale, 'age.minutes', { n: minutes });
  const hours = minutes / 60;
  if (hours < 24 || hours % 24 !== 0) return t(locale, 'age.hours', { n: hours });
  return t(locale, 'age.days', { n: hours / 24 });
}

/** An estimate in US dollars: "US$0.15" / "0,15 $US"; sub-cent prices keep their third decimal. */
export function formatUsd(locale: Locale, amount: number): string {
  return new Intl.NumberFormat(intlLocale[locale], {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: 2,
    maximumFractionDigits: 3,
  }).format(amount);
}

export function formatPercent(locale: Locale, score: number): string {
  return t(locale, 'case.score', { pct: Math.round(score * 100) });
}

// A brand's timezone comes from the database: a typo there must not break every page.
function safeZone(zone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return 'UTC';
  }
}
