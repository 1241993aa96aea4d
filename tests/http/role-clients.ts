import { beforeAll } from 'vitest';
import type { Role } from '../../src/db/schema';
import type { TestApp } from '../helpers/app';

const BASE = 'http://passerelle.test';
const everyRole: Role[] = ['advisor', 'expert', 'marketing', 'admin'];

/**
 * Requests as each demo role: pages with the role's session cookie (and its CSRF token on forms),
 * the API with its bearer token. Sign-in runs in a `beforeAll` registered here, so call this after
 * the hook that creates the app.
 */
export function roleClients(app: () => TestApp) {
  const sessions = {} as Record<Role, { cookie: string; csrf: string }>;
  const tokens = {} as Record<Role, string>;
  beforeAll(async () => {
    for (const r of everyRole) {
      sessions[r] = await app().session(r);
      tokens[r] = await app().token(r);
    }
  });
  const get = (path: string, who: Role = 'admin', lang = 'en') =>
    app().app.request(`${BASE}${path}`, {
      headers: { accept: 'text/html', cookie: `${sessions[who].cookie}; passerelle_lang=${lang}` },
    });
  /** A form as fields, or as pairs when a name repeats. */
  const post = (
    path: string,
    form: Record<string, string> | [string, string][],
    who: Role = 'admin',
    lang = 'en',
  ) =>
    app().app.request(`${BASE}${path}`, {
      method: 'POST',
      headers: {
        accept: 'text/html',
        origin: BASE,
        cookie: `${sessions[who].cookie}; passerelle_lang=${lang}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams([
        ['_csrf', sessions[who].csrf],
        ...(Array.isArray(form) ? form : Object.entries(form)),
      ]).toString(),
    });
  const api = (method: 'GET' | 'POST', path: string, who: Role, body?: unknown) =>
    app().app.request(`${BASE}/api${path}`, {
      method,
      headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return { get, post, api };
}
