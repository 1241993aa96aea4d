import { Hono } from 'hono';
import { AppError } from '../../lib/errors';
import { erasableNetworks, eraseAuthor } from '../../services/accounts/erase-author';
import { dismissDeadLetter } from '../../services/listening/dismiss-dead-letter';
import type { DeadLetterRow } from '../../services/listening/list-dead-letters';
import type { AppEnv } from '../env';
import type { Zones } from './admin-connections';
import { Badge, CsrfField } from './components';
import { needs } from './guard';
import { formatDateTime } from './i18n';
import type { IngestMessageKey } from './messages-ingest-en';
import type { View } from './view';

/** Only known keys render, so a crafted URL cannot put words on the page. */
const flashes: Record<string, { key: IngestMessageKey; ok: boolean }> = {
  dead_letter_dismissed: { key: 'deadLetters.dismissed', ok: true },
  author_erased: { key: 'erase.done', ok: true },
  author_not_found: { key: 'erase.notFound', ok: false },
};

/** Quarantined items on the connections page: what a network sent that could not be read. */
export function DeadLettersSection({
  v,
  rows,
  zones,
  done,
}: {
  v: View;
  rows: DeadLetterRow[];
  zones: Zones;
  done?: string | undefined;
}) {
  const flash = done ? flashes[done] : undefined;
  return (
    <section class="admin-section" aria-labelledby="dead-letters-h" id="dead-letters">
      <div class="section-head">
        <h2 id="dead-letters-h">{v.t('deadLetters.title')}</h2>
      </div>
      {flash ? (
        <p class={`notice ${flash.ok ? 'notice-ok' : 'notice-error'}`} role="status">
          {v.t(flash.key)}
        </p>
      ) : null}
      <p class="small muted">{v.t('deadLetters.help')}</p>
      {rows.length === 0 ? (
        <p class="panel muted" data-dead-letters="0">
          {v.t('deadLetters.none')}
        </p>
      ) : (
        <div class="table-wrap">
          <table class="table" data-dead-letters={String(rows.length)}>
            <thead>
              <tr>
                <th scope="col">{v.t('deadLetters.colListener')}</th>
                <th scope="col">{v.t('deadLetters.colReason')}</th>
                <th scope="col">{v.t('deadLetters.colSeen')}</th>
                <th scope="col">{v.t('deadLetters.colPayload')}</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => {
                const zone = zones.of(d.brandId);
                return (
                  <tr id={`dead-letter-${d.id}`}>
                    <td class="nowrap">
                      {v.label('network', d.network)} <Badge>{v.label('kind', d.listenerKind)}</Badge>
                      <div class="small muted">
                        <code>{d.listenerQuery}</code> · {d.brandName}
                      </div>
                      {d.externalId ? (
                        <div class="small muted">{v.t('deadLetters.id', { id: d.externalId })}</div>
                      ) : null}
                    </td>
                    <td class="break">{d.reason}</td>
                    <td class="nowrap small">
                      {v.t('deadLetters.seen', {
                        n: d.count,
                        time: formatDateTime(v.locale, d.lastSeenAt, zone),
                      })}
                      <div class="muted">
                        {v.t('deadLetters.first', { time: formatDateTime(v.locale, d.firstSeenAt, zone) })}
                      </div>
                    </td>
                    <td class="break">
                      <details>
                        <summary class="small">{d.payload.slice(0, 60)}</summary>
                        <pre class="small break">{d.payload}</pre>
                      </details>
                    </td>
                    <td>
                      <form method="post" action={`/admin/dead-letters/${encodeURIComponent(d.id)}/dismiss`}>
                        <CsrfField v={v} />
                        <button type="submit" class="btn btn-small">
                          {v.t('deadLetters.dismiss')}
                        </button>
                      </form>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <EraseAuthorForm v={v} />
    </section>
  );
}

/** Erasure on a person's request: rare, deliberate, so a plain form with the network and their id. */
function EraseAuthorForm({ v }: { v: View }) {
  return (
    <form method="post" action="/admin/authors/erase" class="panel" id="erase-author" style="margin-top:1rem">
      <h3>{v.t('erase.title')}</h3>
      <p class="small muted">{v.t('erase.help')}</p>
      <CsrfField v={v} />
      <label>
        {v.t('erase.network')}{' '}
        <select name="network" required style="width:auto">
          {erasableNetworks.map((n) => (
            <option value={n}>{v.label('network', n)}</option>
          ))}
        </select>
      </label>{' '}
      <label>
        {v.t('erase.externalId')} <input name="externalId" required maxlength={200} />
      </label>{' '}
      <button type="submit" class="btn btn-small btn-danger">
        {v.t('erase.submit')}
      </button>
    </form>
  );
}

/** The two posts of the section; the page itself is the connections page. */
export function ingestAdminPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const admin = needs('connections.manage');
  app.post('/admin/dead-letters/:id/dismiss', admin, async (c) => {
    await dismissDeadLetter(c.get('ctx'), { id: c.req.param('id') });
    return c.redirect('/admin/connections?done=dead_letter_dismissed#dead-letters', 303);
  });
  app.post('/admin/authors/erase', admin, async (c) => {
    const body = await c.req.parseBody();
    try {
      await eraseAuthor(c.get('ctx'), { network: body.network, externalId: body.externalId });
    } catch (err) {
      if (err instanceof AppError && err.code === 'not_found') {
        return c.redirect('/admin/connections?done=author_not_found#erase-author', 303);
      }
      throw err;
    }
    return c.redirect('/admin/connections?done=author_erased#erase-author', 303);
  });
  return app;
}
