import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MIGRATIONS_DIR, migrate, readMigrations } from '../../db/migrate';

const logger = pino({ level: 'silent' });
let adminUrl: string;
const created: string[] = [];

async function emptyDatabase(): Promise<string> {
  const name = `migrate_${Math.random().toString(36).slice(2, 10)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  created.push(name);
  return adminUrl.replace(/\/postgres$/, `/${name}`);
}

beforeAll(() => {
  adminUrl = inject('pgAdminUrl');
});

afterAll(async () => {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  for (const name of created) await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.end();
});

describe('migrations', () => {
  it('apply every file once, record them, and do nothing the second time', async () => {
    const url = await emptyDatabase();
    const files = await readMigrations();
    const first = await migrate(url, logger);
    expect(first.applied).toEqual(files.map((f) => f.name));
    const second = await migrate(url, logger);
    expect(second.applied).toEqual([]);
    const sql = postgres(url, { max: 1 });
    const rows = await sql`select name from schema_migrations order by name`;
    expect(rows.map((r) => r.name)).toEqual(files.map((f) => f.name));
    await sql.end();
  });

  it('never run twice when two processes migrate at the same moment (advisory lock)', async () => {
    const url = await emptyDatabase();
    const [a, b] = await Promise.all([migrate(url, logger), migrate(url, logger)]);
    const total = [...a.applied, ...b.applied].sort();
    expect(total).toEqual((await readMigrations()).map((f) => f.name));
  });

  it('roll back a failing migration completely and refuse an edited one', async () => {
    const url = await emptyDatabase();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'migrations-'));
    try {
      const first = (await readMigrations())[0]!;
      await writeFile(
        path.join(dir, first.name),
        await readFile(path.join(MIGRATIONS_DIR, first.name), 'utf8'),
      );
      await writeFile(
        path.join(dir, '9000_broken.sql'),
        'create table half_done (id int); select * from no_such_table;',
      );
      await expect(migrate(url, logger, dir)).rejects.toThrow(/no_such_table/);
      const sql = postgres(url, { max: 1 });
      const [{ exists }] = (await sql`select to_regclass('half_done') is not null as exists`) as unknown as [
        { exists: boolean },
      ];
      expect(exists).toBe(false); // the failed file left nothing behind
      const applied = await sql`select name from schema_migrations`;
      expect(applied.map((r) => r.name)).toEqual([first.name]);
      await sql.end();

      await writeFile(path.join(dir, '9000_broken.sql'), 'select 1;');
      await writeFile(path.join(dir, first.name), `${first.sql}\n-- edited afterwards\n`);
      await expect(migrate(url, logger, dir)).rejects.toThrow(/was changed after it was applied/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
