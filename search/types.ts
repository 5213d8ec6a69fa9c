import type { Category, Facet, SearchQuery } from '../app/modules/catalogue/schemas';

/**
 * The one interface every search engine implements (PostgreSQL by default, Meilisearch
 * when configured). One behaviour suite (tests/integration/search-behaviour.test.ts)
 * runs against each available engine.
 */

/** Text split into plain and matched parts, so the UI can highlight without raw HTML. */
export type Highlighted = { text: string; match: boolean }[];

export interface SearchLocation {
  label: string;
  latitude: number;
  longitude: number;
}

export interface HitRun {
  id: number;
  startsOn: string | null;
  endsOn: string | null;
  format: 'in_person' | 'online' | 'hybrid';
  timeOfDay: 'morning' | 'afternoon' | 'evening' | null;
  weekend: boolean;
  priceCents: number | null;
  venue: { name: string; city: string | null; district: string | null; accessible: boolean | null } | null;
  /** Kilometres from the search location, when one was given. */
  distanceKm: number | null;
  /** The offer takes people in after the start (open and modular courses); both engines set it. */
  lateEntry?: boolean;
  /** The run began before the search's today and has not ended (shown by default only with late entry). */
  started?: boolean;
  /** The run ended before the search's today (shown only with "also started and past"). */
  over?: boolean;
}

export interface SearchHit {
  id: number;
  title: string;
  summary: string;
  highlight: { title: Highlighted; summary: Highlighted };
  category: Category;
  language: string;
  cefrLevel: string | null;
  funding: string[];
  provider: { id: number; slug: string; name: string };
  /** The best matching run: the nearest (radius search) or the next to start. */
  run: HitRun;
  /** How many runs of this offer match the filters. */
  matchingRuns: number;
}

export interface FacetValue {
  value: string;
  count: number;
}

export interface SearchResult {
  total: number;
  page: number;
  perPage: number;
  hits: SearchHit[];
  /** Counts per value that follow the query; a facet's own selection does not narrow it. */
  facets: Record<Facet, FacetValue[]>;
  engine: 'postgres' | 'meilisearch';
  didYouMean: string | null;
  location: SearchLocation | null;
}

/** The query as engines get it: the location already resolved, "today" fixed by the caller. */
export interface EngineQuery extends Omit<SearchQuery, 'near'> {
  location: SearchLocation | null;
  today: string;
}

export interface SearchEngine {
  readonly name: 'postgres' | 'meilisearch';
  search(query: EngineQuery): Promise<Omit<SearchResult, 'engine' | 'location'>>;
  /** Brings the offers' documents up to date (published ones in, the rest out). */
  syncOffers(offerIds: number[]): Promise<void>;
  /** Rebuilds the whole index (Meilisearch: into a fresh index, then swaps). */
  rebuild(): Promise<void>;
  health(): Promise<boolean>;
  /** Loads what the engine keeps in memory, before the first search (server start). */
  warm?(): Promise<void>;
}
