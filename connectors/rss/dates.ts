/**
 * Feed dates as written in the wild: RFC 822 (`Tue, 05 Mar 2024 14:03:00 GMT`, two-digit years,
 * named US zones, no seconds, no weekday), ISO 8601 / RFC 3339 (`2024-03-05T14:03:00+01:00`) and
 * the space-separated, zone-less variant (`2024-03-05 14:03:00`), read as UTC rather than the
 * server's local time so a poll gives the same answer everywhere. Unreadable -> null.
 */

const MONTHS: Record<string, number> = {
  jan: 0,
  feb: 1,
  mar: 2,
  apr: 3,
  may: 4,
  jun: 5,
  jul: 6,
  aug: 7,
  sep: 8,
  oct: 9,
  nov: 10,
  dec: 11,
};

/** Offsets in minutes of the zone names RFC 822 allows, and the usual extras. */
const ZONES: Record<string, number> = {
  ut: 0,
  utc: 0,
  gmt: 0,
  z: 0,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
  cet: 60,
  cest: 120,
  bst: 60,
};

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?|UTC|GMT)?$/;
const RFC822 =
  /^(?:[A-Za-z]{2,10}\.?,?\s*)?(\d{1,2})[\s-]+([A-Za-z]{3,10})\.?[\s-]+(\d{2,4})(?:[\sT]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*([A-Za-z]{1,5}|[+-]\d{2}:?\d{2})?(?:\s*\([^)]*\))?$/;

export function parseFeedDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const text = value.trim().replace(/\s+/g, ' ');
  if (text === '') return null;
  return parseIso(text) ?? parseRfc822(text);
}

function parseIso(text: string): Date | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  return build(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h ?? 0),
    Number(mi ?? 0),
    Number(s ?? 0),
    ms,
    zone,
  );
}

function parseRfc822(text: string): Date | null {
  const m = RFC822.exec(text);
  if (!m) return null;
  const [, d, monthName, y, h, mi, s, zone] = m;
  const month = MONTHS[(monthName ?? '').slice(0, 3).toLowerCase()];
  if (month === undefined) return null;
  let year = Number(y);
  // RFC 2822 section 4.3: two-digit years 00-49 are 20xx, 50-99 are 19xx.
  if ((y ?? '').length === 2) year += year < 50 ? 2000 : 1900;
  else if ((y ?? '').length === 3) year += 1900;
  return build(year, month, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), 0, zone);
}

function build(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
  zone: string | undefined,
): Date | null {
  if (month < 0 || month > 11 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return null;
  const offset = zoneOffsetMinutes(zone);
  if (offset === null) return null;
  const utc = Date.UTC(year, month, day, hour, minute, Math.min(second, 59), ms) - offset * 60_000;
  const date = new Date(utc);
  // Date.UTC rolls 31 February over into March: a date that moved is a date that did not exist.
  if (new Date(Date.UTC(year, month, day)).getUTCDate() !== day) return null;
  return Number.isNaN(date.getTime()) ? null : date;
}

function zoneOffsetMinutes(zone: string | undefined): number | null {
  if (!zone) return 0;
  const numeric = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (numeric) {
    const minutes = Number(numeric[2]) * 60 + Number(numeric[3] ?? 0);
    return numeric[1] === '-' ? -minutes : minutes;
  }
  const named = ZONES[zone.toLowerCase()];
  if (named !== undefined) return named;
  // RFC 822 military single letters were defined with the wrong sign; RFC 2822 says treat as UTC.
  if (/^[A-Za-z]$/.test(zone)) return 0;
  return null;
}
