/**
 * `npm run bench`: runs each part in turn, in its own process so one part's warm caches and
 * garbage do not flatter or penalise the next. Add a part with one line.
 *   npx tsx scripts/bench.ts [part names...]   (all parts when none is named)
 */
import { spawnSync } from 'node:child_process';

const parts: Array<{ name: string; args: string[] }> = [
  { name: 'classifier', args: ['scripts/eval.ts', '--quick'] },
  { name: 'ingest', args: ['scripts/bench/ingest.ts'] },
  { name: 'reports', args: ['scripts/bench-reports.ts'] },
];

const wanted = process.argv.slice(2);
let failed = 0;
for (const part of parts) {
  if (wanted.length > 0 && !wanted.includes(part.name)) continue;
  console.log(`\n=== bench: ${part.name} ===`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', ...part.args], { stdio: 'inherit' });
  if (run.status !== 0) {
    failed += 1;
    console.error(`bench part ${part.name} failed (exit ${run.status ?? run.signal})`);
  }
}
process.exit(failed > 0 ? 1 : 0);
