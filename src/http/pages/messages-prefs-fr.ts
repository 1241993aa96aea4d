import type { prefsEn } from './messages-prefs-en';

/** Les préférences de l’utilisateur (fuseau horaire) et les mentions de fuseau des rapports, en français. */
export const prefsFr: Record<keyof typeof prefsEn, string> = {
  'prefs.title': 'Vos préférences',
  'prefs.link': 'Préférences',
  'prefs.timezone': 'Fuseau horaire des rapports',
  'prefs.timezoneHelp':
    'Les rapports affichent les jours et les heures dans ce fuseau. Laissez celui de la marque pour lire chaque marque dans le sien.',
  'prefs.brandZone': 'Le fuseau de la marque',
  'prefs.save': 'Enregistrer',
  'prefs.saved': 'Enregistré.',
  'prefs.invalid': 'Ce n’est pas un fuseau horaire.',
  'rep.tzFrom.filter': 'choisi ici',
  'rep.tzFrom.user': 'votre préférence',
  'rep.tzFrom.brand': 'fuseau de la marque',
  'rep.tzFrom.utc': 'UTC',
  'rep.tzChange': 'modifier',
  'rep.topics.counted':
    'Les termes sont comptés sur toutes les mentions : {current} sur cette période, {previous} sur la précédente.',
};
