import { parse, protocol, type PGlite, type QueryOptions, type Results } from '@electric-sql/pglite';

const { serialize } = protocol;

/** What drizzle's PGlite driver uses of a client. */
export interface StatementClient {
  query<T>(text: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
  transaction<T>(run: (tx: Pick<StatementClient, 'query'>) => Promise<T>): Promise<T>;
}

interface Prepared {
  name: string;
  /** The type of each parameter, as PostgreSQL inferred it: which serializer its value needs. */
  paramTypes: number[];
}

/** invalid_sql_statement_name; feature_not_supported ("cached plan must not change result type"). */
const STALE_STATEMENT = new Set(['26000', '0A000']);

/** Statement names are a PGlite's session's: unique in this thread, which may wrap one PGlite more than once. */
let statementsNamed = 0;

/**
 * PGlite's own `query` parses and plans every statement afresh. Room storage runs
 * the same few statements many times a second (its batch write is over a
 * kilobyte of SQL with five inserts), so this client keeps each statement text it
 * has seen as a named prepared statement, and each run only binds values and
 * executes: measured on a batch of six edits, 1.3 ms → 0.75 ms of the database
 * thread. At most `capacity` statements are kept; the least recently used is
 * closed. Results and the order of statements and transactions are PGlite's own;
 * errors are PostgreSQL's (without the query PGlite attaches: drizzle adds it).
 * COPY to or from a blob is not supported.
 */
export function withPreparedStatements(pg: PGlite, capacity = 100): StatementClient {
  const prepared = new Map<string, Prepared>();

  /** Types given for the parameters change how values are sent, so they are part of what is prepared. */
  const keyOf = (text: string, options: QueryOptions | undefined) => (options?.paramTypes?.length ? `${options.paramTypes.join(',')}\n${text}` : text);

  async function prepare(key: string, text: string, options: QueryOptions | undefined): Promise<Prepared> {
    const cached = prepared.get(key);
    if (cached) {
      // Map order is recency: the first entry is the next to go.
      prepared.delete(key);
      prepared.set(key, cached);
      return cached;
    }
    const name = `heilong_${++statementsNamed}`;
    const { messages } = await pg.execProtocol(
      concat(serialize.parse({ name, text, types: options?.paramTypes }), serialize.describe({ type: 'S', name }), serialize.sync()),
      { syncToFs: false },
    );
    const description = messages.find((message) => message.name === 'parameterDescription') as { dataTypeIDs: number[] } | undefined;
    const statement = { name, paramTypes: description?.dataTypeIDs ?? [] };
    prepared.set(key, statement);
    if (prepared.size > capacity) {
      const [oldest, { name: closing }] = prepared.entries().next().value!;
      prepared.delete(oldest);
      await pg.execProtocol(concat(serialize.close({ type: 'S', name: closing }), serialize.sync()), { syncToFs: false });
    }
    return statement;
  }

  /**
   * Runs a statement; the caller holds PGlite's query lock. A kept statement that
   * is gone (DEALLOCATE) or no longer fits the schema is forgotten; outside a
   * transaction nothing ran, so it is prepared afresh and run again at once.
   */
  async function run<T>(text: string, params: unknown[], options: QueryOptions | undefined, inTransaction: boolean): Promise<Results<T>> {
    if (options?.blob) throw new Error('COPY with a blob is not supported here; use PGlite.query');
    const key = keyOf(text, options);
    try {
      return await bindAndExecute<T>(await prepare(key, text, options), params, options);
    } catch (error) {
      if (!STALE_STATEMENT.has((error as { code?: string }).code ?? '')) throw error;
      prepared.delete(key);
      if (inTransaction) throw error;
      return bindAndExecute<T>(await prepare(key, text, options), params, options);
    }
  }

  async function bindAndExecute<T>({ name, paramTypes }: Prepared, params: unknown[], options: QueryOptions | undefined): Promise<Results<T>> {
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const type = paramTypes[i]!;
      const serializer = options?.serializers?.[type] ?? pg.serializers[type];
      return serializer ? serializer(value) : String(value);
    });
    const { messages } = await pg.execProtocol(
      concat(serialize.bind({ statement: name, values }), serialize.describe({ type: 'P' }), serialize.execute({}), serialize.sync()),
      { syncToFs: false, onNotice: options?.onNotice },
    );
    // PGlite would copy its whole table of parsers (hundreds of types) to lay a query's own over it, every query.
    const parsers = options?.parsers ? Object.assign(Object.create(pg.parsers) as typeof pg.parsers, options.parsers) : pg.parsers;
    return parse.parseResults(messages, parsers, { rowMode: options?.rowMode })[0] as Results<T>;
  }

  return {
    async query<T>(text: string, params: unknown[] = [], options?: QueryOptions) {
      // As PGlite's own `query`: refuse once closing, wait for any open transaction, then for the statement before.
      await pg._checkReady();
      return pg._runExclusiveTransaction(() =>
        pg._runExclusiveQuery(async () => {
          const result = await run<T>(text, params, options, false);
          await pg.syncToFs();
          return result;
        }),
      );
    },
    transaction: (body) =>
      pg.transaction(() => body({ query: <T>(text: string, params: unknown[] = [], options?: QueryOptions) => pg._runExclusiveQuery(() => run<T>(text, params, options, true)) })),
  };
}

function concat(...messages: Uint8Array[]): Uint8Array {
  const joined = new Uint8Array(messages.reduce((length, message) => length + message.length, 0));
  let at = 0;
  for (const message of messages) {
    joined.set(message, at);
    at += message.length;
  }
  return joined;
}
