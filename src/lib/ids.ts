export type IdGenerator = (prefix: string) => string;

const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';

/** Prefixed, URL-safe random ids (`case_7x2k...`): readable in logs and links, 100 bits of entropy. */
export const randomId: IdGenerator = (prefix) => `${prefix}_${randomToken(20)}`;

export function randomToken(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let out = '';
  for (const b of bytes) out += alphabet[b & 31];
  return out;
}
