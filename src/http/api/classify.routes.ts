import { classifyInput, classifyTexts } from '../../services/classify/classify-texts';
import { correctClassification, correctionInput } from '../../services/inbox/correct-classification';
import { withParams } from './cases.routes';
import type { ApiRoute } from './registry';

export const classifyRoutes: ApiRoute[] = [
  {
    method: 'post',
    path: '/classify',
    summary:
      'Classify one text (`text`) or a batch (`texts`): language, sentiment, intent, topic, specialist, priority',
    tag: 'classify',
    roles: 'any signed-in role',
    body: classifyInput,
    handler: (c, { body }) => classifyTexts(c.get('ctx'), body),
  },
  {
    method: 'post',
    path: '/mentions/:id/correct',
    summary: "Correct one label of a mention's classification; the brand's models learn from it",
    tag: 'classify',
    roles: 'advisor, admin',
    body: correctionInput.omit({ mentionId: true }),
    handler: (c, { body }) =>
      correctClassification(c.get('ctx'), withParams(body, { mentionId: c.req.param('id')! })),
  },
];
