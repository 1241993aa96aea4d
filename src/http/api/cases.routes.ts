import { z } from 'zod';
import { ValidationError } from '../../lib/errors';
import { replyPreflight } from '../../services/replies/reply-preflight';
import { validate } from '../../services/validate';

const preflightQuery = z.object({ text: z.string().max(20_000).default('') });

import { escalateCase, escalateInput } from '../../services/escalation/escalate-case';
import {
  approveAnswer,
  approveInput,
  sendBackAnswer,
  sendBackInput,
} from '../../services/escalation/review-answer';
import { claimCase } from '../../services/inbox/claim-case';
import { getCase } from '../../services/inbox/get-case';
import { ignoreCase, ignoreInput } from '../../services/inbox/ignore-case';
import { inboxFilters, listCases } from '../../services/inbox/list-cases';
import { replyInput, replyToCase } from '../../services/inbox/reply-to-case';
import type { ApiRoute } from './registry';

/** Path parameters join the body; a body that is not an object is refused by name. */
export function withParams(body: unknown, params: Record<string, string>): Record<string, unknown> {
  if (body === undefined || body === null) return { ...params };
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new ValidationError([{ field: '(body)', message: 'must be a JSON object' }]);
  }
  return { ...(body as Record<string, unknown>), ...params };
}

const advisors = 'advisor, admin';

export const caseRoutes: ApiRoute[] = [
  {
    method: 'get',
    path: '/cases',
    summary: 'The inbox: cases by priority, with filters',
    tag: 'inbox',
    roles: advisors,
    query: inboxFilters,
    handler: (c, { query }) => listCases(c.get('ctx'), query),
  },
  {
    method: 'get',
    path: '/cases/:id',
    summary: 'A case: thread, author, classification, escalations, replies, history',
    tag: 'inbox',
    roles: 'advisor, expert (escalated to them or their team), admin',
    handler: (c) => getCase(c.get('ctx'), c.req.param('id')!),
  },
  {
    method: 'get',
    path: '/cases/:id/preflight',
    summary:
      'Before writing: may the post be answered publicly here, room left for `text`, and whether it repeats an earlier reply',
    tag: 'inbox',
    roles: 'advisor, expert, admin',
    query: preflightQuery,
    handler: (c, { query }) =>
      replyPreflight(c.get('ctx'), c.req.param('id')!, validate(preflightQuery, query).text),
  },
  {
    method: 'post',
    path: '/cases/:id/claim',
    summary: 'Claim a case (atomic: fails with 409 when another advisor holds it)',
    tag: 'inbox',
    roles: advisors,
    handler: (c, { body }) => claimCase(c.get('ctx'), withParams(body, { caseId: c.req.param('id')! })),
  },
  {
    method: 'post',
    path: '/cases/:id/reply',
    summary: 'Answer a standard question: the text is queued in the outbox and posted in the thread',
    tag: 'inbox',
    roles: advisors,
    body: replyInput.omit({ caseId: true }),
    status: 201,
    handler: (c, { body }) => replyToCase(c.get('ctx'), withParams(body, { caseId: c.req.param('id')! })),
  },
  {
    method: 'post',
    path: '/cases/:id/escalate',
    summary: 'Escalate to the experts of a skill; routed to the least-loaded expert who speaks the language',
    tag: 'inbox',
    roles: advisors,
    body: escalateInput.omit({ caseId: true }),
    status: 201,
    handler: (c, { body }) => escalateCase(c.get('ctx'), withParams(body, { caseId: c.req.param('id')! })),
  },
  {
    method: 'post',
    path: '/cases/:id/ignore',
    summary: 'Ignore a case (noise, spam)',
    tag: 'inbox',
    roles: advisors,
    body: ignoreInput.omit({ caseId: true }),
    handler: (c, { body }) => ignoreCase(c.get('ctx'), withParams(body, { caseId: c.req.param('id')! })),
  },
  {
    method: 'post',
    path: '/cases/:id/approve',
    summary: "Approve the expert's answer, possibly edited; it is queued for posting",
    tag: 'approval',
    roles: "advisor, admin, an expert designated as the brand's approver",
    body: approveInput.omit({ caseId: true }),
    status: 201,
    handler: (c, { body }) => approveAnswer(c.get('ctx'), withParams(body, { caseId: c.req.param('id')! })),
  },
  {
    method: 'post',
    path: '/cases/:id/send-back',
    summary: "Send the expert's answer back with a note",
    tag: 'approval',
    roles: "advisor, admin, an expert designated as the brand's approver",
    body: sendBackInput.omit({ caseId: true }),
    handler: (c, { body }) => sendBackAnswer(c.get('ctx'), withParams(body, { caseId: c.req.param('id')! })),
  },
];
