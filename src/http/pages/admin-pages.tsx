import { type Context, Hono } from 'hono';
import type { Child } from 'hono/jsx';
import { AppError, statusOf } from '../../lib/errors';
import { rereadPostingLimits } from '../../services/accounts/read-posting-limits';
import { addChannel } from '../../services/admin/add-channel';
import { connectAccount } from '../../services/admin/connect-account';
import { createListener } from '../../services/admin/create-listener';
import { listBrands } from '../../services/admin/list-brands';
import { costPerPostRead, listConnections } from '../../services/admin/list-connections';
import { previewListener } from '../../services/admin/preview-listener';
import type { Ctx } from '../../services/context';
import { listDeadLetters } from '../../services/listening/list-dead-letters';
import type { AppEnv } from '../env';
import {
  AccountsSection,
  BrokenBanner,
  ChannelsSection,
  ListenersSection,
  type Zones,
} from './admin-connections';
import { DeadLettersSection } from './admin-dead-letters';
import { type FormState, type FormValues, readFormValues } from './admin-fields';
import { AccountForm, type BrandChoice, ChannelForm, ListenerForm, type PreviewResult } from './admin-forms';
import { credentialField, credentialKeys } from './admin-help';
import { Notice } from './components';
import { translateMessage } from './error-text';
import { needs } from './guard';
import { Layout, sendPage } from './layout';
import { type View, viewOf } from './view';

/** The brands an admin connects things for, with their timezones. */
const brandChoices = (ctx: Ctx): Promise<BrandChoice[]> => listBrands(ctx);

function zonesOf(brands: BrandChoice[]): Zones {
  const byId = new Map(brands.map((b) => [b.id, b.timezone]));
  const fallback = brands[0]?.timezone ?? 'UTC';
  return { of: (id) => (id ? (byId.get(id) ?? fallback) : fallback) };
}

const text = (values: FormValues, name: string): string => {
  const v = values[name];
  return (Array.isArray(v) ? v[0] : v) ?? '';
};
const list = (values: FormValues, name: string): string[] => {
  const v = values[name];
  return Array.isArray(v) ? v : v ? [v] : [];
};
/** An empty optional field is absent, not an empty string the service would store or reject. */
const optional = (value: string): string | undefined => (value.trim() === '' ? undefined : value.trim());

/**
 * A refusal the person can fix on the same form: field problems (400) or a conflict (409).
 * Anything else is an error page.
 */
function refusal(v: View, err: unknown, values: FormValues): { status: number; state: FormState } | null {
  if (!(err instanceof AppError)) return null;
  if (err.code === 'validation_failed') return { status: 400, state: { values, issues: err.issues } };
  if (err.code === 'conflict') {
    return {
      status: statusOf.conflict,
      state: { values, issues: [], message: translateMessage(v.locale, err.message) },
    };
  }
  return null;
}

function page(c: Context<AppEnv>, v: View, title: string, body: Child, status = 200) {
  return sendPage(
    c,
    <Layout v={v} title={title} active="connections">
      {body}
    </Layout>,
    status,
  );
}

/** The credentials of the chosen network only: the other networks' fields are ignored, whatever they hold. */
function credentialsFrom(values: FormValues, network: string): Record<string, string> | undefined {
  const spec = credentialKeys.find((k) => k.network === network);
  if (!spec) return undefined;
  const out: Record<string, string> = {};
  for (const key of spec.keys) {
    const value = text(values, credentialField(network, key.name)).trim();
    if (value !== '') out[key.name] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** What may go back to the browser: never a credential, even one the admin just typed. */
function withoutSecrets(values: FormValues): { kept: FormValues; typed: boolean } {
  const kept: FormValues = {};
  let typed = false;
  for (const [name, value] of Object.entries(values)) {
    if (name.startsWith('cred_')) typed ||= text(values, name).trim() !== '';
    else if (name !== 'secret') kept[name] = value;
  }
  return { kept, typed };
}

function listenerInputOf(values: FormValues) {
  return {
    brandId: text(values, 'brandId'),
    network: text(values, 'network'),
    kind: text(values, 'kind'),
    query: text(values, 'query'),
    target: optional(text(values, 'target')),
    intervalSeconds: text(values, 'intervalSeconds') || undefined,
    accountId: optional(text(values, 'accountId')),
    competitor: optional(text(values, 'competitor')),
  };
}

/** The admin's side: accounts, listeners and notification channels, with their health first. */
export function adminPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const admin = needs('connections.manage');

  app.get('/admin', admin, (c) => c.redirect('/admin/connections', 302));

  app.get('/admin/connections', admin, async (c) => {
    const ctx = c.get('ctx');
    const v = viewOf(c);
    const [data, brands, dead] = await Promise.all([
      listConnections(ctx),
      brandChoices(ctx),
      listDeadLetters(ctx),
    ]);
    const zones = zonesOf(brands);
    return page(
      c,
      v,
      v.t('admin.title'),
      <>
        <div class="page-head">
          <h1>{v.t('admin.title')}</h1>
        </div>
        <BrokenBanner v={v} data={data} zones={zones} />
        <Notice v={v} done={c.req.query('done')} />
        <p class="muted lead">{v.t('admin.intro')}</p>
        <AccountsSection v={v} rows={data.accounts} zones={zones} />
        <ListenersSection v={v} rows={data.listeners} zones={zones} prices={costPerPostRead} />
        <ChannelsSection v={v} rows={data.channels} zones={zones} />
        <DeadLettersSection v={v} rows={dead} zones={zones} done={c.req.query('done')} />
      </>,
    );
  });

  app.get('/admin/accounts/new', admin, async (c) => {
    const v = viewOf(c);
    const brands = await brandChoices(c.get('ctx'));
    return page(c, v, v.t('account.title'), <AccountForm v={v} brands={brands} />);
  });

  app.post('/admin/accounts', admin, async (c) => {
    const ctx = c.get('ctx');
    const values = await readFormValues(c);
    const network = text(values, 'network');
    let connected: Awaited<ReturnType<typeof connectAccount>>;
    try {
      connected = await connectAccount(ctx, {
        brandId: text(values, 'brandId'),
        network,
        handle: text(values, 'handle'),
        externalUserId: optional(text(values, 'externalUserId')),
        baseUrl: optional(text(values, 'baseUrl')),
        credentials: credentialsFrom(values, network),
      });
    } catch (err) {
      const v = viewOf(c, { path: '/admin/accounts/new' });
      const { kept, typed } = withoutSecrets(values);
      const refused = refusal(v, err, kept);
      if (!refused) throw err;
      const brands = await brandChoices(ctx);
      return page(
        c,
        v,
        v.t('account.title'),
        <AccountForm v={v} s={refused.state} brands={brands} typedSecrets={typed} />,
        refused.status,
      );
    }
    const done =
      connected.postingLimits.status === 'network-wide'
        ? 'account_connected'
        : `account_limits_${connected.postingLimits.status}`;
    return c.redirect(`/admin/connections?done=${done}`, 303);
  });

  app.post('/admin/accounts/:id/limits', admin, async (c) => {
    const read = await rereadPostingLimits(c.get('ctx'), c.req.param('id'));
    return c.redirect(`/admin/connections?done=limits_${read.status}#account-${c.req.param('id')}`, 303);
  });

  const listenerPage = async (
    c: Context<AppEnv>,
    state?: FormState,
    preview?: PreviewResult,
    status = 200,
  ) => {
    const ctx = c.get('ctx');
    const v = viewOf(c, { path: '/admin/listeners/new' });
    const [brands, data] = await Promise.all([brandChoices(ctx), listConnections(ctx)]);
    return page(
      c,
      v,
      v.t('listener.title'),
      <ListenerForm v={v} s={state} brands={brands} accounts={data.accounts} preview={preview} />,
      status,
    );
  };

  app.get('/admin/listeners/new', admin, (c) => listenerPage(c));

  app.post('/admin/listeners', admin, async (c) => {
    const values = await readFormValues(c);
    try {
      await createListener(c.get('ctx'), listenerInputOf(values));
    } catch (err) {
      const refused = refusal(viewOf(c), err, values);
      if (!refused) throw err;
      return listenerPage(c, refused.state, undefined, refused.status);
    }
    return c.redirect('/admin/connections?done=listener_created', 303);
  });

  // Runs the query once and shows what it would bring in; the form comes back with its values.
  app.post('/admin/listeners/preview', admin, async (c) => {
    const values = await readFormValues(c);
    let result: PreviewResult;
    try {
      result = await previewListener(c.get('ctx'), listenerInputOf(values));
    } catch (err) {
      const refused = refusal(viewOf(c), err, values);
      if (!refused) throw err;
      return listenerPage(c, refused.state, undefined, refused.status);
    }
    return listenerPage(c, { values, issues: [] }, result);
  });

  app.get('/admin/channels/new', admin, (c) => {
    const v = viewOf(c);
    return page(c, v, v.t('channel.title'), <ChannelForm v={v} />);
  });

  app.post('/admin/channels', admin, async (c) => {
    const values = await readFormValues(c);
    const secret = text(values, 'secret');
    try {
      const kind = text(values, 'kind');
      const smtpHost = text(values, 'smtp.host').trim();
      const smtpPassword = text(values, 'smtp.password');
      const smtpPort = text(values, 'smtp.port').trim() || '587';
      await addChannel(c.get('ctx'), {
        name: text(values, 'name'),
        kind,
        target: text(values, 'target').trim(),
        // An e-mail channel's sealed secret is its SMTP password; a webhook's is its HMAC key.
        secret: (kind === 'email' ? smtpPassword : secret) || undefined,
        audiences: list(values, 'audiences'),
        ...(kind === 'email' && smtpHost !== ''
          ? {
              smtp: {
                host: smtpHost,
                port: smtpPort,
                // Port 465 speaks TLS from the first byte; the others upgrade with STARTTLS.
                secure: smtpPort === '465',
                user: text(values, 'smtp.user').trim() || undefined,
                from: text(values, 'smtp.from').trim(),
              },
            }
          : {}),
      });
    } catch (err) {
      const v = viewOf(c, { path: '/admin/channels/new' });
      const refused = refusal(v, err, withoutSecrets(values).kept);
      if (!refused) throw err;
      return page(c, v, v.t('channel.title'), <ChannelForm v={v} s={refused.state} />, refused.status);
    }
    return c.redirect('/admin/connections?done=channel_added', 303);
  });

  return app;
}
