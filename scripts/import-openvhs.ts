/**
 * `npm run import:openvhs -- [--dry-run] [--keep-missing] FILE...`: imports Open-vhs 1.2
 * exports into DATABASE_URL (or the embedded database), each file in its own transaction.
 *
 * Logs go to stderr; stdout gets exactly one JSON line with the counts summed over all
 * files: {"created":n,"updated":n,"archived":n,"rejected":n,"errors":[…]}. Exit code 1 when
 * a file could not be imported at all (unreadable, not Open-vhs, or the database refused it).
 *
 * --dry-run       compute the counts, change nothing
 * --keep-missing  do not archive offers that are missing from a file (partial exports)
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { startJobs, stopJobs } from '../app/jobs/boss.server';
import { importOpenVhs } from '../app/modules/catalogue/import/apply.server';
import { OpenVhsFormatError, parseOpenVhs } from '../app/modules/catalogue/import/openvhs';
import { getEnv } from '../app/utils/env.server';
import { setLogger } from '../app/utils/logger.server';
import { enqueueSearchSync } from '../search/sync.server';
import { openDatabase } from '../server/database';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'dry-run': { type: 'boolean', default: false },
    'keep-missing': { type: 'boolean', default: false },
  },
});

if (positionals.length === 0) {
  console.error('Usage: npm run import:openvhs -- [--dry-run] [--keep-missing] FILE...');
  process.exit(2);
}

const env = getEnv();
// The app's logger writes to stdout, which belongs to the JSON line here.
const logger = pino(
  { level: env.LOG_LEVEL, base: { app: 'wegweiser', script: 'import-openvhs' } },
  pino.destination({ dest: 2, sync: true }),
);

setLogger(logger);

const total = { created: 0, updated: 0, archived: 0, rejected: 0, errors: [] as string[] };
let failed = false;
const started = Date.now();
const db = await openDatabase(env, logger, { poolSize: 2 });
// With Meilisearch, every import enqueues its index sync in the import's own transaction.
if (env.MEILISEARCH_URL) await startJobs(db.url, { work: false });
try {
  for (const file of positionals) {
    const name = path.basename(file);
    const fileStarted = Date.now();
    try {
      const parsed = parseOpenVhs(await readFile(file, 'utf8'));
      const result = await importOpenVhs(db.sql, parsed, {
        full: !values['keep-missing'],
        dryRun: values['dry-run'],
        afterWrite: async (tx, offerIds) => {
          await enqueueSearchSync(offerIds, tx);
        },
      });
      total.created += result.created;
      total.updated += result.updated;
      total.archived += result.archived;
      total.rejected += result.rejected;
      total.errors.push(...result.errors.map((e) => `${name}: ${e}`));
      logger.info(
        {
          file: name,
          provider: parsed.provider.externalRef,
          providerId: result.providerId,
          created: result.created,
          updated: result.updated,
          archived: result.archived,
          rejected: result.rejected,
          dryRun: values['dry-run'],
          ms: Date.now() - fileStarted,
        },
        'open-vhs file imported',
      );
    } catch (error) {
      failed = true;
      const message =
        error instanceof OpenVhsFormatError || (error as NodeJS.ErrnoException).code === 'ENOENT'
          ? (error as Error).message
          : `Import fehlgeschlagen: ${(error as Error).message}`;
      total.errors.push(`${name}: ${message}`);
      logger.error({ file: name, err: error }, 'open-vhs file not imported');
    }
  }
} finally {
  if (env.MEILISEARCH_URL) await stopJobs();
  await db.close();
}
logger.info({ files: positionals.length, ms: Date.now() - started }, 'open-vhs import done');
process.stdout.write(`${JSON.stringify(total)}\n`);
process.exitCode = failed ? 1 : 0;
