import { lookup } from 'node:dns/promises';
import type { Hono } from 'hono';
import type { FetchLike } from '../../connectors/types';
import { createApp } from '../app';
import { createModelClassifier } from '../classify';
import { loadDefaultModels } from '../classify/models-node';
import type { Config } from '../config';
import type { Database } from '../db/client';
import { openDatabase } from '../db/open';
import type { AppEnv } from '../http/env';
import { type JobDeps, jobNamed } from '../jobs/schedule';
import { systemClock } from '../lib/clock';
import { randomId } from '../lib/ids';
import { consoleLogger, silentLogger } from '../lib/logger';
import { createSecretBox, parseSecretKey } from '../lib/secret-box';
import { parseMime } from '../notify/mime';
import { createHttpNotifier } from '../notify/notifier';
import { createSmtpSender } from '../notify/smtp-sender';
import type { JobName } from '../services/context';
import { createTopicModelRegistry } from '../services/learning/topic-models';
import { createChartRasteriser } from '../services/reports/png-chart';
import { readChartAssets } from './chart-assets-node';
import { connectorFactory } from './connectors';
import { publicOnlyFetch } from './public-only-fetch';
import { secretKeyFromFile } from './secret-key-file';

export interface NodeRuntime {
  config: Config;
  database: Database;
  deps: JobDeps;
  app: Hono<AppEnv>;
  demo: boolean;
  runJob(name: JobName): Promise<unknown>;
  /** Stops claiming, then waits for jobs in flight (a reply on the wire finishes, the rest is released). */
  drain(): Promise<void>;
}

/** Node composition: database, dependencies, app and a job runner that never overlaps a job. */
export async function buildNodeRuntime(config: Config): Promise<NodeRuntime> {
  const logger = config.LOG_LEVEL === 'silent' ? silentLogger : consoleLogger();
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL ?? null, dataDir: config.DATA_DIR });
  const demo = config.DEMO === 'on' || (config.DEMO === 'auto' && !config.DATABASE_URL);
  const publicUrl = (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, '');
  const demoBaseUrl = `${publicUrl}/demo-network/api`;
  let app: Hono<AppEnv> | null = null;
  // The demo network lives in this process: reach it directly, so `passerelle poll` works without a server.
  const fetchImpl: FetchLike = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (app && demo && url.startsWith(demoBaseUrl)) return Promise.resolve(app.request(url, init));
    return fetch(input, init);
  };
  const inFlight = new Map<JobName, Promise<unknown>>();
  const rerun = new Set<JobName>();
  let stopping = false;
  const runJob = (name: JobName): Promise<unknown> => {
    // Shutting down: nothing new is claimed.
    if (stopping) return Promise.resolve(null);
    const running = inFlight.get(name);
    if (running) {
      rerun.add(name);
      return running;
    }
    const p = jobNamed(name)
      .run(deps)
      .catch((err) => logger.error('job failed', { job: name, error: String(err?.stack ?? err) }))
      .finally(() => {
        inFlight.delete(name);
        if (rerun.delete(name)) void runJob(name);
      });
    inFlight.set(name, p);
    return p;
  };
  const secretKey = config.SECRET_KEY
    ? parseSecretKey(config.SECRET_KEY)
    : secretKeyFromFile(config.DATA_DIR);
  const topicModels = createTopicModelRegistry();
  const deps: JobDeps = {
    db: database.db,
    secrets: await createSecretBox(secretKey),
    notifier: createHttpNotifier({ fetch, email: createSmtpSender() }),
    clock: systemClock,
    ids: randomId,
    logger,
    classifier: createModelClassifier(loadDefaultModels(), {
      topicModelFor: (list) => topicModels.forList(list),
      correctionsFor: (list) => topicModels.correctionsFor(list),
    }),
    topicModels,
    connectors: connectorFactory({
      userAgent: `Passerelle/0.1 (social care bridge; ${publicUrl})`,
      resolveHost: (host) => lookup(host, { all: true }).then((all) => all.map((a) => a.address)),
      feedFetch: publicOnlyFetch(),
      fetch: fetchImpl,
      demoBaseUrl,
    }),
    nudge: (name) => {
      setTimeout(() => void runJob(name), 50);
    },
    publicUrl,
    parseMime,
    charts: createChartRasteriser(readChartAssets),
    demoNetwork: demo,
    shouldStop: () => stopping,
  };
  app = createApp({ ...deps, dbKind: database.kind, ping: database.ping });
  return {
    config,
    database,
    deps,
    app,
    demo,
    runJob,
    drain: async () => {
      stopping = true;
      rerun.clear();
      await Promise.allSettled([...inFlight.values()]);
    },
  };
}
