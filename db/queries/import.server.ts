import type { Db } from '../client.server';
import { LOCKS } from '../locks';

/**
 * SQL of the Open-vhs import (app/modules/catalogue/import/apply.server.ts). Every function
 * takes the transaction first; the import runs all of them in one.
 */

const CHUNK = 1_000;

/** Serialises imports of the same provider, so two uploads at once cannot both create it. */
export async function lockProviderImport(sql: Db, externalRef: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(${LOCKS.providerImport}, hashtext(${externalRef}))`;
}

export async function findProviderByExternalRef(
  sql: Db,
  externalRef: string,
): Promise<{ id: number; name: string } | undefined> {
  const [row] = await sql<{ id: number; name: string }[]>`
    select id, name from providers where external_ref = ${externalRef}`;
  return row;
}

/** Slugs already taken by `base` or `base-N`. */
export async function takenSlugs(sql: Db, base: string): Promise<Set<string>> {
  const rows = await sql<{ slug: string }[]>`
    select slug from providers where slug = ${base} or slug ~ ${`^${base}-[0-9]+$`}`;
  return new Set(rows.map((r) => r.slug));
}

export async function insertProvider(
  sql: Db,
  provider: { slug: string; name: string; externalRef: string },
): Promise<number> {
  const [row] = await sql<{ id: number }[]>`
    insert into providers (slug, name, kind, status, external_ref)
    values (${provider.slug}, ${provider.name}, 'vhs', 'approved', ${provider.externalRef})
    returning id`;
  return row!.id;
}

export async function renameProvider(sql: Db, id: number, name: string): Promise<void> {
  await sql`update providers set name = ${name}, updated_at = now() where id = ${id}`;
}

export interface VenueKeyRow {
  id: number;
  name: string;
  street: string | null;
  postcode: string | null;
}

export async function listProviderVenues(sql: Db, providerId: number): Promise<VenueKeyRow[]> {
  return sql<VenueKeyRow[]>`
    select id, name, street, postcode from venues where provider_id = ${providerId} order by id`;
}

export interface PostcodePlace {
  zipcode: string;
  place: string;
  latitude: number;
  longitude: number;
}

/** The first row of each postcode (a postcode can span several places). */
export async function findPostcodes(sql: Db, zipcodes: string[]): Promise<PostcodePlace[]> {
  if (zipcodes.length === 0) return [];
  return sql<PostcodePlace[]>`
    select distinct on (zipcode) zipcode, place, latitude, longitude
    from postcodes where zipcode = any(${zipcodes}::text[]) order by zipcode, id`;
}

export interface NewVenue {
  provider_id: number;
  name: string;
  street: string | null;
  postcode: string | null;
  city: string | null;
  district: string | null;
  latitude: number | null;
  longitude: number | null;
  accessible: boolean | null;
}

/** Ids in the order of `venues`. */
export async function insertVenues(sql: Db, venues: NewVenue[]): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < venues.length; i += CHUNK) {
    const rows = await sql<{ id: number }[]>`
      insert into venues ${sql(venues.slice(i, i + CHUNK))} returning id`;
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

/** The facts of a run as the import writes and compares them. */
export interface RunFields {
  external_id: string | null;
  starts_on: string | null;
  ends_on: string | null;
  session_count: number | null;
  weekdays: number[];
  starts_at: string | null;
  ends_at: string | null;
  time_of_day: string | null;
  format: string;
  price_cents: number | null;
  price_note: string | null;
  seats: number | null;
  seats_status: string | null;
  registration_deadline: string | null;
  teaching_units: number | null;
}

export interface ExistingRun extends RunFields {
  status: string;
  /** [name, street, postcode] of the venue, or null. */
  venue: [string, string | null, string | null] | null;
  /** [starts, ends] as Unix seconds, in time order. */
  sessions: [number, number][];
}

export interface ExistingOffer extends OfferFields {
  id: number;
  external_id: string;
  status: string;
  runs: ExistingRun[];
}

/** The provider's imported offers (those with an external id), with runs and sessions. */
export async function listImportedOffers(sql: Db, providerId: number): Promise<ExistingOffer[]> {
  return sql<ExistingOffer[]>`
    select o.id, o.external_id, o.status, o.course_number, o.title, o.subtitle, o.summary, o.description,
           o.category, o.keywords, o.target_groups, o.language, o.cefr_level, o.funding, o.website,
           o.entry_requirements, o.entry_cefr_level, o.entry_note, o.late_entry, o.registration_url,
           o.registration_email, o.registration_phone, o.registration_note, o.azav_measure_number,
           coalesce((
             select json_agg(json_build_object(
                      'external_id', r.external_id,
                      'starts_on', r.starts_on::text,
                      'ends_on', r.ends_on::text,
                      'session_count', r.session_count,
                      'weekdays', r.weekdays,
                      'starts_at', to_char(r.starts_at, 'HH24:MI'),
                      'ends_at', to_char(r.ends_at, 'HH24:MI'),
                      'time_of_day', r.time_of_day,
                      'format', r.format,
                      'price_cents', r.price_cents,
                      'price_note', r.price_note,
                      'seats', r.seats,
                      'seats_status', r.seats_status,
                      'registration_deadline', r.registration_deadline::text,
                      'teaching_units', r.teaching_units,
                      'status', r.status,
                      'venue', case when v.id is null then null else json_build_array(v.name, v.street, v.postcode) end,
                      'sessions', coalesce((
                        select json_agg(json_build_array(extract(epoch from s.starts_at)::bigint,
                                                         extract(epoch from s.ends_at)::bigint)
                                        order by s.starts_at, s.ends_at)
                        from run_sessions s where s.run_id = r.id), '[]'::json)
                    ) order by r.id)
             from runs r left join venues v on v.id = r.venue_id
             where r.offer_id = o.id), '[]'::json) as runs
    from offers o
    where o.provider_id = ${providerId} and o.external_id is not null
    order by o.id`;
}

export interface OfferFields {
  course_number: string | null;
  title: string;
  subtitle: string | null;
  summary: string;
  description: string;
  category: string;
  keywords: string[];
  target_groups: string[];
  language: string;
  cefr_level: string | null;
  funding: string[];
  website: string | null;
  entry_requirements: string[] | null;
  entry_cefr_level: string | null;
  entry_note: string | null;
  late_entry: boolean;
  registration_url: string | null;
  registration_email: string | null;
  registration_phone: string | null;
  registration_note: string | null;
  azav_measure_number: string | null;
}

/** New published offers; returns their ids by external id. */
export async function insertOffers(
  sql: Db,
  providerId: number,
  offers: (OfferFields & { external_id: string })[],
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  if (offers.length === 0) return ids;
  // The transaction's time, as the other timestamps of the import get it.
  const [clock] = await sql<{ now: Date }[]>`select now()`;
  const now = clock!.now;
  for (let i = 0; i < offers.length; i += CHUNK) {
    const rows = await sql<{ id: number; external_id: string }[]>`
      insert into offers ${sql(
        offers.slice(i, i + CHUNK).map((o) => ({
          ...o,
          provider_id: providerId,
          kind: 'course',
          status: 'published',
          published_at: now,
        })),
      )}
      returning id, external_id`;
    for (const r of rows) ids.set(r.external_id, r.id);
  }
  return ids;
}

/** Brings an offer up to date; it is in the feed, so it is published (again). */
export async function updateOffer(sql: Db, id: number, offer: OfferFields): Promise<void> {
  await sql`
    update offers set ${sql(
      offer,
      'course_number',
      'title',
      'subtitle',
      'summary',
      'description',
      'category',
      'keywords',
      'target_groups',
      'language',
      'cefr_level',
      'funding',
      'website',
      'entry_requirements',
      'entry_cefr_level',
      'entry_note',
      'late_entry',
      'registration_url',
      'registration_email',
      'registration_phone',
      'registration_note',
      'azav_measure_number',
    )},
      status = 'published',
      published_at = coalesce(published_at, now()),
      updated_at = now()
    where id = ${id}`;
}

/** Removes the runs (and with them the sessions) of these offers, to be written anew. */
export async function deleteRunsOfOffers(sql: Db, offerIds: number[]): Promise<void> {
  if (offerIds.length === 0) return;
  await sql`delete from runs where offer_id = any(${offerIds}::bigint[])`;
}

export interface NewRun extends RunFields {
  offer_id: number;
  venue_id: number | null;
  external_id: string;
}

/** Returns run ids by offer id (one run per offer in an Open-vhs import). */
export async function insertRuns(sql: Db, runs: NewRun[]): Promise<Map<number, number>> {
  const ids = new Map<number, number>();
  for (let i = 0; i < runs.length; i += CHUNK) {
    const rows = await sql<{ id: number; offer_id: number }[]>`
      insert into runs ${sql(runs.slice(i, i + CHUNK).map((r) => ({ ...r, weekdays: sql.array(r.weekdays, 21) })))}
      returning id, offer_id`;
    for (const r of rows) ids.set(r.offer_id, r.id);
  }
  return ids;
}

export async function insertSessions(
  sql: Db,
  sessions: { run_id: number; starts_at: string; ends_at: string }[],
): Promise<void> {
  for (let i = 0; i < sessions.length; i += 5 * CHUNK) {
    await sql`insert into run_sessions ${sql(sessions.slice(i, i + 5 * CHUNK))}`;
  }
}

/**
 * Archives the provider's published imported offers whose external id is not in `keep`
 * (they left the provider's programme). Offers entered by hand (no external id) stay.
 */
export async function archiveMissingOffers(
  sql: Db,
  providerId: number,
  keep: string[],
): Promise<{ id: number; external_id: string; title: string }[]> {
  return sql<{ id: number; external_id: string; title: string }[]>`
    update offers set status = 'archived', updated_at = now()
    where provider_id = ${providerId}
      and status = 'published'
      and external_id is not null
      and not (external_id = any(${keep}::text[]))
    returning id, external_id, title`;
}

/** Ids of all offers of a provider (their search documents carry the provider's name). */
export async function listProviderOfferIds(sql: Db, providerId: number): Promise<number[]> {
  const rows = await sql<{ id: number }[]>`select id from offers where provider_id = ${providerId}`;
  return rows.map((r) => r.id);
}
