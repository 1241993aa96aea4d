import { careReport } from '../../services/reports/care-report';
import { caseListInput, listCases } from '../../services/reports/list-cases';
import { listMentions, mentionListInput } from '../../services/reports/list-mentions';
import { overviewInput, overviewReport } from '../../services/reports/overview-report';
import { reportFilters } from '../../services/reports/report-scope';
import { sentimentReport } from '../../services/reports/sentiment-report';
import { shareOfVoice } from '../../services/reports/share-of-voice';
import { topicsReport } from '../../services/reports/topics-report';
import { volumeReport } from '../../services/reports/volume-report';
import type { ApiRoute } from './registry';

const roles = 'marketing, advisor, admin';

export const reportRoutes: ApiRoute[] = [
  {
    method: 'get',
    path: '/reports/overview',
    summary: 'Sentiment per day, volume per network, intents and topics',
    tag: 'reports',
    roles,
    query: overviewInput,
    handler: (c, { query }) => overviewReport(c.get('ctx'), query),
  },
  {
    method: 'get',
    path: '/reports/sentiment',
    summary:
      'Negative, neutral and positive mentions per hour, day or week of the time zone, with net sentiment',
    tag: 'reports',
    roles,
    query: reportFilters,
    handler: (c, { query }) => sentimentReport(c.get('ctx'), query),
  },
  {
    method: 'get',
    path: '/reports/volume',
    summary: 'Mentions and cases by network, intent and topic; top authors by reach',
    tag: 'reports',
    roles,
    query: reportFilters,
    handler: (c, { query }) => volumeReport(c.get('ctx'), query),
  },
  {
    method: 'get',
    path: '/reports/topics',
    summary: 'Topics and terms rising against the previous period',
    tag: 'reports',
    roles,
    query: reportFilters,
    handler: (c, { query }) => topicsReport(c.get('ctx'), query),
  },
  {
    method: 'get',
    path: '/reports/share-of-voice',
    summary: 'Volume and sentiment of the brand and its competitors',
    tag: 'reports',
    roles,
    query: reportFilters,
    handler: (c, { query }) => shareOfVoice(c.get('ctx'), query),
  },
  {
    method: 'get',
    path: '/reports/care',
    summary: 'First response and resolution times (median, p90), expert answer time per topic',
    tag: 'reports',
    roles,
    query: reportFilters,
    handler: (c, { query }) => careReport(c.get('ctx'), query),
  },
  {
    method: 'get',
    path: '/reports/mentions',
    summary: 'The mentions behind a report, one row each (same filters; keyset pages via `after`)',
    tag: 'reports',
    roles,
    query: mentionListInput,
    handler: (c, { query }) => listMentions(c.get('ctx'), query),
  },
  {
    method: 'get',
    path: '/reports/cases',
    summary: 'The cases behind a report, one row each (labels and times, no internal notes)',
    tag: 'reports',
    roles,
    query: caseListInput,
    handler: (c, { query }) => listCases(c.get('ctx'), query),
  },
];
