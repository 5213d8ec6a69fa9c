/**
 * `npm run db:seed -- [--offers N] [--seed S] [--base-date YYYY-MM-DD] [--force]`:
 * seeds the deterministic demo data into DATABASE_URL (or the embedded database).
 * Without --force it does nothing when demo data is already there.
 */
import { parseArgs } from 'node:util';
import { getEnv } from '../app/utils/env.server';
import { getLogger } from '../app/utils/logger.server';
import { seedDemoData } from '../db/seed/seed';
import { openDatabase } from '../server/database';

const { values } = parseArgs({
  options: {
    offers: { type: 'string' },
    seed: { type: 'string' },
    'base-date': { type: 'string' },
    force: { type: 'boolean', default: false },
  },
});

const env = getEnv();
if (env.APP_ENV === 'production') {
  console.error('Refusing to seed demo data in production mode (APP_ENV=production).');
  process.exit(1);
}
const offers = values.offers ? Number(values.offers) : env.SEED_OFFERS;
if (!Number.isInteger(offers) || offers < 0) {
  console.error('--offers must be a whole number ≥ 0');
  process.exit(1);
}
if (values['base-date'] && !/^\d{4}-\d{2}-\d{2}$/.test(values['base-date'])) {
  console.error('--base-date must look like 2026-11-24');
  process.exit(1);
}
const db = await openDatabase(env, getLogger(), { poolSize: 2 });
try {
  const started = Date.now();
  const result = await seedDemoData(db.sql, {
    offers,
    seed: values.seed ? Number(values.seed) : undefined,
    baseDate: values['base-date'],
    force: values.force,
  });
  process.stdout.write(`${JSON.stringify({ ...result, ms: Date.now() - started })}\n`);
} finally {
  await db.close();
}
