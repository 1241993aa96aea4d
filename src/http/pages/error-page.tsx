import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { translateMessage } from './error-text';
import type { MessageKey } from './i18n';
import { Layout, sendPage } from './layout';
import { homeOf, viewOf } from './view';

const titled = new Set([400, 401, 403, 404, 409, 429, 500, 503]);

/**
 * The HTML face of every error: status and message inside the layout. The message is text
 * (JSX escapes it); a 500's message is already the generic one, never the exception.
 */
export function renderErrorPage(c: Context<AppEnv>, status: number, message: string) {
  const v = viewOf(c);
  const title = titled.has(status)
    ? v.t(`error.title.${status}` as MessageKey)
    : v.t('error.title.other', { status });
  const home = v.actor ? homeOf(v.actor.role) : '/login';
  return sendPage(
    c,
    <Layout v={v} title={title}>
      <section class="error-page panel">
        <p class="code">{status}</p>
        <h1>{title}</h1>
        <p>{translateMessage(v.locale, message)}</p>
        <p>
          <a href={home}>{v.t('error.home')}</a>
        </p>
      </section>
    </Layout>,
    status,
  );
}
