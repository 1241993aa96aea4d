import { type Context, Hono } from 'hono';
import { can } from '../../domain/permissions';
import { AppError, statusOf } from '../../lib/errors';
import { listBrands } from '../../services/admin/list-brands';
import { listApprovers, setApprovers } from '../../services/escalation/approvers';
import {
  listExperts,
  myProfile,
  setAvailability,
  updateExpert,
} from '../../services/escalation/expert-directory';
import { guidelinesOf, updateGuidelines } from '../../services/escalation/guidelines';
import type { AppEnv } from '../env';
import { ApproversForm } from './approvers-parts';
import { Badge, CsrfField, ErrorNotice, Notice } from './components';
import { translateMessage } from './error-text';
import { needs } from './guard';
import { formatDate } from './i18n';
import { Layout, sendPage } from './layout';
import type { ExpertsMessageKey } from './messages-experts-en';
import { type View, viewOf } from './view';

type Expert = Awaited<ReturnType<typeof listExperts>>[number];
const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const toMinutes = (s: string) => {
  const [h, m] = s.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};
const availabilities = ['available', 'away', 'holiday'] as const;

function AvailabilityFields({ v, value, until }: { v: View; value: string; until: Date | null }) {
  return (
    <>
      <div class="field">
        <label for="f-availability">{v.t('experts.availability')}</label>
        <select id="f-availability" name="availability">
          {availabilities.map((a) => (
            <option value={a} selected={a === value}>
              {v.t(`availability.${a}` as ExpertsMessageKey)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="f-until">{v.t('experts.awayUntil')}</label>
        <input
          id="f-until"
          type="date"
          name="awayUntil"
          value={until ? until.toISOString().slice(0, 10) : ''}
        />
      </div>
    </>
  );
}

function EditForm({ v, e }: { v: View; e: Expert }) {
  const p = e.profile;
  const days = p?.workDays ?? [1, 2, 3, 4, 5];
  return (
    <details>
      <summary>{v.t('experts.edit')}</summary>
      <form method="post" action={`/admin/experts/${encodeURIComponent(e.id)}`} class="stack">
        <CsrfField v={v} />
        <div class="field">
          <label for={`sk-${e.id}`}>{v.t('experts.skills')}</label>
          <input id={`sk-${e.id}`} name="skills" value={e.skills.join(', ')} />
        </div>
        <fieldset>
          <legend>{v.t('experts.languages')}</legend>
          {(['en', 'fr'] as const).map((l) => (
            <label>
              <input type="checkbox" name="languages" value={l} checked={e.languages.includes(l)} />{' '}
              {v.label('language', l)}
            </label>
          ))}
        </fieldset>
        <div class="field">
          <label for={`tz-${e.id}`}>{v.t('experts.timezone')}</label>
          <input id={`tz-${e.id}`} name="timezone" value={p?.timezone ?? 'Europe/Paris'} />
        </div>
        <fieldset>
          <legend>{v.t('experts.days')}</legend>
          {[1, 2, 3, 4, 5, 6, 7].map((d) => (
            <label>
              <input type="checkbox" name="workDays" value={String(d)} checked={days.includes(d)} />{' '}
              {v.t(`day.${d}` as ExpertsMessageKey)}
            </label>
          ))}
        </fieldset>
        <div class="field">
          <label for={`st-${e.id}`}>{v.t('experts.start')}</label>
          <input id={`st-${e.id}`} type="time" name="workStart" value={hhmm(p?.workStart ?? 540)} />
          <label for={`en-${e.id}`}>{v.t('experts.end')}</label>
          <input id={`en-${e.id}`} type="time" name="workEnd" value={hhmm(p?.workEnd ?? 1080)} />
        </div>
        <div class="field">
          <label for={`mx-${e.id}`}>{v.t('experts.maxOpen')}</label>
          <input
            id={`mx-${e.id}`}
            type="number"
            min="1"
            max="100"
            name="maxOpen"
            value={String(p?.maxOpen ?? 5)}
          />
        </div>
        <AvailabilityFields v={v} value={p?.availability ?? 'available'} until={p?.awayUntil ?? null} />
        <button type="submit" class="btn-primary">
          {v.t('experts.save')}
        </button>
      </form>
    </details>
  );
}

function hoursOf(v: View, e: Expert): string {
  const p = e.profile;
  if (!p) return v.t('experts.noHours');
  const days = p.workDays.map((d) => v.t(`day.${d}` as ExpertsMessageKey)).join(' ');
  return `${days} · ${hhmm(p.workStart)}–${hhmm(p.workEnd)} (${p.timezone})`;
}

async function renderDirectory(c: Context<AppEnv>, o: { status?: number; error?: AppError } = {}) {
  const ctx = c.get('ctx');
  const v = viewOf(c, { path: '/admin/experts' });
  const experts = await listExperts(ctx);
  const admin = v.actor ? can(v.actor.role, 'experts.manage') : false;
  return sendPage(
    c,
    <Layout v={v} title={v.t('experts.title')} active="experts">
      <div class="page-head">
        <h1>{v.t('experts.title')}</h1>
      </div>
      <p class="muted">{v.t('experts.intro')}</p>
      <Notice v={v} done={c.req.query('done')} />
      {o.error ? (
        <ErrorNotice v={v} message={translateMessage(v.locale, o.error.message)} issues={o.error.issues} />
      ) : null}
      {admin ? null : <p class="small muted">{v.t('experts.readOnly')}</p>}
      <div class="table-wrap">
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{v.t('experts.colName')}</th>
              <th scope="col">{v.t('experts.colSkills')}</th>
              <th scope="col">{v.t('experts.colLanguages')}</th>
              <th scope="col">{v.t('experts.colHours')}</th>
              <th scope="col">{v.t('experts.colAvailability')}</th>
              <th scope="col">{v.t('experts.colLoad')}</th>
            </tr>
          </thead>
          <tbody>
            {experts.map((e) => {
              const a = e.profile?.availability ?? 'available';
              return (
                <tr>
                  <td>
                    <strong>{e.name}</strong>
                    <div class="muted small">
                      {e.email} · {v.label('role', e.role)}
                    </div>
                    {admin ? <EditForm v={v} e={e} /> : null}
                  </td>
                  <td>
                    {e.skills.map((s) => (
                      <Badge tone="accent">{v.label('skill', s)}</Badge>
                    ))}
                  </td>
                  <td>{e.languages.map((l) => l.toUpperCase()).join(', ')}</td>
                  <td class="small">{hoursOf(v, e)}</td>
                  <td>
                    <Badge tone={a === 'available' ? 'ok' : 'warn'}>
                      {v.t(`availability.${a}` as ExpertsMessageKey)}
                    </Badge>
                    {e.profile?.awayUntil && a !== 'available' ? (
                      <div class="muted small">
                        {v.t('experts.until', { date: formatDate(v.locale, e.profile.awayUntil) })}
                      </div>
                    ) : null}
                  </td>
                  <td>
                    {e.openQuestions} / {e.profile?.maxOpen ?? 5}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Layout>,
    o.status ?? 200,
  );
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

async function renderGuidelines(c: Context<AppEnv>, o: { status?: number; error?: AppError } = {}) {
  const ctx = c.get('ctx');
  const v = viewOf(c, { path: '/admin/guidelines' });
  const brands = await listBrands(ctx);
  const all = await Promise.all(brands.map(async (b) => ({ b, g: await guidelinesOf(ctx.db, b.id) })));
  const approvers = await listApprovers(ctx);
  return sendPage(
    c,
    <Layout v={v} title={v.t('guidelines.title')} active="experts">
      <h1>{v.t('guidelines.title')}</h1>
      <p class="muted">{v.t('guidelines.intro')}</p>
      <Notice v={v} done={c.req.query('done')} />
      {c.req.query('done') === 'approvers_saved' ? (
        <p class="notice notice-ok" role="status">
          {v.t('approvers.saved')}
        </p>
      ) : null}
      {o.error ? (
        <ErrorNotice v={v} message={translateMessage(v.locale, o.error.message)} issues={o.error.issues} />
      ) : null}
      {all.map(({ b, g }) => (
        <section class="panel">
          <h2>{b.name}</h2>
          <form method="post" action={`/admin/guidelines/${encodeURIComponent(b.id)}`}>
            <CsrfField v={v} />
            <div class="field">
              <label for={`tone-${b.id}`}>{v.t('guidelines.tone')}</label>
              <textarea id={`tone-${b.id}`} name="toneNotes" rows={3}>
                {g.toneNotes}
              </textarea>
            </div>
            <div class="field">
              <label for={`fw-${b.id}`}>{v.t('guidelines.forbidden')}</label>
              <textarea id={`fw-${b.id}`} name="forbiddenWords" rows={4}>
                {g.forbiddenWords.join('\n')}
              </textarea>
            </div>
            <div class="field">
              <label for={`ml-${b.id}`}>{v.t('guidelines.maxLength')}</label>
              <input
                id={`ml-${b.id}`}
                type="number"
                min="1"
                name="maxLength"
                value={g.maxLength ? String(g.maxLength) : ''}
              />
            </div>
            <label>
              <input type="checkbox" name="signWithExpert" value="true" checked={g.signWithExpert} />{' '}
              {v.t('guidelines.sign')}
            </label>
            <p>
              <button type="submit" class="btn-primary">
                {v.t('experts.save')}
              </button>
            </p>
          </form>
          <ApproversForm
            v={v}
            brandId={b.id}
            chosen={approvers.byBrand.get(b.id) ?? []}
            experts={approvers.experts}
          />
        </section>
      ))}
    </Layout>,
    o.status ?? 200,
  );
}

async function renderMe(c: Context<AppEnv>) {
  const v = viewOf(c, { path: '/me/availability' });
  const me = await myProfile(c.get('ctx'));
  return sendPage(
    c,
    <Layout v={v} title={v.t('me.title')}>
      <h1>{v.t('me.title')}</h1>
      <p class="muted">{v.t('me.intro')}</p>
      <Notice v={v} done={c.req.query('done')} />
      <form method="post" action="/me/availability" class="panel">
        <CsrfField v={v} />
        <AvailabilityFields v={v} value={me.availability} until={me.awayUntil} />
        <button type="submit" class="btn-primary">
          {v.t('experts.save')}
        </button>
      </form>
    </Layout>,
  );
}

const recoverable = new Set(['validation_failed', 'conflict', 'not_found']);

export function expertsDirectoryPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/admin/experts', needs('experts.read'), (c) => renderDirectory(c));
  app.post('/admin/experts/:id', needs('experts.manage'), async (c) => {
    const f = await c.req.parseBody({ all: true });
    try {
      await updateExpert(c.get('ctx'), {
        userId: c.req.param('id'),
        skills: text(f.skills)
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
        languages: list(f.languages),
        timezone: text(f.timezone),
        workDays: list(f.workDays),
        workStart: toMinutes(text(f.workStart)),
        workEnd: toMinutes(text(f.workEnd)),
        maxOpen: text(f.maxOpen),
        availability: text(f.availability),
        awayUntil: text(f.awayUntil) || null,
      });
    } catch (err) {
      if (err instanceof AppError && recoverable.has(err.code)) {
        return renderDirectory(c, { status: statusOf[err.code], error: err });
      }
      throw err;
    }
    return c.redirect('/admin/experts?done=expert_saved', 303);
  });
  app.get('/admin/guidelines', needs('guidelines.manage'), (c) => renderGuidelines(c));
  app.post('/admin/guidelines/:brandId', needs('guidelines.manage'), async (c) => {
    const f = await c.req.parseBody();
    try {
      await updateGuidelines(c.get('ctx'), {
        brandId: c.req.param('brandId'),
        toneNotes: text(f.toneNotes),
        forbiddenWords: text(f.forbiddenWords)
          .split('\n')
          .map((w) => w.trim())
          .filter(Boolean),
        maxLength: text(f.maxLength) || null,
        signWithExpert: text(f.signWithExpert) === 'true',
      });
    } catch (err) {
      if (err instanceof AppError && recoverable.has(err.code)) {
        return renderGuidelines(c, { status: statusOf[err.code], error: err });
      }
      throw err;
    }
    return c.redirect('/admin/guidelines?done=guidelines_saved', 303);
  });
  app.post('/admin/guidelines/:brandId/approvers', needs('guidelines.manage'), async (c) => {
    const f = await c.req.parseBody({ all: true });
    try {
      await setApprovers(c.get('ctx'), { brandId: c.req.param('brandId'), userIds: list(f.approvers) });
    } catch (err) {
      if (err instanceof AppError && recoverable.has(err.code)) {
        return renderGuidelines(c, { status: statusOf[err.code], error: err });
      }
      throw err;
    }
    return c.redirect('/admin/guidelines?done=approvers_saved', 303);
  });
  app.get('/me/availability', needs('experts.availability'), (c) => renderMe(c));
  app.post('/me/availability', needs('experts.availability'), async (c) => {
    const f = await c.req.parseBody();
    await setAvailability(c.get('ctx'), {
      userId: c.get('actor')!.id,
      availability: text(f.availability),
      awayUntil: text(f.awayUntil) || null,
    });
    return c.redirect('/me/availability?done=availability_saved', 303);
  });
  return app;
}
