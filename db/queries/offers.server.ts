import type { Db } from '../client.server';

export interface OfferRecord {
  id: number;
  status: 'draft' | 'published' | 'archived';
  title: string;
  subtitle: string | null;
  summary: string;
  description: string;
  category: string;
  kind: string;
  keywords: string[];
  target_groups: string[];
  language: string;
  cefr_level: string | null;
  certificate: string | null;
  funding: string[];
  accessibility: string | null;
  website: string | null;
  course_number: string | null;
  /** null: the provider did not say; []: no formal requirement (migration 0008). */
  entry_requirements: EntryRequirement[] | null;
  /** The German level expected at the start. */
  entry_cefr_level: string | null;
  entry_note: string | null;
  /** Joining after the start is possible (open and modular courses). */
  late_entry: boolean;
  registration_url: string | null;
  registration_email: string | null;
  registration_phone: string | null;
  registration_note: string | null;
  azav_measure_number: string | null;
  /** Optional translations of title and summary by language (German is the original). */
  translations: Record<string, { title?: string; summary?: string }>;
  updated_at: string;
  provider: Omit<ProviderRecord, 'description'>;
  runs: RunRecord[];
}

export type EntryRequirement = 'school_certificate' | 'vocational_qualification' | 'professional_experience';
export type SeatsStatus = 'available' | 'few' | 'full' | 'waiting_list';

export interface RunRecord {
  id: number;
  starts_on: string | null;
  ends_on: string | null;
  session_count: number | null;
  weekdays: number[];
  starts_at: string | null;
  ends_at: string | null;
  time_of_day: string | null;
  format: 'in_person' | 'online' | 'hybrid';
  price_cents: number | null;
  price_note: string | null;
  seats: number | null;
  /** null: not known. */
  seats_status: SeatsStatus | null;
  registration_deadline: string | null;
  /** Unterrichtseinheiten of 45 minutes. */
  teaching_units: number | null;
  status: string;
  venue: {
    name: string;
    street: string | null;
    postcode: string | null;
    city: string | null;
    district: string | null;
    latitude: number | null;
    longitude: number | null;
    accessible: boolean | null;
    accessibility_note: string | null;
  } | null;
  sessions: { starts_at: string; ends_at: string }[];
}

/** One offer with its provider, runs, venues and sessions, whatever its status. */
export async function findOffer(sql: Db, id: number): Promise<OfferRecord | null> {
  const [row] = await sql<OfferRecord[]>`
    select o.id, o.status, o.title, o.subtitle, o.summary, o.description, o.category, o.kind, o.keywords,
           o.target_groups, o.language, o.cefr_level, o.certificate, o.funding, o.accessibility, o.website,
           o.course_number, o.entry_requirements, o.entry_cefr_level, o.entry_note, o.late_entry,
           o.registration_url, o.registration_email, o.registration_phone, o.registration_note,
           o.azav_measure_number, o.translations, o.updated_at::text,
           json_build_object('id', p.id, 'slug', p.slug, 'name', p.name, 'kind', p.kind, 'status', p.status,
             'street', p.street, 'postcode', p.postcode, 'city', p.city, 'website', p.website,
             'email', p.email, 'phone', p.phone, 'certifications', p.certifications) as provider,
           coalesce((
             select json_agg(json_build_object(
               'id', r.id, 'starts_on', r.starts_on, 'ends_on', r.ends_on, 'session_count', r.session_count,
               'weekdays', r.weekdays, 'starts_at', to_char(r.starts_at, 'HH24:MI'),
               'ends_at', to_char(r.ends_at, 'HH24:MI'), 'time_of_day', r.time_of_day, 'format', r.format,
               'price_cents', r.price_cents, 'price_note', r.price_note, 'seats', r.seats,
               'seats_status', r.seats_status, 'registration_deadline', r.registration_deadline,
               'teaching_units', r.teaching_units, 'status', r.status,
               'venue', case when v.id is null then null else json_build_object(
                 'name', v.name, 'street', v.street, 'postcode', v.postcode, 'city', v.city,
                 'district', v.district, 'latitude', v.latitude, 'longitude', v.longitude,
                 'accessible', v.accessible, 'accessibility_note', v.accessibility_note) end,
               'sessions', coalesce((
                 select json_agg(json_build_object('starts_at', s.starts_at, 'ends_at', s.ends_at) order by s.starts_at)
                 from run_sessions s where s.run_id = r.id), '[]'::json)
             ) order by r.starts_on nulls last, r.id)
             from runs r left join venues v on v.id = r.venue_id
             where r.offer_id = o.id), '[]'::json) as runs
    from offers o join providers p on p.id = o.provider_id
    where o.id = ${id}`;
  return row ?? null;
}

export interface ProviderRecord {
  id: number;
  slug: string;
  name: string;
  kind: string;
  status: string;
  description: string;
  street: string | null;
  postcode: string | null;
  city: string | null;
  website: string | null;
  email: string | null;
  phone: string | null;
  certifications: { type: string; number?: string; certifier?: string; validUntil?: string }[];
}

export async function findProviderBySlug(sql: Db, slug: string): Promise<ProviderRecord | null> {
  const [row] = await sql<ProviderRecord[]>`
    select id, slug, name, kind, status, description, street, postcode, city, website, email, phone, certifications
    from providers where slug = ${slug}`;
  return row ?? null;
}

export interface ProviderOfferRow {
  id: number;
  title: string;
  summary: string;
  category: string;
  next_start: string | null;
  runs: number;
}

/**
 * A provider's published offers that someone could still join, next start first: runs
 * that have not started, or (late entry) have started and not ended — as the search
 * shows them. "Next start" is a start still ahead; a course joinable under way has none.
 */
export async function currentOffersOfProvider(
  sql: Db,
  providerId: number,
  today: string,
): Promise<ProviderOfferRow[]> {
  return sql<ProviderOfferRow[]>`
    select o.id, o.title, o.summary, o.category,
           min(r.starts_on) filter (where r.starts_on >= ${today}::date)::text as next_start,
           count(r.id)::int as runs
    from offers o join runs r on r.offer_id = o.id and r.status = 'scheduled'
    where o.provider_id = ${providerId} and o.status = 'published'
      and (r.starts_on is null or r.starts_on >= ${today}::date
           -- a run without an end date counts as over once its start day has passed
           or (o.late_entry and coalesce(r.ends_on, r.starts_on) >= ${today}::date))
    group by o.id
    order by min(greatest(r.starts_on, ${today}::date)) nulls last, o.title`;
}
