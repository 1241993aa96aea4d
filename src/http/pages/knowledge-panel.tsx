import { can } from '../../domain/permissions';
import type { Ctx } from '../../services/context';
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
export async function ExpertBridgePanel({ v, data, ctx }: { v: View; data: CaseData; ctx: Ctx }) {
  if (!v.actor || !can(v.actor.role, 'case.reply')) return null;
  const c = data.case;
  if (c.status === 'awaiting_approval') {
    const draft = [...data.answers].reverse().find((a) => a.status === 'submitted')?.body ?? '';
    return <GuidelinesCheck v={v} rules={await guidelinesOf(ctx.db, c.brandId)} text={draft} />;
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
