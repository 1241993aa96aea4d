import { Hono } from 'hono';
import { can } from '../../domain/permissions';
import { AppError } from '../../lib/errors';
import {
  ACCURACY_FIELDS,
  type AccuracyCell,
  classificationAccuracy,
} from '../../services/reports/classification-accuracy';
import type { AppEnv } from '../env';
import { ErrorNotice } from './components';
import { needs } from './guard';
import { formatDay, formatNumber, formatPercent, type MessageKey } from './i18n';
import { Layout, sendPage } from './layout';
import { type View, viewOf } from './view';

/** The link the reports page shows to those who may read this one. */
export function AccuracyLink({ v }: { v: View }) {
  if (!v.actor || !can(v.actor.role, 'accuracy.read')) return null;
  return <a href="/reports/accuracy">{v.t('accuracy.link')}</a>;
}

function Share({ v, n, of }: { v: View; n: number; of: number }) {
  if (of === 0) return <span class="muted">–</span>;
  return (
    <>
      <strong>{formatPercent(v.locale, n / of)}</strong>{' '}
      <span class="small muted">
        {v.t('accuracy.ofReviewed', { share: formatNumber(v.locale, n), n: formatNumber(v.locale, of) })}
      </span>
    </>
  );
}

function Cells({ v, cell }: { v: View; cell: AccuracyCell }) {
  return (
    <>
      <td class="num">{formatNumber(v.locale, cell.reviewed)}</td>
      {ACCURACY_FIELDS.map((f) => (
        <td class="num" data-field={f}>
          <Share v={v} n={cell.correct[f]} of={cell.reviewed} />
        </td>
      ))}
    </>
  );
}

const rangeText: Record<string, MessageKey> = {
  'must be a date (YYYY-MM-DD)': 'accuracy.issueDate',
  'must not be after to': 'accuracy.issueOrder',
  'the range is at most 366 days': 'accuracy.issueLong',
};

function rangeIssues(v: View, err: AppError) {
  return err.issues.map((i) => {
    const key = rangeText[i.message];
    const field = i.field === 'to' ? v.t('accuracy.to') : i.field === 'from' ? v.t('accuracy.from') : i.field;
    return { field, message: key ? v.t(key) : i.message };
  });
}

const fieldName = (v: View, f: string) => v.t(`correct.field.${f}` as MessageKey);

/** How often people agreed with the classifier, for admins and marketing. */
export function accuracyPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/reports/accuracy', needs('accuracy.read'), async (c) => {
    const v = viewOf(c);
    const q = c.req.query();
    const input = {
      from: q.from || undefined,
      to: q.to || undefined,
      brandId: q.brand || undefined,
      by: q.by === 'day' || q.by === 'week' ? q.by : undefined,
    };
    let report: Awaited<ReturnType<typeof classificationAccuracy>>;
    let refused: AppError | null = null;
    try {
      report = await classificationAccuracy(c.get('ctx'), input);
    } catch (err) {
      // A hand-edited range shows what is wrong above the default report.
      if (!(err instanceof AppError) || err.code !== 'validation_failed') throw err;
      refused = err;
      report = await classificationAccuracy(c.get('ctx'), { brandId: input.brandId });
    }
    const r = report;
    const header = (
      <tr>
        <th scope="col">{v.t('accuracy.colPeriod')}</th>
        <th scope="col">{v.t('accuracy.colModel')}</th>
        <th scope="col" class="num">
          {v.t('accuracy.colReviewed')}
        </th>
        {ACCURACY_FIELDS.map((f) => (
          <th scope="col" class="num">
            {v.t('accuracy.colCorrect', { field: fieldName(v, f) })}
          </th>
        ))}
      </tr>
    );
    return sendPage(
      c,
      <Layout v={v} title={v.t('accuracy.title')} active="reports">
        <p class="small">
          <a href="/reports">← {v.t('nav.reports')}</a>
        </p>
        <div class="page-head">
          <h1>{v.t('accuracy.title')}</h1>
        </div>
        <p class="muted lead">{v.t('accuracy.intro')}</p>
        {refused ? <ErrorNotice v={v} message={refused.message} issues={rangeIssues(v, refused)} /> : null}
        <form method="get" action="/reports/accuracy" class="panel filters">
          <div class="field">
            <label for="f-from">{v.t('accuracy.from')}</label>
            <input id="f-from" name="from" type="date" value={r.from} />
          </div>
          <div class="field">
            <label for="f-to">{v.t('accuracy.to')}</label>
            <input id="f-to" name="to" type="date" value={r.to} />
          </div>
          <div class="field">
            <label for="f-brand">{v.t('accuracy.brand')}</label>
            <select id="f-brand" name="brand">
              <option value="">{v.t('accuracy.allBrands')}</option>
              {r.brands.map((b) => (
                <option value={b.id} selected={b.id === r.brandId}>
                  {b.name}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="f-by">{v.t('accuracy.colPeriod')}</label>
            <select id="f-by" name="by">
              <option value="day" selected={r.by === 'day'}>
                {v.t('accuracy.byDay')}
              </option>
              <option value="week" selected={r.by === 'week'}>
                {v.t('accuracy.byWeek')}
              </option>
            </select>
          </div>
          <button type="submit">{v.t('accuracy.show')}</button>
        </form>
        {r.rows.length === 0 ? (
          <p class="panel muted">{v.t('accuracy.empty')}</p>
        ) : (
          <div class="table-wrap">
            <table class="table" id="accuracy">
              <thead>{header}</thead>
              <tbody>
                {r.rows.map((row) => (
                  <tr>
                    <th scope="row" class="nowrap">
                      {formatDay(v.locale, row.period)}
                    </th>
                    <td>
                      <code class="small" style="word-break: break-all">
                        {row.modelVersion}
                      </code>
                    </td>
                    <Cells v={v} cell={row} />
                  </tr>
                ))}
              </tbody>
              <tfoot>
                {r.versions.map((row) => (
                  <tr>
                    <th scope="row">{v.t('accuracy.total')}</th>
                    <td>
                      <code class="small" style="word-break: break-all">
                        {row.modelVersion}
                      </code>
                    </td>
                    <Cells v={v} cell={row} />
                  </tr>
                ))}
                <tr id="accuracy-total">
                  <th scope="row">{v.t('accuracy.totalAll')}</th>
                  <td />
                  <Cells v={v} cell={r.total} />
                </tr>
              </tfoot>
            </table>
          </div>
        )}
        <p class="small muted">{v.t('accuracy.definition')}</p>
      </Layout>,
    );
  });
  return app;
}
