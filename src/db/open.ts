import type { Database } from './client';

/** Node only: picks the driver from configuration and applies migrations. */
export async function openDatabase(opts: { databaseUrl: string | null; dataDir: string }): Promise<Database> {
  if (opts.databaseUrl) {
    const { connectPostgres } = await import('./postgres');
    const { migratePostgres } = await import('./migrate-postgres');
    await migratePostgres(opts.databaseUrl);
    return connectPostgres(opts.databaseUrl);
  }
  const { openPglite } = await import('./pglite');
  return openPglite(opts.dataDir);
}
