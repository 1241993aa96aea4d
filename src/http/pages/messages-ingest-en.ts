/**
 * The ingest side of the admin pages (quarantined items, author erasure), in English. Spread into
 * `en`; the French side (messages-ingest-fr.ts) is typed against these keys.
 */
export const ingestEn = {
  'deadLetters.title': 'Quarantined items',
  'deadLetters.help':
    'Posts a network sent that Passerelle could not read. The rest of each poll was stored; these were set aside so nothing is silently lost. Look, then dismiss.',
  'deadLetters.none': 'Nothing quarantined: every item the networks sent could be read.',
  'deadLetters.colListener': 'Listener',
  'deadLetters.colReason': 'Why',
  'deadLetters.colSeen': 'Seen',
  'deadLetters.colPayload': 'Payload (truncated)',
  'deadLetters.seen': '{n} time(s), last {time}',
  'deadLetters.first': 'first {time}',
  'deadLetters.id': 'id {id}',
  'deadLetters.dismiss': 'Dismiss',
  'deadLetters.dismissed': 'The item is dismissed.',
  'erase.title': 'Erase an author',
  'erase.help':
    'On a person’s request: their name, handle, picture and the text of their posts are removed everywhere (cases, replies quoting them, notifications). The audit keeps no personal data.',
  'erase.network': 'Network',
  'erase.externalId': 'Their id on the network',
  'erase.submit': 'Erase their data',
  'erase.done': 'The author’s personal data is erased.',
  'erase.notFound': 'No author with this id on this network.',
  'mention.deleted': 'Deleted by its author on the network: its text is removed.',
  'author.erased': 'erased author',
} as const;

export type IngestMessageKey = keyof typeof ingestEn;
