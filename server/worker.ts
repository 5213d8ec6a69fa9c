/**
 * A separate job worker (`npm run worker`), for when the web server runs with JOBS=off,
 * e.g. several web replicas and one worker.
 */
import { startJobs, stopJobs } from '../app/jobs/boss.server';
import { getEnv } from '../app/utils/env.server';
import { getLogger } from '../app/utils/logger.server';
import { openDatabase } from './database';

const env = getEnv();
const logger = getLogger();
if (!env.DATABASE_URL) {
  logger.warn('No DATABASE_URL: the worker starts its own embedded PostgreSQL under DATA_DIR');
}
const db = await openDatabase(env, logger, { poolSize: 2, role: 'worker' });
await startJobs(db.url, { work: true });
logger.info('Worker running');

let stopping = false;
async function shutdown() {
  if (stopping) process.exit(1);
  stopping = true;
  await stopJobs();
  await db.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
