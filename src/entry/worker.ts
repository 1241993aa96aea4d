import interFont from '@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf';
import resvgWasm from '@resvg/resvg-wasm/index_bg.wasm';
import sentimentEn from '../../models/sentiment-en.bin';
import sentimentFr from '../../models/sentiment-fr.bin';
import { createApp } from '../app';
import { createModelClassifier, loadModels } from '../classify';
import { connectPostgres } from '../db/postgres';
import { type JobDeps, jobs } from '../jobs/schedule';
import { systemClock } from '../lib/clock';
import { randomId } from '../lib/ids';
import { consoleLogger } from '../lib/logger';
import { createSecretBox, parseSecretKey } from '../lib/secret-box';
import { createHttpNotifier } from '../notify/notifier';
import { createTopicModelRegistry } from '../services/learning/topic-models';
import { createChartRasteriser } from '../services/reports/png-chart';
import { connectorFactory } from './connectors';

/**
 * Workers composition root. Postgres is reached through Hyperdrive, one short-lived client per
 * request or cron event (Hyperdrive pools for us). Must never import PGlite, node-cron or node:fs:
 * a test bundles this file and fails if one slips in.
 */
export interface WorkerEnv {
  HYPERDRIVE: { connectionString: string };
  /** `wrangler secret put SECRET_KEY`: the same key as the Node instances, to read their credentials. */
  SECRET_KEY: string;
  PUBLIC_URL?: string;
}

// Built once per isolate: the models are data modules, parsed when the worker starts.
const topicModels = createTopicModelRegistry();
const classifier = createModelClassifier(loadModels({ sentimentEn, sentimentFr }), {
  topicModelFor: (list) => topicModels.forList(list),
  correctionsFor: (list) => topicModels.correctionsFor(list),
});
// The wasm is a CompiledWasm module and the font a Data module (wrangler.toml [[rules]]).
const charts = createChartRasteriser(() => ({
  wasm: resvgWasm,
  font: new Uint8Array(interFont),
  fontFamily: 'Inter',
}));

interface ExecutionContextLike {
  waitUntil(p: Promise<unknown>): void;
}

async function runtime(env: WorkerEnv, ctx: ExecutionContextLike) {
  const database = connectPostgres(env.HYPERDRIVE.connectionString, { max: 1 });
  const publicUrl = (env.PUBLIC_URL ?? 'http://localhost:8787').replace(/\/$/, '');
  const deps: JobDeps = {
    db: database.db,
    secrets: await createSecretBox(parseSecretKey(env.SECRET_KEY)),
    notifier: createHttpNotifier({ fetch: (i, init) => fetch(i, init) }),
    clock: systemClock,
    ids: randomId,
    logger: consoleLogger(),
    classifier,
    topicModels,
    connectors: connectorFactory({
      userAgent: `Passerelle/0.1 (social care bridge; ${publicUrl})`,

      fetch: (i, init) => fetch(i, init),
      demoBaseUrl: `${publicUrl}/demo-network/api`,
    }),
    // No long-lived process to nudge: the next cron tick picks the work up, or we run it after the response.
    nudge: (name) => {
      const job = jobs.find((j) => j.name === name);
      if (job) ctx.waitUntil(job.run(deps));
    },
    publicUrl,
    charts,
    demoNetwork: false,
  };
  return { database, deps };
}

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContextLike): Promise<Response> {
    const { database, deps } = await runtime(env, ctx);
    const app = createApp({ ...deps, dbKind: 'postgres', ping: database.ping, demoNetwork: false });
    const response = await app.fetch(request);
    ctx.waitUntil(database.close());
    return response;
  },

  async scheduled(event: { cron: string }, env: WorkerEnv, ctx: ExecutionContextLike): Promise<void> {
    const { database, deps } = await runtime(env, ctx);
    try {
      for (const job of jobs.filter((j) => j.cron === event.cron)) await job.run(deps);
    } finally {
      await database.close();
    }
  },
};
