import type { RepliesMessageKey } from './messages-replies-en';

/** Les réponses dont le sort est inconnu, en français. */
export const repliesFr: Record<RepliesMessageKey, string> = {
  'reply.needs_verification': 'À vérifier',
  'verify.title': 'Cette réponse a-t-elle été publiée ?',
  'verify.explain':
    'Une tentative de publication sur {network} a peut-être abouti, et la recherche dans le fil n’a pas permis de le savoir. Elle ne sera pas renvoyée tant que personne n’a vérifié le fil.',
  'verify.lookThread': 'Ouvrir le message du client sur {network}',
  'verify.posted': 'Elle a été publiée',
  'verify.url': 'Lien vers notre réponse',
  'verify.urlHelp': 'Collez l’adresse de la réponse telle qu’elle apparaît sur {network}.',
  'verify.sendAgain': 'Elle n’y est pas : la renvoyer',
  'verify.count': '{n} réponses à vérifier',
  'history.reply.needs_verification': 'La réponse a peut-être été publiée : quelqu’un doit vérifier le fil',
  'history.reply.confirmed_posted': '{actor} a confirmé que la réponse a été publiée',
  'history.reply.resend_approved': '{actor} a vérifié le fil et renvoyé la réponse',
};
