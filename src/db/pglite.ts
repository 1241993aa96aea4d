import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { AppError } from '../lib/errors';
import type { Database, Db } from './client';
import { migrationsFolder } from './migrations-folder';
import * as schema from './schema';

/**
 * PGlite is one process only: a second process opening the same directory corrupts it. A lock
 * file holding our pid turns that into a clear error; a lock left by a dead process is taken over.
 */
function acquireLock(dataDir: string): () => void {
  const lockPath = join(dataDir, 'passerelle.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          unlinkSync(lockPath);
        } catch {
          // already gone: nothing to release
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(lockPath, 'utf8').trim());
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new AppError(
          'unavailable',
          `The embedded database in ${dataDir} is already used by another Passerelle process (pid ${pid}). ` +
            'PGlite runs in one process only: stop that process, point DATA_DIR elsewhere, or use DATABASE_URL for several instances.',
        );
      }
      unlinkSync(lockPath);
    }
  }
  throw new AppError('unavailable', `Could not lock ${lockPath}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Opens (and migrates) the embedded database; `dataDir` null means in memory. */
export async function openPglite(dataDir: string | null): Promise<Database & { client: PGlite }> {
  let release = () => {};
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    release = acquireLock(dataDir);
  }
  try {
    const client = dataDir ? new PGlite(join(dataDir, 'pgdata')) : new PGlite();
    await client.waitReady;
    return wrapPglite(client, release, true);
  } catch (err) {
    release();
    throw err;
  }
}

export async function wrapPglite(
  client: PGlite,
  release: () => void,
  runMigrations: boolean,
): Promise<Database & { client: PGlite }> {
  const db = drizzle(client, { schema }) as unknown as Db;
  if (runMigrations) await migrate(drizzle(client, { schema }), { migrationsFolder });
  return {
    client,
    db,
    kind: 'pglite',
    ping: async () => {
      await client.query('select 1');
    },
    close: async () => {
      await client.close();
      release();
    },
  };
}
