import { type Context, Hono } from 'hono';
import { AppError, statusOf } from '../../lib/errors';
import { settleReply } from '../../services/replies/settle-reply';
import type { AppEnv } from '../env';
import type { CaseData } from './case-view';
import { CsrfField, ExternalLink } from './components';
import { renderErrorPage } from './error-page';
import { translateMessage } from './error-text';
import { needs } from './guard';
import { field, type View } from './view';

/**
 * Replies the outbox could not settle (X, Reddit: an attempt may have been posted, the thread could
 * not tell): a person looks and says "it was posted" (with the link) or "send it again".
 * Shown to those who may reply; others see the badge only.
 */
export function ReplyVerification({ v, data }: { v: View; data: CaseData }) {
  const waiting = data.replies.filter((r) => r.status === 'needs_verification');
  if (waiting.length === 0 || !v.actor || v.actor.role === 'expert' || v.actor.role === 'marketing')
    return null;
  const network = v.label('network', data.case.network);
  const base = `/cases/${encodeURIComponent(data.case.id)}/replies`;
  return (
    <>
      {waiting.map((r) => {
        const post = data.thread.find((p) => p.id === r.inReplyToMentionId);
        const action = `${base}/${encodeURIComponent(r.id)}`;
        const urlId = `verify-url-${r.id}`;
        return (
          <div class="notice notice-warn" role="status">
            <p>
              <strong>{v.t('verify.title')}</strong> {v.t('verify.explain', { network })}
            </p>
            {post?.url ? (
              <p>
                <ExternalLink href={post.url}>{v.t('verify.lookThread', { network })}</ExternalLink>
              </p>
            ) : null}
            <form method="post" action={`${action}/posted`} class="row">
              <CsrfField v={v} />
              <label for={urlId}>{v.t('verify.url')}</label>
              <input
                id={urlId}
                name="url"
                type="url"
                required
                pattern="https?://.+"
                placeholder="https://"
                title={v.t('verify.urlHelp', { network })}
              />
              <button type="submit" class="btn-primary">
                {v.t('verify.posted')}
              </button>
            </form>
            <form method="post" action={`${action}/send-again`} class="row">
              <CsrfField v={v} />
              <button type="submit" class="btn-danger">
                {v.t('verify.sendAgain')}
              </button>
            </form>
          </div>
        );
      })}
    </>
  );
}

/** POST /cases/:id/replies/:replyId/posted and /send-again: settle, then back to the case. */
export function replyVerificationPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const settle = (outcome: 'posted' | 'send_again') => async (c: Context<AppEnv>) => {
    const caseId = c.req.param('id') ?? '';
    const replyId = c.req.param('replyId') ?? '';
    const body = await c.req.parseBody();
    const input =
      outcome === 'posted'
        ? { caseId, replyId, outcome, url: field(body, 'url') }
        : { caseId, replyId, outcome };
    try {
      await settleReply(c.get('ctx'), input);
    } catch (err) {
      if (err instanceof AppError && (err.code === 'validation_failed' || err.code === 'conflict')) {
        const detail = err.issues?.map((i) => `${i.field}: ${i.message}`).join('; ');
        const message = translateMessage(
          c.get('locale'),
          detail ? `${err.message} (${detail})` : err.message,
        );
        return renderErrorPage(c, statusOf[err.code], message);
      }
      throw err;
    }
    return c.redirect(`/cases/${encodeURIComponent(caseId)}`, 303);
  };
  app.post('/cases/:id/replies/:replyId/posted', needs('case.reply'), settle('posted'));
  app.post('/cases/:id/replies/:replyId/send-again', needs('case.reply'), settle('send_again'));
  return app;
}
