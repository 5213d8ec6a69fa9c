import { type SpawnSyncReturns, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '../../db/embedded';
import { freePort } from '../setup/free-port';
import { ROOT } from '../setup/server-process';

/**
 * `npm run db:backup` / `db:restore` round trip on a real embedded cluster: the backup is taken
 * while another process (standing in for the portal) uses the database, the restore refuses
 * while it does, and after it stopped the restore brings back the data as of the backup.
 */
let dir: string;
let env: Record<string, string>;

function script(
  name: string,
  args: string[] = [],
): Promise<Pick<SpawnSyncReturns<string>, 'status' | 'stdout' | 'stderr'>> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `scripts/${name}.ts`, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env, DATABASE_URL: '', LOG_LEVEL: 'warn' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += String(d);
    });
    child.stderr.on('data', (d) => {
      stderr += String(d);
    });
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

async function marker(cluster: EmbeddedDatabase): Promise<string | undefined> {
  const sql = postgres(cluster.url('wegweiser'), { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ v: string }[]>`select v from backup_marker`;
    return row?.v;
  } finally {
    await sql.end();
  }
}

async function setMarker(cluster: EmbeddedDatabase, value: string) {
  const sql = postgres(cluster.url('wegweiser'), { max: 1, onnotice: () => {} });
  try {
    await sql`create table if not exists backup_marker (v text not null)`;
    await sql`delete from backup_marker`;
    await sql`insert into backup_marker values (${value})`;
  } finally {
    await sql.end();
  }
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'wegweiser-backup-'));
  await chmod(dir, 0o755); // the embedded server runs as the `postgres` user when we are root
  env = { DATA_DIR: dir, PG_PORT: String(await freePort()) };
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('db:backup and db:restore', () => {
  it('backs up while the database is in use, refuses to restore then, and restores it afterwards', {
    timeout: 240_000,
  }, async () => {
    const migrated = await script('db-migrate');
    expect(migrated.status, migrated.stderr).toBe(0);

    const logger = pino({ level: 'warn' });
    const options = {
      dataDir: path.join(dir, 'pg'),
      port: Number(env.PG_PORT),
      logger,
      role: 'server' as const,
    };
    let portal = await startEmbeddedPostgres(options);
    await setMarker(portal, 'as backed up');

    const backup = await script('db-backup', [path.join(dir, 'one.tar.gz')]);
    expect(backup.status, backup.stderr).toBe(0);
    expect(JSON.parse(backup.stdout)).toMatchObject({ file: path.join(dir, 'one.tar.gz') });
    // The portal's database is still up and in use.
    expect(await marker(portal)).toBe('as backed up');

    await setMarker(portal, 'changed later');
    const refused = await script('db-restore', [path.join(dir, 'one.tar.gz')]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/in use by .*Stop the portal/);
    expect(await marker(portal)).toBe('changed later');

    await portal.stop();
    const restored = await script('db-restore', [path.join(dir, 'one.tar.gz')]);
    expect(restored.status, restored.stderr).toBe(0);
    const report = JSON.parse(restored.stdout) as { kept: string };
    expect(existsSync(report.kept)).toBe(true);

    portal = await startEmbeddedPostgres(options);
    try {
      expect(await marker(portal)).toBe('as backed up');
    } finally {
      await portal.stop();
    }
  });

  it('refuses a file that is not a backup', { timeout: 60_000 }, async () => {
    const result = await script('db-restore', [path.join(ROOT, 'package.json')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/not a backup made by npm run db:backup/);
  });
});
