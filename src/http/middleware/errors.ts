import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, type ErrorCode, type FieldIssue, statusOf } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import type { AppEnv } from '../env';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; requestId: string; issues?: FieldIssue[] };
}

export function toErrorBody(err: unknown, requestId: string): { status: number; body: ErrorBody } {
  if (err instanceof AppError) {
    return {
      status: statusOf[err.code],
      body: {
        error: {
          code: err.code,
          message: err.message,
          requestId,
          ...(err.issues.length ? { issues: err.issues } : {}),
        },
      },
    };
  }
  if (err instanceof HTTPException && err.status < 500) {
    const code: ErrorCode =
      err.status === 403 ? 'forbidden' : err.status === 404 ? 'not_found' : 'bad_request';
    return {
      status: err.status,
      body: { error: { code, message: err.message || 'Bad request', requestId } },
    };
  }
  // Never leak internals: the request id lets an admin find the logged details.
  return {
    status: 500,
    body: { error: { code: 'internal', message: 'Something went wrong on our side', requestId } },
  };
}

/** The one `onError`: JSON for the API, a readable page for people. */
export function errorHandler(
  logger: Logger,
  renderPage: (c: Context<AppEnv>, status: number, message: string) => Response | Promise<Response>,
) {
  return (err: Error, c: Context<AppEnv>) => {
    const requestId = c.get('requestId') ?? 'unknown';
    const { status, body } = toErrorBody(err, requestId);
    if (status >= 500)
      logger.error('request failed', { requestId, path: c.req.path, error: String(err.stack ?? err) });
    if (c.req.path.startsWith('/api/') || c.req.path === '/healthz' || !acceptsHtml(c)) {
      return c.json(body, status as ContentfulStatusCode);
    }
    return renderPage(c, status, body.error.message);
  };
}

function acceptsHtml(c: Context<AppEnv>): boolean {
  return (c.req.header('accept') ?? '').includes('text/html');
}
