/**
 * What the case page says about a reply that was not sent because the customer deleted their post,
 * in English. Spread into `en`, so the French side (messages-deletions-fr.ts) is typed against these keys.
 */
export const deletionsEn = {
  'reply.nothingToAnswer': 'The customer deleted this post on the network: there is nothing left to answer.',
  'reply.targetDeleted':
    'Not sent: the customer deleted this post on the network. Answer a newer post of theirs, or close the case.',
  'reply.targetDeletedMaybeSent':
    'The customer deleted this post on the network; an earlier attempt may have been posted before it went. Nothing more is sent.',
} as const;

export type DeletionsMessageKey = keyof typeof deletionsEn;
