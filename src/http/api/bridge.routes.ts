import { requireActor } from '../../services/authorize';
import { approversInput, getApprovers, setApprovers } from '../../services/escalation/approvers';
import {
  availabilityInput,
  expertInput,
  listExperts,
  setAvailability,
  updateExpert,
} from '../../services/escalation/expert-directory';
import { getGuidelines, guidelinesInput, updateGuidelines } from '../../services/escalation/guidelines';
import { recognition } from '../../services/escalation/recognition';
import { rerouteEscalation } from '../../services/escalation/reroute-escalation';
import { signingKey } from '../../services/escalation/signing';
import { answerFromKnowledge, knowledgeReplyInput } from '../../services/knowledge/answer-from-knowledge';
import {
  getKnowledge,
  knowledgeEdit,
  knowledgeQuery,
  listKnowledge,
  suggestForCase,
  updateKnowledge,
} from '../../services/knowledge/knowledge-base';
import { withParams } from './cases.routes';
import type { ApiRoute } from './registry';

const param = (c: { req: { param: (k: string) => string | undefined } }, k: string) => c.req.param(k) ?? '';

/** The expert bridge: directory, rerouting, guidelines, knowledge base, recognition. */
export const bridgeRoutes: ApiRoute[] = [
  {
    method: 'get',
    path: '/experts',
    summary: 'The expert directory: skills, languages, hours, availability, load',
    tag: 'experts',
    roles: 'advisor, admin',
    handler: (c) => listExperts(c.get('ctx')),
  },
  {
    method: 'post',
    path: '/experts/:id',
    summary: "Change an expert's routing rules (skills, languages, hours, maximum, availability)",
    tag: 'experts',
    roles: 'admin',
    body: expertInput.omit({ userId: true }),
    handler: (c, { body }) => updateExpert(c.get('ctx'), withParams(body, { userId: param(c, 'id') })),
  },
  {
    method: 'post',
    path: '/me/availability',
    summary: 'Set your own availability (available, away, holiday until a date)',
    tag: 'experts',
    roles: 'any signed-in user',
    body: availabilityInput.omit({ userId: true }),
    handler: (c, { body }) =>
      setAvailability(c.get('ctx'), withParams(body, { userId: c.get('actor')?.id ?? '' })),
  },
  {
    method: 'post',
    path: '/escalations/:id/reroute',
    summary: 'Send an open question to another expert (expertId) or to a team queue (skill)',
    tag: 'experts',
    roles: 'advisor, admin',
    handler: (c, { body }) =>
      rerouteEscalation(c.get('ctx'), withParams(body, { escalationId: param(c, 'id') })),
  },
  {
    method: 'get',
    path: '/brands/:id/guidelines',
    summary: "A brand's editorial guidelines",
    tag: 'experts',
    roles: "advisor, admin, an expert designated as the brand's approver",
    handler: (c) => getGuidelines(c.get('ctx'), param(c, 'id')),
  },
  {
    method: 'post',
    path: '/brands/:id/guidelines',
    summary: "Set a brand's editorial guidelines (tone notes, forbidden words, length, signature)",
    tag: 'experts',
    roles: 'admin',
    body: guidelinesInput.omit({ brandId: true }),
    handler: (c, { body }) => updateGuidelines(c.get('ctx'), withParams(body, { brandId: param(c, 'id') })),
  },
  {
    method: 'get',
    path: '/brands/:id/approvers',
    summary: "A brand's designated approvers: experts who review its drafts besides advisors",
    tag: 'experts',
    roles: 'admin',
    handler: (c) => getApprovers(c.get('ctx'), param(c, 'id')),
  },
  {
    method: 'post',
    path: '/brands/:id/approvers',
    summary: "Replace a brand's designated approvers (experts only: marketing does not reply in public)",
    tag: 'experts',
    roles: 'admin',
    body: approversInput.omit({ brandId: true }),
    handler: (c, { body }) => setApprovers(c.get('ctx'), withParams(body, { brandId: param(c, 'id') })),
  },
  {
    method: 'get',
    path: '/knowledge',
    summary: 'Browse and search the reusable answers',
    tag: 'knowledge',
    roles: 'advisor, expert, marketing, admin',
    query: knowledgeQuery,
    handler: (c, { query }) => listKnowledge(c.get('ctx'), query),
  },
  {
    method: 'get',
    path: '/knowledge/:id',
    summary: 'One reusable answer',
    tag: 'knowledge',
    roles: 'advisor, expert, marketing, admin',
    handler: (c) => getKnowledge(c.get('ctx'), param(c, 'id')),
  },
  {
    method: 'post',
    path: '/knowledge/:id',
    summary: 'Edit a reusable answer',
    tag: 'knowledge',
    roles: 'expert, marketing, admin',
    body: knowledgeEdit.omit({ id: true }),
    handler: (c, { body }) => updateKnowledge(c.get('ctx'), withParams(body, { id: param(c, 'id') })),
  },
  {
    method: 'get',
    path: '/cases/:id/knowledge',
    summary: 'The closest reusable answers for a case (same brand and language)',
    tag: 'knowledge',
    roles: 'advisor, admin',
    handler: (c) => suggestForCase(c.get('ctx'), param(c, 'id')),
  },
  {
    method: 'post',
    path: '/cases/:id/knowledge-reply',
    summary: 'Answer a case from a reusable answer, without escalating (recorded on the reply)',
    tag: 'knowledge',
    roles: 'advisor, admin',
    body: knowledgeReplyInput.omit({ caseId: true }),
    status: 201,
    handler: (c, { body }) => answerFromKnowledge(c.get('ctx'), withParams(body, { caseId: param(c, 'id') })),
  },
  {
    method: 'get',
    path: '/recognition',
    summary: "Each expert's answers, median time to answer and what became of the answers",
    tag: 'experts',
    roles: 'any signed-in user',
    handler: (c) => recognition(c.get('ctx')),
  },
  {
    method: 'get',
    path: '/admin/inbound-webhook-secret',
    summary: 'The key chat bots sign inbound answers with (HMAC-SHA256 over "<timestamp>.<body>")',
    tag: 'experts',
    roles: 'admin',
    handler: async (c) => {
      requireActor(c.get('ctx'), 'experts.manage');
      return { secret: await signingKey(c.get('ctx'), 'inbound-webhook'), endpoint: '/inbound/webhook' };
    },
  },
];
