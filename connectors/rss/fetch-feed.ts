/**
 * One guarded feed download: http(s) only, every hop's address checked against private ranges,
 * redirects followed by hand (at most 5), a conditional GET, a byte cap and one timeout for the
 * whole exchange. Everything it refuses, it refuses before connecting.
 */
import { errorForStatus, parseRetryAfter } from '../http';
import { ConnectorError, type FetchLike } from '../types';
import { forbiddenAddressReason, isIpLiteral } from './address';

const NETWORK = 'rss';
export const MAX_REDIRECTS = 5;
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

export interface FeedFetchOptions {
  fetch: FetchLike;
  timeoutMs: number;
  maxBytes: number;
  userAgent: string;
  now: () => Date;
  /** Hostname -> IP addresses. Absent: only literal IPs and `localhost` are checked. */
  resolveHost?: (hostname: string) => Promise<string[]>;
  allowPrivateAddresses: boolean;
}

export interface FeedRequest {
  url: string;
  etag: string | null;
  lastModified: string | null;
  signal?: AbortSignal;
}

export type FeedResponse =
  | { status: 'not-modified'; url: string }
  | {
      status: 'ok';
      /** The address the document came from, after redirects: the base of its relative links. */
      url: string;
      bytes: Uint8Array;
      contentType: string | null;
      etag: string | null;
      lastModified: string | null;
    };

const ACCEPT =
  'application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1';

/** Parses a feed address and refuses what may never be fetched, before any DNS or network use. */
export function checkFeedUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ConnectorError(NETWORK, 'forbidden', `"${raw}" is not a valid feed address (URL)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConnectorError(
      NETWORK,
      'forbidden',
      `feed addresses must start with http:// or https:// (got ${url.protocol.replace(/:$/, '')})`,
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new ConnectorError(
      NETWORK,
      'forbidden',
      'feed addresses with a user name or password are not supported',
    );
  }
  url.hash = '';
  return url;
}

async function checkHost(url: URL, options: FeedFetchOptions): Promise<void> {
  if (options.allowPrivateAddresses) return;
  const host = url.hostname.replace(/\.$/, '').toLowerCase();
  const refuse = (why: string) =>
    new ConnectorError(
      NETWORK,
      'forbidden',
      `refused to read ${url.host}: ${why}. Passerelle only reads feeds on the public internet`,
    );
  if (isIpLiteral(host)) {
    const reason = forbiddenAddressReason(host);
    if (reason) throw refuse(`it is ${reason}`);
    return;
  }
  // RFC 6761: every name under .localhost is the machine itself, whatever DNS says.
  if (host === 'localhost' || host.endsWith('.localhost')) throw refuse('it is this machine (localhost)');
  if (!options.resolveHost) return;
  let addresses: string[];
  try {
    addresses = await options.resolveHost(host);
  } catch (cause) {
    throw new ConnectorError(NETWORK, 'transient', `could not resolve the feed host ${host}`, { cause });
  }
  if (addresses.length === 0) throw refuse('its name resolves to no address');
  for (const address of addresses) {
    const reason = forbiddenAddressReason(address);
    if (reason) throw refuse(`its name resolves to ${address}, ${reason}`);
  }
}

/**
 * Downloads the feed. Note on DNS: the check resolves the name, then fetch resolves it again, so
 * a hostile DNS server could answer differently the second time (rebinding). The Node runtime
 * closes that gap with a fetch that checks the address it connects to (src/entry/public-only-fetch.ts).
 */
export async function fetchFeed(request: FeedRequest, options: FeedFetchOptions): Promise<FeedResponse> {
  const { signal } = request;
  signal?.throwIfAborted();
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error(`timed out after ${options.timeoutMs} ms`));
  }, options.timeoutMs);
  const forwardAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', forwardAbort, { once: true });

  const failure = (cause: unknown): never => {
    if (cause instanceof ConnectorError) throw cause;
    if (signal?.aborted && !timedOut) throw signal.reason;
    const message = timedOut
      ? `the feed did not answer within ${options.timeoutMs} ms`
      : 'could not connect to the feed server';
    throw new ConnectorError(NETWORK, 'transient', message, { cause });
  };

  try {
    let url = checkFeedUrl(request.url);
    for (let hop = 0; ; hop++) {
      await checkHost(url, options);
      const headers: Record<string, string> = { accept: ACCEPT, 'user-agent': options.userAgent };
      if (request.etag) headers['if-none-match'] = request.etag;
      if (request.lastModified) headers['if-modified-since'] = request.lastModified;
      let response: Response;
      try {
        response = await options.fetch(url.toString(), {
          method: 'GET',
          headers,
          redirect: 'manual',
          signal: controller.signal,
        });
      } catch (cause) {
        return failure(cause);
      }

      if ([301, 302, 303, 307, 308].includes(response.status)) {
        await response.body?.cancel().catch(() => undefined);
        const location = response.headers.get('location');
        if (!location) {
          throw new ConnectorError(
            NETWORK,
            'malformed',
            `the feed server answered a redirect (HTTP ${response.status}) without saying where to`,
          );
        }
        if (hop + 1 > MAX_REDIRECTS) {
          throw new ConnectorError(
            NETWORK,
            'forbidden',
            `the feed redirected more than ${MAX_REDIRECTS} times; giving up`,
            {
              status: response.status,
            },
          );
        }
        let next: URL;
        try {
          next = new URL(location, url);
        } catch {
          throw new ConnectorError(
            NETWORK,
            'malformed',
            `the feed redirected to an invalid address "${location}"`,
          );
        }
        url = checkFeedUrl(next.toString());
        continue;
      }
      if (response.status === 304) {
        await response.body?.cancel().catch(() => undefined);
        return { status: 'not-modified', url: url.toString() };
      }
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        throw errorForFeedStatus(response, url, options.now());
      }
      const bytes = await readCapped(response, options.maxBytes).catch(failure);
      return {
        status: 'ok',
        url: url.toString(),
        bytes,
        contentType: response.headers.get('content-type'),
        etag: response.headers.get('etag'),
        lastModified: response.headers.get('last-modified'),
      };
    }
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', forwardAbort);
  }
}

function errorForFeedStatus(response: Response, url: URL, now: Date): ConnectorError {
  const { status } = response;
  const what =
    status === 404
      ? 'the feed was not found'
      : status === 410
        ? 'the feed has been removed'
        : status === 401
          ? 'the feed asks for a login'
          : status === 403
            ? 'the feed server refuses access'
            : status === 429
              ? 'the feed server asks to slow down'
              : status >= 500
                ? 'the feed server failed'
                : 'the feed server refused the request';
  const message = `${what} (HTTP ${status} from ${url.host})`;
  const error = errorForStatus(NETWORK, {
    status,
    body: message,
    headers: response.headers,
    now,
    rateLimit: null,
  });
  // A 503 often says when to come back; keep it so the scheduler does not knock earlier.
  if (error.kind === 'transient') {
    const retryAt = parseRetryAfter(response.headers.get('retry-after'), now);
    if (retryAt) return new ConnectorError(NETWORK, 'transient', message, { status, retryAt });
  }
  return error;
}

async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () =>
    new ConnectorError(
      NETWORK,
      'malformed',
      `the feed is larger than ${formatBytes(maxBytes)}, the most Passerelle reads from one feed`,
      { status: response.status },
    );
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 102.4) / 10} KB`;
  return `${bytes} bytes`;
}
