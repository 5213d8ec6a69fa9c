/**
 * `npm run db:restore -- FILE`: puts a backup made by `npm run db:backup` back as the embedded
 * database (DATA_DIR/pg). Refuses while anything uses the database (stop the portal first).
 * The current data directory is kept beside it as `pg.before-restore-<time>` until you delete
 * it. PostgreSQL replays the backup's write-ahead log on the first start; this command does
 * that start and checks the database answers before it reports success.
 *
 * Prints one JSON line: { restored, kept, offers, ms }.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import postgres from 'postgres';
import { getEnv } from '../app/utils/env.server';
import { getLogger } from '../app/utils/logger.server';
import {
  ClusterInUseError,
  liveUsers,
  runningPostmaster,
  startEmbeddedPostgres,
  withClusterLock,
} from '../db/embedded';

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += String(d);
    });
    child.stderr.on('data', (d) => {
      err += String(d);
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${command} failed: ${err.trim()}`)),
    );
  });
}

function refuse(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

const env = getEnv();
if (env.DATABASE_URL)
  refuse('db:restore restores the embedded database. With DATABASE_URL, use your database’s own tools.', 2);
const file = process.argv[2];
if (!file) refuse('Usage: npm run db:restore -- FILE (a .tar.gz made by npm run db:backup)', 2);
const archive = path.resolve(file);
if (!existsSync(archive)) refuse(`No such file: ${archive}`, 2);

const started = Date.now();
const logger = getLogger();
const dataDir = path.resolve(env.DATA_DIR, 'pg');

// A backup has the backup label and a whole data directory; anything else is refused before
// the current data is touched.
const listing = new Set((await run('tar', ['-tzf', archive]).catch(() => '')).split('\n'));
if (!listing.has('./backup_label') || !listing.has('./PG_VERSION')) {
  refuse(`${archive} is not a backup made by npm run db:backup (no backup_label or PG_VERSION in it).`, 2);
}

const stamp = new Date()
  .toISOString()
  .replaceAll(/[-:]/g, '')
  .replace(/\.\d+Z$/, 'Z');
const kept = existsSync(dataDir) ? `${dataDir}.before-restore-${stamp}` : null;
try {
  await withClusterLock(dataDir, async () => {
    const users = liveUsers(dataDir);
    if (users.length > 0 || runningPostmaster(dataDir) !== null) {
      const who = users.map((u) => `${u.command} (pid ${u.pid})`).join(', ') || 'a PostgreSQL server';
      throw new ClusterInUseError(
        `The embedded database is in use by ${who}. Stop the portal (Ctrl-C) and every other command first, then restore.`,
      );
    }
    if (kept) await rename(dataDir, kept);
    await mkdir(dataDir, { mode: 0o700 });
    await run('tar', ['-xzf', archive, '-C', dataDir]);
    // PostgreSQL insists on a private data directory owned by the user it runs as.
    await chmod(dataDir, 0o700);
    if (process.getuid?.() === 0) {
      const uid = Number.parseInt(await run('id', ['-u', 'postgres']), 10);
      const gid = Number.parseInt(await run('id', ['-g', 'postgres']), 10);
      await chown(dataDir, uid, gid);
      await run('chown', ['-R', `${uid}:${gid}`, dataDir]);
    }
  });
} catch (error) {
  if (error instanceof ClusterInUseError) refuse(error.message);
  throw error;
}

// The first start replays the log; only then is the restore done.
const cluster = await startEmbeddedPostgres({
  dataDir,
  port: env.PG_PORT,
  logger,
  role: 'command',
  exclusive: true,
});
let offers = 0;
try {
  const sql = postgres(cluster.url('wegweiser'), { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from offers`;
    offers = row?.n ?? 0;
  } finally {
    await sql.end({ timeout: 5 });
  }
} finally {
  await cluster.stop();
}
process.stdout.write(`${JSON.stringify({ restored: archive, kept, offers, ms: Date.now() - started })}\n`);
