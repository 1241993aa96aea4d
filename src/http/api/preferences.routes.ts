import { getPreferences, preferencesInput, setPreferences } from '../../services/users/preferences';
import type { ApiRoute } from './registry';

/** The caller's own preferences: the time zone reports are read in when no `tz` is given. */
export const preferencesRoutes: ApiRoute[] = [
  {
    method: 'get',
    path: '/me/preferences',
    summary: 'Your preferences (timezone: your IANA zone for reports, or null for the brand’s)',
    tag: 'reports',
    roles: 'any signed-in user',
    handler: (c) => getPreferences(c.get('ctx')),
  },
  {
    method: 'post',
    path: '/me/preferences',
    summary: 'Set your time zone for reports (an IANA name such as Asia/Kolkata; "" for the brand’s)',
    tag: 'reports',
    roles: 'any signed-in user',
    body: preferencesInput,
    handler: (c, { body }) => setPreferences(c.get('ctx'), body),
  },
];
