/** The demo network's own words: it is "another website", so it does not share Passerelle's catalogue. */
import type { Locale } from '../env';

const en = {
  network: 'Demo network',
  simulated: 'Simulated',
  title: 'Demo network — simulated public posts',
  tagline:
    'A pretend public network served by Passerelle in demo mode. Customers write to @lumo here; the brand’s replies approved in Passerelle appear in their threads.',
  refresh: 'This page refreshes every 30 seconds.',
  compose: 'Post as a customer',
  composeHint:
    'Write as a customer of Lumo. Mention @lumo so the demo listener finds your post; it reaches the Passerelle inbox at the next poll.',
  text: 'Text',
  handle: 'Your handle',
  replyTo: 'Reply to post id (optional)',
  replyingTo: 'Replying to',
  submit: 'Publish',
  cancel: 'Back to the timeline',
  reply: 'Reply',
  empty: 'Nothing has been posted yet. The simulated customers start writing within a minute.',
  brandBadge: (name: string) => `${name} (brand)`,
  followers: (n: string) => `${n} followers`,
  justNow: 'just now',
  minutesAgo: (n: number) => `${n} min ago`,
  hoursAgo: (n: number) => `${n} h ago`,
  daysAgo: (n: number) => `${n} d ago`,
  language: 'Language',
  errorTitle: 'Could not publish',
} as const;

export type DemoMessages = {
  [K in keyof typeof en]: (typeof en)[K] extends string ? string : (typeof en)[K];
};

const fr: DemoMessages = {
  network: 'Réseau de démo',
  simulated: 'Simulé',
  title: 'Réseau de démo — publications publiques simulées',
  tagline:
    'Un faux réseau public servi par Passerelle en mode démo. Des clients y écrivent à @lumo ; les réponses de la marque validées dans Passerelle apparaissent dans leurs fils.',
  refresh: 'Cette page se rafraîchit toutes les 30 secondes.',
  compose: 'Publier en tant que client',
  composeHint:
    'Écrivez comme un client de Lumo. Mentionnez @lumo pour que l’écoute de démo trouve votre message ; il arrive dans la boîte de Passerelle au prochain relevé.',
  text: 'Texte',
  handle: 'Votre identifiant',
  replyTo: 'En réponse au message n° (facultatif)',
  replyingTo: 'En réponse à',
  submit: 'Publier',
  cancel: 'Retour au fil',
  reply: 'Répondre',
  empty: 'Rien n’a encore été publié. Les clients simulés commencent à écrire dans la minute.',
  brandBadge: (name: string) => `${name} (marque)`,
  followers: (n: string) => `${n} abonnés`,
  justNow: 'à l’instant',
  minutesAgo: (n: number) => `il y a ${n} min`,
  hoursAgo: (n: number) => `il y a ${n} h`,
  daysAgo: (n: number) => `il y a ${n} j`,
  language: 'Langue',
  errorTitle: 'Publication impossible',
};

export const demoMessages: Record<Locale, DemoMessages> = { en, fr };

/** `?lang=` wins, then the browser's first language; English otherwise. */
export function demoLocale(queryLang: string | undefined, acceptLanguage: string | undefined): Locale {
  if (queryLang === 'fr' || queryLang === 'en') return queryLang;
  return (acceptLanguage ?? '').trim().toLowerCase().startsWith('fr') ? 'fr' : 'en';
}
