import type { Context } from 'hono';
import type { Role } from '../../db/schema';
import type { Actor } from '../../services/context';
import type { AppEnv, Locale } from '../env';
import { label, type MessageKey, t, type Vars } from './i18n';

/** What every page component needs to know about the request, gathered once per render. */
export interface View {
  locale: Locale;
  actor: Actor | null;
  /** Echoed by every form: the CSRF middleware compares it to the session's. */
  csrf: string;
  now: Date;
  /** Where "switch language" should come back to. */
  path: string;
  t: (key: MessageKey, vars?: Vars) => string;
  label: (group: string, value: string | null | undefined) => string;
}

export function viewOf(c: Context<AppEnv>, opts: { path?: string } = {}): View {
  // Errors raised before the auth middleware ran still render a page: every variable may be unset.
  const locale: Locale = c.get('locale') ?? 'en';
  const url = new URL(c.req.url);
  return {
    locale,
    actor: c.get('actor') ?? null,
    csrf: c.get('csrfToken') ?? '',
    now: c.get('ctx')?.clock.now() ?? new Date(),
    path: opts.path ?? (c.req.method === 'GET' ? url.pathname + url.search : '/'),
    t: (key, vars) => t(locale, key, vars),
    label: (group, value) => label(locale, group, value),
  };
}

/** Where each role starts its day. */
export function homeOf(role: Role): string {
  if (role === 'expert') return '/expert';
  if (role === 'marketing') return '/reports';
  return '/inbox';
}

/**
 * A redirect target from the query string, kept on this site: a path, never `//host` or
 * `/\host` (browsers read both as another origin) nor anything with control characters.
 */
export function safeNext(raw: unknown): string | null {
  if (typeof raw !== 'string' || !raw.startsWith('/')) return null;
  if (raw.startsWith('//') || raw.startsWith('/\\')) return null;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what we refuse.
  if (/[\u0000-\u001f\u007f]/.test(raw)) return null;
  return raw;
}

/** Network text is untrusted: a link is only made from an http(s) URL, never `javascript:` and the like. */
export function httpUrl(raw: string | null | undefined): string | null {
  if (!raw) return null;
  try {
    const u = new URL(raw);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}

/** A form field as a trimmed string; files and missing fields are empty. */
export function field(form: Record<string, unknown>, name: string): string {
  const v = form[name];
  return typeof v === 'string' ? v : '';
}

export function excerpt(text: string, max = 180): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

/** "@sarah" on networks that use @ handles; Reddit's "u/x" and the like stay as they are. */
export function displayHandle(handle: string): string {
  return handle.startsWith('@') || handle.includes('/') ? handle : `@${handle}`;
}
