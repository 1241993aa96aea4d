import type { Context } from 'hono';
import { html } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { can, type Permission } from '../../domain/permissions';
import type { AppEnv, Locale } from '../env';
import { CsrfField } from './components';
import type { MessageKey } from './i18n';
import type { View } from './view';

export type NavKey =
  | 'inbox'
  | 'expert'
  | 'reports'
  | 'connections'
  | 'experts'
  | 'knowledge'
  | 'thanks'
  | 'topics'
  | 'sla'
  | 'alerts';

interface NavItem {
  key: NavKey;
  href: string;
  permission: Permission;
  label: MessageKey;
  /** Settings pages share one menu, so the bar fits on one line in French too. */
  menu?: 'admin';
}

const navItems: NavItem[] = [
  { key: 'inbox', href: '/inbox', permission: 'inbox.read', label: 'nav.inbox' },
  { key: 'expert', href: '/expert', permission: 'expert.queue', label: 'nav.expert' },
  { key: 'reports', href: '/reports', permission: 'reports.read', label: 'nav.reports' },
  { key: 'knowledge', href: '/knowledge', permission: 'knowledge.read', label: 'nav.knowledge' },
  { key: 'experts', href: '/admin/experts', permission: 'experts.read', label: 'nav.experts' },
  { key: 'thanks', href: '/thanks', permission: 'recognition.read', label: 'nav.thanks' },
  {
    key: 'connections',
    href: '/admin/connections',
    permission: 'connections.manage',
    label: 'nav.connections',
    menu: 'admin',
  },
  { key: 'topics', href: '/admin/topics', permission: 'topics.manage', label: 'nav.topics', menu: 'admin' },
  { key: 'sla', href: '/admin/sla', permission: 'sla.manage', label: 'nav.sla', menu: 'admin' },
  {
    key: 'alerts',
    href: '/admin/spike-alerts',
    permission: 'reports.configure',
    label: 'nav.alerts',
    menu: 'admin',
  },
];

function NavLinks({ v, items, active }: { v: View; items: NavItem[]; active?: NavKey }) {
  return (
    <>
      {items.map((n) => (
        <a href={n.href} aria-current={active === n.key ? 'page' : undefined}>
          {v.t(n.label)}
        </a>
      ))}
    </>
  );
}

/** The settings menu: a disclosure that works without script; it names the page it holds. */
function AdminMenu({ v, items, active }: { v: View; items: NavItem[]; active?: NavKey }) {
  if (items.length === 0) return null;
  const current = items.some((n) => n.key === active);
  return (
    <details class="nav-menu">
      <summary class={current ? 'current' : undefined}>{v.t('nav.admin')}</summary>
      <div class="nav-menu-list">
        <NavLinks v={v} items={items} active={active} />
      </div>
    </details>
  );
}

function LanguageSwitch({ v }: { v: View }) {
  const next = encodeURIComponent(v.path);
  const item = (code: Locale, short: string, name: MessageKey) => (
    <a
      href={`/lang/${code}?next=${next}`}
      hreflang={code}
      lang={code}
      title={v.t(name)}
      aria-current={v.locale === code ? 'true' : undefined}
    >
      {short}
    </a>
  );
  return (
    <nav class="lang" aria-label={v.t('nav.language')}>
      {item('en', 'EN', 'nav.english')}
      {item('fr', 'FR', 'nav.french')}
    </nav>
  );
}

function Header({ v, active }: { v: View; active?: NavKey }) {
  const actor = v.actor;
  const allowed = actor ? navItems.filter((n) => can(actor.role, n.permission)) : [];
  return (
    <header class="top">
      <div class="top-inner">
        <a class="brand" href="/">
          {v.t('app.name')}
        </a>
        {actor ? (
          <nav class="nav" aria-label={v.t('nav.main')}>
            <NavLinks v={v} items={allowed.filter((n) => !n.menu)} active={active} />
            <AdminMenu v={v} items={allowed.filter((n) => n.menu === 'admin')} active={active} />
          </nav>
        ) : null}
        <div class="who">
          {actor ? (
            <span class="who-name">
              <a href="/preferences" title={v.t('prefs.link')}>
                {actor.name}
              </a>
              <span class="role">{v.label('role', actor.role)}</span>
            </span>
          ) : null}
          <LanguageSwitch v={v} />
          {actor && v.csrf ? (
            <form method="post" action="/logout">
              <CsrfField v={v} />
              <button type="submit" class="btn-top">
                {v.t('nav.signOut')}
              </button>
            </form>
          ) : null}
        </div>
      </div>
    </header>
  );
}

export function Layout({
  v,
  title,
  active,
  children,
}: {
  v: View;
  title: string;
  active?: NavKey;
  children: Child;
}) {
  return (
    <html lang={v.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${v.t('app.name')}`}</title>
        <link rel="stylesheet" href="/assets/app.css" />
        <script src="/assets/app.js" defer />
      </head>
      <body>
        <a class="skip" href="#content">
          {v.t('app.skip')}
        </a>
        <Header v={v} active={active} />
        <main id="content">{children}</main>
      </body>
    </html>
  );
}

/** Sends a page with its doctype; `status` lets error re-renders keep the right code. */
export function sendPage(c: Context<AppEnv>, node: Child, status = 200) {
  return c.html(html`<!DOCTYPE html>${node}`, status as ContentfulStatusCode);
}
