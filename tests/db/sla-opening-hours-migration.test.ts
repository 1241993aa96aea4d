import { rmSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, describe, expect, it } from 'vitest';
import { migrationsFolder } from '../../src/db/migrations-folder';
import { migrationsUpTo } from './migrations-up-to';

describe('upgrading SLA policies to opening hours per weekday', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('turns working days and one daily window into the same windows, day by day', async () => {
    const client = new PGlite();
    const db = drizzle(client);
    const before = migrationsUpTo('0003_mention-labels');
    dirs.push(before);
    await migrate(db, { migrationsFolder: before });
    await client.exec(`
      insert into brands (id, slug, name) values ('b1', 'acme', 'Acme');
      insert into sla_policies (id, brand_id, min_priority, first_response_minutes, resolution_minutes,
          work_days, work_start_minute, work_end_minute)
        values ('s1', 'b1', 0, 240, 1080, '{1,2,3,4,5}', 540, 1080),
               ('s2', 'b1', 70, 30, 240, '{6,7}', 0, 1440),
               ('s3', 'b1', 90, 30, 240, '{}', 540, 1080);
    `);

    await migrate(db, { migrationsFolder });

    const { rows } = await client.query<{ id: string; opening_hours: unknown; closed_days: string[] }>(
      'select id, opening_hours, closed_days from sla_policies order by id',
    );
    expect(rows).toEqual([
      {
        id: 's1',
        opening_hours: [1, 2, 3, 4, 5].map((day) => ({ day, start: 540, end: 1080 })),
        closed_days: [],
      },
      {
        id: 's2',
        opening_hours: [
          { day: 6, start: 0, end: 1440 },
          { day: 7, start: 0, end: 1440 },
        ],
        closed_days: [],
      },
      // No working day was "always open" before, and still is: no window.
      { id: 's3', opening_hours: [], closed_days: [] },
    ]);
    const { rows: columns } = await client.query<{ column_name: string }>(
      "select column_name from information_schema.columns where table_name = 'sla_policies' and column_name like 'work_%'",
    );
    expect(columns).toEqual([]);
    await client.close();
  });
});
