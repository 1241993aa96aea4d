/**
 * The words of a spike alert, in the brand's language: the people on the marketing channel read
 * the brand's market, and the alert is read at a glance on a phone, so it says what, when, how
 * much against the usual, and the link goes to the mentions behind it.
 */
export interface SpikeAlertFacts {
  lang: 'en' | 'fr';
  kind: 'volume' | 'negative';
  brandName: string;
  /** The topic's label in that language; null for the brand's whole volume. */
  topicLabel: string | null;
  hour: Date;
  timezone: string;
  mentions: number;
  negative: number;
  expected: number;
  baselineNegativeShare: number;
}

const words = {
  en: {
    volume: 'Mention spike for {brand}: {what}',
    negative: 'Negative spike for {brand}: {what}',
    all: 'all mentions',
    topic: 'topic “{topic}”',
    volumeBody:
      '{n} mentions between {from} and {to} on {day} ({tz}), against about {expected} usually at this hour.',
    negativeBody:
      '{share} negative ({neg} of {n} mentions) between {from} and {to} on {day} ({tz}), against {usual} usually.',
    see: 'The mentions behind it:',
  },
  fr: {
    volume: 'Pic de mentions pour {brand} : {what}',
    negative: 'Pic de mentions négatives pour {brand} : {what}',
    all: 'toutes les mentions',
    topic: 'sujet « {topic} »',
    volumeBody:
      '{n} mentions entre {from} et {to} le {day} ({tz}), contre environ {expected} d’habitude à cette heure.',
    negativeBody:
      '{share} de mentions négatives ({neg} sur {n}) entre {from} et {to} le {day} ({tz}), contre {usual} d’habitude.',
    see: 'Les mentions concernées :',
  },
} as const;

function knownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? `{${k}}`);
}

/** Subject and body; the body ends on "the mentions behind it:" as every sender adds the link after it. */
export function spikeAlertText(f: SpikeAlertFacts): { subject: string; body: string } {
  const w = words[f.lang];
  // A zone Intl does not know would throw here, after the spike is recorded: say UTC rather than nothing.
  const timezone = knownZone(f.timezone) ? f.timezone : 'UTC';
  const locale = f.lang === 'fr' ? 'fr-FR' : 'en-GB';
  const time = new Intl.DateTimeFormat(locale, {
    timeZone: timezone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const day = new Intl.DateTimeFormat(locale, {
    timeZone: timezone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  const nf = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const what = f.topicLabel ? fill(w.topic, { topic: f.topicLabel }) : w.all;
  const values = {
    brand: f.brandName,
    what,
    n: nf.format(f.mentions),
    neg: nf.format(f.negative),
    expected: nf.format(f.expected),
    share: pct.format(f.mentions === 0 ? 0 : f.negative / f.mentions),
    usual: pct.format(f.baselineNegativeShare),
    from: time.format(f.hour),
    to: time.format(new Date(f.hour.getTime() + 3_600_000)),
    day: day.format(f.hour),
    tz: timezone,
  };
  const subject = fill(f.kind === 'volume' ? w.volume : w.negative, values);
  const body = `${fill(f.kind === 'volume' ? w.volumeBody : w.negativeBody, values)}\n${w.see}`;
  return { subject, body };
}
