/**
 * A token bucket for the demo network's API: `capacity` calls at once, refilled evenly over
 * `windowMs`. One bucket per app instance is enough for a demo; a real network would key it by
 * client and keep it in shared storage.
 */
export interface TokenBucketOptions {
  capacity: number;
  windowMs: number;
  now: () => Date;
}

export interface TakeResult {
  allowed: boolean;
  limit: number;
  /** Whole calls left after this one. */
  remaining: number;
  /** When the bucket is full again (epoch seconds), as the x-ratelimit-reset header says it. */
  resetEpochSeconds: number;
  /** When refused, seconds until the next call may pass. */
  retryAfterSeconds: number;
}

export interface TokenBucket {
  take(): TakeResult;
}

export function createTokenBucket(options: TokenBucketOptions): TokenBucket {
  const perMs = options.capacity / options.windowMs;
  let tokens = options.capacity;
  let updatedAt = options.now().getTime();

  return {
    take() {
      const nowMs = options.now().getTime();
      // A clock that steps back (tests, NTP) must not drain the bucket.
      tokens = Math.min(options.capacity, tokens + Math.max(0, nowMs - updatedAt) * perMs);
      updatedAt = Math.max(updatedAt, nowMs);
      const allowed = tokens >= 1;
      if (allowed) tokens -= 1;
      const fullInMs = (options.capacity - tokens) / perMs;
      return {
        allowed,
        limit: options.capacity,
        remaining: Math.floor(tokens),
        resetEpochSeconds: Math.ceil((nowMs + fullInMs) / 1000),
        retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)),
      };
    },
  };
}
