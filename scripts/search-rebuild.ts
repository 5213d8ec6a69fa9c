/**
 * `npm run search:rebuild`: rebuilds the search index of the configured engine —
 * Meilisearch (MEILISEARCH_URL) into a fresh index swapped in atomically, else the
 * PostgreSQL search rows. Prints one JSON line: { engine, documents, ms }.
 */
import { getEnv } from '../app/utils/env.server';
import { getLogger } from '../app/utils/logger.server';
import { getSearchEngine, meilisearchEngine } from '../search/engine.server';
import { openDatabase } from '../server/database';

const env = getEnv();
const db = await openDatabase(env, getLogger(), { poolSize: 2 });
try {
  const started = Date.now();
  // A configured Meilisearch is rebuilt or the script fails: getSearchEngine() alone would
  // quietly rebuild PostgreSQL's rows when the server is down.
  const engine = meilisearchEngine() ?? (await getSearchEngine());
  await engine.rebuild();
  const [row] = await db.sql<{ n: number }[]>`select count(*)::int as n from search_runs`;
  const documents = 'lastRebuildDocuments' in engine ? engine.lastRebuildDocuments : (row?.n ?? 0);
  process.stdout.write(`${JSON.stringify({ engine: engine.name, documents, ms: Date.now() - started })}\n`);
} finally {
  await db.close();
}
