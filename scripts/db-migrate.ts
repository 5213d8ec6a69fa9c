/**
 * `npm run db:migrate`: applies the migrations and reference data to DATABASE_URL, or to
 * the embedded PostgreSQL under DATA_DIR when DATABASE_URL is unset.
 */
import { getEnv } from '../app/utils/env.server';
import { getLogger } from '../app/utils/logger.server';
import { openDatabase } from '../server/database';

const db = await openDatabase(getEnv(), getLogger(), { poolSize: 1 });
await db.close();
