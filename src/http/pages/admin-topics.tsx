import { type Context, Hono } from 'hono';
import type { Child } from 'hono/jsx';
import { AppError } from '../../lib/errors';
import { listBrands } from '../../services/admin/list-brands';
import { getTopic, listTopics, type TopicRow } from '../../services/topics/list-topics';
import { archiveTopic, createTopic, updateTopic } from '../../services/topics/save-topic';
import type { AppEnv } from '../env';
import {
  BrandPicker,
  emptyForm,
  type FormState,
  type FormValues,
  readFormValues,
  translateIssues,
} from './admin-fields';
import { CsrfField, Notice } from './components';
import { needs } from './guard';
import { Layout, sendPage } from './layout';
import { TopicForm, topicIssues } from './topic-form';
import { type View, viewOf } from './view';

const str = (values: FormValues, name: string) => {
  const value = values[name];
  return typeof value === 'string' ? value : '';
};

/** The form's fields as the service reads them: textareas go as they are, one phrase a line. */
const fieldsOf = (values: FormValues) => ({
  labelEn: str(values, 'labelEn'),
  labelFr: str(values, 'labelFr'),
  examples: str(values, 'examples'),
  keywords: str(values, 'keywords'),
  needsSpecialist: str(values, 'needsSpecialist') === 'on',
  skill: str(values, 'skill'),
});

const valuesOf = (t: TopicRow): FormValues => ({
  key: t.key,
  labelEn: t.labelEn,
  labelFr: t.labelFr,
  examples: t.examples.join('\n'),
  keywords: t.keywords.join('\n'),
  needsSpecialist: t.needsSpecialist ? 'on' : '',
  skill: t.skill ?? '',
});

function page(c: Context<AppEnv>, v: View, title: string, body: Child, status = 200) {
  return sendPage(
    c,
    <Layout v={v} title={title} active="topics">
      {body}
    </Layout>,
    status,
  );
}

/** Field problems come back on the form (400); anything else is the error page's. */
function refused(v: View, err: unknown, values: FormValues): FormState | null {
  if (!(err instanceof AppError) || err.code !== 'validation_failed') return null;
  return { values, issues: translateIssues(v, err.issues, topicIssues) };
}

function TopicRowView({ v, t }: { v: View; t: TopicRow }) {
  return (
    <tr id={`topic-${t.key}`} class={t.archivedAt ? 'muted' : undefined}>
      <td class="nowrap">
        <code>{t.key}</code>
        {t.archivedAt ? <div class="small">{v.t('topics.archived')}</div> : null}
      </td>
      <td>
        <strong>{v.locale === 'fr' ? t.labelFr : t.labelEn}</strong>
        <div class="small muted">{v.locale === 'fr' ? t.labelEn : t.labelFr}</div>
      </td>
      <td>
        <div class="small">
          {v.t('topics.counts', { examples: t.examples.length, keywords: t.keywords.length })}
        </div>
        <div class="small muted">{[...t.examples.slice(0, 2), ...t.keywords.slice(0, 4)].join(' · ')}</div>
      </td>
      <td>
        {t.needsSpecialist ? v.t('topics.specialist', { skill: t.skill ?? '?' }) : v.t('topics.advisors')}
      </td>
      <td class="nowrap">
        <a class="btn btn-small" href={`/admin/topics/${encodeURIComponent(t.id)}/edit`}>
          {v.t('topics.edit')}
        </a>{' '}
        <form method="post" action={`/admin/topics/${encodeURIComponent(t.id)}/archive`} class="inline">
          <CsrfField v={v} />
          <input type="hidden" name="archived" value={t.archivedAt ? 'false' : 'true'} />
          <button type="submit" class={t.archivedAt ? 'btn-small' : 'btn-small btn-danger'}>
            {t.archivedAt ? v.t('topics.restore') : v.t('topics.archive')}
          </button>
        </form>
      </td>
    </tr>
  );
}

/** The admin's say over each brand's topics: what the classifier looks for and who answers. */
export function topicPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const admin = needs('topics.manage');

  app.get('/admin/topics', admin, async (c) => {
    const ctx = c.get('ctx');
    const v = viewOf(c);
    const brands = await listBrands(ctx);
    const brandId = c.req.query('brand') || brands[0]?.id;
    const archived = c.req.query('archived') === '1';
    const data = brandId ? await listTopics(ctx, { brandId, archived }) : null;
    return page(
      c,
      v,
      v.t('topics.title'),
      <>
        <div class="page-head">
          <h1>{v.t('topics.title')}</h1>
          {data ? (
            <a class="btn btn-primary" href={`/admin/topics/new?brand=${encodeURIComponent(data.brand.id)}`}>
              {v.t('topics.add')}
            </a>
          ) : null}
        </div>
        <Notice v={v} done={c.req.query('done')} />
        <p class="muted lead">{v.t('topics.intro')}</p>
        <BrandPicker
          action="/admin/topics"
          brands={brands}
          brandId={brandId}
          label={v.t('topics.brand')}
          submit={v.t('topics.show')}
        >
          <label class="check">
            <input type="checkbox" name="archived" value="1" checked={archived} />{' '}
            {v.t('topics.showArchived')}
          </label>
        </BrandPicker>
        {!data || data.topics.length === 0 ? (
          <p class="panel muted">{v.t('topics.none')}</p>
        ) : (
          <div class="table-wrap">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{v.t('topics.colKey')}</th>
                  <th scope="col">{v.t('topics.colLabel')}</th>
                  <th scope="col">{v.t('topics.colExamples')}</th>
                  <th scope="col">{v.t('topics.colOwner')}</th>
                  <th scope="col">{v.t('topics.colActions')}</th>
                </tr>
              </thead>
              <tbody>
                {data.topics.map((t) => (
                  <TopicRowView v={v} t={t} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </>,
    );
  });

  app.get('/admin/topics/new', admin, async (c) => {
    const v = viewOf(c);
    const brandId = c.req.query('brand') ?? '';
    // Checks the brand exists (404 otherwise) before offering a form for it.
    await listTopics(c.get('ctx'), { brandId });
    return page(
      c,
      v,
      v.t('topics.newTitle'),
      <TopicForm
        v={v}
        s={emptyForm()}
        action={`/admin/topics?brand=${encodeURIComponent(brandId)}`}
        brandId={brandId}
      />,
    );
  });

  app.post('/admin/topics', admin, async (c) => {
    const brandId = c.req.query('brand') ?? '';
    const values = await readFormValues(c);
    try {
      await createTopic(c.get('ctx'), { brandId, key: str(values, 'key'), ...fieldsOf(values) });
    } catch (err) {
      const v = viewOf(c, { path: `/admin/topics/new?brand=${encodeURIComponent(brandId)}` });
      const s = refused(v, err, values);
      if (!s) throw err;
      const action = `/admin/topics?brand=${encodeURIComponent(brandId)}`;
      return page(
        c,
        v,
        v.t('topics.newTitle'),
        <TopicForm v={v} s={s} action={action} brandId={brandId} />,
        400,
      );
    }
    return c.redirect(`/admin/topics?brand=${encodeURIComponent(brandId)}&done=topic_created`, 303);
  });

  app.get('/admin/topics/:id/edit', admin, async (c) => {
    const v = viewOf(c);
    const topic = await getTopic(c.get('ctx'), c.req.param('id'));
    return page(
      c,
      v,
      v.t('topics.editTitle', { key: topic.key }),
      <TopicForm
        v={v}
        s={emptyForm(valuesOf(topic))}
        action={`/admin/topics/${encodeURIComponent(topic.id)}`}
        brandId={topic.brandId}
        editingKey={topic.key}
      />,
    );
  });

  app.post('/admin/topics/:id', admin, async (c) => {
    const ctx = c.get('ctx');
    const topic = await getTopic(ctx, c.req.param('id'));
    const values = await readFormValues(c);
    try {
      await updateTopic(ctx, { topicId: topic.id, ...fieldsOf(values) });
    } catch (err) {
      const v = viewOf(c, { path: `/admin/topics/${encodeURIComponent(topic.id)}/edit` });
      const s = refused(v, err, values);
      if (!s) throw err;
      return page(
        c,
        v,
        v.t('topics.editTitle', { key: topic.key }),
        <TopicForm
          v={v}
          s={s}
          action={`/admin/topics/${encodeURIComponent(topic.id)}`}
          brandId={topic.brandId}
          editingKey={topic.key}
        />,
        400,
      );
    }
    return c.redirect(`/admin/topics?brand=${encodeURIComponent(topic.brandId)}&done=topic_updated`, 303);
  });

  app.post('/admin/topics/:id/archive', admin, async (c) => {
    const values = await readFormValues(c);
    const archived = str(values, 'archived') !== 'false';
    const topic = await archiveTopic(c.get('ctx'), { topicId: c.req.param('id'), archived });
    const done = archived ? 'topic_archived' : 'topic_restored';
    const show = archived ? '' : '&archived=1';
    return c.redirect(`/admin/topics?brand=${encodeURIComponent(topic.brandId)}${show}&done=${done}`, 303);
  });

  return app;
}
