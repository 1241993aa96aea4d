import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toBase64Url } from '../lib/crypto';
import { parseSecretKey } from '../lib/secret-box';

/**
 * The embedded default keeps its credentials key beside the data, readable by its owner only.
 * With SECRET_KEY set (required for several instances), the file is not used.
 */
export function secretKeyFromFile(dataDir: string): Uint8Array {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'secret.key');
  if (!existsSync(path)) {
    writeFileSync(path, `${toBase64Url(crypto.getRandomValues(new Uint8Array(32)))}\n`, {
      mode: 0o600,
      flag: 'wx',
    });
  }
  return parseSecretKey(readFileSync(path, 'utf8'));
}
