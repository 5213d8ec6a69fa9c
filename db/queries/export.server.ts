import type { Db } from '../client.server';
import type { OfferRecord, RunRecord } from './offers.server';

/**
 * SQL of the catalogue exports (app/modules/catalogue/export/). Offers are read in batches by
 * keyset (provider, then offer id), so an export of any size holds one batch in memory and no
 * connection between batches: a slow client cannot keep a pooled connection busy.
 */

export const EXPORT_BATCH = 200;

export interface ExportSession {
  starts_at: string;
  ends_at: string;
  /** Wall-clock time in Europe/Berlin, `YYYY-MM-DDTHH:MM` (what Open-vhs <termin> carries). */
  local_start: string;
  local_end: string;
}

export interface ExportRun extends Omit<RunRecord, 'sessions'> {
  external_id: string | null;
  sessions: ExportSession[];
}

/** An offer as findOffer gives it (so offerJsonLd takes it), plus the ids an exchange format needs. */
export interface ExportOffer extends Omit<OfferRecord, 'runs' | 'provider'> {
  external_id: string | null;
  provider: OfferRecord['provider'] & { external_ref: string | null };
  runs: ExportRun[];
}

export interface ExportProvider {
  id: number;
  slug: string;
  name: string;
  status: string;
  external_ref: string | null;
}

/**
 * What an export holds. `catalogue`: published offers of approved providers (the public open
 * data). `provider`: every offer of one provider that is not archived, whatever its status.
 */
export type ExportScope = { kind: 'catalogue' } | { kind: 'provider'; providerId: number };

export async function findExportProvider(sql: Db, providerId: number): Promise<ExportProvider | null> {
  const [row] = await sql<ExportProvider[]>`
    select id, slug, name, status, external_ref from providers where id = ${providerId}`;
  return row ?? null;
}

/** Approved providers with at least one published offer, by name. */
export async function listCatalogueProviderIds(sql: Db): Promise<number[]> {
  const rows = await sql<{ id: number }[]>`
    select p.id from providers p
    where p.status = 'approved'
      and exists (select 1 from offers o where o.provider_id = p.id and o.status = 'published')
    order by p.name, p.id`;
  return rows.map((r) => r.id);
}

/** One batch of a provider's offers in the scope, with id greater than `afterId`, by id. */
export async function readExportBatch(
  sql: Db,
  scope: ExportScope,
  providerId: number,
  afterId: number,
  limit: number = EXPORT_BATCH,
): Promise<ExportOffer[]> {
  const visible =
    scope.kind === 'catalogue'
      ? sql`and o.status = 'published' and p.status = 'approved'`
      : sql`and o.status <> 'archived'`;
  return sql<ExportOffer[]>`
    select o.id, o.status, o.external_id, o.title, o.subtitle, o.summary, o.description, o.category, o.kind,
           o.keywords, o.target_groups, o.language, o.cefr_level, o.certificate, o.funding, o.accessibility,
           o.website, o.course_number, o.entry_requirements, o.entry_cefr_level, o.entry_note, o.late_entry,
           o.registration_url, o.registration_email, o.registration_phone, o.registration_note,
           o.azav_measure_number, o.translations, o.updated_at::text,
           json_build_object('id', p.id, 'slug', p.slug, 'name', p.name, 'kind', p.kind, 'status', p.status,
             'street', p.street, 'postcode', p.postcode, 'city', p.city, 'website', p.website,
             'email', p.email, 'phone', p.phone, 'certifications', p.certifications,
             'external_ref', p.external_ref) as provider,
           coalesce((
             select json_agg(json_build_object(
               'id', r.id, 'external_id', r.external_id, 'starts_on', r.starts_on, 'ends_on', r.ends_on,
               'session_count', r.session_count, 'weekdays', r.weekdays,
               'starts_at', to_char(r.starts_at, 'HH24:MI'), 'ends_at', to_char(r.ends_at, 'HH24:MI'),
               'time_of_day', r.time_of_day, 'format', r.format, 'price_cents', r.price_cents,
               'price_note', r.price_note, 'seats', r.seats, 'seats_status', r.seats_status,
               'registration_deadline', r.registration_deadline, 'teaching_units', r.teaching_units,
               'status', r.status,
               'venue', case when v.id is null then null else json_build_object(
                 'name', v.name, 'street', v.street, 'postcode', v.postcode, 'city', v.city,
                 'district', v.district, 'latitude', v.latitude, 'longitude', v.longitude,
                 'accessible', v.accessible, 'accessibility_note', v.accessibility_note) end,
               'sessions', coalesce((
                 select json_agg(json_build_object(
                          'starts_at', s.starts_at, 'ends_at', s.ends_at,
                          'local_start', to_char(s.starts_at at time zone 'Europe/Berlin', 'YYYY-MM-DD"T"HH24:MI'),
                          'local_end', to_char(s.ends_at at time zone 'Europe/Berlin', 'YYYY-MM-DD"T"HH24:MI'))
                        order by s.starts_at, s.ends_at)
                 from run_sessions s where s.run_id = r.id), '[]'::json)
             ) order by r.starts_on nulls last, r.id)
             from runs r left join venues v on v.id = r.venue_id
             where r.offer_id = o.id), '[]'::json) as runs
    from offers o join providers p on p.id = o.provider_id
    where o.provider_id = ${providerId} and o.id > ${afterId} ${visible}
    order by o.id
    limit ${limit}`;
}

/**
 * The offers of the scope, batch by batch, provider after provider (in the order given; for
 * the catalogue, listCatalogueProviderIds), offers by id. Each batch is one query, run only
 * when the consumer asks for it.
 */
export async function* readExportOffers(
  sql: Db,
  scope: ExportScope,
  providerIds: readonly number[],
  batchSize: number = EXPORT_BATCH,
): AsyncGenerator<ExportOffer[]> {
  for (const providerId of providerIds) {
    let afterId = 0;
    for (;;) {
      const batch = await readExportBatch(sql, scope, providerId, afterId, batchSize);
      if (batch.length > 0) yield batch;
      if (batch.length < batchSize) break;
      afterId = batch.at(-1)!.id;
    }
  }
}
