import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { FieldIssue } from '../../lib/errors';
import type { DemoThread, DemoTimelinePost } from '../../services/demo/demo-thread-view';
import type { Locale } from '../env';
import type { DemoMessages } from './messages';
import { demoNetworkCss } from './styles';

/** What every demo page needs to speak and link: the language and where the network is mounted. */
export interface DemoView {
  locale: Locale;
  m: DemoMessages;
  /** Mount path of the demo network, e.g. `/demo-network`. */
  base: string;
  now: Date;
}

export const REFRESH_SECONDS = 30;

function href(v: DemoView, path = '', params: Record<string, string> = {}): string {
  const query = new URLSearchParams({ lang: v.locale, ...params });
  return `${v.base}${path}?${query.toString()}`;
}

function Shell({
  v,
  title,
  refresh,
  children,
}: {
  v: DemoView;
  title: string;
  refresh: boolean;
  children: Child;
}) {
  const langLink = (code: Locale, label: string) => (
    <a
      href={`?lang=${code}`}
      hreflang={code}
      lang={code}
      aria-current={v.locale === code ? 'true' : undefined}
    >
      {label}
    </a>
  );
  return (
    <html lang={v.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {refresh ? <meta http-equiv="refresh" content={String(REFRESH_SECONDS)} /> : null}
        <meta name="robots" content="noindex" />
        <title>{title}</title>
        {/* Our own constant stylesheet, never network text: JSX would escape its quotes and '>'. */}
        <style>{raw(demoNetworkCss)}</style>
      </head>
      <body>
        <a class="skip" href="#timeline">
          {v.m.title}
        </a>
        <header class="bar">
          <div class="bar-inner">
            <a class="logo" href={href(v)}>
              <span class="logo-mark" aria-hidden="true">
                ◎
              </span>
              <span>{v.m.network}</span>
            </a>
            <span class="pill">{v.m.simulated}</span>
            <span class="spacer" />
            <nav class="langs" aria-label={v.m.language}>
              {langLink('en', 'EN')}
              {langLink('fr', 'FR')}
            </nav>
          </div>
        </header>
        <main id="timeline">{children}</main>
      </body>
    </html>
  );
}

export function TimelinePage({ v, threads }: { v: DemoView; threads: DemoThread[] }) {
  return (
    <Shell v={v} title={v.m.title} refresh={true}>
      <section class="intro">
        <h1>{v.m.title}</h1>
        <p>{v.m.tagline}</p>
        <p class="muted">
          {v.m.refresh}{' '}
          <a class="btn btn-ghost" href={href(v, '/compose')}>
            {v.m.compose}
          </a>
        </p>
      </section>
      {threads.length === 0 ? <p class="empty">{v.m.empty}</p> : null}
      {threads.map((thread) => (
        <article class={thread.replies.length > 0 ? 'thread has-replies' : 'thread'}>
          <Post v={v} post={thread.root} />
          {thread.replies.length > 0 ? (
            <div class="replies">
              {thread.replies.map((reply) => (
                <Post v={v} post={reply} />
              ))}
            </div>
          ) : null}
        </article>
      ))}
    </Shell>
  );
}

export interface ComposeValues {
  text: string;
  handle: string;
  inReplyTo: string;
}

export function ComposePage({
  v,
  values,
  replyTo,
  issues,
  message,
}: {
  v: DemoView;
  values: ComposeValues;
  replyTo: DemoTimelinePost | null;
  issues: FieldIssue[];
  message: string | null;
}) {
  return (
    <Shell v={v} title={`${v.m.compose} · ${v.m.title}`} refresh={false}>
      <section class="card">
        <h1>{v.m.compose}</h1>
        <p class="hint">{v.m.composeHint}</p>
        {message || issues.length > 0 ? (
          <div class="error" role="alert">
            <strong>{v.m.errorTitle}</strong>
            {issues.length > 0 ? (
              <ul>
                {issues.map((issue) => (
                  <li>{`${issue.field}: ${issue.message}`}</li>
                ))}
              </ul>
            ) : (
              <div>{message}</div>
            )}
          </div>
        ) : null}
        {replyTo ? (
          <div class="quote">
            <Post v={v} post={replyTo} anchor={false} actions={false} />
          </div>
        ) : null}
        <form method="post" action={href(v, '/compose')}>
          <label for="text">{v.m.text}</label>
          <textarea id="text" name="text" maxlength={500} required>
            {values.text}
          </textarea>
          <label for="handle">{v.m.handle}</label>
          <input
            id="handle"
            type="text"
            name="handle"
            value={values.handle}
            placeholder="camille_lrt"
            autocomplete="off"
            required
          />
          <label for="inReplyTo">{v.m.replyTo}</label>
          <input id="inReplyTo" type="text" name="inReplyTo" value={values.inReplyTo} autocomplete="off" />
          <div class="form-actions">
            <button class="btn" type="submit">
              {v.m.submit}
            </button>
            <a href={href(v)}>{v.m.cancel}</a>
          </div>
        </form>
      </section>
    </Shell>
  );
}

function Post({
  v,
  post,
  anchor = true,
  actions = true,
}: {
  v: DemoView;
  post: DemoTimelinePost;
  anchor?: boolean;
  actions?: boolean;
}) {
  const created = new Date(post.createdAt);
  return (
    <div
      class={post.byBrand ? 'post by-brand' : 'post'}
      id={anchor ? `post-${post.id}` : undefined}
      lang={post.lang ?? undefined}
    >
      <Avatar name={post.author.name} handle={post.author.handle} brand={post.byBrand} />
      <div>
        <div class="head">
          {post.byBrand ? (
            // The badge is the name: "Lumo" then "Lumo (brand)" would say it twice.
            <span class="name badge">
              <svg viewBox="0 0 16 16" aria-hidden="true">
                <path fill="currentColor" d="M6.5 11.2 3.3 8l1.1-1.1 2.1 2.1 5.1-5.1L12.7 5z" />
              </svg>
              {v.m.brandBadge(post.author.name)}
            </span>
          ) : (
            <span class="name">{post.author.name}</span>
          )}
          <span class="handle">@{post.author.handle}</span>
          <span class="dot" aria-hidden="true">
            ·
          </span>
          <span class="meta">{v.m.followers(formatFollowers(post.author.followers, v.locale))}</span>
          <span class="dot" aria-hidden="true">
            ·
          </span>
          <span class="meta">
            <a href={`#post-${post.id}`}>
              <time datetime={post.createdAt} title={absoluteTime(created, v.locale)}>
                {relativeTime(created, v)}
              </time>
            </a>
          </span>
        </div>
        {post.replyToHandle ? (
          <div class="replying">
            {v.m.replyingTo} @{post.replyToHandle}
          </div>
        ) : null}
        {/* Text only, never markup: JSX escapes it, and pre-wrap keeps the customer's line breaks. */}
        <p class="text">{post.text}</p>
        {actions && !post.byBrand ? (
          <div class="actions">
            <a href={href(v, '/compose', { replyTo: post.id })}>↩ {v.m.reply}</a>
          </div>
        ) : null}
      </div>
    </div>
  );
}

function Avatar({ name, handle, brand }: { name: string; handle: string; brand: boolean }) {
  const letters = initials(name) || handle.slice(0, 1);
  if (brand) {
    return (
      <span class="avatar avatar-brand" aria-hidden="true">
        {letters.slice(0, 1)}
      </span>
    );
  }
  return (
    <span class="avatar" aria-hidden="true" style={`background:hsl(${hueOf(handle)} 52% 44%)`}>
      {letters}
    </span>
  );
}

/** First letter of the first two words that have one: "Grace Liu 📱" gives "GL". */
function initials(name: string): string {
  return name
    .split(/\s+/)
    .map((word) => word.match(/\p{L}/u)?.[0] ?? '')
    .filter((letter) => letter !== '')
    .slice(0, 2)
    .join('');
}

function hueOf(handle: string): number {
  let hash = 0;
  for (const char of handle) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) % 360;
  return hash;
}

function formatFollowers(n: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    notation: n >= 10_000 ? 'compact' : 'standard',
    maximumFractionDigits: 1,
  }).format(n);
}

function absoluteTime(date: Date, locale: Locale): string {
  const text = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(date);
  return `${text} UTC`;
}

function relativeTime(date: Date, v: DemoView): string {
  const minutes = Math.floor((v.now.getTime() - date.getTime()) / 60_000);
  if (minutes < 1) return v.m.justNow;
  if (minutes < 60) return v.m.minutesAgo(minutes);
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return v.m.hoursAgo(hours);
  const days = Math.floor(hours / 24);
  if (days < 7) return v.m.daysAgo(days);
  return absoluteTime(date, v.locale);
}
