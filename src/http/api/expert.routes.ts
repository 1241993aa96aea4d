import { listExpertQueue } from '../../services/escalation/list-expert-queue';
import { answerInput, submitAnswer } from '../../services/escalation/submit-answer';
import { withParams } from './cases.routes';
import type { ApiRoute } from './registry';

export const expertRoutes: ApiRoute[] = [
  {
    method: 'get',
    path: '/expert/questions',
    summary: "The expert's queue: questions routed to them or to their skills' team",
    tag: 'expert',
    roles: 'expert, admin',
    handler: (c) => listExpertQueue(c.get('ctx')),
  },
  {
    method: 'post',
    path: '/escalations/:id/answer',
    summary: 'Submit an answer for approval (never public until an advisor approves it)',
    tag: 'expert',
    roles: 'expert, admin',
    body: answerInput.omit({ escalationId: true }),
    status: 201,
    handler: (c, { body }) =>
      submitAnswer(c.get('ctx'), withParams(body, { escalationId: c.req.param('id')! })),
  },
];
