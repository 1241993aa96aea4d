/**
 * Record keys for replies, derived from the reply's idempotency key so that a retry writes to the
 * same key: the repo then holds at most one record per reply, and a retry can find the first one.
 *
 * Posts need a TID-shaped key (atproto record-key spec): 13 characters of base32-sortable
 * (`234567abcdefghijklmnopqrstuvwxyz`) encoding a 64-bit integer whose top bit is 0, so the first
 * character is one of `234567ab`. Here the 63 bits come from SHA-256 of the idempotency key rather
 * than from the clock: the key is a valid TID, but its time part means nothing (nothing in the
 * protocol reads time from a post's rkey; the post carries `createdAt`).
 */

const BASE32_SORTABLE = '234567abcdefghijklmnopqrstuvwxyz';

export const TID_PATTERN = /^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/;

export async function rkeyFromIdempotencyKey(key: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key)));
  let value = 0n;
  for (let i = 0; i < 8; i++) value = (value << 8n) | BigInt(digest[i] ?? 0);
  value &= (1n << 63n) - 1n;
  let out = '';
  for (let i = 0; i < 13; i++) {
    out = BASE32_SORTABLE[Number(value & 31n)] + out;
    value >>= 5n;
  }
  return out;
}
