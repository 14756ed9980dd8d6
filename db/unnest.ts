import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';

type Row<T extends PgTable> = T['$inferInsert'];
type Key<T extends PgTable> = keyof Row<T> & string;

function columnsOf<T extends PgTable>(table: T, keys: readonly Key<T>[]): PgColumn[] {
  const all = getTableColumns(table);
  return keys.map((key) => {
    const column = all[key];
    if (!column) throw new Error(`${key} is not a column of the table`);
    return column;
  });
}

/**
 * A multi-row INSERT whose rows travel as one array per column, unpacked by
 * `unnest`. A VALUES list grows by a placeholder per value, and building, sending
 * and parsing it grows with it; this statement's text is the same for one row or a
 * hundred. Rows are inserted in the order given (serial ids follow it). Every listed
 * column gets a value: null where a row has none (column defaults do not apply).
 *
 * `tail` is appended as is (e.g. an ON CONFLICT clause; `excluded` names the incoming row).
 */
export function insertUnnested<T extends PgTable>(table: T, keys: readonly Key<T>[], rows: readonly Row<T>[], tail?: SQL): SQL {
  const columns = columnsOf(table, keys);
  const names = sql.join(columns.map((column) => sql.identifier(column.name)), sql`, `);
  const arrays = sql.join(
    columns.map((column, i) => sql`${sql.param(rows.map((row) => asParam(column, row[keys[i]!])))}::${arrayType(column)}`),
    sql`, `,
  );
  return sql`insert into ${table} (${names}) select ${names} from unnest(${arrays}) with ordinality as incoming(${names}, ordinal) order by ordinal${tail ? sql` ${tail}` : sql``}`;
}

/**
 * The array type a column's values travel as. Enum arrays go as text and are cast
 * on arrival: PGlite does not know how to send an array of a type it did not build in.
 */
function arrayType(column: PgColumn): SQL {
  const type = sql.raw(`${column.getSQLType()}[]`);
  return 'enumValues' in column && column.enumValues ? sql`text[]::${type}` : type;
}

/** An array element as the column's own mapping sends it (a date as its ISO text …), or null. */
function asParam(column: PgColumn, value: unknown): unknown {
  return value === undefined || value === null ? null : column.mapToDriverValue(value);
}

/** The ON CONFLICT clause of an upsert: on a clash over `key`, the incoming row's `values` replace the stored ones. */
export function replaceOnConflict<T extends PgTable>(table: T, key: readonly Key<T>[], values: readonly Key<T>[]): SQL {
  const names = (keys: readonly Key<T>[]) => columnsOf(table, keys).map((column) => sql.identifier(column.name));
  const assignments = names(values).map((name) => sql`${name} = excluded.${name}`);
  return sql`on conflict (${sql.join(names(key), sql`, `)}) do update set ${sql.join(assignments, sql`, `)}`;
}
