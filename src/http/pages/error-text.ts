import type { FieldIssue } from '../../lib/errors';
import { STALE_CUSTOMER, STALE_REPLY } from '../../services/inbox/collision';
import { NOTHING_TO_ANSWER } from '../../services/replies/reply-reasons';
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
  if (message === STALE_REPLY) return t(locale, 'ib.stale');
  if (message === STALE_CUSTOMER) return t(locale, 'ib.staleCustomer');
  if (message === 'You already have a view with this name') return t(locale, 'ib.viewExists');
  if (message === 'This case has no customer post to answer') return t(locale, 'error.noPost');
  if (message === NOTHING_TO_ANSWER) return t(locale, 'reply.nothingToAnswer');
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
  const connected = /^@(\S+) is already connected on (\w+)$/.exec(message);
  if (connected?.[1] && connected[2]) {
    return t(locale, 'error.alreadyConnected', {
      handle: `@${connected[1]}`,
      network: label(locale, 'network', connected[2]),
    });
  }
  return message;
}

const issueText: Record<string, MessageKey> = {
  'write the answer first': 'error.writeFirst',
  'the answer cannot be empty': 'error.emptyAnswer',
  'tell the expert what to change': 'error.tellExpert',
  'is required': 'error.required',
  'must be a URL': 'issue.mustBeUrl',
  'must start with http:// or https://': 'issue.mustBeHttp',
  'an RSS/Atom listener needs the feed URL (http or https)': 'issue.feedUrl',
  'must be at least 16 characters': 'issue.secretShort',
  'choose at least one audience': 'issue.audience',
  'must be the webhook URL (https://...)': 'issue.webhookUrl',
  'must be an e-mail address': 'issue.email',
  'an e-mail channel needs its SMTP server': 'issue.smtp',
  'repeats an earlier public reply word for word: personalise it (networks refuse duplicates)':
    'issue.duplicate',
  'say who answers': 'teamAnswer.sayWho',
  'is not in this team': 'teamAnswer.notInTeam',
  'only experts can be designated approvers: advisors already approve, marketing does not reply':
    'approvers.onlyExperts',
};

const fieldKey: Record<string, MessageKey> = {
  body: 'field.body',
  note: 'field.note',
  skill: 'field.skill',
  reason: 'field.reason',
  email: 'field.email',
  password: 'field.password',
  authorName: 'teamAnswer.name',
  authorId: 'teamAnswer.pick',
  userIds: 'approvers.title',
};

/** "write the answer first": what is wrong with a field, in the reader's language where known. */
export function translateIssueMessage(locale: Locale, message: string): string {
  const known = issueText[message];
  if (known) return t(locale, known);
  const tooLong = /^is (\d+) characters; (\w+) allows (\d+)$/.exec(message);
  if (tooLong) {
    return t(locale, 'error.tooLong', {
      n: Number(tooLong[1]),
      network: label(locale, 'network', tooLong[2]),
      max: Number(tooLong[3]),
    });
  }
  const noMentions = /^(\w+) has no mentions: listen for keywords$/.exec(message);
  if (noMentions?.[1])
    return t(locale, 'issue.noMentions', { network: label(locale, 'network', noMentions[1]) });
  if (/^Too big/i.test(message)) return t(locale, 'error.tooLongField');
  // zod's own wording for values no form of ours can produce (a tampered select, a wrong type).
  if (/^(Invalid|Too small|Expected)/i.test(message)) return t(locale, 'issue.invalid');
  return message;
}

/** "Answer: write the answer first", in the reader's language where the wording is known. */
export function translateIssue(locale: Locale, issue: FieldIssue): string {
  const field = fieldKey[issue.field] ? t(locale, fieldKey[issue.field]!) : issue.field;
  return `${field}: ${translateIssueMessage(locale, issue.message)}`;
}
