import { createMiddleware } from 'hono/factory';
import { can, type Permission } from '../../domain/permissions';
import type { AppEnv } from '../env';
import { renderErrorPage } from './error-page';
import { label, t } from './i18n';

/**
 * Pages answer people, not programs: signed out goes to the sign-in form (and comes back after),
 * a role without the permission gets a 403 page in its language. The verbs check again anyway.
 */
export const needs = (permission: Permission) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const actor = c.get('actor');
    if (!actor) {
      const url = new URL(c.req.url);
      // Only a GET can be replayed after signing in; a POST would land on a page that does not exist.
      const back = c.req.method === 'GET' ? `?next=${encodeURIComponent(url.pathname + url.search)}` : '';
      return c.redirect(`/login${back}`, 302);
    }
    if (!can(actor.role, permission)) {
      const locale = c.get('locale');
      return renderErrorPage(
        c,
        403,
        t(locale, 'error.forbiddenRole', { role: label(locale, 'role', actor.role) }),
      );
    }
    await next();
  });
