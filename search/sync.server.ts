import { enqueue } from '../app/jobs/boss.server';
import { SEARCH_SYNC_QUEUE, type SearchSyncJob } from '../app/jobs/queues.server';
import { getEnv } from '../app/utils/env.server';
import type { Db } from '../db/client.server';

/**
 * Keeps an external index (Meilisearch) in step with the catalogue. Call it in the same
 * transaction as the change (next to refreshSearchDocuments): the job exists only if the
 * change commits, and it reads the committed rows when it runs. Without MEILISEARCH_URL
 * it does nothing; PostgreSQL's own rows are refreshed in that transaction already.
 */
export async function enqueueSearchSync(offerIds: number[], tx?: Db): Promise<string | null> {
  if (!getEnv().MEILISEARCH_URL) return null;
  const ids = [...new Set(offerIds)].filter((id) => Number.isSafeInteger(id));
  if (ids.length === 0) return null;
  const job: SearchSyncJob = { offerIds: ids };
  return enqueue(SEARCH_SYNC_QUEUE, job, { tx });
}
