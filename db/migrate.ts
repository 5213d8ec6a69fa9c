import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import postgres from 'postgres';
import { LOCKS } from './locks';

/**
 * Forward-only migrations: plain SQL files `NNNN_name.sql`, each applied in its own
 * transaction and recorded in `schema_migrations`. A session-level advisory lock on a
 * dedicated connection makes sure two processes never migrate at the same time.
 */
export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
const LOCK_KEY = LOCKS.migrate;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const names = (await readdir(dir)).filter((n) => /^\d{4}_[a-z0-9_]+\.sql$/.test(n)).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

export async function migrate(
  url: string,
  logger: Pick<Logger, 'info' | 'warn'>,
  dir = MIGRATIONS_DIR,
): Promise<{ applied: string[] }> {
  const files = await readMigrations(dir);
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const applied: string[] = [];
  try {
    await sql`select pg_advisory_lock(${LOCK_KEY})`;
    await sql`
      create table if not exists schema_migrations (
        name text primary key,
        checksum text not null,
        applied_at timestamptz not null default now()
      )`;
    const done = new Map(
      (await sql<{ name: string; checksum: string }[]>`select name, checksum from schema_migrations`).map(
        (r) => [r.name, r.checksum],
      ),
    );
    for (const file of files) {
      const known = done.get(file.name);
      if (known !== undefined) {
        if (known !== file.checksum) {
          throw new Error(
            `Migration ${file.name} was changed after it was applied. Migrations are forward only: add a new file instead.`,
          );
        }
        continue;
      }
      await sql.begin(async (tx) => {
        await tx.unsafe(file.sql);
        await tx`insert into schema_migrations (name, checksum) values (${file.name}, ${file.checksum})`;
      });
      applied.push(file.name);
      logger.info({ migration: file.name }, 'Migration applied');
    }
    return { applied };
  } finally {
    await sql`select pg_advisory_unlock(${LOCK_KEY})`.catch(() => {});
    await sql.end({ timeout: 5 });
  }
}
