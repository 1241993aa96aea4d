import { overviewInput, overviewReport } from '../../services/reports/overview-report';
import type { ApiRoute } from './registry';

export const reportRoutes: ApiRoute[] = [
  {
    method: 'get',
    path: '/reports/overview',
    summary: 'Sentiment per day, volume per network, intents and topics',
    tag: 'reports',
    roles: 'marketing, advisor, admin',
    query: overviewInput,
    handler: (c, { query }) => overviewReport(c.get('ctx'), query),
  },
];
