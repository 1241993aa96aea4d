import type { getCase } from '../../services/inbox/get-case';
import { TARGET_DELETED, TARGET_DELETED_MAYBE_SENT } from '../../services/replies/reply-reasons';
import {
  Badge,
  ExternalLink,
  Followers,
  Priority,
  SentimentBadge,
  SpecialistBadge,
  StatusBadge,
} from './components';
import { formatDateTime, formatPercent, has, t } from './i18n';
import { ReplyVerification } from './reply-verification';
import { displayHandle, type View } from './view';

export type CaseData = Awaited<ReturnType<typeof getCase>>;
type Post = CaseData['thread'][number];
type Classification = NonNullable<CaseData['classification']>;

/** Who is who: the history knows every actor's name, so answers and replies can say who wrote them. */
export function namesOf(data: CaseData): Map<string, string> {
  const names = new Map<string, string>();
  for (const h of data.history) if (h.actorId) names.set(h.actorId, h.actorLabel);
  if (data.case.assignee) names.set(data.case.assignee.id, data.case.assignee.name);
  return names;
}

/** Who wrote a draft: the signed-in expert, or the name given on a team question's link. */
export function answerAuthor(
  a: { authorId: string | null; authorName: string | null },
  names: Map<string, string>,
): string | null {
  return a.authorName || (a.authorId && names.get(a.authorId)) || null;
}

function Time({ v, at, zone }: { v: View; at: Date; zone: string }) {
  return <time datetime={at.toISOString()}>{formatDateTime(v.locale, at, zone)}</time>;
}

function PostItem({ v, p, data }: { v: View; p: Post; data: CaseData }) {
  const zone = data.case.brand.timezone;
  return (
    <li class={p.fromBrand ? 'post post-brand' : 'post'}>
      <div class="post-head">
        {p.fromBrand ? <Badge tone="accent">{v.t('case.brand')}</Badge> : null}
        <strong>{p.author.displayName ?? displayHandle(p.author.handle)}</strong>
        {p.author.displayName ? <span>{displayHandle(p.author.handle)}</span> : null}
        <Time v={v} at={p.postedAt} zone={zone} />
        <ExternalLink href={p.url}>
          {v.t('case.viewOn', { network: v.label('network', p.network) })}
        </ExternalLink>
      </div>
      <p class="post-text">{p.deletedAt ? <em class="muted">{v.t('mention.deleted')}</em> : p.text}</p>
    </li>
  );
}

export function Thread({ v, data }: { v: View; data: CaseData }) {
  return (
    <section class="panel" aria-labelledby="thread-h">
      <h2 id="thread-h">{v.t('case.thread')}</h2>
      <ol class="thread">
        {data.thread.map((p) => (
          <PostItem v={v} p={p} data={data} />
        ))}
      </ol>
    </section>
  );
}

export function Facts({ v, data }: { v: View; data: CaseData }) {
  const c = data.case;
  return (
    <section class="panel">
      <dl class="facts">
        <dt>{v.t('case.status')}</dt>
        <dd>
          <StatusBadge v={v} status={c.status} />
        </dd>
        <dt>{v.t('case.priority')}</dt>
        <dd>
          <Priority v={v} n={c.priority} />
        </dd>
        <dt>{v.t('case.assignee')}</dt>
        <dd>{c.assignee ? c.assignee.name : <span class="muted">{v.t('inbox.nobody')}</span>}</dd>
        {c.dueAt && ['new', 'open', 'waiting_expert', 'awaiting_approval'].includes(c.status) ? (
          <>
            <dt>{v.t('case.due')}</dt>
            <dd>
              <Time v={v} at={c.dueAt} zone={c.brand.timezone} />
            </dd>
          </>
        ) : null}
        <dt>{v.t('case.network')}</dt>
        <dd>{v.label('network', c.network)}</dd>
      </dl>
    </section>
  );
}

export function AuthorCard({ v, data }: { v: View; data: CaseData }) {
  const a = data.case.author;
  return (
    <section class="panel" aria-labelledby="author-h">
      <h2 id="author-h">{v.t('case.author')}</h2>
      <p>
        <strong>{a.displayName ?? displayHandle(a.handle)}</strong>
        <br />
        <span class="muted">{displayHandle(a.handle)}</span>
        <br />
        <Followers v={v} n={a.followers} />
      </p>
      <ExternalLink href={a.url}>
        {v.t('author.profile', { network: v.label('network', a.network) })}
      </ExternalLink>
    </section>
  );
}

function Scored({ v, text, score }: { v: View; text: string; score: number }) {
  return (
    <>
      {text} <span class="muted small">{formatPercent(v.locale, score)}</span>
    </>
  );
}

function ScoredLabels({ v, cl }: { v: View; cl: Classification }) {
  return (
    <>
      <dt>{v.t('case.language')}</dt>
      <dd>
        <Scored v={v} text={v.label('language', cl.language)} score={cl.languageScore} />
      </dd>
      <dt>{v.t('case.sentiment')}</dt>
      <dd>
        <SentimentBadge v={v} sentiment={cl.sentiment} />{' '}
        <span class="muted small">{formatPercent(v.locale, cl.sentimentScore)}</span>
      </dd>
      <dt>{v.t('case.intent')}</dt>
      <dd>
        <Scored v={v} text={v.label('intent', cl.intent)} score={cl.intentScore} />
      </dd>
      <dt>{v.t('case.topic')}</dt>
      <dd>
        <Scored v={v} text={v.label('topic', cl.topic)} score={cl.topicScore} />
      </dd>
    </>
  );
}

/**
 * `labels` false leaves the four labels to the correction panel beside it, which shows them as
 * corrected: one page must not show a topic twice with two answers.
 */
export function ClassificationPanel({
  v,
  cl,
  zone,
  labels = true,
}: {
  v: View;
  cl: Classification | null;
  zone: string;
  labels?: boolean;
}) {
  return (
    <section class="panel" aria-labelledby="class-h">
      <h2 id="class-h">{v.t('case.classification')}</h2>
      {cl ? (
        <>
          <dl class="facts">
            {labels ? <ScoredLabels v={v} cl={cl} /> : null}
            <dt>{v.t('case.specialist')}</dt>
            <dd>
              <SpecialistBadge v={v} value={cl.needsSpecialist} />
              {cl.needsSpecialist === 'no' ? v.t('specialist.no') : null}
            </dd>
            <dt>{v.t('case.priority')}</dt>
            <dd>{cl.priority}</dd>
          </dl>
          <p class="muted small">
            {v.t('case.modelVersion', { version: cl.modelVersion })} ·{' '}
            {v.t('case.classifiedAt', { time: formatDateTime(v.locale, cl.createdAt, zone) })}
          </p>
        </>
      ) : (
        <p class="muted">{v.t('case.noClassification')}</p>
      )}
    </section>
  );
}

export function Escalations({ v, data, names }: { v: View; data: CaseData; names: Map<string, string> }) {
  const zone = data.case.brand.timezone;
  return (
    <section class="panel" aria-labelledby="esc-h">
      <h2 id="esc-h">{v.t('case.escalations')}</h2>
      {data.escalations.length === 0 ? <p class="muted">{v.t('case.noEscalations')}</p> : null}
      {data.escalations.map((e) => (
        <div class="item">
          <div class="row">
            <strong>{v.label('skill', e.skill)}</strong>
            <Badge>{e.language.toUpperCase()}</Badge>
            <Badge tone={e.status === 'open' ? 'warn' : e.status === 'answered' ? 'ok' : 'muted'}>
              {v.label('escalation', e.status)}
            </Badge>
            <span class="muted small">
              <Time v={v} at={e.createdAt} zone={zone} />
              {e.createdById && names.get(e.createdById)
                ? ` · ${v.t('case.by', { name: names.get(e.createdById)! })}`
                : ''}
            </span>
          </div>
          <p class="small">
            <span class="muted">{v.t('case.routedTo')}: </span>
            {(v.locale === 'fr' && e.routingReasonFr) ||
              e.routingReason ||
              (e.expertId ? '' : v.t('case.teamQueue'))}
          </p>
          {e.note ? (
            <>
              <p class="muted small">{v.t('case.note')}</p>
              <p class="quote">{e.note}</p>
            </>
          ) : null}
        </div>
      ))}
    </section>
  );
}

export function Answers({ v, data, names }: { v: View; data: CaseData; names: Map<string, string> }) {
  if (data.answers.length === 0 && data.escalations.length === 0) return null;
  const zone = data.case.brand.timezone;
  return (
    <section class="panel" aria-labelledby="ans-h">
      <h2 id="ans-h">{v.t('case.answers')}</h2>
      {data.answers.length === 0 ? <p class="muted">{v.t('case.noAnswers')}</p> : null}
      {data.answers.map((a) => (
        <div class="item">
          <div class="row">
            <strong>{answerAuthor(a, names) ?? v.label('role', 'expert')}</strong>
            <Badge tone={a.status === 'approved' ? 'ok' : a.status === 'returned' ? 'muted' : 'warn'}>
              {v.label('answer', a.status)}
            </Badge>
            <span class="muted small">
              <Time v={v} at={a.createdAt} zone={zone} />
            </span>
          </div>
          <p class="quote">{a.body}</p>
          {a.reviewNote ? (
            <p class="small">
              <span class="muted">{v.t('case.reviewNote')}: </span>
              {a.reviewNote}
            </p>
          ) : null}
        </div>
      ))}
    </section>
  );
}

const replyTone: Record<string, string> = {
  queued: 'accent',
  sending: 'accent',
  sent: 'ok',
  failed: 'neg',
  unknown: 'warn',
  needs_verification: 'warn',
};

export function Outbox({ v, data, names }: { v: View; data: CaseData; names: Map<string, string> }) {
  const zone = data.case.brand.timezone;
  return (
    <section class="panel" aria-labelledby="out-h">
      <h2 id="out-h">{v.t('case.outbox')}</h2>
      {data.replies.length === 0 ? <p class="muted">{v.t('case.noReplies')}</p> : null}
      <ReplyVerification v={v} data={data} />
      {data.replies.map((r) => (
        <div class="item">
          <div class="row">
            <Badge tone={replyTone[r.status]}>{v.label('reply', r.status)}</Badge>
            <span class="muted small">
              <Time v={v} at={r.sentAt ?? r.createdAt} zone={zone} />
              {r.approvedById && names.get(r.approvedById)
                ? ` · ${v.t('case.by', { name: names.get(r.approvedById)! })}`
                : ''}
              {r.attempts > 1 ? ` · ${v.t('case.attempts', { n: r.attempts })}` : ''}
            </span>
            {r.status === 'sent' ? (
              <ExternalLink href={r.externalUrl}>{v.t('case.viewReply')}</ExternalLink>
            ) : null}
          </div>
          <p class="quote">{r.body}</p>
          {r.lastError && r.status !== 'sent' ? (
            <p class="field-error">{replyError(v, r.lastError)}</p>
          ) : null}
        </div>
      ))}
    </section>
  );
}

/** The outbox's own reasons in the reader's language; a network's words are shown as it said them. */
function replyError(v: View, error: string): string {
  if (error === TARGET_DELETED) return v.t('reply.targetDeleted');
  if (error === TARGET_DELETED_MAYBE_SENT) return v.t('reply.targetDeletedMaybeSent');
  return error;
}

function detailText(details: unknown, key: string): string | null {
  if (!details || typeof details !== 'object') return null;
  const value = (details as Record<string, unknown>)[key];
  return typeof value === 'string' && value !== '' ? value : null;
}

export function History({ v, data }: { v: View; data: CaseData }) {
  const zone = data.case.brand.timezone;
  return (
    <section class="panel" aria-labelledby="hist-h">
      <h2 id="hist-h">{v.t('case.history')}</h2>
      <ol class="history">
        {data.history.map((h) => {
          const actor = h.actorId ? h.actorLabel : t(v.locale, 'history.system');
          const key = `history.${h.action}`;
          const sentence = has(key) ? v.t(key, { actor }) : v.t('history.other', { actor, action: h.action });
          const routed = detailText(h.details, v.locale === 'fr' ? 'reasonFr' : 'reason');
          const extra =
            h.action === 'case.escalated' || h.action === 'case.rerouted'
              ? (routed ?? v.label('skill', detailText(h.details, 'skill')))
              : (detailText(h.details, 'note') ?? routed ?? detailText(h.details, 'reason'));
          return (
            <li>
              <Time v={v} at={h.at} zone={zone} />
              <span>
                {sentence}
                {extra ? <span class="muted"> · {extra}</span> : null}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
