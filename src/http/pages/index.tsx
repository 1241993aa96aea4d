import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../env';
import { toErrorBody } from '../middleware/errors';
import { adminPages } from './admin-pages';
import { assetsApp } from './assets';
import { casePages } from './case-pages';
import { renderErrorPage } from './error-page';
import { expertPages } from './expert-pages';
import { inboxPages } from './inbox';
import { replyVerificationPages } from './reply-verification';
import { reportPages } from './reports-pages';
import { signInPages } from './sign-in';

export { renderErrorPage } from './error-page';

/** The people-facing side: server-rendered pages in English and French, usable without JavaScript. */
export function pageApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // A person always gets a page, whatever their browser's Accept header says.
  app.onError((err, c) => {
    const requestId = c.get('requestId') ?? 'unknown';
    const { status, body } = toErrorBody(err, requestId);
    if (status >= 500) {
      deps.logger.error('page failed', { requestId, path: c.req.path, error: String(err.stack ?? err) });
    }
    return renderErrorPage(c, status, body.error.message);
  });
  app.route('/assets', assetsApp());
  app.route('/', signInPages());
  app.route('/', inboxPages());
  app.route('/', casePages());
  app.route('/', replyVerificationPages());
  app.route('/', expertPages());
  app.route('/', reportPages());
  app.route('/', adminPages());
  return app;
}
