export type IdGenerator = (prefix: string) => string;

const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';

/** Prefixed, URL-safe random ids (`case_7x2k...`): readable in logs and links, 100 bits of entropy. */
export const randomId: IdGenerator = (prefix) => `${prefix}_${randomToken(20)}`;

/**
 * Random bytes are drawn from the system's CSPRNG a few kilobytes at a time and each byte is used
 * once: a poll makes thousands of ids, and one call per id cost more than the ids themselves.
 */
const POOL_SIZE = 4096;
let pool = new Uint8Array(0);
let used = 0;

export function randomToken(length: number): string {
  if (length > POOL_SIZE) return tokenOf(crypto.getRandomValues(new Uint8Array(length)), 0, length);
  if (used + length > pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(POOL_SIZE));
    used = 0;
  }
  const out = tokenOf(pool, used, length);
  used += length;
  return out;
}

function tokenOf(bytes: Uint8Array, from: number, length: number): string {
  let out = '';
  for (let i = from; i < from + length; i++) out += alphabet[bytes[i]! & 31];
  return out;
}
