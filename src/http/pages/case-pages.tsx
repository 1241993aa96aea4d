import { type Context, Hono } from 'hono';
import type { Permission } from '../../domain/permissions';
import { AppError, statusOf } from '../../lib/errors';
import type { Ctx } from '../../services/context';
import { mayApprove } from '../../services/escalation/approvers';
import { approveAnswer, sendBackAnswer } from '../../services/escalation/review-answer';
import { claimCase } from '../../services/inbox/claim-case';
import { type ComposerState, composerState } from '../../services/inbox/composer-state';
import { escalateWithHolding } from '../../services/inbox/escalate-with-holding';
import { getCase } from '../../services/inbox/get-case';
import { ignoreCase } from '../../services/inbox/ignore-case';
import { addNote } from '../../services/inbox/notes';
import { touchPresence } from '../../services/inbox/presence';
import { replyToCase } from '../../services/inbox/reply-to-case';
import type { AppEnv } from '../env';
import { CaseActions, type Draft } from './case-actions';
import { CorrectionPanel } from './case-corrections';
import { CaseScriptHooks, NotesPanel, PresenceNotice, SlaPanel } from './case-inbox';
import {
  Answers,
  AuthorCard,
  type CaseData,
  ClassificationPanel,
  Escalations,
  Facts,
  History,
  namesOf,
  Outbox,
  Thread,
} from './case-view';
import { ErrorNotice, Notice } from './components';
import { translateMessage } from './error-text';
import { needs } from './guard';
import { ExpertBridgePanel } from './knowledge-panel';
import { Layout, sendPage } from './layout';
import { loadPreflight } from './preflight';
import { displayHandle, field, viewOf } from './view';

/**
 * The text the pre-flight measures: what the person just typed (after a refused send or a check),
 * else the expert's answer waiting for approval, else nothing yet.
 */
function textToCheck(data: CaseData, draft: Draft | undefined): string {
  if (draft && (draft.form === 'reply' || draft.form === 'approve')) return draft.fields.body ?? '';
  if (data.case.status !== 'awaiting_approval') return '';
  return [...data.answers].reverse().find((a) => a.status === 'submitted')?.body ?? '';
}

/** `?canned=<id>` (the no-script "Use" link) opens the composer with that response filled in. */
function cannedDraft(composer: ComposerState, id: string | undefined): Draft | undefined {
  const found = id ? composer.canned?.answers.find((a) => a.id === id) : undefined;
  return found ? { form: 'reply', fields: { body: found.body }, checked: true } : undefined;
}

interface Outcome {
  status?: number;
  error?: AppError;
  draft?: Draft;
  done?: string;
}

async function renderCase(c: Context<AppEnv>, caseId: string, o: Outcome = {}) {
  const ctx = c.get('ctx');
  const data = await getCase(ctx, caseId);
  const path = `/cases/${encodeURIComponent(caseId)}`;
  const v = viewOf(c, { path });
  const names = namesOf(data);
  const handle = displayHandle(data.case.author.handle);
  const showInboxLink = v.actor && v.actor.role !== 'expert';
  const composer = await composerState(ctx, caseId);
  const draft = o.draft ?? cannedDraft(composer, c.req.query('canned'));
  const preflight = await loadPreflight(ctx, caseId, data.case.network, textToCheck(data, draft));
  const approver = await mayApprove(ctx.db, ctx.actor, data.case.brandId);
  return sendPage(
    c,
    <Layout v={v} title={v.t('case.title', { handle })} active={showInboxLink ? 'inbox' : undefined}>
      {showInboxLink ? (
        <p class="small">
          <a href="/inbox">← {v.t('case.back')}</a>
        </p>
      ) : null}
      <div class="page-head">
        <h1>{v.t('case.title', { handle })}</h1>
      </div>
      <Notice v={v} done={o.done} />
      {o.error ? (
        <ErrorNotice v={v} message={translateMessage(v.locale, o.error.message)} issues={o.error.issues} />
      ) : null}
      <div class="grid">
        <div>
          <Thread v={v} data={data} />
          <PresenceNotice v={v} state={composer} />
          <CaseActions
            v={v}
            data={data}
            preflight={preflight}
            draft={draft ?? null}
            composer={composer}
            approver={approver}
          />
          <NotesPanel
            v={v}
            state={composer}
            base={path}
            zone={data.case.brand.timezone}
            draft={o.draft?.form === 'note' ? o.draft.fields.body : undefined}
          />
          <ExpertBridgePanel v={v} data={data} ctx={ctx} approver={approver} />
          <Answers v={v} data={data} names={names} />
          <Outbox v={v} data={data} names={names} />
          <History v={v} data={data} />
        </div>
        <aside>
          <Facts v={v} data={data} />
          <SlaPanel v={v} c={data.case} zone={data.case.brand.timezone} />
          <AuthorCard v={v} data={data} />
          <CorrectionPanel v={v} data={data} ctx={ctx} />
          <ClassificationPanel
            v={v}
            cl={data.classification}
            zone={data.case.brand.timezone}
            labels={false}
          />
          <Escalations v={v} data={data} names={names} />
        </aside>
      </div>
      <CaseScriptHooks v={v} base={path} />
    </Layout>,
    o.status ?? 200,
  );
}

/** Errors a person can fix or understand on the same page; anything else is an error page. */
const recoverable = new Set(['conflict', 'validation_failed', 'bad_request']);

type Run = (ctx: Ctx, caseId: string, form: Record<string, string>) => Promise<unknown>;

export function casePages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/cases/:id', needs('case.read'), (c) =>
    renderCase(c, c.req.param('id'), { done: c.req.query('done') }),
  );

  const action = (form: Draft['form'], permission: Permission, done: string, run: Run) =>
    app.post(`/cases/:id/${form}`, needs(permission), async (c) => {
      const caseId = c.req.param('id');
      const body = await c.req.parseBody();
      const fields: Record<string, string> = {};
      for (const name of [
        'body',
        'note',
        'skill',
        'skill_other',
        'reason',
        'seen_version',
        'holding',
        'send_holding',
      ])
        fields[name] = field(body, name);
      try {
        await run(c.get('ctx'), caseId, fields);
      } catch (err) {
        if (err instanceof AppError && recoverable.has(err.code)) {
          return renderCase(c, caseId, { status: statusOf[err.code], error: err, draft: { form, fields } });
        }
        throw err;
      }
      return c.redirect(`/cases/${encodeURIComponent(caseId)}?done=${done}`, 303);
    });

  // The pre-flight for typed text, without sending it: the same page, the draft kept, nothing stored.
  app.post('/cases/:id/check', needs('case.reply'), async (c) => {
    const body = await c.req.parseBody();
    const form: Draft['form'] = field(body, 'check') === 'approve' ? 'approve' : 'reply';
    return renderCase(c, c.req.param('id'), {
      draft: { form, fields: { body: field(body, 'body') }, checked: true },
    });
  });

  const optional = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);
  action('claim', 'case.claim', 'claimed', (ctx, caseId) => claimCase(ctx, { caseId }));
  action('reply', 'case.reply', 'replied', (ctx, caseId, f) =>
    replyToCase(ctx, { caseId, body: f.body, seenVersion: optional(f.seen_version) }),
  );
  action('escalate', 'case.escalate', 'escalated', (ctx, caseId, f) =>
    escalateWithHolding(ctx, {
      caseId,
      skill: optional(f.skill_other) ?? optional(f.skill),
      note: optional(f.note),
      holding: f.send_holding === 'on' ? optional(f.holding) : undefined,
      seenVersion: optional(f.seen_version),
    }),
  );
  action('note', 'case.note', 'note_added', (ctx, caseId, f) => addNote(ctx, { caseId, body: f.body }));
  // The case page's script says "still here" every 20 s; the answer has no body.
  app.post('/cases/:id/presence', needs('case.read'), async (c) => {
    await touchPresence(c.get('ctx'), c.req.param('id'));
    return c.body(null, 204);
  });
  action('ignore', 'case.ignore', 'ignored', (ctx, caseId, f) =>
    ignoreCase(ctx, { caseId, reason: optional(f.reason) }),
  );
  // The verbs decide who approves: advisors, and the brand's designated approvers among experts.
  action('approve', 'case.read', 'approved', (ctx, caseId, f) =>
    approveAnswer(ctx, { caseId, body: f.body }),
  );
  action('send-back', 'case.read', 'sent_back', (ctx, caseId, f) =>
    sendBackAnswer(ctx, { caseId, note: f.note }),
  );

  return app;
}
