import path from 'node:path';
import type { Logger } from 'pino';
import type { Env } from '../app/utils/env.server';
import { createSql, type SessionLimits, type Sql, setSql } from '../db/client.server';
import { type ClusterRole, startEmbeddedPostgres } from '../db/embedded';
import { migrate } from '../db/migrate';
import { loadReferenceData } from '../db/reference/load';

export interface OpenDatabase {
  url: string;
  sql: Sql;
  embedded: boolean;
  /** Replaces the process-wide pool by one with these limits (the server's request pool). */
  replacePool: (options: { max: number } & SessionLimits) => Promise<Sql>;
  /** Ends the pool, then leaves the embedded cluster (stopped when no one else uses it). */
  close: () => Promise<void>;
}

/**
 * Opens the database the way every entry point (server, worker, scripts) needs it:
 * DATABASE_URL when set, else the embedded PostgreSQL under DATA_DIR — joined when another
 * process (the portal) runs it already, started otherwise; then migrations and reference data.
 * The first pool has no statement timeout: start-up work (seed, index load) may take long.
 */
export async function openDatabase(
  env: Env,
  logger: Logger,
  options: { poolSize?: number; role?: ClusterRole; exclusive?: boolean } = {},
): Promise<OpenDatabase> {
  let url = env.DATABASE_URL;
  let leave: (() => Promise<void>) | undefined;
  const role = options.role ?? 'command';
  if (!url) {
    const cluster = await startEmbeddedPostgres({
      dataDir: path.join(env.DATA_DIR, 'pg'),
      port: env.PG_PORT,
      logger,
      role,
      exclusive: options.exclusive,
      // Long-running processes bring the cluster back when it dies; a command just fails.
      supervise: role !== 'command',
    });
    leave = cluster.stop;
    try {
      await cluster.createDatabase('wegweiser');
    } catch (error) {
      await cluster.stop();
      throw error;
    }
    url = cluster.url('wegweiser');
    // The Remix bundle and child scripts find the database the same way as with a real URL.
    process.env.DATABASE_URL = url;
  }
  try {
    await migrate(url, logger);
  } catch (error) {
    await leave?.();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === '28P01' || code === '3D000') {
      // Say which database (without the password) and why, instead of a stack trace.
      const where = new URL(url);
      throw new Error(
        `Cannot use the database at ${where.hostname}:${where.port || 5432}${where.pathname} (${code}).`,
      );
    }
    throw error;
  }
  const dbUrl = url;
  let sql = createSql(dbUrl, { max: options.poolSize ?? 10 });
  setSql(sql);
  await loadReferenceData(sql);
  const db: OpenDatabase = {
    url: dbUrl,
    get sql() {
      return sql;
    },
    embedded: Boolean(leave),
    replacePool: async (pool) => {
      const old = sql;
      sql = createSql(dbUrl, pool);
      setSql(sql);
      await old.end({ timeout: 5 });
      return sql;
    },
    close: async () => {
      await sql.end({ timeout: 5 });
      await leave?.();
    },
  };
  return db;
}
