import { z } from 'zod';
import { getTopic, listTopics } from '../../services/topics/list-topics';
import { archiveTopic, createTopic, updateTopic } from '../../services/topics/save-topic';
import { topicFields, topicKey } from '../../services/topics/topic-input';
import type { ApiRoute } from './registry';

const asObject = (body: unknown): Record<string, unknown> =>
  body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};

export const topicRoutes: ApiRoute[] = [
  {
    method: 'get',
    path: '/admin/brands/:brandId/topics',
    summary: "A brand's topics (add ?archived=true for the archived ones too)",
    tag: 'admin',
    roles: 'admin',
    query: z.object({ archived: z.enum(['true', 'false']).optional() }),
    handler: (c) =>
      listTopics(c.get('ctx'), {
        brandId: c.req.param('brandId') ?? '',
        archived: c.req.query('archived') === 'true',
      }),
  },
  {
    method: 'post',
    path: '/admin/brands/:brandId/topics',
    summary:
      'Add a topic: key, labels, example phrases, keywords, whether it needs a specialist and which skill answers it',
    tag: 'admin',
    roles: 'admin',
    body: z.intersection(z.object({ key: topicKey }), topicFields),
    status: 201,
    handler: (c, { body }) =>
      createTopic(c.get('ctx'), { ...asObject(body), brandId: c.req.param('brandId') ?? '' }),
  },
  {
    method: 'get',
    path: '/admin/topics/:id',
    summary: 'One topic',
    tag: 'admin',
    roles: 'admin',
    handler: (c) => getTopic(c.get('ctx'), c.req.param('id') ?? ''),
  },
  {
    method: 'post',
    path: '/admin/topics/:id',
    summary: 'Edit a topic (its key stays); the next classification uses it, the learning job retrains',
    tag: 'admin',
    roles: 'admin',
    body: topicFields,
    handler: (c, { body }) =>
      updateTopic(c.get('ctx'), { ...asObject(body), topicId: c.req.param('id') ?? '' }),
  },
  {
    method: 'post',
    path: '/admin/topics/:id/archive',
    summary: 'Archive a topic (or restore it with { "archived": false }); its key stays for past cases',
    tag: 'admin',
    roles: 'admin',
    body: z.object({ archived: z.boolean().optional() }),
    handler: (c, { body }) =>
      archiveTopic(c.get('ctx'), { ...asObject(body), topicId: c.req.param('id') ?? '' }),
  },
];
