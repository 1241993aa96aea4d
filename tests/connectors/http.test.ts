import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  errorForStatus,
  errorReason,
  parseRateLimit,
  parseResetValue,
  parseRetryAfter,
  rateLimitHeaderSpecs,
  requestJson,
} from '../../connectors/http';
import { ConnectorError, type FetchLike } from '../../connectors/types';

const now = new Date('2026-03-01T12:00:00.000Z');

async function caught(promise: Promise<unknown>): Promise<ConnectorError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ConnectorError) return error;
    throw error;
  }
  throw new Error('expected a ConnectorError');
}

function respond(status: number, body: string, headers: Record<string, string> = {}): FetchLike {
  return async () => new Response(body === '' ? null : body, { status, headers });
}

describe('parseResetValue', () => {
  it('reads epoch seconds, ISO-8601 and seconds until reset', () => {
    expect(parseResetValue('1772366400', 'epoch-seconds', now)).toEqual(new Date(1_772_366_400_000));
    expect(parseResetValue('2026-03-01T12:05:00.000Z', 'iso-8601', now)).toEqual(
      new Date('2026-03-01T12:05:00.000Z'),
    );
    expect(parseResetValue('42', 'seconds-until-reset', now)).toEqual(new Date(now.getTime() + 42_000));
    expect(parseResetValue('4.5', 'seconds-until-reset', now)).toEqual(new Date(now.getTime() + 4_500));
  });

  it('gives null for absent or unreadable values instead of inventing a date', () => {
    expect(parseResetValue(null, 'epoch-seconds', now)).toBeNull();
    expect(parseResetValue('', 'iso-8601', now)).toBeNull();
    expect(parseResetValue('soon', 'epoch-seconds', now)).toBeNull();
    expect(parseResetValue('-3', 'seconds-until-reset', now)).toBeNull();
    expect(parseResetValue('not a date', 'iso-8601', now)).toBeNull();
  });
});

describe('parseRateLimit', () => {
  it('uses the header names and reset format of each network', () => {
    const mastodon = new Headers({
      'X-RateLimit-Remaining': '12',
      'X-RateLimit-Reset': '2026-03-01T12:05:00Z',
    });
    expect(parseRateLimit(mastodon, rateLimitHeaderSpecs.mastodon, now)).toEqual({
      remaining: 12,
      resetAt: new Date('2026-03-01T12:05:00Z'),
    });
    const reddit = new Headers({ 'x-ratelimit-remaining': '599.0', 'x-ratelimit-reset': '30' });
    expect(parseRateLimit(reddit, rateLimitHeaderSpecs.reddit, now)).toEqual({
      remaining: 599,
      resetAt: new Date(now.getTime() + 30_000),
    });
    const x = new Headers({ 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': '1772366700' });
    expect(parseRateLimit(x, rateLimitHeaderSpecs.x, now)).toEqual({
      remaining: 0,
      resetAt: new Date(1_772_366_700_000),
    });
  });

  it('returns null when the response has no rate-limit headers, and nulls for unreadable parts', () => {
    expect(parseRateLimit(new Headers(), rateLimitHeaderSpecs.demo, now)).toBeNull();
    expect(
      parseRateLimit(new Headers({ 'x-ratelimit-remaining': 'lots' }), rateLimitHeaderSpecs.demo, now),
    ).toEqual({ remaining: null, resetAt: null });
  });
});

describe('parseRetryAfter', () => {
  it('reads delay seconds and HTTP dates', () => {
    expect(parseRetryAfter('120', now)).toEqual(new Date(now.getTime() + 120_000));
    expect(parseRetryAfter('Sun, 01 Mar 2026 12:10:00 GMT', now)).toEqual(new Date('2026-03-01T12:10:00Z'));
    expect(parseRetryAfter('whenever', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});

describe('backoffDelay', () => {
  it('draws uniformly below min(cap, base * 2^attempt)', () => {
    expect(backoffDelay(0, 100, 10_000, () => 0.999)).toBe(99);
    expect(backoffDelay(3, 100, 10_000, () => 0.5)).toBe(400);
    expect(backoffDelay(20, 100, 10_000, () => 0.5)).toBe(5_000);
    expect(backoffDelay(2, 100, 10_000, () => 0)).toBe(0);
  });

  it('stays within bounds for odd inputs', () => {
    expect(backoffDelay(-4, 100, 10_000, () => 0.5)).toBe(50);
    expect(backoffDelay(5000, 100, 10_000, () => 0.999_999)).toBeLessThan(10_000);
    expect(backoffDelay(1, 100, 10_000, () => 7)).toBe(200);
  });
});

describe('errorReason and errorForStatus', () => {
  it('finds the reason in the usual error shapes', () => {
    expect(errorReason({ error: 'post not found' })).toBe('post not found');
    expect(
      errorReason({ title: 'Forbidden', detail: 'You can only reply to posts where you are mentioned' }),
    ).toBe('You can only reply to posts where you are mentioned');
    expect(errorReason('plain words')).toBe('plain words');
    expect(errorReason({ errors: [] })).toBeNull();
    expect(errorReason(null)).toBeNull();
  });

  it('maps each status to its kind', () => {
    const kind = (status: number, body: unknown = null, headers = new Headers()) =>
      errorForStatus('x', { status, body, headers, now, rateLimit: null });
    expect(kind(401).kind).toBe('auth');
    expect(kind(403, { detail: 'You can only reply to posts where you are mentioned' })).toMatchObject({
      kind: 'forbidden',
      message: 'You can only reply to posts where you are mentioned',
      status: 403,
    });
    expect(kind(403, { detail: 'You are not allowed to create a Tweet with duplicate content.' }).kind).toBe(
      'duplicate',
    );
    expect(kind(409).kind).toBe('duplicate');
    expect(kind(429, null, new Headers({ 'retry-after': '60' })).retryAt).toEqual(
      new Date(now.getTime() + 60_000),
    );
    expect(kind(500).kind).toBe('transient');
    expect(kind(503, { error: 'duplicate of nothing' }).kind).toBe('transient');
    expect(kind(408).kind).toBe('transient');
    expect(kind(422, { error: 'text too long' })).toMatchObject({
      kind: 'forbidden',
      message: 'text too long',
    });
    expect(kind(400).message).toBe('HTTP 400');
  });

  it('uses the rate-limit reset for a 429 without Retry-After', () => {
    const resetAt = new Date('2026-03-01T12:15:00Z');
    const error = errorForStatus('demo', {
      status: 429,
      body: null,
      headers: new Headers(),
      now,
      rateLimit: { remaining: 0, resetAt },
    });
    expect(error.retryAt).toEqual(resetAt);
  });
});

describe('requestJson', () => {
  it('sends JSON and resolves with the parsed body of a 2xx', async () => {
    const seen: { url: string; init: RequestInit | undefined }[] = [];
    const fetch: FetchLike = async (input, init) => {
      seen.push({ url: String(input), init });
      return new Response('{"ok":true}', { status: 201, headers: { 'x-ratelimit-remaining': '9' } });
    };
    const states: unknown[] = [];

    const response = await requestJson({
      network: 'demo',
      fetch,
      url: 'http://127.0.0.1:1/api/posts',
      method: 'POST',
      headers: { 'Idempotency-Key': 'k' },
      body: { text: 'hi' },
      rateLimitHeaders: rateLimitHeaderSpecs.demo,
      onRateLimit: (state) => states.push(state),
    });

    expect(response).toMatchObject({ status: 201, body: { ok: true } });
    expect(seen[0]?.init?.method).toBe('POST');
    expect(seen[0]?.init?.body).toBe('{"text":"hi"}');
    expect(seen[0]?.init?.headers).toMatchObject({
      'content-type': 'application/json',
      'Idempotency-Key': 'k',
    });
    expect(states).toEqual([{ remaining: 9, resetAt: null }]);
  });

  it('resolves an empty 2xx body as null', async () => {
    const response = await requestJson({ network: 'demo', fetch: respond(204, ''), url: 'http://h/x' });
    expect(response.body).toBeNull();
  });

  it('maps an unparsable 2xx body to malformed', async () => {
    const error = await caught(
      requestJson({ network: 'demo', fetch: respond(200, '<html>'), url: 'http://h/x' }),
    );
    expect(error).toMatchObject({ kind: 'malformed', status: 200 });
  });

  it('maps error statuses with the network reason and records the rate limit of the failure', async () => {
    const states: unknown[] = [];
    const error = await caught(
      requestJson({
        network: 'mastodon',
        fetch: respond(429, '{"error":"Too many requests"}', {
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': '2026-03-01T12:05:00.000Z',
        }),
        url: 'http://h/x',
        rateLimitHeaders: rateLimitHeaderSpecs.mastodon,
        onRateLimit: (state) => states.push(state),
        now: () => now,
      }),
    );
    expect(error).toMatchObject({ kind: 'rate_limited', network: 'mastodon', message: 'Too many requests' });
    expect(error.retryAt).toEqual(new Date('2026-03-01T12:05:00.000Z'));
    expect(states).toHaveLength(1);
  });

  it('does not pass a proxy HTML error page on as the reason', async () => {
    const error = await caught(
      requestJson({ network: 'demo', fetch: respond(502, '<html>Bad gateway</html>'), url: 'http://h/x' }),
    );
    expect(error).toMatchObject({ kind: 'transient', message: 'HTTP 502' });
  });

  it('maps a network failure to transient', async () => {
    const fetch: FetchLike = async () => {
      throw new TypeError('fetch failed');
    };
    const error = await caught(requestJson({ network: 'demo', fetch, url: 'http://h/x' }));
    expect(error).toMatchObject({ kind: 'transient', message: 'network error' });
    expect(error.cause).toBeInstanceOf(TypeError);
  });

  it('maps a timeout to transient, aborting the request', async () => {
    let aborted = false;
    const fetch: FetchLike = (_input, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => {
          aborted = true;
          reject(init.signal?.reason);
        });
      });
    const error = await caught(requestJson({ network: 'demo', fetch, url: 'http://h/x', timeoutMs: 20 }));
    expect(error).toMatchObject({ kind: 'transient', message: 'request timed out after 20 ms' });
    expect(aborted).toBe(true);
  });

  it("rethrows the caller's own abort unchanged", async () => {
    const controller = new AbortController();
    const reason = new Error('shutting down');
    const fetch: FetchLike = (_input, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
        controller.abort(reason);
      });
    await expect(
      requestJson({ network: 'demo', fetch, url: 'http://h/x', signal: controller.signal }),
    ).rejects.toBe(reason);
    await expect(
      requestJson({ network: 'demo', fetch, url: 'http://h/x', signal: controller.signal }),
    ).rejects.toBe(reason);
  });
});
