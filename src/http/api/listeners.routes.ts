import { requireActor } from '../../services/authorize';
import { pollDueListeners } from '../../services/listening/poll-due-listeners';
import type { ApiRoute } from './registry';

export const listenerRoutes: ApiRoute[] = [
  {
    method: 'post',
    path: '/listeners/poll',
    summary: 'Run one listening cycle now over every enabled listener',
    tag: 'listening',
    roles: 'admin',
    handler: async (c) => {
      const ctx = c.get('ctx');
      requireActor(ctx, 'listeners.poll');
      return pollDueListeners(ctx, { force: true });
    },
  },
];
