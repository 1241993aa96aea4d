import { channelInput } from '../../services/admin/add-channel';
import { listenerInput } from '../../services/admin/create-listener';
import type { previewListener } from '../../services/admin/preview-listener';
import type { Connections } from './admin-connections';
import {
  CheckboxGroup,
  emptyForm,
  errorOf,
  FormErrors,
  type FormState,
  fieldValue,
  SelectField,
  TextField,
} from './admin-fields';
import {
  credentialField,
  credentialKeys,
  intervalChoices,
  networkOptions,
  networksWithoutCredentials,
  querySyntax,
} from './admin-help';
import { Badge, CsrfField, ExternalLink, SentimentBadge } from './components';
import { translateMessage } from './error-text';
import { formatDateTime, formatInterval } from './i18n';
import { displayHandle, excerpt, type View } from './view';

export interface BrandChoice {
  id: string;
  name: string;
  timezone: string;
}

const listenerKinds = listenerInput.shape.kind.options;
const channelKinds = channelInput.shape.kind.options;
const audiences = channelInput.shape.audiences.element.options;

/** One brand needs no question; several get a select. */
function BrandField({ v, s, brands }: { v: View; s: FormState; brands: BrandChoice[] }) {
  if (brands.length <= 1) {
    return <input type="hidden" id="f-brandId" name="brandId" value={brands[0]?.id ?? ''} />;
  }
  return (
    <SelectField
      v={v}
      s={s}
      name="brandId"
      label={v.t('form.brand')}
      options={brands.map((b) => ({ value: b.id, text: b.name }))}
    />
  );
}

function networkSelect(v: View) {
  return networkOptions.map((n) => ({ value: n, text: v.label('network', n) }));
}

function BackLink({ v }: { v: View }) {
  return (
    <p class="small">
      <a href="/admin/connections">← {v.t('form.back')}</a>
    </p>
  );
}

export function AccountForm({
  v,
  s = emptyForm(),
  brands,
  typedSecrets = false,
}: {
  v: View;
  s?: FormState;
  brands: BrandChoice[];
  /** The refused form had credentials in it: say why the fields are empty again. */
  typedSecrets?: boolean;
}) {
  const labels = {
    brandId: v.t('form.brand'),
    network: v.t('form.network'),
    handle: v.t('account.handle'),
    externalUserId: v.t('account.externalUserId'),
    baseUrl: v.t('account.baseUrl'),
    credentials: v.t('account.credentials'),
  };
  return (
    <>
      <BackLink v={v} />
      <h1>{v.t('account.title')}</h1>
      <p class="muted lead">{v.t('account.intro')}</p>
      <FormErrors v={v} s={s} labels={labels} />
      <form method="post" action="/admin/accounts" class="panel admin-form" autocomplete="off">
        <CsrfField v={v} />
        <BrandField v={v} s={s} brands={brands} />
        <div class="form-row">
          <SelectField
            v={v}
            s={s}
            name="network"
            label={labels.network}
            options={networkSelect(v)}
            fallback="x"
            switches
          />
          <TextField
            v={v}
            s={s}
            name="handle"
            label={labels.handle}
            help={v.t('account.handleHelp')}
            required
          />
        </div>
        <div class="form-row">
          <TextField
            v={v}
            s={s}
            name="externalUserId"
            label={labels.externalUserId}
            help={v.t('account.externalUserIdHelp')}
            optional
          />
          <TextField
            v={v}
            s={s}
            name="baseUrl"
            type="url"
            label={labels.baseUrl}
            help={v.t('account.baseUrlHelp')}
            placeholder="https://"
            optional
          />
        </div>
        <fieldset class="creds" id="f-credentials">
          <legend>{labels.credentials}</legend>
          {typedSecrets ? <p class="notice notice-info">{v.t('account.credentialsAgain')}</p> : null}
          {errorOf(v, s, 'credentials') ? <p class="field-error">{errorOf(v, s, 'credentials')}</p> : null}
          <p class="field-help">{v.t('account.keepEmpty')}</p>
          {credentialKeys.map((spec) => (
            <fieldset class="cred-set" data-when={spec.network}>
              <legend>{v.t('account.credentialsFor', { network: v.label('network', spec.network) })}</legend>
              <p class="field-help">{v.t(spec.help)}</p>
              <div class="cred-grid">
                {spec.keys.map((k) => {
                  const name = credentialField(spec.network, k.name);
                  return (
                    <div class="field">
                      <label for={`f-${name}`}>
                        <code>{k.name}</code>
                      </label>
                      <input
                        id={`f-${name}`}
                        name={name}
                        type={k.secret ? 'password' : 'text'}
                        // A browser must not offer to save these as the admin's own login.
                        autocomplete={k.secret ? 'new-password' : 'off'}
                        spellcheck={false}
                        value=""
                      />
                    </div>
                  );
                })}
              </div>
            </fieldset>
          ))}
          <p class="field-help" data-when={networksWithoutCredentials.join(' ')}>
            {v.t('account.credentialsNone')}
          </p>
        </fieldset>
        <button type="submit" class="btn-primary">
          {v.t('account.submit')}
        </button>
      </form>
    </>
  );
}

function SyntaxHelp({ v }: { v: View }) {
  return (
    <aside class="panel syntax" aria-labelledby="syntax-h">
      <h2 id="syntax-h">{v.t('listener.syntax')}</h2>
      {networkOptions.map((n) => {
        const help = querySyntax[n];
        return (
          <section data-when={n}>
            <h3>{v.label('network', n)}</h3>
            <dl class="syntax-list">
              {help.examples.map(([code, what]) => (
                <>
                  <dt>
                    <code>{code}</code>
                  </dt>
                  <dd>{v.t(what)}</dd>
                </>
              ))}
            </dl>
            <p class="small muted">{v.t(help.note)}</p>
          </section>
        );
      })}
    </aside>
  );
}

export type PreviewResult = Awaited<ReturnType<typeof previewListener>>;

function PreviewResults({
  v,
  result,
  zone,
  network,
}: {
  v: View;
  result: PreviewResult;
  zone: string;
  network: string;
}) {
  if (!result.ok) {
    return (
      <section class="panel preview" aria-labelledby="preview-h" data-preview="failed">
        <h2 id="preview-h">{v.t('preview.title')}</h2>
        <p class="notice notice-error">
          {v.t('preview.failed', { error: translateMessage(v.locale, result.error) })}
        </p>
      </section>
    );
  }
  return (
    <section class="panel preview" aria-labelledby="preview-h" data-preview="ok">
      <h2 id="preview-h">{v.t('preview.title')}</h2>
      <p>
        <strong>
          {result.count === 0
            ? v.t('preview.none')
            : result.count === 1
              ? v.t('preview.countOne')
              : v.t('preview.count', { n: result.count })}
        </strong>{' '}
        {result.count > 0 ? (
          <span class="muted">
            {result.count > result.mentions.length
              ? v.t('preview.shown', { n: result.mentions.length })
              : v.t('preview.shownAll')}
          </span>
        ) : null}
      </p>
      {result.mentions.length > 0 ? (
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{v.t('preview.colPost')}</th>
                <th scope="col">{v.t('preview.colPosted')}</th>
                <th scope="col">{v.t('preview.colLabels')}</th>
              </tr>
            </thead>
            <tbody>
              {result.mentions.map((m) => {
                const c = m.classification;
                const at = new Date(m.createdAt);
                return (
                  <tr>
                    <td class="case-cell">
                      <div class="case-who">
                        <strong>{displayHandle(m.author)}</strong>
                        <ExternalLink href={m.url}>
                          {v.t('case.viewOn', { network: v.label('network', network) })}
                        </ExternalLink>
                      </div>
                      <span class="case-text">{excerpt(m.text, 280) || v.t('inbox.noText')}</span>
                    </td>
                    <td class="nowrap small">
                      {Number.isNaN(at.getTime()) ? m.createdAt : formatDateTime(v.locale, at, zone)}
                    </td>
                    <td>
                      <div class="badges">
                        <Badge>{v.label('language', c.language.label)}</Badge>
                        <SentimentBadge v={v} sentiment={c.sentiment.label} />
                        <Badge>{v.label('intent', c.intent.label)}</Badge>
                        <Badge>{v.label('topic', c.topic.label)}</Badge>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

export function ListenerForm({
  v,
  s = emptyForm(),
  brands,
  accounts,
  preview,
}: {
  v: View;
  s?: FormState;
  brands: BrandChoice[];
  accounts: Connections['accounts'];
  preview?: PreviewResult;
}) {
  const labels = {
    brandId: v.t('form.brand'),
    network: v.t('form.network'),
    kind: v.t('listener.kind'),
    query: v.t('listener.query'),
    target: v.t('listener.target'),
    intervalSeconds: v.t('listener.interval'),
    accountId: v.t('listener.account'),
    competitor: v.t('listener.competitor'),
  };
  const brandId = fieldValue(s, 'brandId') || brands[0]?.id;
  const zone = brands.find((b) => b.id === brandId)?.timezone ?? 'UTC';
  return (
    <>
      <BackLink v={v} />
      <h1>{v.t('listener.title')}</h1>
      <p class="muted lead">{v.t('listener.intro')}</p>
      <FormErrors v={v} s={s} labels={labels} />
      <div class="grid">
        <form method="post" action="/admin/listeners" class="panel admin-form">
          <CsrfField v={v} />
          <BrandField v={v} s={s} brands={brands} />
          <div class="form-row">
            <SelectField
              v={v}
              s={s}
              name="network"
              label={labels.network}
              options={networkSelect(v)}
              fallback="x"
              switches
            />
            <SelectField
              v={v}
              s={s}
              name="kind"
              label={labels.kind}
              options={listenerKinds.map((k) => ({ value: k, text: v.label('kind', k) }))}
              fallback="keyword"
            />
          </div>
          <TextField
            v={v}
            s={s}
            name="query"
            label={labels.query}
            help={v.t('listener.queryHelp')}
            required
          />
          <TextField
            v={v}
            s={s}
            name="target"
            label={labels.target}
            help={v.t('listener.targetHelp')}
            optional
          />
          <TextField
            v={v}
            s={s}
            name="competitor"
            label={labels.competitor}
            help={v.t('listener.competitorHelp')}
            optional
          />
          <div class="form-row">
            <SelectField
              v={v}
              s={s}
              name="intervalSeconds"
              label={labels.intervalSeconds}
              options={intervalChoices.map((n) => ({ value: String(n), text: formatInterval(v.locale, n) }))}
              fallback="300"
            />
            <SelectField
              v={v}
              s={s}
              name="accountId"
              label={labels.accountId}
              options={[
                { value: '', text: v.t('listener.accountDefault') },
                ...accounts
                  .filter((a) => a.brandId === brandId)
                  .map((a) => ({
                    value: a.id,
                    text: `${v.label('network', a.network)} · ${displayHandle(a.handle)}`,
                  })),
              ]}
            />
          </div>
          <div class="row">
            {/* First in the form, so Enter previews rather than creates. */}
            <button type="submit" formaction="/admin/listeners/preview" name="preview" value="1">
              {v.t('listener.preview')}
            </button>
            <button type="submit" class="btn-primary">
              {v.t('listener.submit')}
            </button>
          </div>
        </form>
        <SyntaxHelp v={v} />
      </div>
      {preview ? (
        <PreviewResults v={v} result={preview} zone={zone} network={fieldValue(s, 'network')} />
      ) : null}
    </>
  );
}

export function ChannelForm({ v, s = emptyForm() }: { v: View; s?: FormState }) {
  const labels = {
    name: v.t('channel.name'),
    kind: v.t('channel.kind'),
    target: v.t('channel.target'),
    secret: v.t('channel.secret'),
    audiences: v.t('channel.audiences'),
    smtp: v.t('channel.smtp'),
    'smtp.host': v.t('channel.smtpHost'),
    'smtp.port': v.t('channel.smtpPort'),
    'smtp.user': v.t('channel.smtpUser'),
    'smtp.password': v.t('channel.smtpPassword'),
    'smtp.from': v.t('channel.smtpFrom'),
  };
  return (
    <>
      <BackLink v={v} />
      <h1>{v.t('channel.title')}</h1>
      <p class="muted lead">{v.t('channel.intro')}</p>
      <FormErrors v={v} s={s} labels={labels} />
      <form method="post" action="/admin/channels" class="panel admin-form narrow" autocomplete="off">
        <CsrfField v={v} />
        <div class="form-row">
          <TextField v={v} s={s} name="name" label={labels.name} help={v.t('channel.nameHelp')} required />
          <SelectField
            v={v}
            s={s}
            name="kind"
            label={labels.kind}
            options={channelKinds.map((k) => ({ value: k, text: v.label('channelKind', k) }))}
            fallback="slack"
            switches
          />
        </div>
        <TextField
          v={v}
          s={s}
          name="target"
          label={labels.target}
          help={v.t('channel.targetHelp')}
          placeholder="https://hooks.slack.com/services/…"
          required
        />
        <TextField
          v={v}
          s={s}
          name="secret"
          type="password"
          label={labels.secret}
          help={v.t('channel.secretHelp')}
          autocomplete="new-password"
          keepValue={false}
          optional
          when="webhook"
        />
        <fieldset class="subtle" data-when="email">
          <legend>{v.t('channel.smtp')}</legend>
          <p class="small muted">{v.t('channel.smtpHelp')}</p>
          <div class="form-row">
            <TextField
              v={v}
              s={s}
              name="smtp.host"
              label={labels['smtp.host']}
              placeholder="smtp.example.com"
            />
            <TextField v={v} s={s} name="smtp.port" label={labels['smtp.port']} placeholder="587" optional />
          </div>
          <div class="form-row">
            <TextField v={v} s={s} name="smtp.user" label={labels['smtp.user']} optional />
            <TextField
              v={v}
              s={s}
              name="smtp.password"
              type="password"
              label={labels['smtp.password']}
              autocomplete="new-password"
              keepValue={false}
              optional
            />
          </div>
          <TextField
            v={v}
            s={s}
            name="smtp.from"
            label={labels['smtp.from']}
            placeholder="passerelle@example.com"
          />
        </fieldset>
        <CheckboxGroup
          v={v}
          s={s}
          name="audiences"
          legend={labels.audiences}
          help={v.t('channel.audiencesHelp')}
          options={audiences.map((a) => ({ value: a, text: v.label('audience', a) }))}
        />
        <button type="submit" class="btn-primary">
          {v.t('channel.submit')}
        </button>
      </form>
    </>
  );
}
