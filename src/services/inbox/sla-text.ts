/**
 * What the SLA job tells people, in the reader's language (users.locale). The case history keeps
 * both languages (reason, reasonFr) so each reader sees their own.
 */
export type SlaLang = 'en' | 'fr';
export type SlaTarget = 'first_response' | 'resolution';

export const langOf = (locale: string | null | undefined): SlaLang => (locale === 'fr' ? 'fr' : 'en');

function when(lang: SlaLang, at: Date, timeZone: string): string {
  const text = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(at);
  return `${text} (${timeZone})`;
}

const targetName: Record<SlaLang, Record<SlaTarget, string>> = {
  en: { first_response: 'first response', resolution: 'answer' },
  fr: { first_response: 'première réponse', resolution: 'réponse' },
};

export function reminderText(
  lang: SlaLang,
  r: {
    caseId: string;
    target: SlaTarget;
    dueAt: Date;
    minutes: number;
    timeZone: string;
    holder: string | null;
  },
): { subject: string; body: string } {
  const due = when(lang, r.dueAt, r.timeZone);
  if (lang === 'fr') {
    return {
      subject: `Échéance dans ${r.minutes} min : ${targetName.fr[r.target]} du dossier ${r.caseId}`,
      body: `${r.holder ? `${r.holder}, ce` : 'Ce'} dossier est à traiter avant le ${due}.`,
    };
  }
  return {
    subject: `Due in ${r.minutes} min: ${targetName.en[r.target]} for case ${r.caseId}`,
    body: `${r.holder ? `${r.holder}, this` : 'This'} case is due by ${due}.`,
  };
}

/** The history's line for a missed first response, in both languages. */
export function firstResponseReason(
  to: { name: string } | null,
  sameHolder: boolean,
): { reason: string; reasonFr: string } {
  if (!to) {
    return {
      reason: 'first-response target missed: no backup set for this brand and priority',
      reasonFr:
        'objectif de première réponse dépassé : aucun remplaçant défini pour cette marque et cette priorité',
    };
  }
  if (sameHolder) {
    return {
      reason: `first-response target missed: already with ${to.name} (backup)`,
      reasonFr: `objectif de première réponse dépassé : déjà chez ${to.name} (remplaçant)`,
    };
  }
  return {
    reason: `first-response target missed: handed over to ${to.name} (backup)`,
    reasonFr: `objectif de première réponse dépassé : confié à ${to.name} (remplaçant)`,
  };
}

export function resolutionReason(to: { name: string } | null): { reason: string; reasonFr: string } {
  return to
    ? {
        reason: `resolution target missed: moved to ${to.name} (backup)`,
        reasonFr: `objectif de résolution dépassé : la question passe à ${to.name} (remplaçant)`,
      }
    : {
        reason: 'resolution target missed: no backup expert set for this brand',
        reasonFr: 'objectif de résolution dépassé : aucun expert remplaçant pour cette marque',
      };
}

/** The new holder's message: it is theirs now, the customer is still waiting. */
export function handOverText(
  lang: SlaLang,
  h: { caseId: string; target: SlaTarget; to: { name: string } | null },
): { subject: string; body: string } {
  if (lang === 'fr') {
    const what =
      h.target === 'first_response' ? 'L’objectif de première réponse' : 'L’objectif de résolution';
    return h.to
      ? {
          subject: `SLA dépassé sur le dossier ${h.caseId} : confié à ${h.to.name}`,
          body: `${what} est dépassé ; ${h.to.name}, ce dossier est maintenant le vôtre. Le client attend toujours.`,
        }
      : {
          subject: `SLA dépassé sur le dossier ${h.caseId}`,
          body: `${what} est dépassé et aucun remplaçant n’est défini.`,
        };
  }
  const what = h.target === 'first_response' ? 'The first-response target' : 'The resolution target';
  return h.to
    ? {
        subject: `SLA missed on case ${h.caseId}: now with ${h.to.name}`,
        body: `${what} was missed; ${h.to.name}, this case is yours now. The customer is still waiting.`,
      }
    : {
        subject: `SLA missed on case ${h.caseId}`,
        body: `${what} was missed and no backup is set.`,
      };
}
