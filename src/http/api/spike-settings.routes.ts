import { z } from 'zod';
import { listSpikeSettings } from '../../services/reports/list-spike-settings';
import { saveSpikeSettings } from '../../services/reports/save-spike-settings';
import type { ApiRoute } from './registry';

const asObject = (body: unknown): Record<string, unknown> =>
  body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};

export const spikeSettingsRoutes: ApiRoute[] = [
  {
    method: 'get',
    path: '/admin/spike-settings',
    summary: "Each brand's spike alert thresholds (defaults where none is saved) and its last spikes",
    tag: 'reports',
    roles: 'marketing, admin',
    handler: (c) => listSpikeSettings(c.get('ctx')),
  },
  {
    method: 'post',
    path: '/admin/brands/:brandId/spike-settings',
    summary:
      'Set when an hour is a spike: ratio to the usual volume (1.2..50), minimum mentions in the hour, rise of the negative share (0.01..1), alerts on or off',
    tag: 'reports',
    roles: 'marketing, admin',
    // For the document: the verb also reads the strings a form posts.
    body: z.object({
      ratio: z.number().min(1.2).max(50),
      minMentions: z.number().int().min(1).max(100_000),
      negativeDelta: z.number().min(0.01).max(1),
      alerts: z.boolean(),
    }),
    handler: (c, { body }) =>
      saveSpikeSettings(c.get('ctx'), { ...asObject(body), brandId: c.req.param('brandId') ?? '' }),
  },
];
