import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ServerType, serve } from '@hono/node-server';
import { parseConfig } from '../../src/config';
import { DEMO_PASSWORD } from '../../src/entry/demo-logins';
import { buildNodeRuntime, type NodeRuntime } from '../../src/entry/runtime';
import { seedDemo } from '../../src/services/demo/seed-demo';

export { DEMO_PASSWORD };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export interface RunningService {
  base: string;
  rt: NodeRuntime;
  stop(): Promise<void>;
}

/** The real Node runtime on a fresh embedded database, served on a loopback port; jobs run on demand. */
export async function startService(): Promise<RunningService> {
  const port = await freePort();
  const config = parseConfig({
    PORT: String(port),
    DATA_DIR: mkdtempSync(join(tmpdir(), 'passerelle-e2e-')),
    DEMO: 'on',
    LOG_LEVEL: 'silent',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
  });
  const rt = await buildNodeRuntime(config);
  await seedDemo(rt.deps, { password: DEMO_PASSWORD });
  await rt.runJob('demo-network');
  const server: ServerType = serve({ fetch: rt.app.fetch, port, hostname: '127.0.0.1' });
  return {
    base: `http://127.0.0.1:${port}`,
    rt,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rt.drain();
      await rt.database.close();
    },
  };
}
