import type { IngestMessageKey } from './messages-ingest-en';

/** Le côté collecte des pages d'admin (éléments en quarantaine, effacement d'un auteur), en français. */
export const ingestFr: Record<IngestMessageKey, string> = {
  'deadLetters.title': 'Éléments en quarantaine',
  'deadLetters.help':
    'Des publications envoyées par un réseau que Passerelle n’a pas pu lire. Le reste de chaque collecte est enregistré ; celles-ci sont mises de côté pour que rien ne se perde en silence. Regardez, puis écartez.',
  'deadLetters.none': 'Rien en quarantaine : tout ce que les réseaux ont envoyé a pu être lu.',
  'deadLetters.colListener': 'Écoute',
  'deadLetters.colReason': 'Pourquoi',
  'deadLetters.colSeen': 'Vu',
  'deadLetters.colPayload': 'Contenu (tronqué)',
  'deadLetters.seen': '{n} fois, dernière {time}',
  'deadLetters.first': 'première {time}',
  'deadLetters.id': 'id {id}',
  'deadLetters.dismiss': 'Écarter',
  'deadLetters.dismissed': 'L’élément est écarté.',
  'erase.title': 'Effacer un auteur',
  'erase.help':
    'À la demande d’une personne : son nom, son identifiant, sa photo et le texte de ses publications sont supprimés partout (dossiers, réponses qui la citent, notifications). L’audit ne garde aucune donnée personnelle.',
  'erase.network': 'Réseau',
  'erase.externalId': 'Son identifiant sur le réseau',
  'erase.submit': 'Effacer ses données',
  'erase.done': 'Les données personnelles de l’auteur sont effacées.',
  'erase.notFound': 'Aucun auteur avec cet identifiant sur ce réseau.',
  'mention.deleted': 'Supprimée par son auteur sur le réseau : son texte est retiré.',
  'author.erased': 'auteur effacé',
};
