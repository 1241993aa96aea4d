import { fromBase64Url, toBase64Url } from './crypto';

/**
 * AES-256-GCM for credentials at rest (WebCrypto, so Workers too). The stored form is
 * `v1.<iv>.<ciphertext>`: the version lets the key or algorithm change later without guessing.
 */
export interface SecretBox {
  seal(plaintext: string): Promise<string>;
  open(sealed: string): Promise<string>;
}

export async function createSecretBox(rawKey: Uint8Array): Promise<SecretBox> {
  if (rawKey.length !== 32) throw new Error('The credentials key must be 32 bytes (256 bits)');
  const key = await crypto.subtle.importKey('raw', rawKey as BufferSource, 'AES-GCM', false, [
    'encrypt',
    'decrypt',
  ]);
  const encoder = new TextEncoder();
  return {
    async seal(plaintext) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, encoder.encode(plaintext));
      return `v1.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(ct))}`;
    },
    async open(sealed) {
      const [version, iv, ct] = sealed.split('.');
      if (version !== 'v1' || !iv || !ct) throw new Error('Unknown credentials format');
      const pt = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: fromBase64Url(iv) as BufferSource },
        key,
        fromBase64Url(ct) as BufferSource,
      );
      return new TextDecoder().decode(pt);
    },
  };
}

/** `SECRET_KEY` is 32 random bytes in base64url (or base64): `openssl rand -base64 32`. */
export function parseSecretKey(text: string): Uint8Array {
  const bytes = fromBase64Url(text.trim().replaceAll('=', ''));
  if (bytes.length !== 32) throw new Error('SECRET_KEY must decode to 32 bytes (openssl rand -base64 32)');
  return bytes;
}
