import type { SpikesMessageKey } from './messages-spikes-en';

/** La page des seuils d'alerte de pic, en français. */
export const spikesFr: Record<SpikesMessageKey, string> = {
  'nav.alerts': 'Alertes',
  'spikes.title': 'Alertes de pic',
  'spikes.intro':
    'Toutes les dix minutes, Passerelle compare la dernière heure à la même heure des sept jours précédents et du même jour de la semaine des quatre semaines précédentes, pour chaque marque et chacun de ses sujets. Une heure qui dépasse ces seuils alerte une fois les canaux marketing, dans la langue de la marque, avec un lien vers les mentions concernées.',
  'spikes.none': 'Aucune marque pour l’instant.',
  'spikes.defaults': 'Seuils par défaut',
  'spikes.savedBadge': 'Seuils propres',
  'spikes.alerts': 'Envoyer les alertes de pic pour cette marque',
  'spikes.ratio': 'Volume : fois l’habituel',
  'spikes.ratioHelp':
    'Une heure est un pic de volume quand elle compte au moins ce multiple des mentions habituelles à cette heure. 2 veut dire deux fois plus. Entre 1,2 et 50.',
  'spikes.minMentions': 'Mentions minimales dans l’heure',
  'spikes.minMentionsHelp':
    'Une heure plus calme n’alerte jamais, quelle que soit sa part négative : deux messages mécontents ne font pas une crise. Un nombre entier à partir de 1.',
  'spikes.negativeRise': 'Hausse de la part négative, en points',
  'spikes.negativeRiseHelp':
    'Une heure est un pic négatif quand sa part de mentions négatives dépasse l’habituelle d’autant de points : 20 veut dire de 10 % à 30 %. Entre 1 et 100.',
  'spikes.save': 'Enregistrer les seuils',
  'spikes.saved': 'Seuils enregistrés pour {brand}. La prochaine vérification les applique.',
  'spikes.errors': 'Les seuils n’ont pas été enregistrés :',
  'spikes.err.ratio': 'saisissez un nombre entre 1,2 et 50.',
  'spikes.err.minMentions': 'saisissez un nombre entier entre 1 et 100 000.',
  'spikes.err.negativeRise': 'saisissez un nombre de points entre 1 et 100.',
  'spikes.err.alerts': 'cochez la case ou laissez-la vide.',
  'spikes.recent': 'Derniers pics trouvés',
  'spikes.noRecent': 'Aucun pic trouvé pour cette marque pour l’instant.',
  'spikes.colHour': 'Heure',
  'spikes.colWhat': 'Où',
  'spikes.colKind': 'Type',
  'spikes.colMentions': 'Mentions',
  'spikes.colAlerted': 'Alerte',
  'spikes.all': 'Toutes les mentions',
  'spikes.kind.volume': 'Volume',
  'spikes.kind.negative': 'Part négative',
  'spikes.yes': 'Oui',
  'spikes.ongoing': 'Non, déjà en cours',
  'spikes.mentions': 'Voir les mentions',
};
