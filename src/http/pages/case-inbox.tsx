import { can } from '../../domain/permissions';
import type { ComposerState } from '../../services/inbox/composer-state';
import { slaOf } from '../../services/inbox/list-cases';
import type { CaseData } from './case-view';
import { CsrfField } from './components';
import { formatDateTime } from './i18n';
import { ShortcutHelp } from './inbox-parts';
import { SlaBadge } from './sla-badge';
import type { View } from './view';

type CaseRow = CaseData['case'];

/** Who else has the case open: a warning before two people answer the same customer. */
export function PresenceNotice({ v, state }: { v: View; state: ComposerState | null }) {
  if (!state || state.viewers.length === 0) return null;
  return (
    <p class="notice notice-info viewers" role="status">
      {v.t('ib.viewing', { names: state.viewers.map((u) => u.name).join(', ') })}
    </p>
  );
}

/** The brand's canned responses for this customer: a link fills the composer (a script does it in place). */
export function CannedList({
  v,
  state,
  base,
  target,
}: {
  v: View;
  state: ComposerState | null;
  base: string;
  target: string;
}) {
  const answers = state?.canned?.answers ?? [];
  if (answers.length === 0) return null;
  return (
    <details class="canned">
      <summary>
        {v.t('ib.canned', { language: v.label('language', state?.canned?.language ?? 'en') })}
      </summary>
      <p class="muted small">{v.t('ib.cannedHelp')}</p>
      <ul class="canned-list">
        {answers.map((a) => (
          <li>
            <strong>{a.title}</strong>
            <span class="small">{a.body}</span>
            <a
              class="btn btn-small"
              href={`${base}?canned=${encodeURIComponent(a.id)}#reply-body`}
              data-canned={a.body}
              data-target={target}
            >
              {v.t('ib.cannedUse')}
            </a>
          </li>
        ))}
      </ul>
    </details>
  );
}

/** Internal notes: advisors and experts only, never sent out. */
export function NotesPanel({
  v,
  state,
  base,
  zone,
  draft,
}: {
  v: View;
  state: ComposerState | null;
  base: string;
  zone: string;
  draft?: string;
}) {
  if (!state || !v.actor || !can(v.actor.role, 'case.note')) return null;
  return (
    <section class="panel" aria-labelledby="notes-h" id="notes">
      <h2 id="notes-h">{v.t('ib.notes')}</h2>
      <p class="muted small">{v.t('ib.notesHelp')}</p>
      {state.notes.length === 0 ? <p class="muted">{v.t('ib.noNotes')}</p> : null}
      {state.notes.map((n) => (
        <div class="note">
          <p class="small muted">
            {n.author ?? '—'} · {formatDateTime(v.locale, n.createdAt, zone)}
          </p>
          <p>{n.body}</p>
        </div>
      ))}
      <form method="post" action={`${base}/note`}>
        <CsrfField v={v} />
        <div class="field">
          <label for="note-body">{v.t('ib.noteLabel')}</label>
          <textarea id="note-body" name="body" rows={2} maxlength={4000}>
            {draft ?? ''}
          </textarea>
        </div>
        <button type="submit">{v.t('ib.noteSubmit')}</button>
      </form>
    </section>
  );
}

/** Hooks the case page to the inbox script: presence pings and keyboard shortcuts. */
export function CaseScriptHooks({ v, base }: { v: View; base: string }) {
  return (
    <>
      <link rel="stylesheet" href="/assets/inbox.css" />
      <div data-case-page data-presence={`${base}/presence`} data-csrf={v.csrf} hidden />
      <ShortcutHelp v={v} />
      <script src="/assets/inbox.js" defer />
    </>
  );
}

/** The case's SLA: its state and both due times, in the brand's time zone. */
export function SlaPanel({ v, c, zone }: { v: View; c: CaseRow; zone: string }) {
  const state = slaOf(c, v.now);
  if (!state) return null;
  const when = (d: Date | null) => (d ? formatDateTime(v.locale, d, zone) : v.t('ib.none'));
  return (
    <section class="panel" aria-labelledby="sla-h">
      <h2 id="sla-h">{v.t('ib.slaPanel')}</h2>
      <dl class="facts">
        <dt>{v.t('ib.slaState')}</dt>
        <dd>
          <SlaBadge
            v={v}
            state={state}
            firstDue={c.firstResponseDueAt}
            resolutionDue={c.resolutionDueAt}
            zone={zone}
          />
        </dd>
        <dt>{v.t('ib.firstDue')}</dt>
        <dd>{when(c.firstResponseDueAt)}</dd>
        <dt>{v.t('ib.resolutionDue')}</dt>
        <dd>{when(c.resolutionDueAt)}</dd>
      </dl>
    </section>
  );
}
