import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anyText, recordset, textRows } from '../../src/db/bulk';
import { type Database, queryRows } from '../../src/db/client';
import { createTestDatabase } from '../helpers/db';

describe('rows as one JSON parameter', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it('reads every row back in order, with its types, nulls for missing keys and strings intact', async () => {
    const tricky = `l'été "cité" \\ back\\slash, emoji 🚀, new\nline, $1 ?`;
    const rows = [
      {
        name: tricky,
        n: 3,
        payload: { nested: [1, 'deux', null], quote: '"' },
        at: '2026-11-20T08:00:00.000Z',
      },
      { name: 'second', n: null },
      { name: 'third', n: -7, payload: [], at: '2026-11-20T09:30:00+01:00' },
    ];
    const out = await queryRows<{
      name: string;
      n: number | null;
      payload: unknown;
      ms: number | null;
      ord: number;
    }>(
      database.db,
      sql`select x.name, x.n, x.payload, (extract(epoch from x.at) * 1000)::float8 as ms, x.ord::int as ord
        from ${recordset(rows, 'name text, n integer, payload jsonb, at timestamptz')}
        order by x.ord`,
    );
    expect(out.map((r) => [r.name, r.n, r.ord])).toEqual([
      [tricky, 3, 1],
      ['second', null, 2],
      ['third', -7, 3],
    ]);
    const payloads = out.map((r) => (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload));
    expect(payloads).toEqual([{ nested: [1, 'deux', null], quote: '"' }, null, []]);
    expect(out.map((r) => r.ms)).toEqual([Date.parse(rows[0]!.at!), null, Date.parse(rows[2]!.at!)]);
  });

  it('gives a list of strings as rows and as an array', async () => {
    const values = ['a', "o'neil", 'é🚀', 'a'];
    const asRows = await queryRows<{ v: string }>(
      database.db,
      sql`select v from ${textRows(values)} as t(v)`,
    );
    expect(asRows.map((r) => r.v)).toEqual(values);
    const matched = await queryRows<{ v: string }>(
      database.db,
      sql`select v from (values ('a'), ('b'), ('é🚀')) as t(v) where v = ${anyText(values)} order by v`,
    );
    expect(matched.map((r) => r.v)).toEqual(['a', 'é🚀']);
  });
});
