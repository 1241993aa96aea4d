import type { FetchLike } from '../../connectors/types';
import { type ClassifierModels, createModelClassifier } from '../../src/classify';
import { loadDefaultModels } from '../../src/classify/models-node';
import type { Database } from '../../src/db/client';
import { connectorFactory } from '../../src/entry/connectors';
import { manualClock } from '../../src/lib/clock';
import { randomId } from '../../src/lib/ids';
import { silentLogger } from '../../src/lib/logger';
import { createSecretBox } from '../../src/lib/secret-box';
import { parseMime } from '../../src/notify/mime';
import { createHttpNotifier } from '../../src/notify/notifier';
import { createSmtpSender } from '../../src/notify/smtp-sender';
import type { ConnectorFactory, JobName, ServiceDeps } from '../../src/services/context';
import { createTopicModelRegistry } from '../../src/services/learning/topic-models';

export type TestDeps = ServiceDeps & {
  clock: ReturnType<typeof manualClock>;
  nudges: JobName[];
};

/** Real database, real classifier, a clock the test moves; the outside world is whatever fetch says. */
export async function testDeps(
  database: Database,
  opts: { fetch?: FetchLike; notifierFetch?: FetchLike; connectors?: ConnectorFactory; now?: string } = {},
): Promise<TestDeps> {
  const nudges: JobName[] = [];
  const topicModels = createTopicModelRegistry();
  const fetchImpl: FetchLike =
    opts.fetch ??
    (() => {
      throw new Error('This test has no network: pass a fetch');
    });
  return {
    db: database.db,
    secrets: await createSecretBox(crypto.getRandomValues(new Uint8Array(32))),
    notifier: createHttpNotifier({
      fetch: opts.notifierFetch ?? fetch,
      email: createSmtpSender({ timeoutMs: 2000 }),
    }),
    clock: manualClock(opts.now ?? '2026-11-20T09:00:00Z'),
    ids: randomId,
    logger: silentLogger,
    classifier: createModelClassifier(defaultModels(), {
      topicModelFor: (list) => topicModels.forList(list),
      correctionsFor: (list) => topicModels.correctionsFor(list),
    }),
    topicModels,
    connectors:
      opts.connectors ??
      connectorFactory({
        userAgent: 'Passerelle/test',
        fetch: fetchImpl,
        demoBaseUrl: 'http://passerelle.test/demo-network/api',
      }),
    nudge: (job) => {
      nudges.push(job);
    },
    publicUrl: 'http://passerelle.test',
    parseMime,
    nudges,
  };
}

let shared: ClassifierModels | null = null;

/** The shipped models, read once per test file; each test's classifier has its own brand models. */
function defaultModels(): ClassifierModels {
  shared ??= loadDefaultModels();
  return shared;
}
