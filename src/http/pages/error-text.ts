import type { FieldIssue } from '../../lib/errors';
import type { Locale } from '../env';
import { label, type MessageKey, t } from './i18n';

/**
 * Services speak English to every caller; pages owe people their own language. The messages the
 * verbs are known to raise are matched here and translated; anything else is shown as written.
 */
export function translateMessage(locale: Locale, message: string): string {
  if (message === 'Another advisor has claimed this case') return t(locale, 'error.conflictClaimed');
  if (message === 'There is no expert answer waiting for approval on this case') {
    return t(locale, 'error.noPendingAnswer');
  }
  if (message === 'This case has no customer post to answer') return t(locale, 'error.noPost');
  if (message === 'This form has expired: reload the page and try again') return t(locale, 'error.csrf');
  if (message === 'Your role does not allow this action' || /^A \w+ may not do this/.test(message)) {
    return t(locale, 'error.forbidden');
  }
  if (message === 'Something went wrong on our side') return t(locale, 'error.internal');
  const status = /^This case is ([a-z ]+): it cannot be/.exec(message);
  if (status?.[1])
    return t(locale, 'error.conflictStatus', {
      status: label(locale, 'status', status[1].replace(' ', '_')),
    });
  const readOnly = /^(\w+) is a read-only source/.exec(message);
  if (readOnly?.[1]) return t(locale, 'error.readOnly', { network: label(locale, 'network', readOnly[1]) });
  if (/ does not exist$/.test(message)) return t(locale, 'error.notFound');
  return message;
}

const issueText: Record<string, MessageKey> = {
  'write the answer first': 'error.writeFirst',
  'the answer cannot be empty': 'error.emptyAnswer',
  'tell the expert what to change': 'error.tellExpert',
  'is required': 'error.required',
};

const fieldKey: Record<string, MessageKey> = {
  body: 'field.body',
  note: 'field.note',
  skill: 'field.skill',
  reason: 'field.reason',
  email: 'field.email',
  password: 'field.password',
};

/** "Answer: write the answer first", in the reader's language where the wording is known. */
export function translateIssue(locale: Locale, issue: FieldIssue): string {
  const field = fieldKey[issue.field] ? t(locale, fieldKey[issue.field]!) : issue.field;
  const known = issueText[issue.message];
  const tooLong = /^is (\d+) characters; (\w+) allows (\d+)$/.exec(issue.message);
  let text = issue.message;
  if (known) text = t(locale, known);
  else if (tooLong) {
    text = t(locale, 'error.tooLong', {
      n: Number(tooLong[1]),
      network: label(locale, 'network', tooLong[2]),
      max: Number(tooLong[3]),
    });
  } else if (/^Too big/i.test(issue.message)) text = t(locale, 'error.tooLongField');
  return `${field}: ${text}`;
}
