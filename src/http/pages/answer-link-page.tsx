import { type Context, Hono } from 'hono';
import { AppError, statusOf } from '../../lib/errors';
import { answerByLink, askAdvisor, openLinkedQuestion } from '../../services/escalation/answer-by-link';
import { LinkRefused } from '../../services/escalation/answer-links';
import type { AppEnv } from '../env';
import { AuthorCard, Thread } from './case-view';
import { Badge, ErrorNotice, StatusBadge } from './components';
import { translateMessage } from './error-text';
import { AdvisorNote, returnedAnswer, Score } from './expert-bridge-parts';
import { formatDate } from './i18n';
import { Layout, sendPage } from './layout';
import { field, type View, viewOf } from './view';

interface Outcome {
  status?: number;
  error?: AppError;
  body?: string;
  authorName?: string;
  authorId?: string;
  flash?: 'asked' | 'submitted';
}

function refusedPage(c: Context<AppEnv>, err: LinkRefused) {
  const v = viewOf(c);
  return sendPage(
    c,
    <Layout v={v} title={v.t('link.refusedTitle')}>
      <h1>{v.t('link.refusedTitle')}</h1>
      <p class="notice notice-error" role="alert">
        {v.t(`link.refused.${err.reason}`)}
      </p>
    </Layout>,
    403,
  );
}

/** A team question has no named expert: whoever opens the link says who they are. */
function TeamAuthorFields({
  v,
  team,
  name,
  picked,
}: {
  v: View;
  team: readonly { id: string; name: string }[];
  name?: string;
  picked?: string;
}) {
  return (
    <div class="row">
      <div class="field">
        <label for="author-name">{v.t('teamAnswer.name')}</label>
        <input
          id="author-name"
          name="authorName"
          type="text"
          maxlength={120}
          autocomplete="name"
          value={name ?? ''}
          aria-describedby="author-help"
        />
        <p class="field-help" id="author-help">
          {v.t('teamAnswer.nameHelp')}
        </p>
      </div>
      {team.length > 0 ? (
        <div class="field">
          <label for="author-pick">{v.t('teamAnswer.pick')}</label>
          <select id="author-pick" name="authorId">
            <option value="">{v.t('teamAnswer.pickNone')}</option>
            {team.map((m) => (
              <option value={m.id} selected={m.id === picked}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
    </div>
  );
}

/**
 * The expert's page behind the signed link: no session, the token is the credential and the
 * scope. Forms carry the token back; the language switch keeps it in the return path.
 */
async function renderLinked(c: Context<AppEnv>, escalationId: string, token: string, o: Outcome = {}) {
  const ctx = c.get('ctx');
  let q: Awaited<ReturnType<typeof openLinkedQuestion>>;
  try {
    q = await openLinkedQuestion(ctx, { escalationId, token });
  } catch (err) {
    if (err instanceof LinkRefused) return refusedPage(c, err);
    throw err;
  }
  const self = `/answer/${encodeURIComponent(escalationId)}?token=${encodeURIComponent(token)}`;
  const v = viewOf(c, { path: self });
  const e = q.escalation;
  const action = (what: string) => `/answer/${encodeURIComponent(escalationId)}/${what}`;
  const returned = returnedAnswer(q.data.answers, e.id);
  return sendPage(
    c,
    <Layout v={v} title={v.t('link.title')}>
      <div class="page-head">
        <h1>{v.t('link.title')}</h1>
        <Badge>{e.language.toUpperCase()}</Badge>
        <Badge tone="accent">{v.label('skill', e.skill)}</Badge>
      </div>
      <p class="muted">{v.t('link.intro')}</p>
      {o.flash ? (
        <p class="notice notice-ok" role="status">
          {v.t(o.flash === 'asked' ? 'link.asked' : 'link.submitted')}
        </p>
      ) : null}
      {o.error ? (
        <ErrorNotice v={v} message={translateMessage(v.locale, o.error.message)} issues={o.error.issues} />
      ) : null}
      <div class="grid">
        <div>
          <AdvisorNote v={v} note={e.note} />
          <Thread v={v} data={q.data} />
          <section class="panel" aria-labelledby="answer-h">
            <h2 id="answer-h">{v.t('expert.yourAnswer')}</h2>
            {returned?.reviewNote ? (
              <p class="notice notice-info">{v.t('expert.returned', { note: returned.reviewNote })}</p>
            ) : null}
            {e.status === 'open' ? (
              <form method="post" action={action('submit')}>
                <input type="hidden" name="token" value={token} />
                <div class="field">
                  <label for="answer-body">{v.t('expert.draftLabel')}</label>
                  <textarea id="answer-body" name="body" rows={7} aria-describedby="answer-help">
                    {o.body ?? returned?.body ?? ''}
                  </textarea>
                  <p class="field-help" id="answer-help">
                    {v.t('expert.answerHelp')}
                  </p>
                </div>
                {e.expertId ? null : (
                  <TeamAuthorFields v={v} team={q.team} name={o.authorName} picked={o.authorId} />
                )}
                <button type="submit" class="btn-primary">
                  {v.t('expert.submit')}
                </button>
              </form>
            ) : (
              <p class="muted">{v.t('expert.alreadyAnswered')}</p>
            )}
          </section>
          <section class="panel" aria-labelledby="ask-h">
            <h2 id="ask-h">{v.t('link.ask')}</h2>
            <form method="post" action={action('ask')}>
              <input type="hidden" name="token" value={token} />
              <div class="field">
                <label for="ask-body">{v.t('link.askLabel')}</label>
                <textarea id="ask-body" name="question" rows={3} aria-describedby="ask-help" />
                <p class="field-help" id="ask-help">
                  {v.t('link.askHelp')}
                </p>
              </div>
              <button type="submit">{v.t('link.askSubmit')}</button>
            </form>
          </section>
        </div>
        <aside>
          <AuthorCard v={v} data={q.data} />
          <section class="panel" aria-labelledby="earlier-h">
            <h2 id="earlier-h">{v.t('link.earlier')}</h2>
            {q.earlierCases.length === 0 ? <p class="muted small">{v.t('link.noEarlier')}</p> : null}
            {q.earlierCases.map((ec) => (
              <div class="item">
                <div class="row">
                  <StatusBadge v={v} status={ec.status} />
                  <span class="muted small">{formatDate(v.locale, ec.lastMentionAt)}</span>
                </div>
                <p class="small">{ec.text}</p>
              </div>
            ))}
          </section>
          <section class="panel" aria-labelledby="similar-h">
            <h2 id="similar-h">{v.t('link.similar')}</h2>
            {q.similar.length === 0 ? <p class="muted small">{v.t('link.noSimilar')}</p> : null}
            {q.similar.map((s) => (
              <div class="item">
                <p class="small">
                  <strong>{s.question}</strong> <Score v={v} score={s.score} />
                </p>
                <p class="quote small">{s.answer}</p>
              </div>
            ))}
          </section>
          <section class="panel">
            <h2>{v.t('case.routedTo')}</h2>
            <p class="small">
              {v.locale === 'fr' && e.routingReasonFr ? e.routingReasonFr : e.routingReason}
            </p>
          </section>
        </aside>
      </div>
    </Layout>,
    o.status ?? 200,
  );
}

export function answerLinkPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/answer/:id', (c) => renderLinked(c, c.req.param('id'), c.req.query('token') ?? ''));

  const post = (what: 'submit' | 'ask') =>
    app.post(`/answer/:id/${what}`, async (c) => {
      const escalationId = c.req.param('id');
      const form = await c.req.parseBody();
      const token = field(form, 'token');
      const body = field(form, what === 'submit' ? 'body' : 'question');
      const authorName = field(form, 'authorName').trim() || undefined;
      const authorId = field(form, 'authorId') || undefined;
      try {
        if (what === 'submit') {
          await answerByLink(c.get('ctx'), { escalationId, token, body, authorName, authorId });
        } else await askAdvisor(c.get('ctx'), { escalationId, token, question: body });
      } catch (err) {
        if (err instanceof LinkRefused) return refusedPage(c, err);
        if (err instanceof AppError && (err.code === 'validation_failed' || err.code === 'conflict')) {
          return renderLinked(c, escalationId, token, {
            status: statusOf[err.code],
            error: err,
            body: what === 'submit' ? body : undefined,
            authorName,
            authorId,
          });
        }
        throw err;
      }
      return renderLinked(c, escalationId, token, { flash: what === 'submit' ? 'submitted' : 'asked' });
    });
  post('submit');
  post('ask');
  return app;
}
