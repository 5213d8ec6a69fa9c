import type { Db, Sql } from '../client.server';

/**
 * Updates the search rows of these offers in the caller's transaction (the catalogue
 * and the PostgreSQL search never disagree). Engines that keep their own index
 * (Meilisearch) are synced by the `search-sync` job enqueued alongside.
 */
export async function refreshSearchDocuments(sql: Db, offerIds: number[]): Promise<void> {
  if (offerIds.length === 0) return;
  await sql`select search_refresh_offers(${offerIds}::bigint[])`;
}

export async function refreshAllSearchDocuments(sql: Db): Promise<void> {
  await sql`select search_refresh_all()`;
}

// ---- PostgreSQL search engine ----------------------------------------------------------

export interface PostingList {
  lexeme: string;
  ids: string;
  weights: string;
}

/**
 * Posting lists changed since `since` (all of them after a full rebuild, or when
 * `since` is -1), with the version they bring the reader to. Lists come as text:
 * parsing "1,2,3" is several times faster than an array of 24,000 numbers.
 */
export async function postingsSince(
  sql: Sql,
  since: number,
): Promise<{ version: number; full: boolean; lists: PostingList[] }> {
  return sql.begin('isolation level repeatable read read only', async (tx) => {
    const [state] = await tx<{ version: number; rebuilt_version: number }[]>`
      select version, rebuilt_version from search_state`;
    const full = since < 0 || (state?.rebuilt_version ?? 0) > since;
    const lists = await tx<PostingList[]>`
      select lexeme, array_to_string(offer_ids, ',') as ids, array_to_string(weights, '') as weights
      from search_postings ${full ? sql`` : sql`where version > ${since}`}`;
    return { version: state?.version ?? 0, full, lists };
  }) as Promise<{ version: number; full: boolean; lists: PostingList[] }>;
}

/** Each phrase → its German lexemes (stop words drop out), as the documents were indexed. */
export async function lexemesOf(sql: Db, phrases: string[]): Promise<Map<string, string[]>> {
  const rows = await sql<{ alt: string; lexemes: string[] }[]>`
    select a.alt, tsvector_to_array(to_tsvector('german', ww_fold(a.alt))) as lexemes
    from unnest(${phrases}::text[]) a(alt)`;
  return new Map(rows.map((r) => [r.alt, r.lexemes]));
}

export async function searchVersion(sql: Db): Promise<number> {
  const [row] = await sql<{ version: number }[]>`select version from search_state`;
  return row?.version ?? 0;
}

export interface SearchRunRow {
  run_id: number;
  offer_id: number;
  category: string;
  format: string;
  time_of_day: string | null;
  weekend: boolean;
  cefr_level: string | null;
  language: string;
  district: string | null;
  accessible: boolean | null;
  price_cents: number | null;
  starts: number | null;
  ends: number | null;
  funding: string[];
  latitude: number | null;
  longitude: number | null;
  late_entry: boolean;
}

/** Every searchable run, grouped by offer, with dates as day numbers: the engine's in-memory index. */
export async function loadSearchRuns(sql: Sql): Promise<{ rows: SearchRunRow[]; version: number }> {
  return sql.begin('isolation level repeatable read read only', async (tx) => {
    const [state] = await tx<{ version: number }[]>`select version from search_state`;
    const rows = await tx<SearchRunRow[]>`
      select run_id, offer_id, category, format, time_of_day, weekend, cefr_level, language, district, accessible,
             price_cents, (starts_on - date '1970-01-01') as starts, (ends_on - date '1970-01-01') as ends,
             funding, latitude, longitude, late_entry
      from search_runs order by offer_id, run_id`;
    return { rows, version: state?.version ?? 0 };
  });
}

export interface HitDetailRow {
  offer_id: number;
  title: string;
  summary: string;
  category: string;
  language: string;
  cefr_level: string | null;
  funding: string[];
  provider_id: number;
  provider_slug: string;
  provider_name: string;
  run_id: number;
  starts_on: string | null;
  ends_on: string | null;
  format: 'in_person' | 'online' | 'hybrid';
  time_of_day: 'morning' | 'afternoon' | 'evening' | null;
  weekend: boolean;
  price_cents: number | null;
  venue_name: string | null;
  venue_city: string | null;
  district: string | null;
  accessible: boolean | null;
  late_entry: boolean;
}

/** What a result list shows for each hit (offer + its chosen run), for one page of hits. */
export async function hitDetails(sql: Db, runIds: number[]): Promise<HitDetailRow[]> {
  if (runIds.length === 0) return [];
  // Provider and venue fields are copied onto the search rows (migration 0007): two
  // tables to plan and read, not five.
  return sql<HitDetailRow[]>`
    select so.offer_id, so.title, so.summary, so.category, so.language, so.cefr_level, so.funding,
           so.provider_id, so.provider_slug, so.provider_name,
           r.run_id, r.starts_on::text, r.ends_on::text, r.format, r.time_of_day, r.weekend, r.price_cents,
           r.venue_name, r.venue_city, r.district, r.accessible, r.late_entry
    from search_runs r
    join search_offers so on so.offer_id = r.offer_id
    where r.run_id = any(${runIds}::bigint[])`;
}

/** Which of these folded words occur in the catalogue's titles and keywords. */
export async function knownWords(sql: Db, words: string[]): Promise<Set<string>> {
  if (words.length === 0) return new Set();
  const rows = await sql<{ word: string }[]>`select word from search_lexicon where word = any(${words})`;
  return new Set(rows.map((r) => r.word));
}

/**
 * `knownWords` and `searchVersion` in one round trip: a text search needs both before
 * anything else, and a round trip costs as much as either query.
 */
export async function knownWordsAndVersion(
  sql: Db,
  words: string[],
): Promise<{ known: Set<string>; version: number }> {
  const [row] = await sql<{ version: number; known: string[] }[]>`
    select coalesce((select version from search_state), 0) as version,
           array(select word from search_lexicon where word = any(${words}::text[])) as known`;
  return { known: new Set(row?.known ?? []), version: row?.version ?? 0 };
}

/** The catalogue word closest to a mistyped one (trigram similarity), or null. */
export async function closestWord(sql: Db, word: string): Promise<string | null> {
  const [row] = await sql<{ word: string }[]>`
    select word from search_lexicon
    where word % ${word} and similarity(word, ${word}) >= 0.35
    order by similarity(word, ${word}) desc, documents desc
    limit 1`;
  return row?.word ?? null;
}

/** A postcode or place name → a point (a postcode's centroid; ambiguous places: the one nearest `near`). */
export async function locate(
  sql: Db,
  text: string,
  near: { latitude: number; longitude: number },
): Promise<{ label: string; latitude: number; longitude: number } | null> {
  if (/^\d{5}$/.test(text)) {
    const [row] = await sql<{ label: string; latitude: number; longitude: number }[]>`
      select zipcode || ' ' || min(place) as label, avg(latitude) as latitude, avg(longitude) as longitude
      from postcodes where zipcode = ${text} group by zipcode`;
    return row ?? null;
  }
  const [row] = await sql<{ label: string; latitude: number; longitude: number }[]>`
    select place as label, avg(latitude) as latitude, avg(longitude) as longitude
    from postcodes where ww_fold(place) = ww_fold(${text})
    group by place, community_code
    order by earth_distance(ll_to_earth(avg(latitude), avg(longitude)), ll_to_earth(${near.latitude}, ${near.longitude}))
    limit 1`;
  return row ?? null;
}

export async function logSearch(
  sql: Db,
  entry: { query: string; filters: Record<string, unknown>; hits: number; engine: string },
): Promise<void> {
  await sql`
    insert into search_log (query, filters, hits, engine)
    values (${entry.query}, ${sql.json(entry.filters as never)}, ${entry.hits}, ${entry.engine})`;
}
