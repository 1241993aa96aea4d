/**
 * A thin layer over `requestJson` (connectors/http.ts) for the X and Reddit connectors, adding what
 * requestJson does not do yet: form-encoded bodies (OAuth token endpoints, Reddit's /api/comment)
 * and the headers and body of the response, errors included, so a connector can read headers the
 * shared spec does not know (X's 24-hour caps) and the reason a network gives for a refusal.
 */
import { type RateLimitHeaderSpec, requestJson } from '../http';
import type { FetchLike, NetworkId } from '../types';

export interface CapturedResponse {
  headers: Headers | null;
  /** Text of a non-2xx body, for reasons the generic mapping does not read; null on success. */
  errorBody: string | null;
}

export interface CallOptions {
  network: NetworkId;
  fetch: FetchLike;
  url: string | URL;
  method?: string;
  headers?: Record<string, string>;
  /** JSON body. */
  json?: unknown;
  /** application/x-www-form-urlencoded body. */
  form?: Record<string, string>;
  timeoutMs?: number;
  signal?: AbortSignal;
  now?: () => Date;
  /** Lets a 429 without Retry-After take its retry time from the network's reset header. */
  rateLimitHeaders?: RateLimitHeaderSpec;
}

export async function callJson(
  options: CallOptions,
  captured: CapturedResponse,
): Promise<{ status: number; headers: Headers; body: unknown }> {
  const form = options.form ? new URLSearchParams(options.form).toString() : undefined;
  const capture: FetchLike = async (input, init) => {
    const response = await options.fetch(input, form === undefined ? init : { ...init, body: form });
    captured.headers = response.headers;
    if (!response.ok) {
      try {
        captured.errorBody = await response.clone().text();
      } catch {
        captured.errorBody = null;
      }
    }
    return response;
  };
  const headers: Record<string, string> = { ...options.headers };
  if (form !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
  return requestJson({
    network: options.network,
    fetch: capture,
    url: options.url,
    method: options.method,
    headers,
    body: options.json,
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    now: options.now,
    rateLimitHeaders: options.rateLimitHeaders,
  });
}

/** Parses JSON if it is JSON; a proxy's HTML error page gives null. */
export function parseMaybeJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
