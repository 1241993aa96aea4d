import type { FetchLike } from '../../connectors/types';
import { createRuleClassifier } from '../../src/classify';
import type { Database } from '../../src/db/client';
import { connectorFactory } from '../../src/entry/connectors';
import { manualClock } from '../../src/lib/clock';
import { randomId } from '../../src/lib/ids';
import { silentLogger } from '../../src/lib/logger';
import type { ConnectorFactory, JobName, ServiceDeps } from '../../src/services/context';

export type TestDeps = ServiceDeps & {
  clock: ReturnType<typeof manualClock>;
  nudges: JobName[];
};

/** Real database, real classifier, a clock the test moves; the outside world is whatever fetch says. */
export function testDeps(
  database: Database,
  opts: { fetch?: FetchLike; connectors?: ConnectorFactory; now?: string } = {},
): TestDeps {
  const nudges: JobName[] = [];
  const fetchImpl: FetchLike =
    opts.fetch ??
    (() => {
      throw new Error('This test has no network: pass a fetch');
    });
  return {
    db: database.db,
    clock: manualClock(opts.now ?? '2026-11-20T09:00:00Z'),
    ids: randomId,
    logger: silentLogger,
    classifier: createRuleClassifier(),
    connectors:
      opts.connectors ??
      connectorFactory({ fetch: fetchImpl, demoBaseUrl: 'http://passerelle.test/demo-network/api' }),
    nudge: (job) => {
      nudges.push(job);
    },
    publicUrl: 'http://passerelle.test',
    nudges,
  };
}
