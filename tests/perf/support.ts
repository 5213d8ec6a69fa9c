import type { Logger } from 'pino';
import postgres from 'postgres';
import { createSql, type Sql, setSql } from '../../db/client.server';
import { startEmbeddedPostgres } from '../../db/embedded';
import { migrate } from '../../db/migrate';

/**
 * A migrated database of its own for a benchmark, on DATABASE_URL's server when set,
 * else on an embedded PostgreSQL under .data/bench. `fresh` drops it first; otherwise
 * it is kept for the next run (seeding 100,000 offers takes minutes).
 */
export async function benchDatabase(
  name: string,
  options: { fresh: boolean; logger: Logger },
): Promise<{ sql: Sql; url: string; close: () => Promise<void> }> {
  let adminUrl = process.env.DATABASE_URL;
  let stop: (() => Promise<void>) | undefined;
  if (!adminUrl) {
    const cluster = await startEmbeddedPostgres({
      dataDir: '.data/bench/pg',
      // Engineers sharing a machine each give their own port (BENCH_PG_PORT).
      port: Number(process.env.BENCH_PG_PORT ?? 54349),
      logger: options.logger,
    });
    adminUrl = cluster.url('postgres');
    stop = cluster.stop;
  }
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  if (options.fresh) await admin.unsafe(`drop database if exists "${name}" with (force)`);
  const [exists] = await admin`select 1 from pg_database where datname = ${name}`;
  if (!exists) await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = adminUrl.replace(/\/[^/?]+(\?|$)/, `/${name}$1`);
  await migrate(url, options.logger);
  const sql = createSql(url, { max: 4 });
  setSql(sql);
  return {
    sql,
    url,
    close: async () => {
      await sql.end();
      await stop?.();
    },
  };
}

/** The p-th percentile of the timings, in ms rounded to 0.01. */
export function percentile(times: number[], p: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 100) / 100;
}
