import { createMiddleware } from 'hono/factory';
import { randomToken } from '../../lib/ids';
import type { AppEnv } from '../env';

export const requestId = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const id = incoming && /^[\w-]{1,64}$/.test(incoming) ? incoming : `req_${randomToken(16)}`;
    c.set('requestId', id);
    c.header('x-request-id', id);
    await next();
  });
