import type { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import type { Database } from '../../src/db/client';
import { migratePostgres } from '../../src/db/migrate-postgres';
import { openPglite, wrapPglite } from '../../src/db/pglite';
import { connectPostgres } from '../../src/db/postgres';
import { randomToken } from '../../src/lib/ids';

/**
 * A real database built from the committed migrations: PGlite in memory by default, or a fresh
 * PostgreSQL database per call when TEST_DATABASE_URL is set (CI runs the suite both ways).
 */
export async function createTestDatabase(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return clonePglite();
  const name = `passerelle_t_${randomToken(10)}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  await migratePostgres(dbUrl.toString());
  const database = connectPostgres(dbUrl.toString(), { max: 5 });
  return {
    ...database,
    close: async () => {
      await database.close();
      const cleanup = postgres(url, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

export function testDatabaseKind(): 'pglite' | 'postgres' {
  return process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
}

let template: Promise<PGlite> | null = null;

/**
 * Booting PGlite and migrating takes seconds; cloning a migrated one takes a fraction of that. The
 * template is never used by a test itself, so every database starts from the migrations alone.
 */
async function clonePglite(): Promise<Database> {
  template ??= openPglite(null).then((d) => d.client);
  const copy = (await (await template).clone()) as PGlite;
  return wrapPglite(copy, () => {}, false);
}
