import { Hono } from 'hono';
import { type InboxFilters, inboxFilters, listCases } from '../../services/inbox/list-cases';
import type { AppEnv } from '../env';
import {
  Age,
  Badge,
  CsrfField,
  Followers,
  Priority,
  SentimentBadge,
  SpecialistBadge,
  StatusBadge,
} from './components';
import { needs } from './guard';
import { Layout, sendPage } from './layout';
import { readOnlyNetworks } from './preflight';
import { displayHandle, excerpt, type View, viewOf } from './view';

type Row = Awaited<ReturnType<typeof listCases>>[number];

const statusOptions = inboxFilters.shape.status.unwrap().options;
const networkOptions = inboxFilters.shape.network.unwrap().options;
const intentOptions = inboxFilters.shape.intent.unwrap().options;
const languageOptions = ['en', 'fr', 'other'] as const;
const knownTopics = ['billing', 'technical', 'delivery', 'account', 'general', 'unsure'] as const;

/**
 * Reads the filter form leniently: empty selects mean "any", and a value the schema refuses is
 * dropped (with a notice) rather than turning the whole inbox into an error page.
 */
function readFilters(query: Record<string, string>): { filters: InboxFilters; dropped: boolean } {
  const raw: Record<string, string> = {};
  for (const [k, val] of Object.entries(query)) if (val.trim() !== '') raw[k] = val.trim();
  let dropped = false;
  for (let attempt = 0; attempt < 10; attempt++) {
    const parsed = inboxFilters.safeParse(raw);
    if (parsed.success) return { filters: parsed.data, dropped };
    for (const issue of parsed.error.issues) delete raw[String(issue.path[0])];
    dropped = true;
  }
  return { filters: inboxFilters.parse({}), dropped: true };
}

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

function Filters({ v, f }: { v: View; f: InboxFilters }) {
  const any = { value: '', text: v.t('inbox.any') };
  return (
    <form method="get" action="/inbox" class="panel filters" aria-label={v.t('inbox.filters')}>
      <Select
        id="status"
        text={v.t('inbox.status')}
        value={f.status}
        options={statusOptions.map((s) => ({ value: s, text: v.label('status', s) }))}
      />
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
      <div class="field">
        <label for="f-topic">{v.t('inbox.topic')}</label>
        <input
          id="f-topic"
          name="topic"
          type="text"
          list="topics"
          value={f.topic ?? ''}
          placeholder={v.t('inbox.any')}
        />
        <datalist id="topics">
          {knownTopics.map((k) => (
            <option value={k}>{v.label('topic', k)}</option>
          ))}
        </datalist>
      </div>
      <Select
        id="assignee"
        text={v.t('inbox.assignee')}
        value={f.assignee}
        options={[
          { value: 'any', text: v.t('inbox.any') },
          { value: 'me', text: v.t('inbox.me') },
          { value: 'unassigned', text: v.t('inbox.unassigned') },
        ]}
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
    <tr>
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
        <Age v={v} since={r.lastMentionAt} due={r.status === 'new' || r.status === 'open' ? r.dueAt : null} />
      </td>
      <td class="nowrap">
        {!r.assignee && (r.status === 'new' || r.status === 'open') ? (
          <form method="post" action={`/cases/${encodeURIComponent(r.id)}/claim`} class="inline">
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

export function inboxPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/inbox', needs('inbox.read'), async (c) => {
    const v = viewOf(c);
    const { filters, dropped } = readFilters(c.req.query());
    const rows = await listCases(c.get('ctx'), filters);
    return sendPage(
      c,
      <Layout v={v} title={v.t('inbox.title')} active="inbox">
        <div class="page-head">
          <h1>{v.t('inbox.title')}</h1>
          <span class="muted">
            {rows.length === 1 ? v.t('inbox.countOne') : v.t('inbox.count', { n: rows.length })}
          </span>
        </div>
        {dropped ? <p class="notice notice-info">{v.t('inbox.invalidFilters')}</p> : null}
        <Filters v={v} f={filters} />
        {rows.length === 0 ? (
          <p class="panel muted">{v.t('inbox.empty')}</p>
        ) : (
          <div class="table-wrap">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{v.t('inbox.colPriority')}</th>
                  <th scope="col">{v.t('inbox.colCase')}</th>
                  <th scope="col">{v.t('inbox.colLabels')}</th>
                  <th scope="col">{v.t('inbox.colStatus')}</th>
                  <th scope="col">{v.t('inbox.colAssignee')}</th>
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
      </Layout>,
    );
  });
  return app;
}
