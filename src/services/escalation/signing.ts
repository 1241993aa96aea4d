import { eq } from 'drizzle-orm';
import { signingKeys } from '../../db/schema';
import { fromBase64Url, randomSecret, timingSafeEqual, toBase64Url, toHex } from '../../lib/crypto';
import type { ServiceDeps } from '../context';

const encoder = new TextEncoder();

/**
 * A workspace signing key, created on first use and sealed with the workspace key like every other
 * secret. Two first uses at once both insert; the unique id keeps one and both read it back.
 */
export async function signingKey(deps: ServiceDeps, id: 'expert-links' | 'inbound-webhook'): Promise<string> {
  await deps.db
    .insert(signingKeys)
    .values({ id, sealedKey: await deps.secrets.seal(randomSecret(32)) })
    .onConflictDoNothing();
  const [row] = await deps.db.select().from(signingKeys).where(eq(signingKeys.id, id));
  if (!row) throw new Error(`signing key ${id} could not be created`);
  return deps.secrets.open(row.sealedKey);
}

export async function hmac(secret: string, message: string): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(message)));
}

export async function hmacBase64Url(secret: string, message: string): Promise<string> {
  return toBase64Url(await hmac(secret, message));
}

export async function hmacHex(secret: string, message: string): Promise<string> {
  return toHex(await hmac(secret, message));
}

/** Compares a presented MAC with the expected one without leaking where they differ. */
export function sameMac(given: string, expected: string): boolean {
  return timingSafeEqual(encoder.encode(given), encoder.encode(expected));
}

export { fromBase64Url };
