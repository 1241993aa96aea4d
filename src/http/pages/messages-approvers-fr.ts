import type { ApproversMessageKey } from './messages-approvers-en';

/** Approbateurs désignés et réponses d’équipe signées, en français. */
export const approversFr: Record<ApproversMessageKey, string> = {
  'approvers.title': 'Approbateurs désignés',
  'approvers.help':
    'En plus des conseillers, ces experts relisent, modifient, approuvent ou renvoient les réponses d’experts de cette marque, et les voient dans leur file. Seuls des experts peuvent être désignés : approuver envoie la réponse publique de la marque, ce que le marketing ne fait pas.',
  'approvers.none': 'Aucun expert à désigner pour l’instant.',
  'approvers.save': 'Enregistrer les approbateurs',
  'approvers.saved': 'Les approbateurs désignés sont enregistrés.',
  'approvers.onlyExperts':
    'seuls des experts peuvent être approbateurs désignés : les conseillers approuvent déjà, le marketing ne répond pas',

  'approval.queue': 'Brouillons en attente de votre approbation',
  'approval.queueHelp':
    'Vous êtes approbateur désigné de ces marques : relisez chaque brouillon au regard des consignes de la marque.',
  'approval.colDraft': 'Brouillon',
  'approval.colBrand': 'Marque',
  'approval.colSubmitted': 'Soumis',
  'approval.review': 'Relire',

  'teamAnswer.name': 'Votre nom',
  'teamAnswer.nameHelp':
    'Cette question est allée à toute l’équipe : dites qui répond, pour que l’approbateur, l’historique du cas et la page des remerciements le sachent.',
  'teamAnswer.pick': 'Ou choisissez-vous dans l’équipe',
  'teamAnswer.pickNone': 'Pas dans la liste',
  'teamAnswer.by': 'par {name}',
  'teamAnswer.sayWho': 'dites qui répond',
  'teamAnswer.notInTeam': 'ne fait pas partie de cette équipe',
};
