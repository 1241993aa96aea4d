import type { listCases } from '../../services/reports/list-cases';
import type { listMentions } from '../../services/reports/list-mentions';
import { formatDateTime, formatNumber } from './i18n';
import { FilterForm, formatSeconds, hrefWith, linkFilters, RangeLine, ReportNav } from './report-common';
import { displayHandle, excerpt, httpUrl, type View } from './view';

type Mentions = Awaited<ReturnType<typeof listMentions>>;
type Cases = Awaited<ReturnType<typeof listCases>>;

/** Read-only: marketing sees what was said, never a reply box or an internal note. */
export function MentionListBody({ v, r }: { v: View; r: Mentions }) {
  const f = linkFilters(r.scope);
  return (
    <>
      <div class="page-head">
        <h1>{v.t('rep.list.mentions')}</h1>
        <ReportNav v={v} active="sentiment" filters={f} />
      </div>
      <FilterForm v={v} path="/reports/mentions" scope={r.scope} />
      <RangeLine v={v} scope={r.scope} />
      <p class="exports">
        <a class="button" href={hrefWith('/reports/export/mentions.csv', f)} download>
          {v.t('rep.exportMentions')}
        </a>
      </p>
      <section class="panel">
        {r.items.length === 0 ? (
          <p class="muted">{v.t('rep.none')}</p>
        ) : (
          <table class="table mention-list">
            <thead>
              <tr>
                <th scope="col">{v.t('rep.list.when')}</th>
                <th scope="col">{v.t('rep.volume.author')}</th>
                <th scope="col">{v.t('rep.list.text')}</th>
                <th scope="col">{v.t('rep.sentimentLabel')}</th>
                <th scope="col">{v.t('rep.topic')}</th>
                <th scope="col">{v.t('rep.network')}</th>
              </tr>
            </thead>
            <tbody>
              {r.items.map((m) => {
                const url = httpUrl(m.url);
                return (
                  <tr>
                    <td>{formatDateTime(v.locale, m.postedAt, r.scope.tz)}</td>
                    <td>
                      {displayHandle(m.author)}
                      {m.followers !== null ? (
                        <span class="muted"> · {formatNumber(v.locale, m.followers)}</span>
                      ) : null}
                    </td>
                    <td>
                      {excerpt(m.text, 280)}
                      {url ? (
                        <>
                          {' '}
                          <a href={url} rel="noopener noreferrer nofollow" target="_blank">
                            {v.t('rep.list.open')}
                          </a>
                        </>
                      ) : null}
                    </td>
                    <td>{v.label('sentiment', m.sentiment)}</td>
                    <td>{v.label('topic', m.topic)}</td>
                    <td>{v.label('network', m.network)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        {r.next ? (
          <p>
            <a href={hrefWith('/reports/mentions', f, { after: r.next })}>{v.t('rep.list.more')}</a>
          </p>
        ) : null}
      </section>
    </>
  );
}

export function CaseListBody({ v, r }: { v: View; r: Cases }) {
  const f = linkFilters(r.scope);
  return (
    <>
      <div class="page-head">
        <h1>{v.t('rep.list.cases')}</h1>
        <ReportNav v={v} active="care" filters={f} />
      </div>
      <FilterForm v={v} path="/reports/cases" scope={r.scope} />
      <RangeLine v={v} scope={r.scope} />
      <p class="exports">
        <a class="button" href={hrefWith('/reports/export/cases.csv', f)} download>
          {v.t('rep.exportCases')}
        </a>
      </p>
      <section class="panel">
        {r.items.length === 0 ? (
          <p class="muted">{v.t('rep.none')}</p>
        ) : (
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{v.t('rep.list.opened')}</th>
                <th scope="col">{v.t('rep.list.status')}</th>
                <th scope="col">{v.t('rep.topic')}</th>
                <th scope="col">{v.t('rep.intent')}</th>
                <th scope="col">{v.t('rep.network')}</th>
                <th scope="col" class="num">
                  {v.t('rep.care.firstResponse')}
                </th>
                <th scope="col" class="num">
                  {v.t('rep.care.resolution')}
                </th>
              </tr>
            </thead>
            <tbody>
              {r.items.map((c) => (
                <tr>
                  <td>{formatDateTime(v.locale, c.createdAt, r.scope.tz)}</td>
                  <td>{v.label('status', c.status)}</td>
                  <td>{v.label('topic', c.topic)}</td>
                  <td>{v.label('intent', c.intent)}</td>
                  <td>{v.label('network', c.network)}</td>
                  <td class="num">{formatSeconds(v, c.firstResponseSeconds)}</td>
                  <td class="num">{formatSeconds(v, c.resolutionSeconds)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {r.next ? (
          <p>
            <a href={hrefWith('/reports/cases', f, { after: r.next })}>{v.t('rep.list.more')}</a>
          </p>
        ) : null}
      </section>
    </>
  );
}
