import postgres from 'postgres';

/**
 * The postgres.js connection pool, one per process. The server creates it after the
 * database is up; the Remix bundle and the server share it through globalThis, since
 * they load this module as two copies.
 */
export type Sql = postgres.Sql;
export type Tx = postgres.TransactionSql;
/** Either the pool or a transaction: what every query function takes first. */
export type Db = Sql | Tx;

const g = globalThis as unknown as { __wegweiserSql?: Sql };

/**
 * Time limits of a pool's sessions. Requests must end in a clear answer while the database
 * stalls: a statement or a lock wait that runs past these is cancelled by PostgreSQL (the
 * request then answers 503, see server/request-handler.ts). Long legitimate work — migrations,
 * the seed, the search index load at start, backups — runs on pools without them.
 */
export interface SessionLimits {
  /** statement_timeout in ms; 0 = none. */
  statementTimeoutMs?: number;
  /** lock_timeout in ms; 0 = none. */
  lockTimeoutMs?: number;
}

export function createSql(
  url: string,
  options: postgres.Options<Record<string, never>> & SessionLimits = {},
): Sql {
  const { statementTimeoutMs = 0, lockTimeoutMs = 0, connection, ...rest } = options;
  return postgres(url, {
    max: 10,
    idle_timeout: 30,
    // Seconds until a new connection must be ready (a frozen server accepts TCP, then hangs).
    connect_timeout: 5,
    onnotice: () => {},
    // JIT compilation costs tens of milliseconds per query and pays off only for long
    // analytical queries, which a portal doesn't run on its request path.
    // Custom plans always: a generic plan can't see that a search word is rare or common and
    // then scans the whole table instead of using the full-text index.
    connection: {
      jit: 'off',
      plan_cache_mode: 'force_custom_plan',
      application_name: `wegweiser:${process.pid}`,
      statement_timeout: statementTimeoutMs,
      lock_timeout: lockTimeoutMs,
      // A transaction left open by a stuck request must not hold its locks for ever.
      idle_in_transaction_session_timeout: statementTimeoutMs > 0 ? 60_000 : 0,
      ...connection,
    },
    // bigint (ids, count(*)) arrives as a string by default; ours stay far below 2^53.
    types: {
      bigint: { to: 20, from: [20], serialize: (x: number) => String(x), parse: (x: string) => Number(x) },
    },
    ...rest,
  }) as unknown as Sql;
}

export function setSql(sql: Sql) {
  g.__wegweiserSql = sql;
}

export function getSql(): Sql {
  if (!g.__wegweiserSql) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set and the server has not opened a database');
    g.__wegweiserSql = createSql(url);
  }
  return g.__wegweiserSql;
}

/**
 * Runs `work` in a transaction: a new one on the pool, or — when given a transaction
 * already — inside it, so a module's function can be composed into a caller's transaction.
 */
export function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return 'savepoint' in db ? work(db) : (db.begin(work) as Promise<T>);
}
