import type { listApprovalQueue } from '../../services/escalation/approvers';
import { Age, CsrfField } from './components';
import { displayHandle, excerpt, type View } from './view';

/** The admin's choice of a brand's designated approvers, on the brand's guidelines panel. */
export function ApproversForm({
  v,
  brandId,
  chosen,
  experts,
}: {
  v: View;
  brandId: string;
  chosen: readonly string[];
  experts: readonly { id: string; name: string }[];
}) {
  return (
    <form method="post" action={`/admin/guidelines/${encodeURIComponent(brandId)}/approvers`}>
      <CsrfField v={v} />
      <fieldset class="checks">
        <legend>{v.t('approvers.title')}</legend>
        <p class="muted small">{v.t('approvers.help')}</p>
        {experts.length === 0 ? <p class="muted small">{v.t('approvers.none')}</p> : null}
        <div class="row">
          {experts.map((e) => (
            <label class="check">
              <input type="checkbox" name="approvers" value={e.id} checked={chosen.includes(e.id)} /> {e.name}
            </label>
          ))}
        </div>
      </fieldset>
      <p>
        <button type="submit">{v.t('approvers.save')}</button>
      </p>
    </form>
  );
}

type Pending = Awaited<ReturnType<typeof listApprovalQueue>>[number];

/** A designated approver's drafts to review, above their questions; nothing when there are none. */
export function ApprovalQueue({ v, drafts }: { v: View; drafts: readonly Pending[] }) {
  if (drafts.length === 0) return null;
  return (
    <section class="panel" aria-labelledby="approval-h">
      <h2 id="approval-h">{v.t('approval.queue')}</h2>
      <p class="muted small">{v.t('approval.queueHelp')}</p>
      <div class="table-wrap">
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{v.t('approval.colDraft')}</th>
              <th scope="col">{v.t('approval.colBrand')}</th>
              <th scope="col">{v.t('approval.colSubmitted')}</th>
              <th scope="col">
                <span class="visually-hidden">{v.t('inbox.colActions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {drafts.map((d) => {
              const href = `/cases/${encodeURIComponent(d.caseId)}`;
              return (
                <tr>
                  <td class="case-cell">
                    <div class="case-who">
                      <strong>{displayHandle(d.author)}</strong>
                      <span>{v.label('network', d.network)}</span>
                    </div>
                    <a class="case-text" href={href}>
                      {excerpt(d.body)}
                    </a>
                  </td>
                  <td>{d.brand}</td>
                  <td>
                    <Age v={v} since={d.submittedAt} />
                  </td>
                  <td>
                    <a class="btn btn-small btn-primary" href={href}>
                      {v.t('approval.review')}
                    </a>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
