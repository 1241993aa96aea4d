import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url);

/** The `passerelle` command as an admin runs it, on its own embedded database (or PostgreSQL in CI). */
function passerelle(env: Record<string, string>, ...args: string[]) {
  const res = spawnSync(process.execPath, ['bin/passerelle.js', ...args], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: res.status, out: res.stdout, err: res.stderr };
}

describe('the passerelle command', () => {
  it('creates a user and a token, seeds the demo and polls it, on a fresh data directory', () => {
    const env = { DATA_DIR: mkdtempSync(join(tmpdir(), 'passerelle-cli-')), DATABASE_URL: '', DEMO: 'on' };
    expect(passerelle(env, 'migrate')).toMatchObject({
      code: 0,
      out: expect.stringContaining('Migrations applied (pglite)'),
    });

    const created = passerelle(
      env,
      'user',
      'create',
      '--email',
      'Ana@Example.com',
      '--name',
      'Ana',
      '--role',
      'expert',
      '--password',
      'correct horse battery',
      '--skills',
      'billing,technical',
      '--languages',
      'en,fr',
    );
    expect(created.err).toBe('');
    expect(created.out).toMatch(/Created expert ana@example.com/);

    const dup = passerelle(
      env,
      'user',
      'create',
      '--email',
      'ana@example.com',
      '--name',
      'A',
      '--role',
      'expert',
      '--password',
      'correct horse battery',
    );
    expect(dup.code).toBe(1);
    expect(dup.err).toMatch(/already exists/);

    const bad = passerelle(
      env,
      'user',
      'create',
      '--email',
      'nope',
      '--name',
      'B',
      '--role',
      'boss',
      '--password',
      'short',
    );
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/email: is not an e-mail address/);
    expect(bad.err).toMatch(/role:/);
    expect(bad.err).toMatch(/password: must be at least 10 characters/);

    const token = passerelle(env, 'token', 'create', '--email', 'ana@example.com');
    expect(token.code).toBe(0);
    expect(token.out.trim()).toMatch(/^psl_[\w-]{40,}$/);

    const seeded = passerelle(env, 'seed-demo');
    expect(seeded.code).toBe(0);
    expect(seeded.out).toMatch(/advisor@lumo\.demo/);

    const polled = passerelle(env, 'poll');
    expect(polled.code).toBe(0);
    expect(polled.out).toMatch(/lst_\w+: \d+ fetched, [1-9]\d* new/);
    const again = passerelle(env, 'poll');
    expect(again.out).toMatch(/lst_\w+: \d+ fetched, 0 new/);
  }, 120_000);

  it('explains an unknown command and invalid configuration', () => {
    const unknown = passerelle({}, 'frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/Unknown command: frobnicate/);
    const badConfig = passerelle({ PORT: 'eighty' }, 'migrate');
    expect(badConfig.code).toBe(1);
    expect(badConfig.err).toMatch(/PORT/);
  });
});
