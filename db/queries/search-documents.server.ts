import type { SearchDocumentRow } from '../../search/meilisearch/documents';
import type { Db } from '../client.server';

/**
 * The rows an external search index is built from: one per run in search_runs (the
 * scheduled runs of published offers of approved providers), with the offer's text and
 * the provider and venue names. Read in run_id order, a batch at a time (keyset), so a
 * rebuild of any size holds one batch in memory and no long-running cursor.
 */
export async function* searchDocumentBatches(
  sql: Db,
  options: { offerIds?: number[]; batchSize?: number } = {},
): AsyncGenerator<SearchDocumentRow[]> {
  const { offerIds, batchSize = 5000 } = options;
  if (offerIds && offerIds.length === 0) return;
  let after = 0;
  for (;;) {
    const rows = await sql<SearchDocumentRow[]>`
      select r.run_id, r.offer_id, so.provider_id, so.provider_name, so.provider_slug,
             so.title, o.subtitle, so.summary, o.description, o.keywords, o.target_groups, o.certificate,
             so.category, so.language, so.cefr_level, so.funding,
             r.starts_on::text as starts_on, r.ends_on::text as ends_on, r.format, r.time_of_day, r.weekend,
             r.price_cents, r.accessible, r.district, r.latitude, r.longitude, r.venue_name, r.venue_city,
             r.late_entry
      from search_runs r
      join search_offers so on so.offer_id = r.offer_id
      join offers o on o.id = r.offer_id
      where r.run_id > ${after}
        ${offerIds ? sql`and r.offer_id = any(${offerIds}::bigint[])` : sql``}
      order by r.run_id
      limit ${batchSize}`;
    if (rows.length > 0) yield rows;
    if (rows.length < batchSize) return;
    after = rows[rows.length - 1]!.run_id;
  }
}

/** All document rows of these offers (a sync touches a handful of offers). */
export async function searchDocumentRows(sql: Db, offerIds: number[]): Promise<SearchDocumentRow[]> {
  const all: SearchDocumentRow[] = [];
  for await (const batch of searchDocumentBatches(sql, { offerIds })) all.push(...batch);
  return all;
}
