import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { cannedResponses, slaPolicies, users } from '../../db/schema';
import type { ServiceDeps } from '../context';

/** The team lead who takes over questions whose resolution target was missed. */
const TEAM_LEAD_EMAIL = 'admin@lumo.demo';

/** French public holidays: the fixed ones every year, and 2027's that move with Easter. */
const FRENCH_HOLIDAYS = [
  '01-01',
  '05-01',
  '05-08',
  '07-14',
  '08-15',
  '11-01',
  '11-11',
  '12-25',
  '2027-03-29',
  '2027-05-06',
  '2027-05-17',
];

/**
 * The demo brand's SLAs, in Paris business hours (Monday to Friday, 9:00 to 18:00, closed on
 * French public holidays), tighter for higher priorities, and its holding replies in both languages.
 */
export async function seedSla(tx: Db, deps: ServiceDeps, brandId: string): Promise<void> {
  const [lead] = await tx.select({ id: users.id }).from(users).where(eq(users.email, TEAM_LEAD_EMAIL));
  const common = {
    brandId,
    openingHours: [1, 2, 3, 4, 5].map((day) => ({ day, start: 9 * 60, end: 18 * 60 })),
    closedDays: FRENCH_HOLIDAYS,
    backupUserId: lead?.id ?? null,
  };
  await tx.insert(slaPolicies).values([
    {
      id: deps.ids('sla'),
      ...common,
      minPriority: 0,
      firstResponseMinutes: 240,
      resolutionMinutes: 2 * 540,
      reminderMinutes: 60,
    },
    {
      id: deps.ids('sla'),
      ...common,
      minPriority: 40,
      firstResponseMinutes: 120,
      resolutionMinutes: 540,
      reminderMinutes: 30,
    },
    {
      id: deps.ids('sla'),
      ...common,
      minPriority: 70,
      firstResponseMinutes: 30,
      resolutionMinutes: 240,
      reminderMinutes: 15,
    },
  ]);
  await tx.insert(cannedResponses).values([
    {
      id: deps.ids('can'),
      brandId,
      language: 'en',
      purpose: 'holding',
      title: 'Holding reply: specialist',
      body: 'Hi {name}, thanks for your patience! A specialist on our team is looking into this and will answer here by {due}.',
    },
    {
      id: deps.ids('can'),
      brandId,
      language: 'fr',
      purpose: 'holding',
      title: 'Réponse d’attente : spécialiste',
      body: 'Bonjour {name}, merci de votre patience ! Un spécialiste de notre équipe regarde votre question et vous répond ici d’ici {due}.',
    },
    {
      id: deps.ids('can'),
      brandId,
      language: 'en',
      title: 'Thanks for the kind words',
      body: 'Thank you {name}, that means a lot to the whole team! Follow-up on your case {caseRef} is always welcome.',
    },
    {
      id: deps.ids('can'),
      brandId,
      language: 'fr',
      title: 'Merci pour le message',
      body: 'Merci {name}, ça fait très plaisir à toute l’équipe ! Votre dossier {caseRef} reste ouvert si besoin.',
    },
  ]);
}
