import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../env';
import { toErrorBody } from '../middleware/errors';
import { accuracyPages } from './accuracy-page';
import { ingestAdminPages } from './admin-dead-letters';
import { adminPages } from './admin-pages';
import { slaPages } from './admin-sla';
import { spikeAlertPages } from './admin-spikes';
import { topicPages } from './admin-topics';
import { answerLinkPages } from './answer-link-page';
import { assetsApp } from './assets';
import { correctionPages } from './case-corrections';
import { casePages } from './case-pages';
import { renderErrorPage } from './error-page';
import { expertPages } from './expert-pages';
import { expertsDirectoryPages } from './experts-directory-page';
import { inboxPages } from './inbox';
import { knowledgePages } from './knowledge-pages';
import { preferencesPages } from './preferences-page';
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
  app.route('/', correctionPages());
  app.route('/', replyVerificationPages());
  app.route('/', expertPages());
  app.route('/', reportPages());
  app.route('/', preferencesPages());
  app.route('/', accuracyPages());
  app.route('/', adminPages());
  app.route('/', answerLinkPages());
  app.route('/', expertsDirectoryPages());
  app.route('/', knowledgePages());
  app.route('/', topicPages());
  app.route('/', slaPages());
  app.route('/', ingestAdminPages());
  app.route('/', spikeAlertPages());
  return app;
}
