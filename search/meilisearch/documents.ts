import { OFFER_FACET_KEYS } from './settings';

/**
 * One Meilisearch document per scheduled run of a published offer, built from the
 * PostgreSQL search rows (search_runs + search_offers), which stay the source of truth.
 * Offer fields are repeated on every run; `offer_id` is the distinct attribute.
 */

/** A row of db/queries/search-documents.server.ts. */
export interface SearchDocumentRow {
  run_id: number;
  offer_id: number;
  provider_id: number;
  provider_name: string;
  provider_slug: string;
  title: string;
  subtitle: string | null;
  summary: string;
  description: string;
  keywords: string[];
  target_groups: string[];
  certificate: string | null;
  category: string;
  language: string;
  cefr_level: string | null;
  funding: string[];
  /** YYYY-MM-DD */
  starts_on: string | null;
  ends_on: string | null;
  format: 'in_person' | 'online' | 'hybrid';
  time_of_day: 'morning' | 'afternoon' | 'evening' | null;
  weekend: boolean;
  price_cents: number | null;
  accessible: boolean | null;
  district: string | null;
  latitude: number | null;
  longitude: number | null;
  venue_name: string | null;
  venue_city: string | null;
  late_entry: boolean;
}

/**
 * Unknown values are left out rather than stored as null: Meilisearch sorts documents
 * without a sort field last (unknown price, no start date), and `NOT EXISTS` finds them.
 */
export interface SearchDocument {
  id: number;
  offer_id: number;
  provider_id: number;
  provider_name: string;
  provider_slug: string;
  title: string;
  subtitle?: string;
  summary: string;
  description: string;
  keywords: string[];
  target_groups: string[];
  certificate?: string;
  category: string;
  language: string;
  cefr_level?: string;
  /** For filters and facets: `bildungsgutschein` added when the measure is AZAV-approved. */
  funding: string[];
  /** As the provider entered it, for display. */
  funding_raw: string[];
  /** Days since 1970-01-01: numbers, so range filters and sorting work. */
  starts_on?: number;
  starts_on_date?: string;
  ends_on?: number;
  ends_on_date?: string;
  format: 'in_person' | 'online' | 'hybrid';
  time_of_day?: 'morning' | 'afternoon' | 'evening';
  weekend: boolean;
  price_cents?: number;
  price_known: boolean;
  free: boolean;
  accessible?: boolean;
  district?: string;
  venue_name?: string;
  venue_city?: string;
  offer_format: string;
  offer_time_of_day?: string;
  offer_district?: string;
  /** Joining after the start is possible: started runs stay findable until they end. */
  late_entry: boolean;
  _geo?: { lat: number; lng: number };
}

const DAY_MS = 86_400_000;

/** YYYY-MM-DD → days since the epoch (UTC, so no time zone shifts a date). */
export function toEpochDay(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new Error(`Not a date: ${date}`);
  return Math.floor(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS);
}

export function fromEpochDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Funding as citizens ask for it: a Bildungsgutschein also pays for AZAV-approved measures. */
export function searchableFunding(funding: string[]): string[] {
  const all = new Set(funding);
  if (all.has('azav')) all.add('bildungsgutschein');
  return [...all];
}

function present<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined && value !== '';
}

export function toDocument(row: SearchDocumentRow): SearchDocument {
  const doc: SearchDocument = {
    id: row.run_id,
    offer_id: row.offer_id,
    provider_id: row.provider_id,
    provider_name: row.provider_name,
    provider_slug: row.provider_slug,
    title: row.title,
    summary: row.summary,
    description: row.description,
    keywords: row.keywords,
    target_groups: row.target_groups,
    category: row.category,
    language: row.language,
    funding: searchableFunding(row.funding),
    funding_raw: row.funding,
    format: row.format,
    weekend: row.weekend,
    price_known: row.price_cents !== null,
    free: row.price_cents === 0,
    late_entry: row.late_entry,
    [OFFER_FACET_KEYS.format]: `${row.offer_id}:${row.format}`,
  };
  if (present(row.subtitle)) doc.subtitle = row.subtitle;
  if (present(row.certificate)) doc.certificate = row.certificate;
  if (present(row.cefr_level)) doc.cefr_level = row.cefr_level;
  if (present(row.starts_on)) {
    doc.starts_on = toEpochDay(row.starts_on);
    doc.starts_on_date = row.starts_on;
  }
  if (present(row.ends_on)) {
    doc.ends_on = toEpochDay(row.ends_on);
    doc.ends_on_date = row.ends_on;
  }
  if (present(row.time_of_day)) {
    doc.time_of_day = row.time_of_day;
    doc[OFFER_FACET_KEYS.time_of_day] = `${row.offer_id}:${row.time_of_day}`;
  }
  if (present(row.price_cents)) doc.price_cents = row.price_cents;
  if (present(row.accessible)) doc.accessible = row.accessible;
  if (present(row.district)) {
    doc.district = row.district;
    doc[OFFER_FACET_KEYS.district] = `${row.offer_id}:${row.district}`;
  }
  if (present(row.venue_name)) doc.venue_name = row.venue_name;
  if (present(row.venue_city)) doc.venue_city = row.venue_city;
  if (
    present(row.latitude) &&
    present(row.longitude) &&
    Number.isFinite(row.latitude) &&
    Number.isFinite(row.longitude)
  ) {
    doc._geo = { lat: row.latitude, lng: row.longitude };
  }
  return doc;
}
