import { type Context, Hono } from 'hono';
import { AppError, NotFoundError, statusOf } from '../../lib/errors';
import { listApprovalQueue } from '../../services/escalation/approvers';
import { listExpertQueue } from '../../services/escalation/list-expert-queue';
import { submitAnswer } from '../../services/escalation/submit-answer';
import { getCase } from '../../services/inbox/get-case';
import type { AppEnv } from '../env';
import { ApprovalQueue } from './approvers-parts';
import { AuthorCard, ClassificationPanel, Thread } from './case-view';
import { Age, Badge, CsrfField, ErrorNotice, Notice } from './components';
import { translateMessage } from './error-text';
import { AdvisorNote, returnedAnswer } from './expert-bridge-parts';
import { needs } from './guard';
import { Layout, sendPage } from './layout';
import { limitsOf, loadPreflight } from './preflight';
import { displayHandle, excerpt, field, viewOf } from './view';

async function findQuestion(c: Context<AppEnv>, escalationId: string) {
  const ctx = c.get('ctx');
  // The queue is the verb that knows what this expert may see: an id outside it is a 404.
  for (const status of ['open', 'answered'] as const) {
    const found = (await listExpertQueue(ctx, { status })).find((q) => q.escalation.id === escalationId);
    if (found) return found;
  }
  throw new NotFoundError('Question', escalationId);
}

async function renderQuestion(
  c: Context<AppEnv>,
  escalationId: string,
  o: { status?: number; error?: AppError; body?: string } = {},
) {
  const q = await findQuestion(c, escalationId);
  const data = await getCase(c.get('ctx'), q.case.id);
  const v = viewOf(c, { path: `/expert/questions/${encodeURIComponent(escalationId)}` });
  const e = q.escalation;
  const handle = displayHandle(q.author.handle);
  const returned = returnedAnswer(data.answers, e.id);
  const limits = limitsOf(await loadPreflight(c.get('ctx'), q.case.id, q.case.network));
  const value = o.body ?? '';
  return sendPage(
    c,
    <Layout v={v} title={v.t('expert.questionTitle', { handle })} active="expert">
      <p class="small">
        <a href="/expert">← {v.t('expert.back')}</a>
      </p>
      <div class="page-head">
        <h1>{v.t('expert.questionTitle', { handle })}</h1>
        <Badge>{e.language.toUpperCase()}</Badge>
        <Badge tone="accent">{v.label('skill', e.skill)}</Badge>
      </div>
      {o.error ? (
        <ErrorNotice v={v} message={translateMessage(v.locale, o.error.message)} issues={o.error.issues} />
      ) : null}
      <div class="grid">
        <div>
          <AdvisorNote v={v} note={e.note} />
          <Thread v={v} data={data} />
          <section class="panel" aria-labelledby="answer-h">
            <h2 id="answer-h">{v.t('expert.yourAnswer')}</h2>
            {returned?.reviewNote ? (
              <p class="notice notice-info">{v.t('expert.returned', { note: returned.reviewNote })}</p>
            ) : null}
            {e.status === 'open' ? (
              <form method="post" action={`/expert/questions/${encodeURIComponent(e.id)}/answer`}>
                <CsrfField v={v} />
                <div class="field">
                  <label for="answer-body">{v.t('expert.draftLabel')}</label>
                  <textarea
                    id="answer-body"
                    name="body"
                    rows={7}
                    data-max={limits ? String(limits.max) : undefined}
                    data-counter={limits ? 'answer-count' : undefined}
                    data-template={limits ? v.t('action.counter') : undefined}
                    aria-describedby="answer-help"
                    aria-invalid={o.error ? 'true' : undefined}
                  >
                    {value || returned?.body || ''}
                  </textarea>
                  <p class="field-help" id="answer-help">
                    <span>{v.t('expert.answerHelp')}</span>
                    {limits ? (
                      <span id="answer-count" class="counter">
                        {v.t('action.counter', {
                          n: Array.from(value || returned?.body || '').length,
                          max: limits.max,
                        })}
                      </span>
                    ) : null}
                  </p>
                </div>
                <button type="submit" class="btn-primary">
                  {v.t('expert.submit')}
                </button>
              </form>
            ) : (
              <p class="muted">{v.t('expert.alreadyAnswered')}</p>
            )}
          </section>
        </div>
        <aside>
          <AuthorCard v={v} data={data} />
          <ClassificationPanel v={v} cl={data.classification} zone={data.case.brand.timezone} />
          <section class="panel">
            <h2>{v.t('case.routedTo')}</h2>
            <p class="small">{(v.locale === 'fr' && e.routingReasonFr) || e.routingReason}</p>
          </section>
        </aside>
      </div>
    </Layout>,
    o.status ?? 200,
  );
}

export function expertPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/expert', needs('expert.queue'), async (c) => {
    const v = viewOf(c);
    const queue = await listExpertQueue(c.get('ctx'));
    const drafts = await listApprovalQueue(c.get('ctx'));
    const me = v.actor?.id;
    return sendPage(
      c,
      <Layout v={v} title={v.t('expert.title')} active="expert">
        <div class="page-head">
          <h1>{v.t('expert.title')}</h1>
          <span class="muted">
            {queue.length === 1 ? v.t('expert.countOne') : v.t('expert.count', { n: queue.length })}
          </span>
        </div>
        <p class="muted">{v.t('expert.intro')}</p>
        <Notice v={v} done={c.req.query('done')} />
        <ApprovalQueue v={v} drafts={drafts} />
        {queue.length === 0 ? (
          <p class="panel muted">{v.t('expert.empty')}</p>
        ) : (
          <div class="table-wrap">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{v.t('expert.colQuestion')}</th>
                  <th scope="col">{v.t('expert.colLanguage')}</th>
                  <th scope="col">{v.t('expert.colSkill')}</th>
                  <th scope="col">{v.t('expert.colRouting')}</th>
                  <th scope="col">{v.t('expert.colAge')}</th>
                  <th scope="col">
                    <span class="visually-hidden">{v.t('inbox.colActions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {queue.map((q) => {
                  const href = `/expert/questions/${encodeURIComponent(q.escalation.id)}`;
                  return (
                    <tr>
                      <td class="case-cell">
                        <div class="case-who">
                          <strong>{q.author.displayName ?? displayHandle(q.author.handle)}</strong>
                          <span>{v.label('network', q.case.network)}</span>
                        </div>
                        <a class="case-text" href={href}>
                          {excerpt(q.question) || v.t('inbox.noText')}
                        </a>
                      </td>
                      <td>
                        <Badge>{q.escalation.language.toUpperCase()}</Badge>
                      </td>
                      <td>{v.label('skill', q.escalation.skill)}</td>
                      <td class="small">
                        <Badge tone={q.escalation.expertId === me ? 'accent' : undefined}>
                          {q.escalation.expertId === me
                            ? v.t('expert.routedToYou')
                            : v.t('expert.routedToTeam')}
                        </Badge>
                        <div class="muted">
                          {(v.locale === 'fr' && q.escalation.routingReasonFr) || q.escalation.routingReason}
                        </div>
                      </td>
                      <td>
                        <Age v={v} since={q.escalation.createdAt} />
                      </td>
                      <td>
                        <a class="btn btn-small btn-primary" href={href}>
                          {v.t('expert.answer')}
                        </a>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Layout>,
    );
  });

  app.get('/expert/questions/:id', needs('expert.queue'), (c) => renderQuestion(c, c.req.param('id')));

  app.post('/expert/questions/:id/answer', needs('expert.answer'), async (c) => {
    const escalationId = c.req.param('id');
    const body = field(await c.req.parseBody(), 'body');
    try {
      await submitAnswer(c.get('ctx'), { escalationId, body });
    } catch (err) {
      if (err instanceof AppError && (err.code === 'validation_failed' || err.code === 'conflict')) {
        return renderQuestion(c, escalationId, { status: statusOf[err.code], error: err, body });
      }
      throw err;
    }
    return c.redirect('/expert?done=answered', 303);
  });

  return app;
}
