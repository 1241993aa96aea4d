import { type Context, Hono } from 'hono';
import type { Child } from 'hono/jsx';
import { AppError } from '../../lib/errors';
import { listBrands } from '../../services/admin/list-brands';
import {
  getSlaPolicy,
  listBackupCandidates,
  listSlaPolicies,
  type SlaPolicyRow,
} from '../../services/sla/list-sla-policies';
import { createSlaPolicy, deleteSlaPolicy, updateSlaPolicy } from '../../services/sla/save-sla-policy';
import type { AppEnv } from '../env';
import {
  BrandPicker,
  emptyForm,
  type FormState,
  type FormValues,
  readFormValues,
  translateIssues,
} from './admin-fields';
import { Notice } from './components';
import { needs } from './guard';
import { Layout, sendPage } from './layout';
import {
  formatHours,
  formatMinutes,
  newPolicyValues,
  SlaForm,
  slaIssues,
  valuesOf,
  withOpeningHours,
} from './sla-form';
import { type View, viewOf } from './view';

function page(c: Context<AppEnv>, v: View, title: string, body: Child, status = 200) {
  return sendPage(
    c,
    <Layout v={v} title={title} active="sla">
      {body}
    </Layout>,
    status,
  );
}

/** Field problems come back on the form (400), with everything typed; anything else is the error page's. */
function refused(v: View, err: unknown, values: FormValues): FormState | null {
  if (!(err instanceof AppError) || err.code !== 'validation_failed') return null;
  return { values, issues: translateIssues(v, err.issues, slaIssues) };
}

type Listed = SlaPolicyRow & { backupName: string | null };

function PolicyRow({ v, p, zone }: { v: View; p: Listed; zone: string }) {
  return (
    <tr id={`sla-${p.id}`}>
      <td class="nowrap">
        <strong>≥ {p.minPriority}</strong>
      </td>
      <td>
        {v.t('sla.targets', {
          first: formatMinutes(v, p.firstResponseMinutes),
          resolution: formatMinutes(v, p.resolutionMinutes),
        })}
      </td>
      <td>
        <div>{formatHours(v, p)}</div>
        <div class="small muted">{p.timeZone ?? v.t('sla.brandZone', { zone })}</div>
      </td>
      <td class="nowrap">{v.t('sla.reminderLead', { lead: formatMinutes(v, p.reminderMinutes) })}</td>
      <td>{p.backupName ?? <span class="muted">{v.t('sla.noBackup')}</span>}</td>
      <td class="nowrap">
        <a class="btn btn-small" href={`/admin/sla/${encodeURIComponent(p.id)}/edit`}>
          {v.t('sla.edit')}
        </a>
      </td>
    </tr>
  );
}

/** The admin's say over each brand's service levels: targets, business hours, reminders, backup. */
export function slaPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const admin = needs('sla.manage');

  app.get('/admin/sla', admin, async (c) => {
    const ctx = c.get('ctx');
    const v = viewOf(c);
    const brands = await listBrands(ctx);
    const brandId = c.req.query('brand') || brands[0]?.id;
    const data = brandId ? await listSlaPolicies(ctx, { brandId }) : null;
    return page(
      c,
      v,
      v.t('sla.title'),
      <>
        <div class="page-head">
          <h1>{v.t('sla.title')}</h1>
          {data ? (
            <a class="btn btn-primary" href={`/admin/sla/new?brand=${encodeURIComponent(data.brand.id)}`}>
              {v.t('sla.add')}
            </a>
          ) : null}
        </div>
        <Notice v={v} done={c.req.query('done')} />
        <p class="muted lead">{v.t('sla.intro')}</p>
        <BrandPicker
          action="/admin/sla"
          brands={brands}
          brandId={brandId}
          label={v.t('sla.brand')}
          submit={v.t('sla.show')}
        />
        {!data || data.policies.length === 0 ? (
          <p class="panel muted">{v.t('sla.none')}</p>
        ) : (
          <div class="table-wrap">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{v.t('sla.colPriority')}</th>
                  <th scope="col">{v.t('sla.colTargets')}</th>
                  <th scope="col">{v.t('sla.colHours')}</th>
                  <th scope="col">{v.t('sla.colReminder')}</th>
                  <th scope="col">{v.t('sla.colBackup')}</th>
                  <th scope="col">{v.t('sla.colActions')}</th>
                </tr>
              </thead>
              <tbody>
                {data.policies.map((p) => (
                  <PolicyRow v={v} p={p} zone={data.brand.timezone} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </>,
    );
  });

  app.get('/admin/sla/new', admin, async (c) => {
    const ctx = c.get('ctx');
    const v = viewOf(c);
    // Checks the brand exists (404 otherwise) before offering a form for it.
    const { brand } = await listSlaPolicies(ctx, { brandId: c.req.query('brand') ?? '' });
    const backups = await listBackupCandidates(ctx);
    return page(
      c,
      v,
      v.t('sla.newTitle'),
      <SlaForm
        v={v}
        s={emptyForm({ ...newPolicyValues })}
        action={`/admin/sla?brand=${encodeURIComponent(brand.id)}`}
        brand={brand}
        backups={backups}
      />,
    );
  });

  app.post('/admin/sla', admin, async (c) => {
    const ctx = c.get('ctx');
    const { brand } = await listSlaPolicies(ctx, { brandId: c.req.query('brand') ?? '' });
    const values = await readFormValues(c);
    try {
      await createSlaPolicy(ctx, { ...withOpeningHours(values), brandId: brand.id });
    } catch (err) {
      const v = viewOf(c, { path: `/admin/sla/new?brand=${encodeURIComponent(brand.id)}` });
      const s = refused(v, err, values);
      if (!s) throw err;
      return page(
        c,
        v,
        v.t('sla.newTitle'),
        <SlaForm
          v={v}
          s={s}
          action={`/admin/sla?brand=${encodeURIComponent(brand.id)}`}
          brand={brand}
          backups={await listBackupCandidates(ctx)}
        />,
        400,
      );
    }
    return c.redirect(`/admin/sla?brand=${encodeURIComponent(brand.id)}&done=sla_created`, 303);
  });

  app.get('/admin/sla/:id/edit', admin, async (c) => {
    const ctx = c.get('ctx');
    const v = viewOf(c);
    const policy = await getSlaPolicy(ctx, c.req.param('id'));
    const { brand } = await listSlaPolicies(ctx, { brandId: policy.brandId });
    return page(
      c,
      v,
      v.t('sla.editTitle', { priority: policy.minPriority }),
      <SlaForm
        v={v}
        s={emptyForm(valuesOf(policy))}
        action={`/admin/sla/${encodeURIComponent(policy.id)}`}
        brand={brand}
        backups={await listBackupCandidates(ctx)}
        editing={policy}
      />,
    );
  });

  app.post('/admin/sla/:id', admin, async (c) => {
    const ctx = c.get('ctx');
    const policy = await getSlaPolicy(ctx, c.req.param('id'));
    const values = await readFormValues(c);
    try {
      await updateSlaPolicy(ctx, { ...withOpeningHours(values), policyId: policy.id });
    } catch (err) {
      const v = viewOf(c, { path: `/admin/sla/${encodeURIComponent(policy.id)}/edit` });
      const s = refused(v, err, values);
      if (!s) throw err;
      const { brand } = await listSlaPolicies(ctx, { brandId: policy.brandId });
      return page(
        c,
        v,
        v.t('sla.editTitle', { priority: policy.minPriority }),
        <SlaForm
          v={v}
          s={s}
          action={`/admin/sla/${encodeURIComponent(policy.id)}`}
          brand={brand}
          backups={await listBackupCandidates(ctx)}
          editing={policy}
        />,
        400,
      );
    }
    return c.redirect(`/admin/sla?brand=${encodeURIComponent(policy.brandId)}&done=sla_updated`, 303);
  });

  app.post('/admin/sla/:id/delete', admin, async (c) => {
    const deleted = await deleteSlaPolicy(c.get('ctx'), { policyId: c.req.param('id') });
    return c.redirect(`/admin/sla?brand=${encodeURIComponent(deleted.brandId)}&done=sla_deleted`, 303);
  });

  return app;
}
