import type { Child } from 'hono/jsx';
import { can } from '../../domain/permissions';
import type { ComposerState } from '../../services/inbox/composer-state';
import { CannedList } from './case-inbox';
import { answerAuthor, type CaseData, namesOf } from './case-view';
import { CsrfField } from './components';
import { canAnswer, limitsOf, PreflightVerdict, type PreflightView, type ReplyLimits } from './preflight';
import type { View } from './view';

/** Which form was posted and what it held, so a refused action keeps the person's text. */
export interface Draft {
  form: 'claim' | 'reply' | 'escalate' | 'ignore' | 'approve' | 'send-back' | 'note';
  fields: Record<string, string>;
  /** Only measured by the pre-flight ("Check the text"), not refused: nothing to mark as invalid. */
  checked?: boolean;
}

const skills = ['billing', 'technical', 'general'] as const;

function TextArea({
  v,
  id,
  name,
  text,
  value,
  limits,
  network,
  invalid,
  placeholder,
  rows = 4,
}: {
  v: View;
  id: string;
  name: string;
  text: string;
  value: string;
  limits?: ReplyLimits | null;
  network?: string;
  invalid?: boolean;
  placeholder?: string;
  rows?: number;
}) {
  const counterId = `${id}-count`;
  const helpId = `${id}-help`;
  return (
    <div class="field">
      <label for={id}>{text}</label>
      <textarea
        id={id}
        name={name}
        rows={rows}
        placeholder={placeholder}
        data-max={limits ? String(limits.max) : undefined}
        data-counter={limits ? counterId : undefined}
        data-template={limits ? v.t('action.counter') : undefined}
        aria-describedby={limits ? helpId : undefined}
        aria-invalid={invalid ? 'true' : undefined}
      >
        {value}
      </textarea>
      {limits ? (
        <p class="field-help" id={helpId}>
          <span>{v.t('action.limit', { max: limits.max, network: v.label('network', network) })}</span>
          <span id={counterId} class={Array.from(value).length > limits.max ? 'counter over' : 'counter'}>
            {v.t('action.counter', { n: Array.from(value).length, max: limits.max })}
          </span>
        </p>
      ) : null}
    </div>
  );
}

function SeenVersion({ composer }: { composer: ComposerState | null }) {
  return composer ? <input type="hidden" name="seen_version" value={String(composer.version)} /> : null;
}

/** A public holding answer sent with the escalation, prefilled with the due time of the SLA. */
function HoldingReply({
  v,
  value,
  send,
  limits,
  network,
}: {
  v: View;
  value: string;
  send: boolean;
  limits: ReplyLimits | null;
  network: string;
}) {
  return (
    <fieldset class="holding">
      <legend>{v.t('ib.holding')}</legend>
      <p class="muted small">{v.t('ib.holdingHelp')}</p>
      <label class="check">
        <input type="checkbox" name="send_holding" value="on" checked={send} /> {v.t('ib.holdingSend')}
      </label>
      <TextArea
        v={v}
        id="holding-body"
        name="holding"
        text={v.t('ib.holding')}
        value={value}
        limits={limits}
        network={network}
        rows={3}
      />
    </fieldset>
  );
}

function Form({ v, action, children }: { v: View; action: string; children: Child }) {
  return (
    <form method="post" action={action}>
      <CsrfField v={v} />
      {children}
    </form>
  );
}

/**
 * The buttons a person may press now: they depend on the case's status, who holds it, and the
 * role. The verbs enforce the same rules; hiding what would fail keeps the page honest.
 */
export function CaseActions({
  v,
  data,
  preflight,
  draft,
  composer = null,
  approver,
}: {
  v: View;
  data: CaseData;
  /** May review this case's expert draft: an advisor, or a designated approver of the brand. */
  approver?: boolean;
  /** Version, canned responses, holding reply: the inbox's additions to the composer. */
  composer?: ComposerState | null;
  /** The network's verdict on answering this case, from the reply pre-flight service. */
  preflight: PreflightView;
  draft: Draft | null;
}) {
  const actor = v.actor;
  if (!actor) return null;
  const c = data.case;
  const base = `/cases/${encodeURIComponent(c.id)}`;
  const role = actor.role;
  const approves = approver ?? can(role, 'case.approve');
  const active = c.status === 'new' || c.status === 'open';
  const heldByOther = c.assigneeId !== null && c.assigneeId !== actor.id;
  const got = (form: Draft['form'], name: string) => (draft?.form === form ? (draft.fields[name] ?? '') : '');
  const invalid = (form: Draft['form']) => draft?.form === form && !draft.checked;
  // An approved answer waits in the outbox: a second reply now would answer the customer twice.
  const replyPending = data.replies.some((r) => r.status === 'queued' || r.status === 'sending');
  const limits = limitsOf(preflight);
  const answerable = canAnswer(preflight);
  // Measures the typed text without sending it: same form, another action.
  const checkButton = (form: 'reply' | 'approve') => (
    <button type="submit" formaction={`${base}/check`} name="check" value={form}>
      {v.t('preflight.check')}
    </button>
  );

  const forms = [];
  if (active && !heldByOther) {
    if (!c.assigneeId && can(role, 'case.claim')) {
      forms.push(
        <Form v={v} action={`${base}/claim`}>
          <button type="submit" class="btn-primary">
            {v.t('action.claim')}
          </button>
        </Form>,
      );
    }
    if (can(role, 'case.reply')) {
      forms.push(
        replyPending ? (
          <p class="notice notice-info">{v.t('case.replyPending')}</p>
        ) : !answerable ? (
          <PreflightVerdict v={v} p={preflight} />
        ) : (
          <Form v={v} action={`${base}/reply`}>
            <h3>{v.t('action.reply')}</h3>
            <PreflightVerdict v={v} p={preflight} />
            <SeenVersion composer={composer} />
            <CannedList v={v} state={composer} base={base} target="reply-body" />
            <TextArea
              v={v}
              id="reply-body"
              name="body"
              text={v.t('action.replyLabel')}
              value={got('reply', 'body')}
              limits={limits}
              network={c.network}
              invalid={invalid('reply')}
            />
            <div class="row">
              <button type="submit" class="btn-primary">
                {v.t('action.replySubmit')}
              </button>
              {checkButton('reply')}
            </div>
          </Form>
        ),
      );
    }
    if (can(role, 'case.escalate')) {
      const chosen = got('escalate', 'skill');
      forms.push(
        <details open={draft?.form === 'escalate'} id="escalate">
          <summary>{v.t('action.escalate')}</summary>
          <Form v={v} action={`${base}/escalate`}>
            <SeenVersion composer={composer} />
            <div class="row">
              <div class="field">
                <label for="esc-skill">{v.t('action.skill')}</label>
                <select id="esc-skill" name="skill">
                  <option value="">{v.t('action.skillDefault')}</option>
                  {skills.map((s) => (
                    <option value={s} selected={chosen === s}>
                      {v.label('skill', s)}
                    </option>
                  ))}
                </select>
              </div>
              <div class="field">
                <label for="esc-other">{v.t('action.skillOther')}</label>
                <input
                  id="esc-other"
                  name="skill_other"
                  type="text"
                  maxlength={64}
                  value={got('escalate', 'skill_other')}
                />
              </div>
            </div>
            <TextArea
              v={v}
              id="esc-note"
              name="note"
              text={v.t('action.note')}
              value={got('escalate', 'note')}
              placeholder={v.t('action.notePlaceholder')}
              rows={3}
            />
            {answerable && can(role, 'case.reply') ? (
              <HoldingReply
                v={v}
                value={
                  draft?.form === 'escalate'
                    ? got('escalate', 'holding')
                    : (composer?.canned?.holding[0]?.body ?? '')
                }
                send={draft?.form === 'escalate' ? got('escalate', 'send_holding') === 'on' : false}
                limits={limits}
                network={c.network}
              />
            ) : null}
            <button type="submit">{v.t('action.escalateSubmit')}</button>
          </Form>
        </details>,
      );
    }
    if (can(role, 'case.ignore')) {
      forms.push(
        <details open={draft?.form === 'ignore'} id="ignore">
          <summary>{v.t('action.ignore')}</summary>
          <Form v={v} action={`${base}/ignore`}>
            <div class="field">
              <label for="ignore-reason">{v.t('action.ignoreReason')}</label>
              <input
                id="ignore-reason"
                name="reason"
                type="text"
                maxlength={500}
                value={got('ignore', 'reason')}
              />
            </div>
            <button type="submit" class="btn-danger">
              {v.t('action.ignoreSubmit')}
            </button>
          </Form>
        </details>,
      );
    }
  }

  if (c.status === 'awaiting_approval' && approves) {
    const pending = [...data.answers].reverse().find((a) => a.status === 'submitted');
    if (pending) {
      const body = draft?.form === 'approve' ? got('approve', 'body') : pending.body;
      const author = answerAuthor(pending, namesOf(data));
      const by = author ? <p class="small">{v.t('teamAnswer.by', { name: author })}</p> : null;
      forms.push(
        !answerable ? (
          <div>
            <h3>{v.t('action.approval')}</h3>
            {by}
            <PreflightVerdict v={v} p={preflight} />
            <p class="quote">{pending.body}</p>
          </div>
        ) : (
          <Form v={v} action={`${base}/approve`}>
            <h3>{v.t('action.approval')}</h3>
            {by}
            <p class="muted small">{v.t('action.approvalHelp')}</p>
            <PreflightVerdict v={v} p={preflight} />
            <TextArea
              v={v}
              id="approve-body"
              name="body"
              text={v.t('action.draft')}
              value={body}
              limits={limits}
              network={c.network}
              invalid={invalid('approve')}
              rows={6}
            />
            <div class="row">
              <button type="submit" class="btn-primary">
                {v.t('action.approve')}
              </button>
              {can(role, 'case.reply') ? checkButton('approve') : null}
            </div>
          </Form>
        ),
        <details open={draft?.form === 'send-back'}>
          <summary>{v.t('action.sendBack')}</summary>
          <Form v={v} action={`${base}/send-back`}>
            <TextArea
              v={v}
              id="sendback-note"
              name="note"
              text={v.t('action.sendBackNote')}
              value={got('send-back', 'note')}
              invalid={invalid('send-back')}
              rows={3}
            />
            <button type="submit">{v.t('action.sendBackSubmit')}</button>
          </Form>
        </details>,
      );
    }
  }

  const canAct = can(role, 'case.claim') || approves;
  if (forms.length === 0 && !canAct) return null;
  return (
    <section class="panel actions" aria-labelledby="actions-h">
      <h2 id="actions-h">{v.t('case.actions')}</h2>
      {active && heldByOther ? (
        <p class="notice notice-info">{v.t('case.heldBy', { name: c.assignee?.name ?? '' })}</p>
      ) : null}
      {forms.length === 0 && c.status === 'waiting_expert' ? (
        <p class="muted">{v.t('case.waitingExpert')}</p>
      ) : null}
      {forms.length === 0 && c.status !== 'waiting_expert' && !(active && heldByOther) ? (
        <p class="muted">{v.t('case.nothingToDo')}</p>
      ) : null}
      {forms}
    </section>
  );
}
