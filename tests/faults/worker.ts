/**
 * A worker process for the fault-injection suite: the real jobs (poll listeners, send replies)
 * against PostgreSQL and the mock networks, which it reaches over HTTP like any other network.
 * It kills itself with SIGKILL the FAULT_HIT-th time it reaches FAULT_POINT; the parent kills it at
 * random moments too. Its clock runs CLOCK_OFFSET_MS ahead, so a restart finds old leases expired.
 *
 * MODE=drain: cycles until a cycle finds nothing to do, then prints "idle" and exits 0.
 * MODE=forever: cycles until killed (or SIGTERM, which stops between cycles).
 */
import { createRuleClassifier } from '../../src/classify';
import { connectPostgres } from '../../src/db/postgres';
import { connectorFactory } from '../../src/entry/connectors';
import { randomId } from '../../src/lib/ids';
import { silentLogger } from '../../src/lib/logger';
import { createSecretBox } from '../../src/lib/secret-box';
import { createHttpNotifier } from '../../src/notify/notifier';
import { asSystem } from '../../src/services/context';
import type { FaultPoint } from '../../src/services/faults';
import { createTopicModelRegistry } from '../../src/services/learning/topic-models';
import { pollDueListeners } from '../../src/services/listening/poll-due-listeners';
import { sendDueReplies } from '../../src/services/replies/send-due-replies';

const env = process.env;
const offset = Number(env.CLOCK_OFFSET_MS ?? '0');
const killPoint = (env.FAULT_POINT ?? '') as FaultPoint | '';
const killHit = Number(env.FAULT_HIT ?? '1');
const hits = new Map<string, number>();

const database = connectPostgres(env.DATABASE_URL ?? '', { max: 2 });
const deps = {
  db: database.db,
  clock: { now: () => new Date(Date.now() + offset) },
  ids: randomId,
  logger: silentLogger,
  classifier: createRuleClassifier(),
  topicModels: createTopicModelRegistry(),
  connectors: connectorFactory({
    userAgent: 'Passerelle/faults (by /u/lumo_support)',
    fetch: (input, init) => fetch(input, init),
    demoBaseUrl: 'http://127.0.0.1:9/demo',
  }),
  notifier: createHttpNotifier({ fetch }),
  secrets: await createSecretBox(Buffer.from(env.SECRET_KEY ?? '', 'base64')),
  nudge: () => {},
  publicUrl: 'http://passerelle.test',
  faults: (point: FaultPoint) => {
    const n = (hits.get(point) ?? 0) + 1;
    hits.set(point, n);
    if (point === killPoint && n === killHit) process.kill(process.pid, 'SIGKILL');
  },
};
const ctx = asSystem(deps);

let stopping = false;
process.on('SIGTERM', () => {
  stopping = true;
});

process.stdout.write('ready\n');
for (;;) {
  const polls = await pollDueListeners(ctx);
  const sent = await sendDueReplies(ctx, { shouldStop: () => stopping });
  if (stopping) break;
  if (env.MODE === 'drain' && polls.length === 0 && sent.length === 0) break;
  if (env.MODE !== 'drain') await new Promise((resolve) => setTimeout(resolve, 25));
}
await database.close();
process.stdout.write('idle\n');
process.exit(0);
