import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Database } from './client';

const dialect = new PgDialect();

/**
 * A statement that runs many times with different values (its placeholders, see
 * `sql.placeholder`): its text is built once, and each database connection parses
 * and plans it once. On a PostgreSQL server it is a prepared statement named
 * `name` (per connection, as node-postgres keeps them); embedded PGlite keeps
 * statements by their text where work runs beside it (`pglite-statements.ts`).
 */
export class RepeatedStatement {
  private readonly query;

  constructor(
    /** Unique per text in the process: PostgreSQL refuses a name prepared with another text. */
    readonly name: string,
    statement: SQL,
  ) {
    this.query = dialect.sqlToQuery(statement);
  }

  /** Runs on `db` (or a transaction) with every placeholder given a value; its rows are not read. */
  async run(db: Database, values: Record<string, unknown>): Promise<void> {
    await db._.session.prepareQuery(this.query, undefined, this.name, false).execute(values);
  }
}
