import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { AppError } from '../../lib/errors';
import { getPreferences, setPreferences, timeZoneChoices } from '../../services/users/preferences';
import type { AppEnv } from '../env';
import { CsrfField } from './components';
import { Layout, sendPage } from './layout';
import { safeNext, type View, viewOf } from './view';

/** Every role has preferences: only a signed-in person is needed. */
const signedIn = createMiddleware<AppEnv>(async (c, next) => {
  if (!c.get('actor')) return c.redirect(`/login?next=${encodeURIComponent('/preferences')}`, 302);
  await next();
});

function PreferencesForm({
  v,
  timezone,
  next,
  saved,
  error,
}: {
  v: View;
  timezone: string;
  next: string | null;
  saved?: boolean;
  error?: boolean;
}) {
  const zones = timeZoneChoices(timezone);
  return (
    <>
      <h1>{v.t('prefs.title')}</h1>
      {saved ? (
        <p class="notice notice-ok" role="status">
          {v.t('prefs.saved')} {next ? <a href={next}>{next.split('?')[0]}</a> : null}
        </p>
      ) : null}
      {error ? (
        <p class="notice notice-error" role="alert">
          {v.t('prefs.invalid')}
        </p>
      ) : null}
      <form method="post" action="/preferences" class="panel admin-form">
        <CsrfField v={v} />
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <label for="timezone">{v.t('prefs.timezone')}</label>
        <select id="timezone" name="timezone" aria-describedby="timezone-help">
          <option value="" selected={timezone === ''}>
            {v.t('prefs.brandZone')}
          </option>
          {zones.map((z) => (
            <option value={z} selected={z === timezone}>
              {z}
            </option>
          ))}
        </select>
        <p id="timezone-help" class="muted">
          {v.t('prefs.timezoneHelp')}
        </p>
        <button type="submit">{v.t('prefs.save')}</button>
      </form>
    </>
  );
}

/** The reader's own settings: for now the time zone reports are read in. */
export function preferencesPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/preferences', signedIn, async (c) => {
    const v = viewOf(c);
    const { timezone } = await getPreferences(c.get('ctx'));
    return sendPage(
      c,
      <Layout v={v} title={v.t('prefs.title')}>
        <PreferencesForm
          v={v}
          timezone={timezone ?? ''}
          next={safeNext(c.req.query('next'))}
          saved={c.req.query('saved') === '1'}
        />
      </Layout>,
    );
  });
  app.post('/preferences', signedIn, async (c) => {
    const body = await c.req.parseBody();
    const timezone = typeof body.timezone === 'string' ? body.timezone : '';
    const next = safeNext(body.next);
    try {
      await setPreferences(c.get('ctx'), { timezone });
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'validation_failed') throw err;
      const v = viewOf(c, { path: '/preferences' });
      return sendPage(
        c,
        <Layout v={v} title={v.t('prefs.title')}>
          <PreferencesForm v={v} timezone={timezone} next={next} error />
        </Layout>,
        400,
      );
    }
    const back = next ? `&next=${encodeURIComponent(next)}` : '';
    return c.redirect(`/preferences?saved=1${back}`, 303);
  });
  return app;
}
