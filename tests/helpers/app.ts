import type { Hono } from 'hono';
import type { FetchLike } from '../../connectors/types';
import { createApp } from '../../src/app';
import type { Database } from '../../src/db/client';
import type { Role } from '../../src/db/schema';
import type { AppEnv } from '../../src/http/env';
import { createApiToken, signIn } from '../../src/services/auth/sessions';
import { demoUsers, seedDemo } from '../../src/services/demo/seed-demo';
import { createTestDatabase } from './db';
import { type TestDeps, testDeps } from './deps';

export const DEMO_PASSWORD = 'demo-passerelle';

export interface TestApp {
  app: Hono<AppEnv>;
  deps: TestDeps;
  database: Database;
  brandId: string;
  /** A signed-in session for the demo user of that role (or that e-mail). */
  session(who: Role | string): Promise<{ cookie: string; csrf: string; userId: string }>;
  /** A bearer token for the demo user of that role (or that e-mail). */
  token(who: Role | string): Promise<string>;
  close(): Promise<void>;
}

const emailOf = (who: Role | string) =>
  who.includes('@') ? who : (demoUsers.find((u) => u.role === who)?.email ?? who);

/**
 * The whole service on a real database with the demo workspace seeded. The demo network is
 * served by the app itself and the demo connector reaches it through `app.request`.
 */
export async function createTestApp(opts: { now?: string } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  let app: Hono<AppEnv> | null = null;
  // The service's own host (the demo network) is served in-process; anything else, such as a
  // mock network on 127.0.0.1, goes over real HTTP.
  const selfFetch: FetchLike = (input, init) => {
    if (!app) throw new Error('app not ready');
    const url = input instanceof Request ? input.url : String(input);
    if (!url.startsWith('http://passerelle.test')) return fetch(input, init);
    return Promise.resolve(app.request(input instanceof Request ? input : url, init));
  };
  const deps = await testDeps(database, { fetch: selfFetch, ...(opts.now ? { now: opts.now } : {}) });
  app = createApp({ ...deps, dbKind: database.kind, ping: database.ping, demoNetwork: true });
  const { brandId } = await seedDemo(deps, { password: DEMO_PASSWORD });
  const session = async (who: Role | string) => {
    const s = await signIn(deps, { email: emailOf(who), password: DEMO_PASSWORD });
    return { cookie: `passerelle_session=${s.token}`, csrf: s.csrfToken, userId: s.actor.id };
  };
  const token = async (who: Role | string) => {
    const user = await deps.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, emailOf(who)) });
    if (!user) throw new Error(`no user ${who}`);
    return createApiToken(deps, user.id, 'test');
  };
  return { app, deps, database, brandId, session, token, close: () => database.close() };
}
