/**
 * The simulated public network of demo mode, served by Passerelle itself but standing for the
 * outside world: its API is the contract of connectors/demo/raw.ts (errors are `{ error }`, not
 * Passerelle's error shape) and its page is what a customer would see on a real network.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { html } from 'hono/html';
import { HTTPException } from 'hono/http-exception';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DEMO_IDEMPOTENCY_HEADER, demoRateLimitHeaders } from '../../../connectors/demo/raw';
import { AppError, type FieldIssue, statusOf } from '../../lib/errors';
import { asSystem } from '../../services/context';
import { composeDemoPost } from '../../services/demo/compose-demo-post';
import { createDemoPost } from '../../services/demo/create-demo-post';
import { demoThreadView } from '../../services/demo/demo-thread-view';
import { getDemoPost } from '../../services/demo/get-demo-post';
import { listDemoPosts } from '../../services/demo/list-demo-posts';
import type { AppDeps, AppEnv } from '../env';
import { demoLocale, demoMessages } from './messages';
import { ComposePage, type ComposeValues, type DemoView, TimelinePage } from './page';
import { createTokenBucket } from './rate-limit';

/** 300 calls per 5 minutes, like a modest public API: enough for the demo connector's polls. */
export const DEMO_RATE_LIMIT = { capacity: 300, windowMs: 5 * 60_000 } as const;
const TIMELINE_THREADS = 50;

export function demoNetworkApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const ctx = asSystem(deps);
  // Per app instance, created here so each app (and each test) starts with a full bucket.
  const bucket = createTokenBucket({ ...DEMO_RATE_LIMIT, now: () => deps.clock.now() });

  app.onError((err, c) => {
    // Hono's own refusals (the CSRF check) say a 4xx of their own.
    const refused = err instanceof HTTPException && err.status < 500;
    const known = err instanceof AppError || refused;
    const status = (
      err instanceof AppError ? statusOf[err.code] : refused ? err.status : 500
    ) as ContentfulStatusCode;
    // An unknown error's message may hold internals: the log gets it, the client does not.
    if (!known) {
      deps.logger.error('demo network request failed', {
        requestId: c.get('requestId'),
        path: c.req.path,
        error: String(err.stack ?? err),
      });
    }
    const message = known ? err.message || 'refused' : 'internal error';
    if (isApi(c.req.path)) return c.json({ error: message }, status);
    return c.text(message, status);
  });

  app.use('/api/*', async (c, next) => {
    const take = bucket.take();
    c.header(demoRateLimitHeaders.limit, String(take.limit));
    c.header(demoRateLimitHeaders.remaining, String(take.remaining));
    c.header(demoRateLimitHeaders.reset, String(take.resetEpochSeconds));
    if (!take.allowed) {
      c.header('retry-after', String(take.retryAfterSeconds));
      return c.json({ error: 'rate limit exceeded' }, 429);
    }
    await next();
  });

  app.get('/api/posts', async (c) => c.json(await listDemoPosts(ctx, c.req.query())));

  app.post('/api/posts', async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return c.json({ error: 'the body must be JSON' }, 400);
    }
    const result = await createDemoPost(ctx, {
      idempotencyKey: c.req.header(DEMO_IDEMPOTENCY_HEADER),
      body,
    });
    return c.json({ post: result.post }, result.created ? 201 : 200);
  });

  app.all('/api/*', (c) => c.json({ error: 'not found' }, 404));

  app.get('/', async (c) => {
    const threads = await demoThreadView(ctx, { limit: TIMELINE_THREADS });
    return sendHtml(c, <TimelinePage v={viewOf(c, deps, '')} threads={threads} />);
  });

  app.get('/compose', async (c) => {
    const v = viewOf(c, deps, '/compose');
    const replyToId = c.req.query('replyTo')?.trim() ?? '';
    const replyTo = replyToId ? await getDemoPost(ctx, replyToId) : null;
    // A reply starts with the handle answered, as networks do.
    const values: ComposeValues = {
      text: replyTo ? `@${replyTo.author.handle} ` : '',
      handle: '',
      inReplyTo: replyTo?.id ?? '',
    };
    return sendHtml(c, <ComposePage v={v} values={values} replyTo={replyTo} issues={[]} message={null} />);
  });

  // No session here, but a cross-site form still should not post in a visitor's name.
  app.post('/compose', csrf(), async (c) => {
    const v = viewOf(c, deps, '/compose');
    const form = await c.req.parseBody();
    const field = (name: string) => {
      const value = form[name];
      return typeof value === 'string' ? value : '';
    };
    const values: ComposeValues = {
      text: field('text'),
      handle: field('handle'),
      inReplyTo: field('inReplyTo'),
    };
    try {
      const post = await composeDemoPost(ctx, values);
      const params = new URLSearchParams({ lang: v.locale });
      return c.redirect(`${v.base}?${params.toString()}#post-${encodeURIComponent(post.id)}`, 303);
    } catch (err) {
      if (!(err instanceof AppError) || statusOf[err.code] >= 500) throw err;
      const issues: FieldIssue[] = err.issues;
      const replyTo = values.inReplyTo.trim() ? await getDemoPost(ctx, values.inReplyTo.trim()) : null;
      return sendHtml(
        c,
        <ComposePage v={v} values={values} replyTo={replyTo} issues={issues} message={err.message} />,
        statusOf[err.code],
      );
    }
  });

  return app;
}

function isApi(path: string): boolean {
  return /\/api(\/|$)/.test(path);
}

/** The network may be mounted anywhere: links are built from the path this request came in on. */
function viewOf(c: Context<AppEnv>, deps: AppDeps, suffix: string): DemoView {
  const locale = demoLocale(c.req.query('lang'), c.req.header('accept-language'));
  const path = c.req.path.replace(/\/+$/, '');
  const base = suffix && path.endsWith(suffix) ? path.slice(0, -suffix.length) : path;
  return { locale, m: demoMessages[locale], base, now: deps.clock.now() };
}

function sendHtml(c: Context<AppEnv>, node: Child, status = 200) {
  return c.html(html`<!DOCTYPE html>${node}`, status as ContentfulStatusCode);
}
