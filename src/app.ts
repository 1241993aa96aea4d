import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { secureHeaders } from 'hono/secure-headers';
import { apiApp } from './http/api';
import { demoNetworkApp } from './http/demo-network';
import type { AppDeps, AppEnv } from './http/env';
import { inboundApp } from './http/inbound';
import { authenticate } from './http/middleware/auth';
import { csrfProtection } from './http/middleware/csrf';
import { errorHandler, toErrorBody } from './http/middleware/errors';
import { requestId } from './http/middleware/request-id';
import { pageApp, renderErrorPage } from './http/pages';
import { AppError, NotFoundError } from './lib/errors';

/** The whole HTTP service, pure: everything it touches comes in through `deps`. */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(requestId());
  app.use(secureHeaders({ crossOriginResourcePolicy: false }));
  app.onError(errorHandler(deps.logger, renderErrorPage));
  app.notFound((c) => {
    const err = new NotFoundError('Page', c.req.path);
    return errorHandler(deps.logger, renderErrorPage)(err, c);
  });

  app.get('/healthz', async (c) => {
    try {
      await deps.ping();
      return c.json({ status: 'ok', database: { kind: deps.dbKind, ok: true } });
    } catch {
      return c.json({ status: 'degraded', database: { kind: deps.dbKind, ok: false } }, 503);
    }
  });

  // The demo network stands for the outside world: it has no sessions and no CSRF of ours.
  if (deps.demoNetwork) app.route('/demo-network', demoNetworkApp(deps));
  // Experts' answers from e-mail and chat bots: signed, so no session and no CSRF.
  app.route('/inbound', inboundApp(deps));

  app.use(authenticate(deps));
  app.use('/api/*', async (c, next) => {
    if (!c.get('actor') && c.req.path !== '/api/openapi.json') {
      const err = new AppError('unauthorized', 'Send a valid API token: Authorization: Bearer psl_...');
      const { body } = toErrorBody(err, c.get('requestId'));
      return c.json(body, 401);
    }
    await next();
  });
  app.use(csrfProtection());
  app.route('/api', apiApp());

  // Pages: refuse cross-site form posts even before a session exists (the sign-in form).
  app.use(csrf());
  app.route('/', pageApp(deps));
  return app;
}
