import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jobs } from '../../src/jobs/schedule';

describe('the job schedule', () => {
  it('matches the Cron Triggers in wrangler.toml', () => {
    const toml = readFileSync(new URL('../../wrangler.toml', import.meta.url), 'utf8');
    const block = toml.match(/\[triggers\][\s\S]*?crons\s*=\s*\[([^\]]*)\]/);
    expect(block).not.toBeNull();
    const crons = [...block![1]!.matchAll(/"([^"]+)"/g)].map((m) => m[1]).sort();
    expect(crons).toEqual([...new Set(jobs.map((j) => j.cron))].sort());
  });

  it('uses five-field crons that Workers accept', () => {
    for (const job of jobs) expect(job.cron.trim().split(/\s+/)).toHaveLength(5);
  });
});
