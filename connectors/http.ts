/**
 * HTTP helpers shared by every connector: one JSON request with a timeout, failures mapped to
 * ConnectorError kinds, rate-limit header parsing and backoff. Pure except for the injected fetch.
 */
import { ConnectorError, type FetchLike, type NetworkId, type RateLimitState } from './types';

export const DEFAULT_TIMEOUT_MS = 10_000;

/** How a network writes the reset of its rate-limit window. */
export type ResetFormat = 'epoch-seconds' | 'iso-8601' | 'seconds-until-reset';

export interface RateLimitHeaderSpec {
  remaining: string;
  reset: string;
  resetFormat: ResetFormat;
}

/** The header conventions documented in shared/design/NETWORKS.md, so each connector need not restate them. */
export const rateLimitHeaderSpecs = {
  demo: { remaining: 'x-ratelimit-remaining', reset: 'x-ratelimit-reset', resetFormat: 'epoch-seconds' },
  x: { remaining: 'x-rate-limit-remaining', reset: 'x-rate-limit-reset', resetFormat: 'epoch-seconds' },
  mastodon: { remaining: 'x-ratelimit-remaining', reset: 'x-ratelimit-reset', resetFormat: 'iso-8601' },
  bluesky: { remaining: 'ratelimit-remaining', reset: 'ratelimit-reset', resetFormat: 'epoch-seconds' },
  reddit: {
    remaining: 'x-ratelimit-remaining',
    reset: 'x-ratelimit-reset',
    resetFormat: 'seconds-until-reset',
  },
} as const satisfies Record<string, RateLimitHeaderSpec>;

/** Reads a reset header value; null when absent or unreadable, so a bad header never invents a date. */
export function parseResetValue(value: string | null, format: ResetFormat, now: Date): Date | null {
  if (value === null || value.trim() === '') return null;
  const text = value.trim();
  if (format === 'iso-8601') {
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? null : new Date(ms);
  }
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0) return null;
  return format === 'epoch-seconds' ? new Date(n * 1000) : new Date(now.getTime() + n * 1000);
}

/**
 * Rate-limit state from response headers, or null when the response carries none (the caller then
 * keeps what it knew). `remaining` may be a float on some networks (Reddit sends "599.0").
 */
export function parseRateLimit(
  headers: Headers,
  spec: RateLimitHeaderSpec,
  now: Date,
): RateLimitState | null {
  const rawRemaining = headers.get(spec.remaining);
  const rawReset = headers.get(spec.reset);
  if (rawRemaining === null && rawReset === null) return null;
  const remainingNumber = rawRemaining === null ? Number.NaN : Number(rawRemaining.trim());
  const remaining =
    rawRemaining !== null && rawRemaining.trim() !== '' && Number.isFinite(remainingNumber)
      ? Math.max(0, Math.floor(remainingNumber))
      : null;
  return { remaining, resetAt: parseResetValue(rawReset, spec.resetFormat, now) };
}

/** `Retry-After` is either delay-seconds or an HTTP date (RFC 9110 section 10.2.3). */
export function parseRetryAfter(value: string | null, now: Date): Date | null {
  if (value === null || value.trim() === '') return null;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return new Date(now.getTime() + Number(text) * 1000);
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/**
 * Full-jitter exponential backoff (AWS architecture blog): a uniform delay in
 * [0, min(cap, base * 2^attempt)). Spreads retries of many workers instead of syncing them.
 * `attempt` counts from 0; `random` returns [0, 1) and is injected so tests are exact.
 */
export function backoffDelay(attempt: number, baseMs: number, capMs: number, random: () => number): number {
  const safeAttempt = Number.isFinite(attempt) ? Math.max(0, Math.floor(attempt)) : 0;
  const ceiling = Math.min(capMs, baseMs * 2 ** safeAttempt);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.floor(r * Math.max(0, ceiling));
}

/** The network's own words for a refusal, from the usual error body shapes; null when none is found. */
export function errorReason(body: unknown): string | null {
  if (typeof body === 'string') return body.trim() === '' ? null : body.trim().slice(0, 500);
  if (body === null || typeof body !== 'object') return null;
  const record = body as Record<string, unknown>;
  for (const key of ['detail', 'error_description', 'message', 'error', 'title']) {
    const value = record[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim().slice(0, 500);
  }
  return null;
}

export interface HttpFailure {
  status: number;
  body: unknown;
  headers: Headers;
  now: Date;
  rateLimit: RateLimitState | null;
}

/** Maps an HTTP error status to a ConnectorError; kept pure so each status rule is testable alone. */
export function errorForStatus(network: NetworkId, failure: HttpFailure): ConnectorError {
  const { status, body, headers, now, rateLimit } = failure;
  const reason = errorReason(body);
  const message = reason ?? `HTTP ${status}`;
  if (status === 401) return new ConnectorError(network, 'auth', message, { status });
  // X refuses identical text with a 403 "duplicate content": the words matter, not only the status.
  const saysDuplicate = reason !== null && /duplicate/i.test(reason) && [400, 403, 422].includes(status);
  if (status === 409 || saysDuplicate) {
    return new ConnectorError(network, 'duplicate', message, { status });
  }
  if (status === 403) return new ConnectorError(network, 'forbidden', message, { status });
  if (status === 429) {
    const retryAt = parseRetryAfter(headers.get('retry-after'), now) ?? rateLimit?.resetAt ?? null;
    return new ConnectorError(network, 'rate_limited', message, { status, retryAt });
  }
  if (status === 408 || status >= 500) return new ConnectorError(network, 'transient', message, { status });
  // Other 4xx (400, 404, 422...): the network refuses this request for a reason it states; retrying
  // the same request cannot help, which is what 'forbidden' tells the caller.
  return new ConnectorError(network, 'forbidden', message, { status });
}

export interface RequestJsonOptions {
  network: NetworkId;
  fetch: FetchLike;
  url: string | URL;
  method?: string;
  headers?: Record<string, string>;
  /** Serialised as JSON with a JSON content type when present. */
  body?: unknown;
  timeoutMs?: number;
  /** The caller's cancellation; its abort is rethrown as is, not disguised as a network failure. */
  signal?: AbortSignal;
  rateLimitHeaders?: RateLimitHeaderSpec;
  /** Called with the rate-limit state of every response that carries one, errors included. */
  onRateLimit?: (state: RateLimitState) => void;
  now?: () => Date;
}

export interface JsonResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, or null for an empty body (204). */
  body: unknown;
}

/**
 * One JSON request: a 2xx resolves with the parsed body, anything else throws ConnectorError.
 * The timeout covers the whole exchange, body included, because a stalled body hangs a poll as
 * surely as a stalled connect.
 */
export async function requestJson(options: RequestJsonOptions): Promise<JsonResponse> {
  const { network, signal } = options;
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  signal?.throwIfAborted();

  // A controller of our own (rather than AbortSignal.any) tells a timeout from the caller's abort.
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error(`timed out after ${timeoutMs} ms`));
  }, timeoutMs);
  const forwardAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', forwardAbort, { once: true });

  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  const init: RequestInit = { method: options.method ?? 'GET', headers, signal: controller.signal };
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }

  try {
    let response: Response;
    let text: string;
    try {
      response = await options.fetch(options.url, init);
      text = await response.text();
    } catch (cause) {
      if (signal?.aborted && !timedOut) throw signal.reason;
      const message = timedOut ? `request timed out after ${timeoutMs} ms` : 'network error';
      throw new ConnectorError(network, 'transient', message, { cause });
    }

    let rateLimit: RateLimitState | null = null;
    if (options.rateLimitHeaders) {
      rateLimit = parseRateLimit(response.headers, options.rateLimitHeaders, now());
      if (rateLimit) options.onRateLimit?.(rateLimit);
    }

    if (response.ok) {
      if (text.trim() === '') return { status: response.status, headers: response.headers, body: null };
      try {
        return { status: response.status, headers: response.headers, body: JSON.parse(text) };
      } catch (cause) {
        throw new ConnectorError(network, 'malformed', `response is not JSON (HTTP ${response.status})`, {
          status: response.status,
          cause,
        });
      }
    }
    throw errorForStatus(network, {
      status: response.status,
      body: parseLenient(text),
      headers: response.headers,
      now: now(),
      rateLimit,
    });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', forwardAbort);
  }
}

/** Error bodies are often HTML from a proxy: keep the JSON when there is some, else the text. */
function parseLenient(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text.startsWith('<') ? null : text;
  }
}
