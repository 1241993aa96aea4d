import { describe, expect, it } from 'vitest';
import { createSecretBox, parseSecretKey } from '../../src/lib/secret-box';

describe('credentials at rest', () => {
  it('seals and opens with the same key, never twice the same ciphertext', async () => {
    const box = await createSecretBox(crypto.getRandomValues(new Uint8Array(32)));
    const a = await box.seal('{"accessToken":"secret-123"}');
    const b = await box.seal('{"accessToken":"secret-123"}');
    expect(a).not.toBe(b);
    expect(a).not.toContain('secret-123');
    expect(await box.open(a)).toBe('{"accessToken":"secret-123"}');
  });

  it('refuses another key and a tampered ciphertext', async () => {
    const box = await createSecretBox(crypto.getRandomValues(new Uint8Array(32)));
    const other = await createSecretBox(crypto.getRandomValues(new Uint8Array(32)));
    const sealed = await box.seal('hello');
    await expect(other.open(sealed)).rejects.toThrow();
    const tampered = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}A`;
    await expect(box.open(tampered)).rejects.toThrow();
    await expect(box.open('v0.x.y')).rejects.toThrow(/Unknown credentials format/);
  });

  it('reads a base64 key and refuses one of the wrong size', () => {
    const key = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
    expect(parseSecretKey(key)).toHaveLength(32);
    expect(() => parseSecretKey(btoa('short'))).toThrow(/32 bytes/);
  });
});
