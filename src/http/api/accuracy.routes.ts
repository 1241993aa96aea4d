import { accuracyInput, classificationAccuracy } from '../../services/reports/classification-accuracy';
import type { ApiRoute } from './registry';

export const accuracyRoutes: ApiRoute[] = [
  {
    method: 'get',
    path: '/reports/classification-accuracy',
    summary:
      'Per day or week and model version: classifications reviewed by people and the share of correct intent, sentiment and topic labels',
    tag: 'reports',
    roles: 'marketing, admin',
    query: accuracyInput,
    handler: (c, { query }) => classificationAccuracy(c.get('ctx'), query),
  },
];
