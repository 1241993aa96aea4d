/**
 * Replies whose outcome is unknown, in English. Spread into `en`, so the French side
 * (messages-replies-fr.ts) is typed against these keys too.
 */
export const repliesEn = {
  'reply.needs_verification': 'Needs verification',
  'verify.title': 'Was this reply posted?',
  'verify.explain':
    'An attempt to post it on {network} may have gone through, and looking in the thread could not tell. It will not be sent again until someone checks the thread.',
  'verify.lookThread': 'Open the customer’s post on {network}',
  'verify.posted': 'It was posted',
  'verify.url': 'Link to our reply',
  'verify.urlHelp': 'Paste the address of the reply as it appears on {network}.',
  'verify.sendAgain': 'It is not there: send it again',
  'verify.count': '{n} replies need verification',
  'history.reply.needs_verification': 'The reply may have been posted: someone must check the thread',
  'history.reply.confirmed_posted': '{actor} confirmed the reply was posted',
  'history.reply.resend_approved': '{actor} checked the thread and sent the reply again',
} as const;

export type RepliesMessageKey = keyof typeof repliesEn;
