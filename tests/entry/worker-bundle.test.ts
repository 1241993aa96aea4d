import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The Workers bundle must stay free of what Workers lack: PGlite, node-cron, the file system. */
describe('the Workers bundle', () => {
  it('builds with wrangler and pulls in nothing Node-only', () => {
    const out = mkdtempSync(join(tmpdir(), 'passerelle-worker-'));
    execFileSync('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', out], {
      cwd: new URL('../..', import.meta.url),
      stdio: 'pipe',
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true' },
      timeout: 120_000,
    });
    const files = readdirSync(out).filter((f) => f.endsWith('.js'));
    expect(files.length).toBeGreaterThan(0);
    const code = files.map((f) => readFileSync(join(out, f), 'utf8')).join('\n');
    expect(code).not.toMatch(/@electric-sql\/pglite|pglite\.wasm|PGlite/);
    expect(code).not.toMatch(/node-cron/);
    for (const mod of ['fs', 'fs/promises', 'child_process', 'worker_threads', 'path']) {
      expect(code, `node:${mod} in the bundle`).not.toMatch(
        new RegExp(`from\\s*["']node:${mod}["']|require\\(["']node:${mod}["']\\)`),
      );
    }
  }, 180_000);
});
