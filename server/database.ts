import path from 'node:path';
import type { Logger } from 'pino';
import type { Env } from '../app/utils/env.server';
import { createSql, type Sql, setSql } from '../db/client.server';
import { startEmbeddedPostgres } from '../db/embedded';
import { migrate } from '../db/migrate';
import { loadReferenceData } from '../db/reference/load';

export interface OpenDatabase {
  url: string;
  sql: Sql;
  embedded: boolean;
  /** Ends the pool, then stops the embedded cluster if we started one. */
  close: () => Promise<void>;
}

/**
 * Opens the database the way every entry point (server, worker, scripts) needs it:
 * DATABASE_URL when set, else embedded PostgreSQL under DATA_DIR; then migrations
 * and reference data.
 */
export async function openDatabase(env: Env, logger: Logger, options: { poolSize?: number } = {}) {
  let url = env.DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | undefined;
  if (!url) {
    const cluster = await startEmbeddedPostgres({
      dataDir: path.join(env.DATA_DIR, 'pg'),
      port: env.PG_PORT,
      logger,
    });
    stopEmbedded = cluster.stop;
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
    await stopEmbedded?.();
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
  const sql = createSql(url, { max: options.poolSize ?? 10 });
  setSql(sql);
  await loadReferenceData(sql);
  const db: OpenDatabase = {
    url,
    sql,
    embedded: Boolean(stopEmbedded),
    close: async () => {
      await sql.end({ timeout: 5 });
      await stopEmbedded?.();
    },
  };
  return db;
}
