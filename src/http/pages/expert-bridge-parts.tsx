import { checkGuidelines, type Guidelines } from '../../domain/guidelines';
import { formatPercent } from './i18n';
import type { View } from './view';

/** What the approver reads before approving: tone notes, and each rule the draft breaks. */
export function GuidelinesCheck({ v, rules, text }: { v: View; rules: Guidelines; text: string }) {
  const violations = checkGuidelines(rules, text);
  return (
    <section class="panel" aria-labelledby="guidelines-h">
      <h2 id="guidelines-h">{v.t('guidelines.panel')}</h2>
      {rules.toneNotes ? <p class="quote">{rules.toneNotes}</p> : null}
      {violations.length === 0 ? (
        <p class="small">{v.t('guidelines.ok')}</p>
      ) : (
        <ul class="field-error">
          {violations.map((x) => (
            <li>
              {x.kind === 'forbidden'
                ? v.t('guidelines.forbiddenWord', { word: x.word })
                : v.t('guidelines.tooLong', { used: x.used, max: x.max })}
            </li>
          ))}
        </ul>
      )}
      <p class="muted small">
        {rules.signWithExpert ? v.t('guidelines.signed') : v.t('guidelines.unsigned')}
      </p>
    </section>
  );
}

export function Score({ v, score }: { v: View; score: number }) {
  return <span class="muted small">{formatPercent(v.locale, score)}</span>;
}

/** The expert's draft an advisor sent back for this question, if any: the newest one. */
export function returnedAnswer<A extends { escalationId: string | null; status: string }>(
  answers: readonly A[],
  escalationId: string,
): A | undefined {
  return [...answers].reverse().find((a) => a.escalationId === escalationId && a.status === 'returned');
}

/** What the advisor wrote when escalating: shown above the thread wherever the expert answers. */
export function AdvisorNote({ v, note }: { v: View; note: string | null }) {
  return note ? (
    <section class="panel">
      <h2>{v.t('case.note')}</h2>
      <p class="quote">{note}</p>
    </section>
  ) : null;
}
