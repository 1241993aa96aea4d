import type { RoutingExplanation, Unavailability } from './routing';

const languageName = {
  en: { en: 'English', fr: 'French' },
  fr: { en: 'anglais', fr: 'français' },
} as const;

function speaks(locale: 'en' | 'fr', language: string): string {
  const names: Record<string, string> = languageName[locale];
  const name = names[language] ?? language;
  return locale === 'en' ? `speaks ${name}` : `parle ${name}`;
}

const why: Record<'en' | 'fr', Record<Unavailability, (n: number) => string>> = {
  en: {
    away: (n) => `${n} away`,
    holiday: (n) => `${n} on holiday`,
    off_hours: (n) => `${n} outside working hours`,
    full: (n) => `${n} at their maximum of open questions`,
  },
  fr: {
    away: (n) => `${n} absent${n > 1 ? 's' : ''}`,
    holiday: (n) => `${n} en congé`,
    off_hours: (n) => `${n} hors horaires de travail`,
    full: (n) => `${n} au maximum de questions en cours`,
  },
};

/**
 * One sentence per decision, in the reader's language: the case history shows it as is. The skill
 * reads as its topic's display name in that language; the key only when no topic names it.
 */
export function explainRouting(e: RoutingExplanation, locale: 'en' | 'fr'): string {
  const skill = e.skillName?.[locale] ?? e.skill;
  if (e.kind === 'expert') {
    const n = e.openQuestions;
    return locale === 'en'
      ? `routed to ${e.name}: skill ${skill}, ${speaks('en', e.language)}, ${n} open question${n === 1 ? '' : 's'}`
      : `orienté vers ${e.name} : compétence ${skill}, ${speaks('fr', e.language)}, ${n} question${n > 1 ? 's' : ''} en cours`;
  }
  const names: Record<string, string> = languageName[locale];
  const lang = names[e.language] ?? e.language;
  if (e.withSkill === 0) {
    return locale === 'en'
      ? `sent to the ${skill} team queue: no expert has the skill ${skill}`
      : `envoyé à la file de l’équipe ${skill} : aucun expert n’a la compétence ${skill}`;
  }
  if (e.withLanguage === 0) {
    return locale === 'en'
      ? `sent to the ${skill} team queue: nobody with the skill ${skill} speaks ${lang}`
      : `envoyé à la file de l’équipe ${skill} : personne avec la compétence ${skill} ne parle ${lang}`;
  }
  const reasons = (Object.keys(e.unavailable) as Unavailability[])
    .map((k) => why[locale][k](e.unavailable[k] ?? 0))
    .join(', ');
  return locale === 'en'
    ? `sent to the ${skill} team queue because nobody is available (${e.withLanguage} with the skill speaking ${lang}: ${reasons})`
    : `envoyé à la file de l’équipe ${skill} car personne n’est disponible (${e.withLanguage} avec la compétence parlant ${lang} : ${reasons})`;
}
