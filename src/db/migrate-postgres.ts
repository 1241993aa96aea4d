import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { migrationsFolder } from './migrations-folder';
import * as schema from './schema';

/**
 * Applies the committed migrations. Several instances may start at once and must take turns:
 * a session advisory lock is safe here because this is one dedicated direct connection (max 1),
 * never a transaction-mode pool.
 */
export async function migratePostgres(url: string): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(727274)`;
    await migrate(drizzle(client, { schema }), { migrationsFolder });
  } finally {
    await client`select pg_advisory_unlock(727274)`.catch(() => {});
    await client.end({ timeout: 5 });
  }
}
