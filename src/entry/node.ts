import { serve } from '@hono/node-server';
import cron from 'node-cron';
import { parseConfig } from '../config';
import { jobs } from '../jobs/schedule';
import { seedDemo } from '../services/demo/seed-demo';
import { DEMO_PASSWORD, printDemoLogins } from './demo-logins';
import { buildNodeRuntime } from './runtime';

/** `passerelle start`: the service, its schedule, and a graceful stop on SIGTERM. */
export async function startNode(env: Record<string, string | undefined>): Promise<void> {
  const config = parseConfig(env);
  const rt = await buildNodeRuntime(config);
  if (rt.demo) {
    const { created } = await seedDemo(rt.deps, { password: DEMO_PASSWORD });
    await rt.runJob('demo-network');
    printDemoLogins(rt.deps.publicUrl, created);
  }
  const server = serve({ fetch: rt.app.fetch, port: config.PORT });
  rt.deps.logger.info('Passerelle is listening', {
    url: rt.deps.publicUrl,
    database: rt.database.kind,
    demo: rt.demo,
  });
  const tasks = jobs.map((job) =>
    cron.schedule(job.cron, () => void rt.runJob(job.name), { name: job.name, noOverlap: true }),
  );
  // First cycle now, so a newcomer sees mentions without waiting for the first minute.
  void rt.runJob('poll-listeners').then(() => rt.runJob('send-replies'));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    rt.deps.logger.info('Stopping', { signal });
    for (const t of tasks) await t.stop();
    server.close();
    await rt.drain();
    await rt.database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}
