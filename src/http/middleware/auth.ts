import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { resolveApiToken, resolveSession } from '../../services/auth/sessions';
import type { AppDeps, AppEnv, Locale } from '../env';

export const SESSION_COOKIE = 'passerelle_session';
export const LOCALE_COOKIE = 'passerelle_lang';

/** Resolves who is calling: a bearer token (API) or a session cookie (pages), and their language. */
export const authenticate = (deps: AppDeps) =>
  createMiddleware<AppEnv>(async (c, next) => {
    c.set('actor', null);
    c.set('csrfToken', null);
    c.set('sessionToken', null);
    c.set('authKind', null);
    let locale: Locale | null = null;
    const header = c.req.header('authorization');
    if (header?.startsWith('Bearer ')) {
      const actor = await resolveApiToken(deps, header.slice(7).trim());
      if (actor) {
        c.set('actor', actor);
        c.set('authKind', 'token');
      }
    } else {
      const token = getCookie(c, SESSION_COOKIE);
      const session = token ? await resolveSession(deps, token) : null;
      if (session && token) {
        c.set('actor', session.actor);
        c.set('csrfToken', session.csrfToken);
        c.set('sessionToken', token);
        c.set('authKind', 'session');
        locale = session.locale;
      }
    }
    const chosen = getCookie(c, LOCALE_COOKIE);
    if (chosen === 'en' || chosen === 'fr') locale = chosen;
    c.set(
      'locale',
      locale ?? (c.req.header('accept-language')?.toLowerCase().startsWith('fr') ? 'fr' : 'en'),
    );
    c.set('ctx', { ...deps, actor: c.get('actor') });
    await next();
  });
