/**
 * OAuth refresh bookkeeping shared by the X and Reddit connectors (a candidate for connectors/ once
 * a third network needs it). Refresh tokens may be single-use (X), so within one connector:
 * - one refresh at a time per refresh token: two replies meeting a 401 together refresh once;
 * - rotated credentials are handed to `onCredentialsRotated` before anything uses them;
 * - a caller still holding the old pair is upgraded to the new one instead of spending a dead token.
 */
export type Credentials = Record<string, string>;

interface Rotation {
  credentials: Credentials;
  /** False while (or when) onCredentialsRotated has not succeeded: storing is retried before use. */
  stored: boolean;
}

export interface TokenRotation {
  /** The newest credentials known for `credentials` (follows earlier rotations). */
  current(credentials: Credentials): Promise<Credentials>;
  /** Refreshes once for this refresh token, however many callers ask at the same time. */
  refresh(credentials: Credentials): Promise<Credentials>;
}

export function createTokenRotation(options: {
  /** Calls the network's token endpoint and returns the full new credential record. */
  exchange: (credentials: Credentials) => Promise<Credentials>;
  onCredentialsRotated?: (credentials: Credentials) => Promise<void>;
}): TokenRotation {
  const rotations = new Map<string, Rotation>();
  const inFlight = new Map<string, Promise<Credentials>>();

  async function store(rotation: Rotation): Promise<Credentials> {
    if (!rotation.stored) {
      await options.onCredentialsRotated?.(rotation.credentials);
      rotation.stored = true;
    }
    return rotation.credentials;
  }

  async function current(credentials: Credentials): Promise<Credentials> {
    let latest = credentials;
    // Bounded walk: each rotation maps an old refresh token to the next pair.
    for (let hop = 0; hop < 16; hop++) {
      const key = latest.refreshToken;
      const rotation = key ? rotations.get(key) : undefined;
      if (!rotation) break;
      latest = await store(rotation);
    }
    return latest;
  }

  async function refresh(credentials: Credentials): Promise<Credentials> {
    const latest = await current(credentials);
    const key = latest.refreshToken;
    if (latest !== credentials) return latest; // someone already rotated this pair
    if (!key) return options.exchange(latest);
    const running = inFlight.get(key);
    if (running) return running;
    const promise = (async () => {
      const next = await options.exchange(latest);
      const rotation: Rotation = { credentials: next, stored: false };
      rotations.set(key, rotation);
      return store(rotation);
    })().finally(() => inFlight.delete(key));
    inFlight.set(key, promise);
    return promise;
  }

  return { current, refresh };
}
