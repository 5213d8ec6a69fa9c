import { fold } from '../../search/vocabulary';
import { cityQuarters } from '../../search/vocabulary/places';
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
  /** Offer ids, in the order stored (see sortPostingList). */
  ids: Int32Array;
  /** The best weight per offer: 4 (title) … 1 (description). */
  weights: Uint8Array;
}

/**
 * Posting lists changed since `since` (all of them after a full rebuild, or when
 * `since` is -1), with the version they bring the reader to. Lists come as text and are
 * parsed here: "1,2,3" parses several times faster than an array of 24,000 numbers, and
 * the weights are one digit each.
 */
export async function postingsSince(
  sql: Sql,
  since: number,
): Promise<{ version: number; full: boolean; lists: PostingList[] }> {
  return sql.begin('isolation level repeatable read read only', async (tx) => {
    const [state] = await tx<{ version: number; rebuilt_version: number }[]>`
      select version, rebuilt_version from search_state`;
    const full = since < 0 || (state?.rebuilt_version ?? 0) > since;
    const lists: PostingList[] = [];
    // A cursor: the whole catalogue's lists are never held as text at once.
    const cursor = tx<{ lexeme: string; ids: string; weights: string }[]>`
      select lexeme, array_to_string(offer_ids, ',') as ids, array_to_string(weights, '') as weights
      from search_postings ${full ? sql`` : sql`where version > ${since}`}`.cursor(2000);
    for await (const rows of cursor) {
      for (const row of rows)
        lists.push({ lexeme: row.lexeme, ids: parseIds(row.ids), weights: parseWeights(row.weights) });
    }
    return { version: state?.version ?? 0, full, lists };
  }) as Promise<{ version: number; full: boolean; lists: PostingList[] }>;
}

/** "12,345,6" → ids, without a string per number. */
export function parseIds(text: string): Int32Array {
  if (text.length === 0) return new Int32Array(0);
  let n = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 44) n++;
  const ids = new Int32Array(n);
  let k = 0;
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44) {
      ids[k++] = value;
      value = 0;
    } else value = value * 10 + (c - 48);
  }
  ids[k] = value;
  return ids;
}

function parseWeights(text: string): Uint8Array {
  const weights = new Uint8Array(text.length);
  for (let i = 0; i < weights.length; i++) weights[i] = text.charCodeAt(i) - 48;
  return weights;
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
  /** The offer's provider: the first page interleaves providers where ranks tie. */
  provider_id: number;
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

const RUN_COLUMNS = (sql: Db) => sql`
  r.run_id, r.offer_id, so.provider_id, r.category, r.format, r.time_of_day, r.weekend, r.cefr_level, r.language,
  r.district, r.accessible, r.price_cents, (r.starts_on - date '1970-01-01') as starts,
  (r.ends_on - date '1970-01-01') as ends, r.funding, r.latitude, r.longitude, r.late_entry`;

/**
 * Every searchable run, grouped by offer, with dates as day numbers: the engine's in-memory
 * index. Read in one snapshot, in batches of whole offers (`onBatch` builds the columns
 * as they come), so a catalogue of millions of runs is never held as row objects at once.
 */
export async function loadSearchRuns(
  sql: Sql,
  onStart: (size: { runs: number; offers: number; version: number }) => void,
  onBatch: (rows: SearchRunRow[]) => void,
  batchSize = 50_000,
): Promise<{ version: number }> {
  return sql.begin('isolation level repeatable read read only', async (tx) => {
    const [state] = await tx<{ version: number; runs: number; offers: number }[]>`
      select (select version from search_state) as version,
             (select count(*) from search_runs)::int as runs,
             (select count(*) from search_offers)::int as offers`;
    const version = state?.version ?? 0;
    onStart({ runs: state?.runs ?? 0, offers: state?.offers ?? 0, version });
    let after = 0;
    for (;;) {
      // Keyset over offers, whole offers per batch: an offer's runs never straddle two.
      const rows = await tx<SearchRunRow[]>`
        select ${RUN_COLUMNS(tx)}
        from search_runs r join search_offers so on so.offer_id = r.offer_id
        where r.offer_id > ${after} and r.offer_id <= (
          select max(offer_id) from (
            select offer_id from search_offers where offer_id > ${after} order by offer_id limit ${batchSize}) b)
        order by r.offer_id, r.run_id`;
      if (rows.length === 0) break;
      onBatch(rows);
      after = rows[rows.length - 1]!.offer_id;
    }
    return { version };
  }) as Promise<{ version: number }>;
}

/**
 * What changed since `since`: the current rows of every offer changed after it (an offer
 * without rows was taken out), with the version they bring the reader to; `full` when a
 * rebuild happened since, and the reader must load everything instead.
 */
export async function searchRunChangesSince(
  sql: Sql,
  since: number,
): Promise<{ version: number; full: boolean; offers: number[]; rows: SearchRunRow[] }> {
  return sql.begin('isolation level repeatable read read only', async (tx) => {
    const [state] = await tx<{ version: number; rebuilt_version: number }[]>`
      select version, rebuilt_version from search_state`;
    const version = state?.version ?? 0;
    if ((state?.rebuilt_version ?? 0) > since) return { version, full: true, offers: [], rows: [] };
    const changed = await tx<{ offer_id: number }[]>`
      select offer_id from search_offer_changes where version > ${since} order by offer_id`;
    const offers = changed.map((c) => c.offer_id);
    const rows =
      offers.length === 0
        ? []
        : await tx<SearchRunRow[]>`
            select ${RUN_COLUMNS(tx)}
            from search_runs r join search_offers so on so.offer_id = r.offer_id
            where r.offer_id = any(${offers}::bigint[])
            order by r.offer_id, r.run_id`;
    return { version, full: false, offers, rows };
  }) as Promise<{ version: number; full: boolean; offers: number[]; rows: SearchRunRow[] }>;
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

/**
 * A place → a point: a postcode (also "34117 Kassel"; its centroid), a town (ambiguous
 * names: the one nearest `near`), or a district of the catalogue's venues ("Wesertor",
 * "Bad Wilhelmshöhe": the centre of its venues).
 */
export async function locate(
  sql: Db,
  text: string,
  near: { latitude: number; longitude: number },
): Promise<{ label: string; latitude: number; longitude: number } | null> {
  const code = /^(\d{5})(?:\s|,|$)/.exec(text.trim())?.[1];
  if (code) {
    const [row] = await sql<{ label: string; latitude: number; longitude: number }[]>`
      select zipcode || ' ' || min(place) as label, avg(latitude) as latitude, avg(longitude) as longitude
      from postcodes where zipcode = ${code} group by zipcode`;
    return row ?? null;
  }
  const [row] = await sql<{ label: string; latitude: number; longitude: number }[]>`
    select place as label, avg(latitude) as latitude, avg(longitude) as longitude
    from postcodes where ww_fold(place) = ww_fold(${text})
    group by place, community_code
    order by earth_distance(ll_to_earth(avg(latitude), avg(longitude)), ll_to_earth(${near.latitude}, ${near.longitude}))
    limit 1`;
  if (row) return row;
  const [district] = await sql<{ label: string; latitude: number; longitude: number }[]>`
    select min(district) as label, avg(latitude) as latitude, avg(longitude) as longitude
    from venues where ww_fold(district) = ww_fold(${text}) and latitude is not null
    group by ww_fold(district)`;
  if (district) return district;
  // A quarter of the city without a venue today ("Wesertor"): around its postcode.
  const quarter = Object.keys(cityQuarters).find((name) => fold(name) === fold(text));
  if (!quarter) return null;
  const [around] = await sql<{ latitude: number; longitude: number }[]>`
    select avg(latitude) as latitude, avg(longitude) as longitude
    from postcodes where zipcode = ${cityQuarters[quarter]!} having count(*) > 0`;
  return around ? { label: quarter, latitude: around.latitude, longitude: around.longitude } : null;
}

/**
 * The catalogue's places, for understanding a query: the venues' districts and towns of
 * searchable runs (the district facet's values) and the towns of venues that are not a
 * district value themselves (the city).
 */
export async function cataloguePlaces(sql: Db): Promise<{ districts: string[]; cities: string[] }> {
  // One pass over the runs down to their few distinct places, then the set difference on
  // those: a NOT IN over every run's district (1.9 million at a million offers) no longer
  // fits a hash in work_mem and became a nested loop that ran for more than 15 minutes.
  const [row] = await sql<{ districts: string[]; cities: string[] }[]>`
    with places as materialized (select distinct district, venue_city from search_runs)
    select array(select distinct district from places where district is not null order by 1) as districts,
           array(select distinct venue_city from places
                 where venue_city is not null and venue_city not in (
                   select district from places where district is not null)
                 order by 1) as cities`;
  return { districts: row?.districts ?? [], cities: row?.cities ?? [] };
}

/** Every German postcode with its (first) place name, and the place names folded → as written. */
export async function postcodePlaces(
  sql: Db,
): Promise<{ postcodes: [string, string][]; towns: [string, string][] }> {
  const postcodes = await sql<{ zipcode: string; place: string }[]>`
    select zipcode, min(place) as place from postcodes group by zipcode`;
  const towns = await sql<{ folded: string; place: string }[]>`
    select ww_fold(place) as folded, min(place) as place from postcodes
    where place !~* '(gmbh|\mag\M|e\.v\.|kasse|bank|versicherung|\mpost\M)' group by 1`;
  return {
    postcodes: postcodes.map((p) => [p.zipcode, p.place]),
    towns: towns.map((t) => [t.folded, t.place]),
  };
}

export async function logSearch(
  sql: Db,
  entry: { query: string; filters: Record<string, unknown>; hits: number; engine: string },
): Promise<void> {
  await sql`
    insert into search_log (query, filters, hits, engine)
    values (${entry.query}, ${sql.json(entry.filters as never)}, ${entry.hits}, ${entry.engine})`;
}
