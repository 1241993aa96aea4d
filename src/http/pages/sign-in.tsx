import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { AppError, type FieldIssue } from '../../lib/errors';
import { signIn, signOut } from '../../services/auth/sessions';
import type { AppEnv } from '../env';
import { LOCALE_COOKIE, SESSION_COOKIE } from '../middleware/auth';
import { CsrfField } from './components';
import { Layout, sendPage } from './layout';
import { field, homeOf, safeNext, type View, viewOf } from './view';

interface LoginState {
  email: string;
  next: string | null;
  error?: string;
  issues?: FieldIssue[];
}

function LoginPage({ v, s }: { v: View; s: LoginState }) {
  const issue = (name: string) => s.issues?.some((i) => i.field === name);
  return (
    <Layout v={v} title={v.t('login.title')}>
      <section class="login">
        <p class="brand-big">{v.t('app.name')}</p>
        <p class="muted">{v.t('app.tagline')}</p>
        <form method="post" action="/login" class="panel">
          <h1>{v.t('login.title')}</h1>
          {s.error ? (
            <p class="notice notice-error" role="alert">
              {s.error}
            </p>
          ) : null}
          {/* Only present with a live session: the CSRF middleware then asks for it on every form. */}
          {v.csrf ? <CsrfField v={v} /> : null}
          {s.next ? <input type="hidden" name="next" value={s.next} /> : null}
          <div class="field">
            <label for="email">{v.t('login.email')}</label>
            <input
              id="email"
              name="email"
              type="email"
              autocomplete="username"
              required
              autofocus={!s.email}
              value={s.email}
              aria-invalid={issue('email') ? 'true' : undefined}
              aria-describedby={issue('email') ? 'email-error' : undefined}
            />
            {issue('email') ? (
              <p class="field-error" id="email-error">
                {v.t('login.emailInvalid')}
              </p>
            ) : null}
          </div>
          <div class="field">
            <label for="password">{v.t('login.password')}</label>
            <input
              id="password"
              name="password"
              type="password"
              autocomplete="current-password"
              required
              autofocus={!!s.email}
              aria-invalid={issue('password') ? 'true' : undefined}
              aria-describedby={issue('password') ? 'password-error' : undefined}
            />
            {issue('password') ? (
              <p class="field-error" id="password-error">
                {v.t('login.passwordRequired')}
              </p>
            ) : null}
          </div>
          <button type="submit" class="btn-primary">
            {v.t('login.submit')}
          </button>
        </form>
      </section>
    </Layout>
  );
}

/** Sign-in, sign-out, the language switch and the front door. */
export function signInPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/', (c) => {
    const actor = c.get('actor');
    return c.redirect(actor ? homeOf(actor.role) : '/login', 302);
  });

  app.get('/login', (c) => {
    const next = safeNext(c.req.query('next'));
    const actor = c.get('actor');
    if (actor) return c.redirect(next ?? homeOf(actor.role), 302);
    return sendPage(c, <LoginPage v={viewOf(c)} s={{ email: '', next }} />);
  });

  app.post('/login', async (c) => {
    const form = await c.req.parseBody();
    const email = field(form, 'email');
    const next = safeNext(field(form, 'next'));
    const v = viewOf(c, { path: next ? `/login?next=${encodeURIComponent(next)}` : '/login' });
    try {
      const session = await signIn(c.get('ctx'), { email, password: field(form, 'password') });
      setCookie(c, SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'Lax',
        path: '/',
        secure: new URL(c.req.url).protocol === 'https:',
        expires: session.expiresAt,
      });
      return c.redirect(next ?? homeOf(session.actor.role), 303);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      if (err.code === 'unauthorized') {
        return sendPage(c, <LoginPage v={v} s={{ email, next, error: v.t('login.wrong') }} />, 401);
      }
      if (err.code === 'validation_failed') {
        const s = { email, next, error: v.t('login.invalid'), issues: err.issues };
        return sendPage(c, <LoginPage v={v} s={s} />, 400);
      }
      throw err;
    }
  });

  app.post('/logout', async (c) => {
    const token = c.get('sessionToken');
    if (token) await signOut(c.get('ctx'), token);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/login', 303);
  });

  app.get('/lang/:code', (c) => {
    const code = c.req.param('code');
    if (code === 'en' || code === 'fr') {
      setCookie(c, LOCALE_COOKIE, code, { path: '/', sameSite: 'Lax', maxAge: 365 * 86_400 });
    }
    return c.redirect(safeNext(c.req.query('next')) ?? '/', 302);
  });

  return app;
}
