import type { BulkResult } from '../../services/inbox/bulk-action';
import type { inboxOptions } from '../../services/inbox/inbox-options';
import type { listViews } from '../../services/inbox/saved-views';
import { CsrfField } from './components';
import type { View } from './view';

export type Options = Awaited<ReturnType<typeof inboxOptions>>;
type Views = Awaited<ReturnType<typeof listViews>>;

/** The person's saved views as links with their counts, and the form that saves the current filters. */
export function SavedViews({ v, views, query }: { v: View; views: Views; query: Record<string, string> }) {
  return (
    <section class="panel views" aria-labelledby="views-h">
      <div id="views" class="row">
        <h2 id="views-h" class="inline-h">
          {v.t('ib.views')}
        </h2>
        {views.length === 0 ? <span class="muted small">{v.t('ib.noViews')}</span> : null}
        {views.map((view) => (
          <span class="view-chip">
            <a href={`/inbox${view.query ? `?${view.query}` : ''}`}>
              {view.name} <span class="badge">{view.count}</span>
            </a>
            <form method="post" action={`/inbox/views/${encodeURIComponent(view.id)}/delete`} class="inline">
              <CsrfField v={v} />
              <button
                type="submit"
                class="btn-link"
                aria-label={v.t('ib.deleteViewNamed', { name: view.name })}
              >
                ×
              </button>
            </form>
          </span>
        ))}
      </div>
      <form method="post" action="/inbox/views" class="row save-view">
        <CsrfField v={v} />
        {Object.entries(query).map(([k, val]) => (
          <input type="hidden" name={`f_${k}`} value={val} />
        ))}
        <label for="view-name" class="visually-hidden">
          {v.t('ib.viewName')}
        </label>
        <input
          id="view-name"
          name="name"
          type="text"
          maxlength={60}
          placeholder={v.t('ib.viewName')}
          required
        />
        <button type="submit">{v.t('ib.saveView')}</button>
      </form>
    </section>
  );
}

/** One form for the selected rows; the checkboxes sit in the table and point to it with form="bulk". */
export function BulkForm({ v, options }: { v: View; options: Options }) {
  return (
    <form id="bulk" method="post" action="/inbox/bulk" class="panel row bulk" aria-label={v.t('ib.bulk')}>
      <CsrfField v={v} />
      <strong>{v.t('ib.bulk')}</strong>
      <label for="bulk-action" class="visually-hidden">
        {v.t('ib.bulkAction')}
      </label>
      <select id="bulk-action" name="action">
        <option value="assign">{v.t('ib.bulkAssign')}</option>
        <option value="ignore">{v.t('ib.bulkIgnore')}</option>
        <option value="spam">{v.t('ib.bulkSpam')}</option>
        <option value="topic">{v.t('ib.bulkTopic')}</option>
      </select>
      <label for="bulk-assignee" class="visually-hidden">
        {v.t('ib.bulkAssign')}
      </label>
      <select id="bulk-assignee" name="assigneeId">
        {options.advisors.map((a) => (
          <option value={a.id} selected={a.id === v.actor?.id}>
            {a.name}
          </option>
        ))}
      </select>
      <label for="bulk-topic" class="visually-hidden">
        {v.t('ib.bulkTopic')}
      </label>
      <select id="bulk-topic" name="topic">
        {options.topics.map((t) => (
          <option value={t.key}>{v.locale === 'fr' ? t.labelFr : t.labelEn}</option>
        ))}
      </select>
      <button type="submit">{v.t('ib.bulkApply')}</button>
    </form>
  );
}

export function BulkOutcome({ v, result }: { v: View; result: BulkResult | 'none' }) {
  if (result === 'none') return <p class="notice notice-error">{v.t('ib.bulkNone')}</p>;
  return (
    <div class={result.failed.length ? 'notice notice-error' : 'notice notice-ok'} role="status">
      <p>{v.t('ib.bulkDone', { n: result.done.length })}</p>
      {result.failed.length ? (
        <>
          <p>{v.t('ib.bulkFailed', { n: result.failed.length })}</p>
          <ul>
            {result.failed.map((f) => (
              <li>
                <a href={`/cases/${encodeURIComponent(f.caseId)}`}>{f.caseId}</a>{' '}
                {v.t(`ib.reason.${f.reason}`)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

export const shortcutKeys = [
  ['j', 'ib.key.next'],
  ['k', 'ib.key.prev'],
  ['o', 'ib.key.open'],
  ['c', 'ib.key.claim'],
  ['r', 'ib.key.reply'],
  ['e', 'ib.key.escalate'],
  ['i', 'ib.key.ignore'],
  ['?', 'ib.key.help'],
] as const;

/** The help overlay the script opens with "?"; hidden (and useless) without JavaScript. */
export function ShortcutHelp({ v }: { v: View }) {
  return (
    <div id="shortcuts" class="overlay" role="dialog" aria-modal="true" aria-labelledby="shortcuts-h" hidden>
      <div class="overlay-box">
        <h2 id="shortcuts-h">{v.t('ib.shortcuts')}</h2>
        <dl class="keys">
          {shortcutKeys.map(([key, text]) => (
            <>
              <dt>
                <kbd>{key}</kbd>
              </dt>
              <dd>{v.t(text)}</dd>
            </>
          ))}
        </dl>
        <button type="button">{v.t('ib.key.close')}</button>
      </div>
    </div>
  );
}

export const inboxCss = `
.views .inline-h { font-size: 13px; margin: 0 6px 0 0; }
.view-chip { display: inline-flex; align-items: center; gap: 2px; border: 1px solid var(--line); border-radius: 14px; padding: 2px 4px 2px 10px; background: #fff; }
.view-chip form.inline { display: inline; }
.btn-link { background: none; border: 0; color: var(--muted); cursor: pointer; padding: 0 4px; font-size: 15px; }
.save-view { margin-top: 8px; }
.save-view input { height: 30px; width: 260px; max-width: 100%; }
.save-view button, .bulk button { width: auto; }
.bulk { padding: 8px 12px; }
.bulk select { width: auto; min-width: 140px; height: 30px; }
.holding { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; margin: 10px 0; }
.holding legend { font-weight: 600; padding: 0 4px; }
.check { display: flex; gap: 6px; align-items: center; font-weight: 500; }
.check input { width: auto; }
.table tr.selected { background: #eef4ff; box-shadow: inset 4px 0 0 var(--accent, #2563eb); }
.overlay { position: fixed; inset: 0; background: rgba(15, 23, 42, .45); display: flex; align-items: center; justify-content: center; z-index: 20; }
.overlay[hidden] { display: none; }
.overlay-box { background: #fff; border-radius: 8px; padding: 18px 22px; min-width: 320px; box-shadow: 0 10px 30px rgba(0,0,0,.25); }
.keys { display: grid; grid-template-columns: auto 1fr; gap: 6px 14px; margin: 10px 0 14px; }
.keys dd { margin: 0; }
kbd { display: inline-block; min-width: 20px; text-align: center; border: 1px solid #cbd5e1; border-bottom-width: 2px; border-radius: 4px; padding: 0 5px; font-family: ui-monospace, monospace; background: #f8fafc; }
.live { min-height: 1.2em; }
.viewers { border-left: 4px solid var(--warn); }
.canned-list { list-style: none; padding: 0; margin: 6px 0 10px; }
.canned-list li { display: flex; gap: 8px; align-items: baseline; padding: 4px 0; border-bottom: 1px solid var(--line); }
.canned-list li span { flex: 1; }
.note { border-left: 3px solid #cbd5e1; padding: 4px 10px; margin: 6px 0; background: #f8fafc; }
`;
