/**
 * `npm run db:migrate`: applies the migrations and reference data to DATABASE_URL, or to
 * the embedded PostgreSQL under DATA_DIR when DATABASE_URL is unset.
 */
import { getEnv } from '../app/utils/env.server';
import { getLogger } from '../app/utils/logger.server';
import { openDatabase } from '../server/database';

try {
  const db = await openDatabase(getEnv(), getLogger(), { poolSize: 1 });
  await db.close();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
