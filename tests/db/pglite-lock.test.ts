import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../src/db/pglite';

describe('the embedded database lock', () => {
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-lock-'));
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups) await c();
  });

  it('refuses a data directory another live process holds, and keeps the data', async () => {
    const first = await openPglite(dir);
    cleanups.push(() => first.close());
    await first.db.execute(sql`create table if not exists keep_me (x int)`);
    // Another process: the CLI pointed at the same directory.
    const child = spawn(process.execPath, ['bin/passerelle.js', 'migrate'], {
      cwd: new URL('../..', import.meta.url),
      env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '' },
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/already used by another Passerelle process/);
    await first.ping();
  }, 60_000);

  it('takes over a lock left by a process that died', async () => {
    const dir2 = mkdtempSync(join(tmpdir(), 'passerelle-stale-'));
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir2, 'passerelle.lock'), '999999');
    const db = await openPglite(dir2);
    await db.ping();
    await db.close();
  }, 60_000);
});
