import { fileURLToPath } from 'node:url';

/** The committed migrations, applied at boot and in tests (never `drizzle-kit push`). */
export const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));
