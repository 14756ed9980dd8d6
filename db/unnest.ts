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

/** An INSERT of any number of rows, built once; each run gives it rows as placeholder values. */
export interface UnnestedInsert<R> {
  /** The statement; each column's array is a placeholder named `<name>.<key>`. */
  readonly sql: SQL;
  /** The placeholder values that insert these rows. */
  values(rows: readonly R[]): Record<string, unknown[]>;
}

/**
 * A multi-row INSERT whose rows travel as one array per column, unpacked by
 * `unnest`. A VALUES list grows by a placeholder per value, and building, sending
 * and parsing it grows with it; this statement's text is the same for one row or a
 * hundred, so it can be built and prepared once (`RepeatedStatement`). Rows are
 * inserted in the order given (serial ids follow it). Every listed column gets a
 * value: null where a row has none (column defaults do not apply).
 *
 * `name` keeps the placeholders of several inserts in one statement apart; `tail`
 * is appended as is (e.g. an ON CONFLICT clause; `excluded` names the incoming row).
 */
export function unnestedInsert<T extends PgTable>(table: T, keys: readonly Key<T>[], { name, tail }: { name: string; tail?: SQL }): UnnestedInsert<Row<T>> {
  const columns = columnsOf(table, keys);
  const placeholders = keys.map((key) => `${name}.${key}`);
  const names = sql.join(columns.map((column) => sql.identifier(column.name)), sql`, `);
  const arrays = sql.join(columns.map((column, i) => sql`${sql.placeholder(placeholders[i]!)}::${arrayType(column)}`), sql`, `);
  return {
    sql: sql`insert into ${table} (${names}) select ${names} from unnest(${arrays}) with ordinality as incoming(${names}, ordinal) order by ordinal${tail ? sql` ${tail}` : sql``}`,
    values: (rows) => Object.fromEntries(columns.map((column, i) => [placeholders[i]!, rows.map((row) => asParam(column, row[keys[i]!]))])),
  };
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
