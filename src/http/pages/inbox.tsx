import { type Context, Hono } from 'hono';
import { AppError, statusOf } from '../../lib/errors';
import { type BulkResult, bulkAction } from '../../services/inbox/bulk-action';
import {
  filtersToQuery,
  type InboxFilters,
  inboxFilters,
  readFilters,
} from '../../services/inbox/case-filters';
import { inboxOptions } from '../../services/inbox/inbox-options';
import { listCases } from '../../services/inbox/list-cases';
import { deleteView, listViews, saveView } from '../../services/inbox/saved-views';
import type { AppEnv } from '../env';
import {
  Age,
  Badge,
  CsrfField,
  ErrorNotice,
  Followers,
  Priority,
  SentimentBadge,
  SpecialistBadge,
  StatusBadge,
} from './components';
import { translateMessage } from './error-text';
import { needs } from './guard';
import { inboxEvents } from './inbox-events';
import { BulkForm, BulkOutcome, inboxCss, type Options, SavedViews, ShortcutHelp } from './inbox-parts';
import { inboxJs } from './inbox-script';
import { Layout, sendPage } from './layout';
import { readOnlyNetworks } from './preflight';
import { SlaBadge } from './sla-badge';
import { displayHandle, excerpt, field, type View, viewOf } from './view';

type Row = Awaited<ReturnType<typeof listCases>>[number];

const statusOptions = inboxFilters.shape.status.unwrap().options;
const networkOptions = inboxFilters.shape.network.unwrap().options;
const intentOptions = inboxFilters.shape.intent.unwrap().options;
const sentimentOptions = inboxFilters.shape.sentiment.unwrap().options;
const slaOptions = inboxFilters.shape.sla.unwrap().options;
const languageOptions = ['en', 'fr', 'other'] as const;

function Select({
  id,
  text,
  value,
  options,
}: {
  id: string;
  text: string;
  value: string | undefined;
  options: { value: string; text: string }[];
}) {
  return (
    <div class="field">
      <label for={`f-${id}`}>{text}</label>
      <select id={`f-${id}`} name={id}>
        {options.map((o) => (
          <option value={o.value} selected={o.value === (value ?? '')}>
            {o.text}
          </option>
        ))}
      </select>
    </div>
  );
}

function Filters({ v, f, options }: { v: View; f: InboxFilters; options: Options }) {
  const any = { value: '', text: v.t('inbox.any') };
  return (
    <form method="get" action="/inbox" class="panel filters" aria-label={v.t('inbox.filters')}>
      <Select
        id="status"
        text={v.t('inbox.status')}
        value={f.status}
        options={statusOptions.map((s) => ({
          value: s,
          text: s === 'all' ? v.t('ib.statusAll') : v.label('status', s),
        }))}
      />
      {options.brands.length > 1 ? (
        <Select
          id="brand"
          text={v.t('ib.brand')}
          value={f.brand}
          options={[any, ...options.brands.map((b) => ({ value: b.id, text: b.name }))]}
        />
      ) : null}
      <Select
        id="network"
        text={v.t('inbox.network')}
        value={f.network}
        options={[any, ...networkOptions.map((n) => ({ value: n, text: v.label('network', n) }))]}
      />
      <Select
        id="language"
        text={v.t('inbox.language')}
        value={f.language}
        options={[any, ...languageOptions.map((l) => ({ value: l, text: v.label('language', l) }))]}
      />
      <Select
        id="intent"
        text={v.t('inbox.intent')}
        value={f.intent}
        options={[any, ...intentOptions.map((i) => ({ value: i, text: v.label('intent', i) }))]}
      />
      <Select
        id="topic"
        text={v.t('inbox.topic')}
        value={f.topic}
        options={[
          any,
          ...options.topics.map((t) => ({ value: t.key, text: v.locale === 'fr' ? t.labelFr : t.labelEn })),
        ]}
      />
      <Select
        id="sentiment"
        text={v.t('ib.sentiment')}
        value={f.sentiment}
        options={[any, ...sentimentOptions.map((s) => ({ value: s, text: v.label('sentiment', s) }))]}
      />
      <Select
        id="assignee"
        text={v.t('inbox.assignee')}
        value={f.assignee}
        options={[
          { value: 'any', text: v.t('inbox.any') },
          { value: 'me', text: v.t('inbox.me') },
          { value: 'unassigned', text: v.t('inbox.unassigned') },
          ...options.advisors.filter((a) => a.id !== v.actor?.id).map((a) => ({ value: a.id, text: a.name })),
        ]}
      />
      <Select
        id="sla"
        text={v.t('ib.sla')}
        value={f.sla}
        options={[any, ...slaOptions.map((s) => ({ value: s, text: v.t(`sla.${s}`) }))]}
      />
      <Select
        id="sort"
        text={v.t('inbox.sort')}
        value={f.sort}
        options={[
          { value: 'priority', text: v.t('inbox.sortPriority') },
          { value: 'age', text: v.t('inbox.sortAge') },
        ]}
      />
      <div class="row">
        <button type="submit" class="btn-primary">
          {v.t('inbox.apply')}
        </button>
        <a class="btn" href="/inbox">
          {v.t('inbox.reset')}
        </a>
      </div>
    </form>
  );
}

function CaseRow({ v, r }: { v: View; r: Row }) {
  const handle = displayHandle(r.author.handle);
  return (
    <tr data-case={r.id}>
      <td>
        <input
          type="checkbox"
          name="caseIds"
          value={r.id}
          form="bulk"
          aria-label={v.t('ib.selectCase', { handle })}
        />
      </td>
      <td>
        <Priority v={v} n={r.priority} />
      </td>
      <td class="case-cell">
        <div class="case-who">
          <span>{v.label('network', r.network)}</span>
          {readOnlyNetworks.has(r.network) ? (
            <Badge
              tone="muted"
              title={v.t('inbox.readOnlyTitle', { network: v.label('network', r.network) })}
            >
              {v.t('inbox.readOnly')}
            </Badge>
          ) : null}
          <strong>{r.author.displayName ?? handle}</strong>
          {r.author.displayName ? <span>{handle}</span> : null}
          <Followers v={v} n={r.author.followers} />
        </div>
        <a class="case-text" href={`/cases/${encodeURIComponent(r.id)}`}>
          {r.latest ? excerpt(r.latest.text) || v.t('inbox.noText') : v.t('inbox.noText')}
        </a>
      </td>
      <td>
        <div class="badges">
          {r.language ? <Badge>{r.language.toUpperCase()}</Badge> : null}
          <SentimentBadge v={v} sentiment={r.sentiment} />
          {r.intent ? <Badge>{v.label('intent', r.intent)}</Badge> : null}
          {r.topic ? <Badge>{v.label('topic', r.topic)}</Badge> : null}
          <SpecialistBadge v={v} value={r.needsSpecialist} />
        </div>
      </td>
      <td>
        <StatusBadge v={v} status={r.status} />
      </td>
      <td class="nowrap">
        {r.assignee ? r.assignee.name : <span class="muted">{v.t('inbox.nobody')}</span>}
      </td>
      <td>
        <SlaBadge v={v} state={r.sla} firstDue={r.firstResponseDueAt} resolutionDue={r.resolutionDueAt} />
      </td>
      <td>
        <Age v={v} since={r.lastMentionAt} />
      </td>
      <td class="nowrap">
        {!r.assignee && (r.status === 'new' || r.status === 'open') ? (
          <form method="post" action={`/cases/${encodeURIComponent(r.id)}/claim`} class="inline claim">
            <CsrfField v={v} />
            <button type="submit" class="btn-small" aria-label={v.t('inbox.claimCase', { handle })}>
              {v.t('inbox.claim')}
            </button>
          </form>
        ) : (
          <a class="btn btn-small" href={`/cases/${encodeURIComponent(r.id)}`}>
            {v.t('inbox.open')}
          </a>
        )}
      </td>
    </tr>
  );
}

const liveLabels = (v: View) =>
  JSON.stringify({
    template: v.t('ib.liveUpdated'),
    'case.opened': v.t('ib.event.case.opened'),
    'case.claimed': v.t('ib.event.case.claimed'),
    'reply.queued': v.t('ib.event.reply.queued'),
    other: v.t('ib.event.other'),
  });

interface InboxOutcome {
  status?: number;
  bulk?: BulkResult | 'none';
  error?: AppError;
}

export function inboxPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  const render = async (c: Context<AppEnv>, query: Record<string, string>, o: InboxOutcome = {}) => {
    const v = viewOf(c, { path: '/inbox' });
    const ctx = c.get('ctx');
    const { filters, dropped } = readFilters(query);
    const [rows, options, views] = await Promise.all([
      listCases(ctx, filters),
      inboxOptions(ctx),
      listViews(ctx),
    ]);
    const done = c.req.query('done');
    return sendPage(
      c,
      <Layout v={v} title={v.t('inbox.title')} active="inbox">
        <link rel="stylesheet" href="/assets/inbox.css" />
        <div data-inbox data-stream="/inbox/events" data-events={liveLabels(v)}>
          <div class="page-head">
            <h1>{v.t('inbox.title')}</h1>
            <span class="muted" id="count">
              {rows.length === 1 ? v.t('inbox.countOne') : v.t('inbox.count', { n: rows.length })}
            </span>
            <span class="muted small">{v.t('ib.shortcutsHint')}</span>
          </div>
          <p id="live" class="live muted small" aria-live="polite" />
          {done === 'view_saved' || done === 'view_deleted' ? (
            <p class="notice notice-ok" role="status">
              {v.t(done === 'view_saved' ? 'done.view_saved' : 'done.view_deleted')}
            </p>
          ) : null}
          {o.bulk ? <BulkOutcome v={v} result={o.bulk} /> : null}
          {o.error ? (
            <ErrorNotice
              v={v}
              message={translateMessage(v.locale, o.error.message)}
              issues={o.error.issues}
            />
          ) : null}
          {dropped ? <p class="notice notice-info">{v.t('inbox.invalidFilters')}</p> : null}
          <SavedViews v={v} views={views} query={filtersToQuery(filters)} />
          <Filters v={v} f={filters} options={options} />
          <BulkForm v={v} options={options} />
          <div id="results">
            {rows.length === 0 ? (
              <p class="panel muted">{v.t('inbox.empty')}</p>
            ) : (
              <div class="table-wrap">
                <table class="table">
                  <thead>
                    <tr>
                      <th scope="col">
                        <span class="visually-hidden">{v.t('ib.select')}</span>
                      </th>
                      <th scope="col">{v.t('inbox.colPriority')}</th>
                      <th scope="col">{v.t('inbox.colCase')}</th>
                      <th scope="col">{v.t('inbox.colLabels')}</th>
                      <th scope="col">{v.t('inbox.colStatus')}</th>
                      <th scope="col">{v.t('inbox.colAssignee')}</th>
                      <th scope="col">{v.t('ib.sla')}</th>
                      <th scope="col">{v.t('inbox.colAge')}</th>
                      <th scope="col">
                        <span class="visually-hidden">{v.t('inbox.colActions')}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <CaseRow v={v} r={r} />
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </div>
        </div>
        <ShortcutHelp v={v} />
        <script src="/assets/inbox.js" defer />
      </Layout>,
      o.status ?? 200,
    );
  };

  app.get('/inbox', needs('inbox.read'), (c) => render(c, c.req.query()));

  app.post('/inbox/views', needs('inbox.read'), async (c) => {
    const body = await c.req.parseBody();
    const filters: Record<string, string> = {};
    for (const [k, val] of Object.entries(body)) {
      if (k.startsWith('f_') && typeof val === 'string') filters[k.slice(2)] = val;
    }
    try {
      await saveView(c.get('ctx'), { name: field(body, 'name'), filters });
    } catch (err) {
      if (err instanceof AppError && (err.code === 'conflict' || err.code === 'validation_failed')) {
        return render(c, filters, { status: statusOf[err.code], error: err });
      }
      throw err;
    }
    const q = new URLSearchParams({ ...filtersToQuery(readFilters(filters).filters), done: 'view_saved' });
    return c.redirect(`/inbox?${q.toString()}`, 303);
  });

  app.post('/inbox/views/:id/delete', needs('inbox.read'), async (c) => {
    await deleteView(c.get('ctx'), { id: c.req.param('id') });
    return c.redirect('/inbox?done=view_deleted', 303);
  });

  app.post('/inbox/bulk', needs('case.claim'), async (c) => {
    const body = await c.req.parseBody({ all: true });
    const raw = body.caseIds;
    const caseIds = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter(
      (x): x is string => typeof x === 'string',
    );
    if (caseIds.length === 0) return render(c, {}, { status: 400, bulk: 'none' });
    const one = (name: string) => {
      const val = body[name];
      return typeof val === 'string' ? val : undefined;
    };
    try {
      const result = await bulkAction(c.get('ctx'), {
        caseIds,
        action: one('action'),
        assigneeId: one('action') === 'assign' ? one('assigneeId') : undefined,
        topic: one('action') === 'topic' ? one('topic') : undefined,
      });
      return render(c, {}, { bulk: result });
    } catch (err) {
      if (err instanceof AppError && (err.code === 'validation_failed' || err.code === 'forbidden')) {
        return render(c, {}, { status: statusOf[err.code], error: err });
      }
      throw err;
    }
  });

  app.route('/', inboxEvents());

  app.get('/assets/inbox.js', (c) => {
    c.header('content-type', 'text/javascript; charset=utf-8');
    c.header('cache-control', 'public, max-age=3600');
    return c.body(inboxJs);
  });
  app.get('/assets/inbox.css', (c) => {
    c.header('content-type', 'text/css; charset=utf-8');
    c.header('cache-control', 'public, max-age=3600');
    return c.body(inboxCss);
  });
  return app;
}
