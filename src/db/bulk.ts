import { type SQL, sql } from 'drizzle-orm';

/**
 * Many rows as ONE JSON parameter, read back in SQL with `json_to_recordset`. Drizzle's multi-row
 * `values()` builds a bound parameter per cell, and at ingest sizes (a thousand rows of fifteen
 * columns) that building cost more than PostgreSQL's own work; one `JSON.stringify` is native and
 * the same text runs on PGlite and postgres-js (and on Workers through Hyperdrive).
 *
 *   insert into t (a, b) select x.a, x.b from ${recordset(rows, 'a text, b int')}
 *
 * Keys are the column names of `columns`; a missing key reads as null. Rows keep their order
 * (`ord`, 1-based), for tables whose sequence records the order of insertion.
 * Strings must be clean: PostgreSQL refuses NUL in text, and a lone surrogate, which a text
 * parameter's encoder would have replaced, reaches it here as a JSON escape it refuses too (see
 * listening/sanitise.ts).
 */
export function recordset(rows: readonly object[], columns: string): SQL {
  const names = columns
    .split(',')
    .map((c) => c.trim().split(/\s+/)[0])
    .join(', ');
  return sql`rows from (json_to_recordset(${JSON.stringify(rows)}::json) as (${sql.raw(columns)})) with ordinality as x(${sql.raw(names)}, ord)`;
}

/**
 * A list of strings as one JSON parameter, as a set of rows: `from ${textRows(ids)} as v(id)`.
 * For lookups, join each value LATERALly to a `limit 1` subquery on a unique index: the plan is
 * then one index probe per value whatever the statistics say. Given `in (...)` or `= any(...)`,
 * a table too young to have statistics was read whole once per value.
 */
export function textRows(values: readonly string[]): SQL {
  return sql`json_array_elements_text(${JSON.stringify(values)}::json)`;
}

/** A list of strings as one JSON parameter, for `where col = ${anyText(ids)}` on small tables. */
export function anyText(values: readonly string[]): SQL {
  return sql`any(array(select json_array_elements_text(${JSON.stringify(values)}::json)))`;
}
