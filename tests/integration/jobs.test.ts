import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueue, startJobs, stopJobs } from '../../app/jobs/boss.server';
import { MAIL_QUEUE } from '../../app/jobs/queues.server';
import { resetEnvCache } from '../../app/utils/env.server';
import { createTestDatabase, type TestDatabase } from '../setup/database';

let db: TestDatabase;
let dataDir: string;

beforeAll(async () => {
  db = await createTestDatabase();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'wegweiser-jobs-'));
  process.env.DATA_DIR = dataDir;
  delete process.env.SMTP_URL;
  resetEnvCache();
  await startJobs(db.url, { work: true });
});

afterAll(async () => {
  await stopJobs();
  await db.drop();
  await rm(dataDir, { recursive: true, force: true });
});

async function waitForMail(ms: number): Promise<string[]> {
  const dir = path.join(dataDir, 'mail');
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const files = await readdir(dir).catch(() => [] as string[]);
    if (files.length > 0) return files;
    await new Promise((r) => setTimeout(r, 200));
  }
  return [];
}

describe('job queue', () => {
  it('delivers a queued mail as an .eml file when no SMTP server is configured', async () => {
    const id = await enqueue(MAIL_QUEUE, {
      to: 'person@example.org',
      subject: 'Ihr Termin',
      text: 'Guten Tag, Ihr Termin ist bestätigt.',
    });
    expect(id).toBeTruthy();
    const files = await waitForMail(20_000);
    expect(files).toHaveLength(1);
    const eml = await readFile(path.join(dataDir, 'mail', files[0]!), 'utf8');
    expect(eml).toContain('To: person@example.org');
    expect(eml).toContain('Subject: Ihr Termin');
  });

  it('creates a job only if the transaction it belongs to commits', async () => {
    const count = async () => {
      const [row] = await db.sql`select count(*)::int as n from pgboss.job where name = ${MAIL_QUEUE}`;
      return row!.n as number;
    };
    const before = await count();
    await db.sql
      .begin(async (tx) => {
        await enqueue(MAIL_QUEUE, { to: 'a@example.org', subject: 'x', text: 'y' }, { tx });
        throw new Error('rollback on purpose');
      })
      .catch(() => {});
    expect(await count()).toBe(before);

    await db.sql.begin(async (tx) => {
      await enqueue(MAIL_QUEUE, { to: 'b@example.org', subject: 'x', text: 'y' }, { tx });
    });
    expect(await count()).toBe(before + 1);
  });
});
