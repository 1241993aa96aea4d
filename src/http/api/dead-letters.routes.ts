import { z } from 'zod';
import { dismissDeadLetter } from '../../services/listening/dismiss-dead-letter';
import { listDeadLetters } from '../../services/listening/list-dead-letters';
import type { ApiRoute } from './registry';

export const deadLetterRoutes: ApiRoute[] = [
  {
    method: 'get',
    path: '/dead-letters',
    summary: 'Items the networks sent that could not be read (quarantined); open ones unless asked',
    tag: 'listening',
    roles: 'admin',
    query: z.object({ includeDismissed: z.enum(['true', 'false']).optional(), limit: z.string().optional() }),
    handler: async (c, { query }) => listDeadLetters(c.get('ctx'), query),
  },
  {
    method: 'post',
    path: '/dead-letters/:id/dismiss',
    summary: 'Put a quarantined item away once looked at',
    tag: 'listening',
    roles: 'admin',
    handler: async (c) => dismissDeadLetter(c.get('ctx'), { id: c.req.param('id') }),
  },
];
