import { demoBrand, demoTopics } from '../../../connectors/demo/corpus';
import { withTransaction } from '../../db/client';
import type { Role } from '../../db/schema';
import { brands, cannedResponses, listeners, networkAccounts, topics, users } from '../../db/schema';
import { hashPassword } from '../../lib/crypto';
import { audit } from '../audit';
import { asSystem, type ServiceDeps } from '../context';
import { seedSla } from './seed-sla';

export interface DemoUser {
  email: string;
  name: string;
  role: Role;
  skills: string[];
  languages: ('en' | 'fr')[];
  locale: 'en' | 'fr';
}

/** One user per role, plus a second expert so routing has a choice to explain. */
export const demoUsers: DemoUser[] = [
  {
    email: 'advisor@lumo.demo',
    name: 'Camille Advisor',
    role: 'advisor',
    skills: [],
    languages: ['en', 'fr'],
    locale: 'en',
  },
  {
    email: 'billing@lumo.demo',
    name: 'Nadia Billing',
    role: 'expert',
    skills: ['billing'],
    languages: ['en', 'fr'],
    locale: 'fr',
  },
  {
    email: 'tech@lumo.demo',
    name: 'Tom Firmware',
    role: 'expert',
    skills: ['technical'],
    languages: ['en', 'fr'],
    locale: 'en',
  },
  {
    email: 'marketing@lumo.demo',
    name: 'Léa Marketing',
    role: 'marketing',
    skills: [],
    languages: ['en', 'fr'],
    locale: 'fr',
  },
  {
    email: 'admin@lumo.demo',
    name: 'Alex Admin',
    role: 'admin',
    skills: [],
    languages: ['en', 'fr'],
    locale: 'en',
  },
];

const canned = [
  {
    language: 'en' as const,
    title: 'Delivery status',
    topic: 'delivery',
    body: 'Hi {name}, sorry for the wait! Could you send us your order number by DM? We will check the tracking right away.',
  },
  {
    language: 'fr' as const,
    title: 'Suivi de livraison',
    topic: 'delivery',
    body: "Bonjour {name}, désolés pour l'attente ! Pouvez-vous nous envoyer votre numéro de commande en DM ? On vérifie le suivi tout de suite.",
  },
  {
    language: 'en' as const,
    title: 'Password reset',
    topic: 'account',
    body: 'Hi {name}, you can reset your password from the sign-in screen of the Lumo app ("Forgot password"). Tell us if the e-mail does not arrive!',
  },
  {
    language: 'fr' as const,
    title: 'Mot de passe oublié',
    topic: 'account',
    body: "Bonjour {name}, vous pouvez réinitialiser votre mot de passe depuis l'écran de connexion de l'app Lumo (« Mot de passe oublié »). Dites-nous si l'e-mail n'arrive pas !",
  },
];

/**
 * The demo workspace: the Lumo brand, its topics, its account and listener on the demo network,
 * one user per role and a few canned responses. Does nothing when the brand already exists.
 */
export async function seedDemo(
  deps: ServiceDeps,
  opts: { password: string },
): Promise<{ created: boolean; brandId: string }> {
  const passwordHash = await hashPassword(opts.password);
  const ctx = asSystem(deps);
  return withTransaction(deps.db, async (tx) => {
    const brandId = deps.ids('brd');
    const inserted = await tx
      .insert(brands)
      .values({
        id: brandId,
        slug: demoBrand.handle,
        name: demoBrand.name,
        defaultLanguage: 'fr',
        timezone: 'Europe/Paris',
      })
      .onConflictDoNothing()
      .returning({ id: brands.id });
    if (inserted.length === 0) {
      const existing = await tx.query.brands.findFirst({
        where: (b, { eq }) => eq(b.slug, demoBrand.handle),
      });
      return { created: false, brandId: existing!.id };
    }
    await tx.insert(topics).values(
      demoTopics.map((t) => ({
        id: deps.ids('top'),
        brandId,
        key: t.key,
        labelEn: t.label.en,
        labelFr: t.label.fr,
        keywords: [...t.keywords.en, ...t.keywords.fr],
        examples: [...t.examples.en, ...t.examples.fr],
        needsSpecialist: t.needsSpecialist,
        skill: t.skill,
      })),
    );
    const accountId = deps.ids('acc');
    await tx
      .insert(networkAccounts)
      .values({ id: accountId, brandId, network: 'demo', handle: demoBrand.handle });
    await tx.insert(listeners).values({
      id: deps.ids('lst'),
      brandId,
      accountId,
      network: 'demo',
      kind: 'mention',
      query: `@${demoBrand.handle}`,
      intervalSeconds: 60,
      nextPollAt: deps.clock.now(),
    });
    await tx
      .insert(users)
      .values(demoUsers.map((u) => ({ id: deps.ids('usr'), ...u, passwordHash })))
      .onConflictDoNothing();
    await tx.insert(cannedResponses).values(canned.map((c) => ({ id: deps.ids('can'), brandId, ...c })));
    await seedSla(tx, deps, brandId);
    await audit(tx, ctx, { action: 'demo.seeded', entityType: 'brand', entityId: brandId });
    return { created: true, brandId };
  });
}
