import { type Context, Hono } from 'hono';
import type { FieldIssue } from '../../lib/errors';
import { AppError } from '../../lib/errors';
import { listSpikeSettings, type SpikeSettingsRow } from '../../services/reports/list-spike-settings';
import { saveSpikeSettings } from '../../services/reports/save-spike-settings';
import type { AppEnv } from '../env';
import { Badge, CsrfField } from './components';
import { needs } from './guard';
import { formatDateTime, formatNumber } from './i18n';
import { Layout, sendPage } from './layout';
import type { SpikesMessageKey } from './messages-spikes-en';
import { type View, viewOf } from './view';

/** The form's fields; the negative share goes in points, which people read better than 0.2. */
type Field = 'alerts' | 'ratio' | 'minMentions' | 'negativeRise';
type Values = Record<Field, string>;

/** A brand's form as it comes back after a refusal: what was typed and what is wrong with it. */
interface Refused {
  brandId: string;
  values: Values;
  fields: Field[];
}

const fieldOf: Record<string, Field> = {
  ratio: 'ratio',
  minMentions: 'minMentions',
  negativeDelta: 'negativeRise',
  alerts: 'alerts',
};

/** Written as the reader writes numbers (2,5 in French); the post reads either. */
const shown = (v: View, n: number) => (v.locale === 'fr' ? String(n).replace('.', ',') : String(n));

function storedValues(v: View, r: SpikeSettingsRow): Values {
  return {
    alerts: r.alerts ? 'on' : '',
    ratio: shown(v, r.ratio),
    minMentions: String(r.minMentions),
    negativeRise: shown(v, Math.round(r.negativeDelta * 1000) / 10),
  };
}

/** People type "1,5" in French: the decimal comma is read as a point. */
const decimal = (s: string) => s.trim().replace(',', '.');

function NumberField({
  v,
  brandId,
  name,
  values,
  invalid,
}: {
  v: View;
  brandId: string;
  name: Exclude<Field, 'alerts'>;
  values: Values;
  invalid: boolean;
}) {
  const id = `f-${brandId}-${name}`;
  return (
    <div class="field">
      <label for={id}>{v.t(`spikes.${name}` as SpikesMessageKey)}</label>
      <input
        id={id}
        name={name}
        type="text"
        inputmode="decimal"
        value={values[name]}
        required
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={invalid ? `${id}-error ${id}-help` : `${id}-help`}
        style="max-width:10rem"
      />
      {invalid ? (
        <p class="field-error" id={`${id}-error`}>
          {v.t(`spikes.err.${name}` as SpikesMessageKey)}
        </p>
      ) : null}
      <p class="field-help" id={`${id}-help`}>
        {v.t(`spikes.${name}Help` as SpikesMessageKey)}
      </p>
    </div>
  );
}

function RecentSpikes({ v, r }: { v: View; r: SpikeSettingsRow }) {
  if (r.recent.length === 0) return <p class="small muted">{v.t('spikes.noRecent')}</p>;
  return (
    <div class="table-wrap" style="margin-top:1rem">
      <table class="table" data-recent-spikes={String(r.recent.length)}>
        <caption class="small" style="text-align:left;padding:6px 0">
          {v.t('spikes.recent')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{v.t('spikes.colHour')}</th>
            <th scope="col">{v.t('spikes.colWhat')}</th>
            <th scope="col">{v.t('spikes.colKind')}</th>
            <th scope="col">{v.t('spikes.colMentions')}</th>
            <th scope="col">{v.t('spikes.colAlerted')}</th>
          </tr>
        </thead>
        <tbody>
          {r.recent.map((s) => {
            const params = new URLSearchParams({
              brandId: r.brandId,
              since: s.hour.toISOString(),
              until: new Date(s.hour.getTime() + 3_600_000).toISOString(),
              ...(s.topic ? { topic: s.topic } : {}),
              ...(s.kind === 'negative' ? { sentiment: 'negative' } : {}),
            });
            return (
              <tr>
                <td class="nowrap">
                  <a href={`/reports/mentions?${params}`} title={v.t('spikes.mentions')}>
                    {formatDateTime(v.locale, s.hour, r.timezone)}
                  </a>
                </td>
                <td>
                  {s.topicLabel ? (
                    s.topicLabel[v.locale]
                  ) : s.topic ? (
                    <code>{s.topic}</code>
                  ) : (
                    v.t('spikes.all')
                  )}
                </td>
                <td>{v.t(`spikes.kind.${s.kind}`)}</td>
                <td>{formatNumber(v.locale, s.mentions)}</td>
                <td>{s.notified ? v.t('spikes.yes') : v.t('spikes.ongoing')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function BrandSettings({ v, r, refused }: { v: View; r: SpikeSettingsRow; refused: Refused | null }) {
  const mine = refused?.brandId === r.brandId ? refused : null;
  const values = mine?.values ?? storedValues(v, r);
  const invalid = (f: Field) => mine?.fields.includes(f) ?? false;
  const headId = `spikes-${r.brandId}-h`;
  return (
    <section class="panel" id={`brand-${r.brandId}`} aria-labelledby={headId} style="margin-bottom:1.5rem">
      <div class="section-head">
        <h2 id={headId}>
          {r.brandName} <Badge>{r.saved ? v.t('spikes.savedBadge') : v.t('spikes.defaults')}</Badge>
        </h2>
      </div>
      {mine ? (
        <div class="notice notice-error" role="alert">
          <p>{v.t('spikes.errors')}</p>
          <ul>
            {mine.fields.map((f) => (
              <li>
                <a href={`#f-${r.brandId}-${f}`}>{v.t(`spikes.${f}` as SpikesMessageKey)}</a>
                {v.t('form.colon')}
                {v.t(`spikes.err.${f}` as SpikesMessageKey)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="post" action={`/admin/spike-alerts/${encodeURIComponent(r.brandId)}`} novalidate>
        <CsrfField v={v} />
        <div class="field">
          <label class="check">
            <input
              type="checkbox"
              name="alerts"
              id={`f-${r.brandId}-alerts`}
              checked={values.alerts === 'on'}
            />{' '}
            {v.t('spikes.alerts')}
          </label>
        </div>
        <NumberField v={v} brandId={r.brandId} name="ratio" values={values} invalid={invalid('ratio')} />
        <NumberField
          v={v}
          brandId={r.brandId}
          name="minMentions"
          values={values}
          invalid={invalid('minMentions')}
        />
        <NumberField
          v={v}
          brandId={r.brandId}
          name="negativeRise"
          values={values}
          invalid={invalid('negativeRise')}
        />
        <button type="submit" class="btn btn-primary">
          {v.t('spikes.save')}
        </button>
      </form>
      <RecentSpikes v={v} r={r} />
    </section>
  );
}

async function page(c: Context<AppEnv>, opts: { refused?: Refused; status?: number } = {}) {
  const v = viewOf(c, { path: '/admin/spike-alerts' });
  const rows = await listSpikeSettings(c.get('ctx'));
  const savedId = c.req.query('saved');
  const saved = rows.find((r) => r.brandId === savedId);
  return sendPage(
    c,
    <Layout v={v} title={v.t('spikes.title')} active="alerts">
      <h1>{v.t('spikes.title')}</h1>
      <p class="muted">{v.t('spikes.intro')}</p>
      {saved && !opts.refused ? (
        <p class="notice notice-ok" role="status">
          {v.t('spikes.saved', { brand: saved.brandName })}
        </p>
      ) : null}
      {rows.length === 0 ? <p class="panel muted">{v.t('spikes.none')}</p> : null}
      {rows.map((r) => (
        <BrandSettings v={v} r={r} refused={opts.refused ?? null} />
      ))}
    </Layout>,
    opts.status ?? 200,
  );
}

/** The fields a refusal names, once each, in the form's order. */
function refusedFields(issues: FieldIssue[]): Field[] {
  const named = new Set(issues.map((i) => fieldOf[i.field.split('.')[0] ?? '']).filter(Boolean));
  return (['alerts', 'ratio', 'minMentions', 'negativeRise'] as const).filter((f) => named.has(f));
}

/** Spike thresholds per brand: marketing and admins say what is worth an alert. */
export function spikeAlertPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const allowed = needs('reports.configure');
  app.get('/admin/spike-alerts', allowed, (c) => page(c));
  app.post('/admin/spike-alerts/:brandId', allowed, async (c) => {
    const brandId = c.req.param('brandId');
    const body = await c.req.parseBody();
    const str = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
    const values: Values = {
      alerts: str('alerts') === 'on' ? 'on' : '',
      ratio: str('ratio'),
      minMentions: str('minMentions'),
      negativeRise: str('negativeRise'),
    };
    const rise = Number(decimal(values.negativeRise));
    try {
      await saveSpikeSettings(c.get('ctx'), {
        brandId,
        alerts: values.alerts === 'on',
        ratio: decimal(values.ratio),
        minMentions: decimal(values.minMentions),
        // Points to a share; what is not a number goes as typed, for the verb to refuse.
        negativeDelta:
          values.negativeRise.trim() !== '' && Number.isFinite(rise) ? rise / 100 : values.negativeRise,
      });
    } catch (err) {
      if (err instanceof AppError && err.code === 'validation_failed') {
        return page(c, { refused: { brandId, values, fields: refusedFields(err.issues) }, status: 400 });
      }
      throw err;
    }
    return c.redirect(
      `/admin/spike-alerts?saved=${encodeURIComponent(brandId)}#brand-${encodeURIComponent(brandId)}`,
      303,
    );
  });
  return app;
}
