import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { accuracyRoutes } from './accuracy.routes';
import { adminRoutes } from './admin.routes';
import { authorRoutes } from './authors.routes';
import { bridgeRoutes } from './bridge.routes';
import { caseRoutes } from './cases.routes';
import { classifyRoutes } from './classify.routes';
import { deadLetterRoutes } from './dead-letters.routes';
import { expertRoutes } from './expert.routes';
import { listenerRoutes } from './listeners.routes';
import { preferencesRoutes } from './preferences.routes';
import { mount, openApiDocument } from './registry';
import { reportRoutes } from './reports.routes';
import { slaPolicyRoutes } from './sla-policies.routes';
import { spikeSettingsRoutes } from './spike-settings.routes';
import { topicRoutes } from './topics.routes';

export const apiRouteList = [
  ...caseRoutes,
  ...expertRoutes,
  ...reportRoutes,
  ...listenerRoutes,
  ...adminRoutes,
  ...classifyRoutes,
  ...bridgeRoutes,
  ...topicRoutes,
  ...accuracyRoutes,
  ...deadLetterRoutes,
  ...slaPolicyRoutes,
  ...spikeSettingsRoutes,
  ...authorRoutes,
  ...preferencesRoutes,
];

export function apiApp(): Hono<AppEnv> {
  const api = new Hono<AppEnv>();
  const doc = openApiDocument(apiRouteList);
  api.get('/openapi.json', (c) => c.json(doc));
  mount(api, apiRouteList);
  return api;
}
