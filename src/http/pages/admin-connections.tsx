import type { costPerPostRead, listConnections } from '../../services/admin/list-connections';
import { Badge, CsrfField } from './components';
import { formatDateTime, formatInterval, formatNumber, formatUsd } from './i18n';
import { displayHandle, type View } from './view';

export type Connections = Awaited<ReturnType<typeof listConnections>>;
type Account = Connections['accounts'][number];
type Listener = Connections['listeners'][number];
type Channel = Connections['channels'][number];

/** The health columns every connection carries. */
interface Health {
  consecutiveFailures: number;
  lastSuccessAt: Date | null;
  lastErrorAt: Date | null;
  lastError: string | null;
  createdAt: Date;
}

/** Times are shown in a brand's timezone, like everywhere else; rows without a brand use the first one. */
export interface Zones {
  of(brandId: string | null): string;
}

const failing = (h: Health) => h.consecutiveFailures > 0;

/**
 * A failing connection has not worked since its last success (or since it was added, if it never
 * worked): that is the moment ingestion silently stopped, which is what the admin needs to know.
 * The earlier of creation and first known error covers rows whose clocks disagree.
 */
function outageStart(h: Health): Date {
  if (h.lastSuccessAt) return h.lastSuccessAt;
  return h.lastErrorAt && h.lastErrorAt < h.createdAt ? h.lastErrorAt : h.createdAt;
}

function HealthCell({ v, h, zone }: { v: View; h: Health; zone: string }) {
  if (failing(h)) {
    const n = h.consecutiveFailures;
    return (
      <div class="health health-bad">
        <Badge tone="danger">{v.t('health.notWorking')}</Badge>
        <p class="health-error">
          {v.t('health.since', {
            time: formatDateTime(v.locale, outageStart(h), zone),
            error: h.lastError ?? '',
          })}
        </p>
        <p class="small muted">
          {n === 1 ? v.t('health.failuresOne') : v.t('health.failures', { n })}
          {' · '}
          {h.lastSuccessAt
            ? v.t('health.lastSuccess', { time: formatDateTime(v.locale, h.lastSuccessAt, zone) })
            : v.t('health.neverSucceeded')}
          {h.lastErrorAt
            ? ` · ${v.t('health.lastError', { time: formatDateTime(v.locale, h.lastErrorAt, zone) })}`
            : ''}
        </p>
      </div>
    );
  }
  if (!h.lastSuccessAt) {
    return (
      <div class="health">
        <Badge tone="muted">{v.t('health.unused')}</Badge>
      </div>
    );
  }
  return (
    <div class="health">
      <Badge tone="ok-strong">{v.t('health.working')}</Badge>
      <p class="small muted">
        {v.t('health.lastSuccess', { time: formatDateTime(v.locale, h.lastSuccessAt, zone) })}
      </p>
    </div>
  );
}

/** Everything that is broken, first thing on the page: silent stops are what users of other tools hate most. */
export function BrokenBanner({ v, data, zones }: { v: View; data: Connections; zones: Zones }) {
  const items = [
    ...data.accounts.filter(failing).map((a) => ({
      href: `#account-${a.id}`,
      what: v.t('admin.brokenAccount', {
        network: v.label('network', a.network),
        handle: displayHandle(a.handle),
      }),
      h: a as Health,
      zone: zones.of(a.brandId),
    })),
    ...data.listeners.filter(failing).map((l) => ({
      href: `#listener-${l.id}`,
      what: v.t('admin.brokenListener', { network: v.label('network', l.network), query: l.query }),
      h: l as Health,
      zone: zones.of(l.brandId),
    })),
    ...data.channels.filter(failing).map((c) => ({
      href: `#channel-${c.id}`,
      what: v.t('admin.brokenChannel', { name: c.name }),
      h: c as Health,
      zone: zones.of(null),
    })),
  ];
  const total = data.accounts.length + data.listeners.length + data.channels.length;
  if (items.length === 0) {
    return total > 0 ? (
      <p class="notice notice-ok" data-health="ok">
        {v.t('admin.allWorking')}
      </p>
    ) : null;
  }
  return (
    <section class="broken-banner" role="alert" aria-labelledby="broken-h" data-health="broken">
      <h2 id="broken-h">
        {items.length === 1 ? v.t('admin.brokenOne') : v.t('admin.broken', { n: items.length })}
      </h2>
      <p>{v.t('admin.brokenHelp')}</p>
      <ul>
        {items.map((i) => (
          <li>
            <a href={i.href}>{i.what}</a>
            {': '}
            {v.t('health.since', {
              time: formatDateTime(v.locale, outageStart(i.h), i.zone),
              error: i.h.lastError ?? '',
            })}
          </li>
        ))}
      </ul>
    </section>
  );
}

function SectionHead({
  id,
  title,
  href,
  action,
}: {
  id: string;
  title: string;
  href: string;
  action: string;
}) {
  return (
    <div class="section-head">
      <h2 id={id}>{title}</h2>
      <a class="btn btn-small btn-primary" href={href}>
        {action}
      </a>
    </div>
  );
}

export function AccountsSection({ v, rows, zones }: { v: View; rows: Account[]; zones: Zones }) {
  return (
    <section class="admin-section" aria-labelledby="accounts-h">
      <SectionHead
        id="accounts-h"
        title={v.t('admin.accounts')}
        href="/admin/accounts/new"
        action={v.t('admin.connectAccount')}
      />
      {rows.length === 0 ? (
        <p class="panel muted">{v.t('admin.noAccounts')}</p>
      ) : (
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{v.t('admin.colNetwork')}</th>
                <th scope="col">{v.t('admin.colAccount')}</th>
                <th scope="col">{v.t('admin.colBrand')}</th>
                <th scope="col">{v.t('admin.colBaseUrl')}</th>
                <th scope="col">{v.t('admin.colCredentials')}</th>
                <th scope="col">{v.t('admin.colHealth')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => (
                <tr id={`account-${a.id}`} class={failing(a) ? 'row-bad' : undefined}>
                  <td class="nowrap">{v.label('network', a.network)}</td>
                  <td>
                    <strong>{displayHandle(a.handle)}</strong>
                    {a.externalUserId ? (
                      <div class="small muted">{v.t('admin.userId', { id: a.externalUserId })}</div>
                    ) : null}
                  </td>
                  <td>{a.brandName}</td>
                  <td class="break">
                    {a.baseUrl ? (
                      <code>{a.baseUrl}</code>
                    ) : (
                      <span class="muted">{v.t('admin.baseUrlDefault')}</span>
                    )}
                    {a.readsPostingLimits ? (
                      <PostingLimitsNote v={v} a={a} zone={zones.of(a.brandId)} />
                    ) : null}
                  </td>
                  <td class="nowrap">
                    {a.hasCredentials ? (
                      <Badge tone="accent">{v.t('admin.credentialsStored')}</Badge>
                    ) : (
                      <span class="muted">{v.t('admin.credentialsNone')}</span>
                    )}
                  </td>
                  <td class="health-cell">
                    <HealthCell v={v} h={a} zone={zones.of(a.brandId)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The instance's own limit on characters per post, and a way to read it again. */
function PostingLimitsNote({ v, a, zone }: { v: View; a: Account; zone: string }) {
  const limits = a.postingLimits;
  return (
    <div class="small muted posting-limits">
      {limits
        ? v.t('admin.limitsRead', {
            n: formatNumber(v.locale, limits.maxCharacters),
            time: formatDateTime(v.locale, new Date(limits.readAt), zone),
          })
        : v.t('admin.limitsUnread')}{' '}
      <form method="post" action={`/admin/accounts/${encodeURIComponent(a.id)}/limits`} class="inline">
        <CsrfField v={v} />
        <button type="submit" class="btn-small">
          {v.t('admin.limitsReread')}
        </button>
      </form>
    </div>
  );
}

function Usage({ v, l }: { v: View; l: Listener }) {
  return (
    <>
      <div>{v.t('admin.postsToday', { n: l.postsReadToday })}</div>
      <div class="small muted">{v.t('admin.posts30', { n: l.postsRead30Days })}</div>
    </>
  );
}

function Cost({ v, l }: { v: View; l: Listener }) {
  if (l.costToday === null || l.cost30Days === null) return <span class="muted">{v.t('admin.free')}</span>;
  return (
    <>
      <div>{v.t('admin.postsToday', { n: formatUsd(v.locale, l.costToday) })}</div>
      <div class="small muted">{v.t('admin.posts30', { n: formatUsd(v.locale, l.cost30Days) })}</div>
    </>
  );
}

export function ListenersSection({
  v,
  rows,
  zones,
  prices,
}: {
  v: View;
  rows: Listener[];
  zones: Zones;
  prices: typeof costPerPostRead;
}) {
  const billed = rows.some((l) => l.costToday !== null);
  return (
    <section class="admin-section" aria-labelledby="listeners-h">
      <SectionHead
        id="listeners-h"
        title={v.t('admin.listeners')}
        href="/admin/listeners/new"
        action={v.t('admin.addListener')}
      />
      {rows.length === 0 ? (
        <p class="panel muted">{v.t('admin.noListeners')}</p>
      ) : (
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{v.t('admin.colNetwork')}</th>
                <th scope="col">{v.t('admin.colListener')}</th>
                <th scope="col">{v.t('admin.colSchedule')}</th>
                <th scope="col">{v.t('admin.colHealth')}</th>
                <th scope="col" class="num">
                  {v.t('admin.colUsage')}
                </th>
                <th scope="col" class="num">
                  {v.t('admin.colCost')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((l) => {
                const zone = zones.of(l.brandId);
                return (
                  <tr id={`listener-${l.id}`} class={failing(l) ? 'row-bad' : undefined}>
                    <td class="nowrap">
                      {v.label('network', l.network)}
                      <div class="small muted">{l.brandName}</div>
                    </td>
                    <td class="break">
                      <Badge>{v.label('kind', l.kind)}</Badge> <code>{l.query}</code>
                      {l.target ? (
                        <div class="small muted">{v.t('admin.in', { target: l.target })}</div>
                      ) : null}
                      {l.enabled ? null : (
                        <div>
                          <Badge tone="muted">{v.t('admin.disabled')}</Badge>
                        </div>
                      )}
                    </td>
                    <td class="nowrap">
                      {v.t('admin.every', { interval: formatInterval(v.locale, l.intervalSeconds) })}
                      {l.enabled ? (
                        <div class="small muted">
                          {v.t('admin.nextPoll', { time: formatDateTime(v.locale, l.nextPollAt, zone) })}
                        </div>
                      ) : null}
                    </td>
                    <td class="health-cell">
                      <HealthCell v={v} h={l} zone={zone} />
                    </td>
                    <td class="num nowrap">
                      <Usage v={v} l={l} />
                    </td>
                    <td class="num nowrap">
                      <Cost v={v} l={l} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {billed && prices.x !== undefined ? (
        <p class="small muted">{v.t('admin.costHelp', { price: formatUsd(v.locale, prices.x) })}</p>
      ) : null}
    </section>
  );
}

/** The service already reduces a webhook URL to its host (the path is the secret); e-mail stays whole. */
function channelTarget(c: Channel): string {
  return c.kind === 'email' ? c.target : `${c.target}/…`;
}

export function ChannelsSection({ v, rows, zones }: { v: View; rows: Channel[]; zones: Zones }) {
  const zone = zones.of(null);
  return (
    <section class="admin-section" aria-labelledby="channels-h">
      <SectionHead
        id="channels-h"
        title={v.t('admin.channels')}
        href="/admin/channels/new"
        action={v.t('admin.addChannel')}
      />
      {rows.length === 0 ? (
        <p class="notice notice-warn">{v.t('admin.noChannels')}</p>
      ) : (
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{v.t('admin.colName')}</th>
                <th scope="col">{v.t('admin.colKind')}</th>
                <th scope="col">{v.t('admin.colTarget')}</th>
                <th scope="col">{v.t('admin.colAudiences')}</th>
                <th scope="col">{v.t('admin.colHealth')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr id={`channel-${c.id}`} class={failing(c) ? 'row-bad' : undefined}>
                  <td>
                    <strong>{c.name}</strong>
                    {c.enabled ? null : (
                      <div>
                        <Badge tone="muted">{v.t('admin.disabled')}</Badge>
                      </div>
                    )}
                  </td>
                  <td class="nowrap">
                    {v.label('channelKind', c.kind)}
                    {c.kind === 'webhook' ? (
                      <div class="small muted">{c.signed ? v.t('admin.signed') : v.t('admin.unsigned')}</div>
                    ) : null}
                  </td>
                  <td class="break">
                    <code>{channelTarget(c)}</code>
                  </td>
                  <td>
                    <div class="badges">
                      {c.audiences.map((a) => (
                        <Badge>{v.label('audience', a)}</Badge>
                      ))}
                    </div>
                  </td>
                  <td class="health-cell">
                    <HealthCell v={v} h={c} zone={zone} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
