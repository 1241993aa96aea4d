import type { Child } from 'hono/jsx';
import type { FieldIssue } from '../../lib/errors';
import { translateIssue } from './error-text';
import { formatAge, formatNumber, has } from './i18n';
import { httpUrl, type View } from './view';

/** Every POST form carries the session's CSRF token. */
export function CsrfField({ v }: { v: View }) {
  return <input type="hidden" name="_csrf" value={v.csrf} />;
}

export function Badge({ tone, children, title }: { tone?: string; children: Child; title?: string }) {
  return (
    <span class={tone ? `badge badge-${tone}` : 'badge'} title={title}>
      {children}
    </span>
  );
}

/** Same thresholds as the response targets in domain/case-status: 70+ is within the hour. */
export function priorityTone(n: number): 'high' | 'medium' | 'low' {
  return n >= 70 ? 'high' : n >= 40 ? 'medium' : 'low';
}

export function Priority({ v, n }: { v: View; n: number }) {
  const tone = priorityTone(n);
  return (
    <span class={`prio prio-${tone}`} title={v.t(`priority.${tone}`)}>
      <span class="visually-hidden">{v.t(`priority.${tone}`)}: </span>
      {n}
    </span>
  );
}

const statusTone: Record<string, string> = {
  new: 'accent',
  open: 'accent',
  waiting_expert: 'warn',
  awaiting_approval: 'warn',
  answered: 'ok',
  closed: 'muted',
  ignored: 'muted',
};

export function StatusBadge({ v, status }: { v: View; status: string }) {
  return <Badge tone={statusTone[status] ?? 'muted'}>{v.label('status', status)}</Badge>;
}

export function SentimentBadge({ v, sentiment }: { v: View; sentiment: string | null }) {
  if (!sentiment) return null;
  const tone = sentiment === 'negative' ? 'neg' : sentiment === 'positive' ? 'pos' : undefined;
  return <Badge tone={tone}>{v.label('sentiment', sentiment)}</Badge>;
}

export function SpecialistBadge({ v, value }: { v: View; value: string | null }) {
  if (value === 'yes') return <Badge tone="warn">{v.t('specialist.yes')}</Badge>;
  if (value === 'unsure') return <Badge tone="warn-soft">{v.t('specialist.unsure')}</Badge>;
  return null;
}

export function Followers({ v, n }: { v: View; n: number | null }) {
  if (n === null || n === undefined) return null;
  return <span class="muted">{n === 1 ? v.t('author.followersOne') : v.t('author.followers', { n })}</span>;
}

/** A link out to the network only for http(s) URLs; anything else is shown as nothing. */
export function ExternalLink({ href, children }: { href: string | null | undefined; children: Child }) {
  const safe = httpUrl(href);
  if (!safe) return null;
  return (
    <a href={safe} rel="noopener noreferrer nofollow" target="_blank">
      {children}
    </a>
  );
}

export function Age({ v, since, due }: { v: View; since: Date; due?: Date | null }) {
  const overdue = due ? due.getTime() < v.now.getTime() : false;
  return (
    <span class={overdue ? 'age overdue' : 'age'} title={since.toISOString()}>
      {formatAge(v.locale, since, v.now)}
      {overdue ? <span class="badge badge-neg">{v.t('age.overdue')}</span> : null}
    </span>
  );
}

export function Count({ v, n }: { v: View; n: number }) {
  return <>{formatNumber(v.locale, n)}</>;
}

/**
 * The flash after a redirect: only a `done.*` key of the dictionary renders, so a crafted URL cannot
 * put words on the page, and a page's new outcome needs only its message.
 */
export function Notice({ v, done }: { v: View; done: string | undefined }) {
  const key = `done.${done}`;
  if (!done || !has(key)) return null;
  return (
    <p class="notice notice-ok" role="status">
      {v.t(key)}
    </p>
  );
}

export function ErrorNotice({ v, message, issues }: { v: View; message: string; issues?: FieldIssue[] }) {
  return (
    <div class="notice notice-error" role="alert">
      {issues && issues.length > 0 ? (
        <>
          <p>{v.t('error.form')}</p>
          <ul>
            {issues.map((i) => (
              <li>{translateIssue(v.locale, i)}</li>
            ))}
          </ul>
        </>
      ) : (
        <p>{message}</p>
      )}
    </div>
  );
}
