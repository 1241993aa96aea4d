import { type Context, Hono } from 'hono';
import { can } from '../../domain/permissions';
import { AppError, statusOf } from '../../lib/errors';
import { recognition } from '../../services/escalation/recognition';
import { rerouteEscalation } from '../../services/escalation/reroute-escalation';
import { answerFromKnowledge } from '../../services/knowledge/answer-from-knowledge';
import { getKnowledge, listKnowledge, updateKnowledge } from '../../services/knowledge/knowledge-base';
import type { AppEnv } from '../env';
import { Badge, CsrfField, ErrorNotice, Notice } from './components';
import { renderErrorPage } from './error-page';
import { translateMessage } from './error-text';
import { needs } from './guard';
import { formatInterval } from './i18n';
import { Layout, sendPage } from './layout';
import { excerpt, field, viewOf } from './view';

async function renderList(c: Context<AppEnv>) {
  const q = c.req.query('q') ?? '';
  const language = c.req.query('language');
  const lang = language === 'en' || language === 'fr' ? language : undefined;
  const v = viewOf(c);
  const rows = await listKnowledge(c.get('ctx'), { q: q || undefined, language: lang });
  const editor = v.actor ? can(v.actor.role, 'knowledge.edit') : false;
  return sendPage(
    c,
    <Layout v={v} title={v.t('kb.title')} active="knowledge">
      <h1>{v.t('kb.title')}</h1>
      <p class="muted">{v.t('kb.intro')}</p>
      <Notice v={v} done={c.req.query('done')} />
      <form method="get" action="/knowledge" class="filters">
        <div class="field">
          <label for="kb-q">{v.t('kb.searchLabel')}</label>
          <input id="kb-q" name="q" value={q} type="search" />
        </div>
        <div class="field">
          <label for="kb-lang">{v.t('case.language')}</label>
          <select id="kb-lang" name="language">
            <option value="">{v.t('kb.all')}</option>
            {(['en', 'fr'] as const).map((l) => (
              <option value={l} selected={l === lang}>
                {v.label('language', l)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{v.t('kb.search')}</button>
      </form>
      {rows.length === 0 ? (
        <p class="panel muted">{v.t('kb.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{v.t('kb.colQuestion')}</th>
                <th scope="col">{v.t('kb.colAnswer')}</th>
                <th scope="col">{v.t('kb.colTopic')}</th>
                <th scope="col">{v.t('kb.colUses')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <td>
                    <Badge>{r.language.toUpperCase()}</Badge> {excerpt(r.question)}
                  </td>
                  <td class="small">
                    {excerpt(r.answer)}{' '}
                    {editor ? <a href={`/knowledge/${encodeURIComponent(r.id)}`}>{v.t('kb.edit')}</a> : null}
                  </td>
                  <td>{v.label('topic', r.topic)}</td>
                  <td>{r.uses}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editor ? null : <p class="small muted">{v.t('kb.readOnly')}</p>}
    </Layout>,
  );
}

async function renderEdit(
  c: Context<AppEnv>,
  id: string,
  o: { status?: number; error?: AppError; values?: Record<string, string> } = {},
) {
  const v = viewOf(c);
  const k = await getKnowledge(c.get('ctx'), id);
  const val = (name: 'question' | 'answer' | 'topic') => o.values?.[name] ?? k[name] ?? '';
  return sendPage(
    c,
    <Layout v={v} title={v.t('kb.editTitle')} active="knowledge">
      <p class="small">
        <a href="/knowledge">← {v.t('kb.title')}</a>
      </p>
      <h1>{v.t('kb.editTitle')}</h1>
      {o.error ? (
        <ErrorNotice v={v} message={translateMessage(v.locale, o.error.message)} issues={o.error.issues} />
      ) : null}
      <form method="post" action={`/knowledge/${encodeURIComponent(id)}`} class="panel">
        <CsrfField v={v} />
        <div class="field">
          <label for="kb-question">{v.t('kb.question')}</label>
          <textarea id="kb-question" name="question" rows={3}>
            {val('question')}
          </textarea>
        </div>
        <div class="field">
          <label for="kb-answer">{v.t('kb.answer')}</label>
          <textarea id="kb-answer" name="answer" rows={6}>
            {val('answer')}
          </textarea>
        </div>
        <div class="field">
          <label for="kb-topic">{v.t('kb.topic')}</label>
          <input id="kb-topic" name="topic" value={val('topic')} />
        </div>
        {k.sourceCaseId ? (
          <p class="small muted">
            {v.t('kb.source')}: <code>{k.sourceCaseId}</code>
          </p>
        ) : null}
        <button type="submit" class="btn-primary">
          {v.t('kb.save')}
        </button>
      </form>
    </Layout>,
    o.status ?? 200,
  );
}

async function renderThanks(c: Context<AppEnv>) {
  const v = viewOf(c);
  const people = await recognition(c.get('ctx'));
  return sendPage(
    c,
    <Layout v={v} title={v.t('thanks.title')} active="thanks">
      <h1>{v.t('thanks.title')}</h1>
      <p class="muted">{v.t('thanks.intro')}</p>
      {people.length === 0 ? <p class="panel muted">{v.t('thanks.empty')}</p> : null}
      <div class="cards">
        {people.map((p) => (
          <section class="panel">
            <h2>{p.name}</h2>
            <p>
              {p.skills.map((s) => (
                <Badge tone="accent">{v.label('skill', s)}</Badge>
              ))}{' '}
              <strong>{v.t('thanks.answered', { n: p.answered })}</strong>
            </p>
            {p.medianSeconds !== null ? (
              <p class="small">
                {v.t('thanks.median', { time: formatInterval(v.locale, Math.round(p.medianSeconds)) })}
              </p>
            ) : null}
            <dl class="facts">
              <dt>{v.t('thanks.posted')}</dt>
              <dd>{p.posted}</dd>
              <dt>{v.t('thanks.approved')}</dt>
              <dd>{p.approved}</dd>
              <dt>{v.t('thanks.sentBack')}</dt>
              <dd>{p.sentBack}</dd>
              <dt>{v.t('thanks.waiting')}</dt>
              <dd>{p.waiting}</dd>
              <dt>{v.t('thanks.reused')}</dt>
              <dd>{p.reused}</dd>
            </dl>
          </section>
        ))}
      </div>
    </Layout>,
  );
}

export function knowledgePages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/knowledge', needs('knowledge.read'), (c) => renderList(c));
  app.get('/knowledge/:id', needs('knowledge.edit'), (c) => renderEdit(c, c.req.param('id')));
  app.post('/knowledge/:id', needs('knowledge.edit'), async (c) => {
    const id = c.req.param('id');
    const f = await c.req.parseBody();
    const values = { question: field(f, 'question'), answer: field(f, 'answer'), topic: field(f, 'topic') };
    try {
      await updateKnowledge(c.get('ctx'), { id, ...values });
    } catch (err) {
      if (err instanceof AppError && err.code === 'validation_failed') {
        return renderEdit(c, id, { status: statusOf[err.code], error: err, values });
      }
      throw err;
    }
    return c.redirect('/knowledge?done=knowledge_saved', 303);
  });
  // Answering from the knowledge base, from the case page's suggestions panel.
  app.post('/cases/:id/knowledge-reply', needs('case.reply'), async (c) => {
    const caseId = c.req.param('id');
    const f = await c.req.parseBody();
    try {
      await answerFromKnowledge(c.get('ctx'), {
        caseId,
        knowledgeAnswerId: field(f, 'knowledgeAnswerId'),
        body: field(f, 'body'),
      });
    } catch (err) {
      if (err instanceof AppError && (err.code === 'validation_failed' || err.code === 'conflict')) {
        const v = viewOf(c);
        const detail = err.issues.length ? err.issues.map((i) => i.message).join('; ') : err.message;
        return renderErrorPage(c, statusOf[err.code], translateMessage(v.locale, detail));
      }
      throw err;
    }
    return c.redirect(`/cases/${encodeURIComponent(caseId)}?done=replied`, 303);
  });
  app.post('/escalations/:id/reroute', needs('case.reroute'), async (c) => {
    const f = await c.req.parseBody();
    const caseId = field(f, 'caseId');
    try {
      await rerouteEscalation(c.get('ctx'), {
        escalationId: c.req.param('id'),
        expertId: field(f, 'expertId') || undefined,
        skill: field(f, 'skill') || undefined,
      });
    } catch (err) {
      if (err instanceof AppError && (err.code === 'validation_failed' || err.code === 'conflict')) {
        const v = viewOf(c);
        const detail = err.issues.length ? err.issues.map((i) => i.message).join('; ') : err.message;
        return renderErrorPage(c, statusOf[err.code], translateMessage(v.locale, detail));
      }
      throw err;
    }
    return c.redirect(`/cases/${encodeURIComponent(caseId)}`, 303);
  });
  app.get('/thanks', needs('recognition.read'), (c) => renderThanks(c));
  return app;
}
