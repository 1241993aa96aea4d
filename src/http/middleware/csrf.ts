import { createMiddleware } from 'hono/factory';
import { timingSafeEqual } from '../../lib/crypto';
import { AppError } from '../../lib/errors';
import type { AppEnv } from '../env';

const safe = new Set(['GET', 'HEAD', 'OPTIONS']);
const enc = new TextEncoder();

/**
 * A cookie session can be ridden by another site; a bearer token cannot. So every unsafe request
 * made with the cookie must echo the session's CSRF token (form field `_csrf` or `x-csrf-token`).
 */
export const csrfProtection = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (safe.has(c.req.method) || c.get('authKind') !== 'session') return next();
    const expected = c.get('csrfToken') ?? '';
    let given = c.req.header('x-csrf-token') ?? '';
    if (!given && (c.req.header('content-type') ?? '').includes('form')) {
      const form = await c.req.parseBody();
      given = typeof form._csrf === 'string' ? form._csrf : '';
    }
    if (!given || !timingSafeEqual(enc.encode(given), enc.encode(expected))) {
      throw new AppError('csrf_failed', 'This form has expired: reload the page and try again');
    }
    await next();
  });
