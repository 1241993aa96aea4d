import type { DeletionsMessageKey } from './messages-deletions-en';

/** Ce que la fiche dit d'une réponse non envoyée parce que le client a supprimé sa publication. */
export const deletionsFr: Record<DeletionsMessageKey, string> = {
  'reply.nothingToAnswer':
    'Le client a supprimé cette publication sur le réseau : il n’y a plus rien à quoi répondre.',
  'reply.targetDeleted':
    'Non envoyée : le client a supprimé cette publication sur le réseau. Répondez à une publication plus récente, ou clôturez le dossier.',
  'reply.targetDeletedMaybeSent':
    'Le client a supprimé cette publication sur le réseau ; une tentative précédente a peut-être été publiée avant. Rien de plus n’est envoyé.',
};
