import { can } from '../../domain/permissions';
import type { Ctx } from '../../services/context';
import { listExperts } from '../../services/escalation/expert-directory';
import { guidelinesOf } from '../../services/escalation/guidelines';
import { suggestForCase } from '../../services/knowledge/knowledge-base';
import type { CaseData } from './case-view';
import { CsrfField } from './components';
import { GuidelinesCheck, Score } from './expert-bridge-parts';
import type { View } from './view';

/**
 * The expert bridge on the case page: the brand's guidelines next to a draft waiting for approval,
 * and for an open question the closest reusable answers, each usable without escalating.
 */
export async function ExpertBridgePanel({
  v,
  data,
  ctx,
  approver = false,
}: {
  v: View;
  data: CaseData;
  ctx: Ctx;
  approver?: boolean;
}) {
  const c = data.case;
  if (c.status === 'awaiting_approval' && approver) {
    const draft = [...data.answers].reverse().find((a) => a.status === 'submitted')?.body ?? '';
    return <GuidelinesCheck v={v} rules={await guidelinesOf(ctx.db, c.brandId)} text={draft} />;
  }
  if (!v.actor || !can(v.actor.role, 'case.reply')) return null;
  if (c.status === 'awaiting_approval') {
    const draft = [...data.answers].reverse().find((a) => a.status === 'submitted')?.body ?? '';
    return <GuidelinesCheck v={v} rules={await guidelinesOf(ctx.db, c.brandId)} text={draft} />;
  }
  if (c.status === 'waiting_expert') {
    const open = data.escalations.find((e) => e.status === 'open');
    if (!open || !can(v.actor.role, 'case.reroute')) return null;
    return <RerouteForm v={v} escalationId={open.id} caseId={c.id} experts={await listExperts(ctx)} />;
  }
  if (c.status !== 'new' && c.status !== 'open') return null;
  const suggestions = await suggestForCase(ctx, c.id);
  if (suggestions.length === 0) return null;
  return (
    <section class="panel" aria-labelledby="kb-h">
      <h2 id="kb-h">{v.t('kb.suggestions')}</h2>
      <p class="muted small">{v.t('kb.suggestionsHelp')}</p>
      {suggestions.map((s, i) => (
        <div class="item">
          <p class="small">
            <strong>{s.question}</strong> <Score v={v} score={s.score} />
          </p>
          <form method="post" action={`/cases/${encodeURIComponent(c.id)}/knowledge-reply`}>
            <CsrfField v={v} />
            <input type="hidden" name="knowledgeAnswerId" value={s.id} />
            <label for={`kb-use-${i}`} class="small">
              {v.t('kb.useLabel')}
            </label>
            <textarea id={`kb-use-${i}`} name="body" rows={3}>
              {s.answer}
            </textarea>
            <button type="submit">{v.t('kb.use')}</button>
          </form>
        </div>
      ))}
    </section>
  );
}

function RerouteForm({
  v,
  escalationId,
  caseId,
  experts,
}: {
  v: View;
  escalationId: string;
  caseId: string;
  experts: { id: string; name: string; skills: string[]; openQuestions: number }[];
}) {
  const skills = [...new Set(experts.flatMap((e) => e.skills))].sort();
  return (
    <section class="panel" aria-labelledby="reroute-h">
      <details>
        <summary id="reroute-h">{v.t('reroute.title')}</summary>
        <form
          method="post"
          action={`/escalations/${encodeURIComponent(escalationId)}/reroute`}
          class="filters"
        >
          <CsrfField v={v} />
          <input type="hidden" name="caseId" value={caseId} />
          <div class="field">
            <label for="reroute-expert">{v.t('reroute.expert')}</label>
            <select id="reroute-expert" name="expertId">
              <option value="">—</option>
              {experts.map((e) => (
                <option value={e.id}>
                  {e.name} ({e.skills.join(', ')} · {e.openQuestions})
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="reroute-team">{v.t('reroute.team')}</label>
            <select id="reroute-team" name="skill">
              <option value="">—</option>
              {skills.map((s) => (
                <option value={s}>{v.label('skill', s)}</option>
              ))}
            </select>
          </div>
          <button type="submit">{v.t('reroute.submit')}</button>
        </form>
      </details>
    </section>
  );
}
