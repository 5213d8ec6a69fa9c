import type { SearchResponse } from 'meilisearch';
import { type Category, FACETS, type Facet, FUNDING } from '../../app/modules/catalogue/schemas';
import { runState } from '../text';
import type { EngineQuery, FacetValue, Highlighted, HitRun, SearchHit, SearchResult } from '../types';
import type { PlanPart } from './filters';

/**
 * Meilisearch responses → the engine-neutral SearchResult. Pure, so the mapping is
 * unit-tested with recorded response shapes.
 */

/**
 * Highlight markers from the Unicode private use area: they cannot occur in catalogue
 * text, so a title that contains "<em>" is never mistaken for a match, and no HTML
 * ever leaves the engine.
 */
export const HIGHLIGHT_PRE = '\uE000';
export const HIGHLIGHT_POST = '\uE001';

type Doc = Record<string, unknown>;
type Response = SearchResponse<Doc>;

/** `_formatted` text with markers → plain and matched segments; the plain text when anything is off. */
export function parseHighlight(formatted: unknown, plain: string): Highlighted {
  const fallback: Highlighted = [{ text: plain, match: false }];
  if (typeof formatted !== 'string') return fallback;
  const segments: Highlighted = [];
  let match = false;
  let text = '';
  const flush = () => {
    if (!text) return;
    const last = segments[segments.length - 1];
    if (last && last.match === match) last.text += text;
    else segments.push({ text, match });
    text = '';
  };
  for (const char of formatted) {
    if (char === HIGHLIGHT_PRE || char === HIGHLIGHT_POST) {
      flush();
      match = char === HIGHLIGHT_PRE;
    } else {
      text += char;
    }
  }
  flush();
  // Only ever show the document's own text: if the markers were not what we expect, fall back.
  if (segments.map((s) => s.text).join('') !== plain || segments.length === 0) return fallback;
  return segments;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const bool = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null);

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance, for a run whose response carries no `_geoDistance`. */
export function haversineKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Kilometres, one decimal (as the PostgreSQL engine rounds them); null without a location. */
export function distanceKm(doc: Doc, query: Pick<EngineQuery, 'location'>): number | null {
  if (!query.location) return null;
  const metres = num(doc._geoDistance);
  if (metres !== null) return Math.round(metres / 100) / 10;
  const geo = doc._geo as { lat?: unknown; lng?: unknown } | undefined;
  const lat = num(geo?.lat);
  const lng = num(geo?.lng);
  if (lat === null || lng === null) return null;
  const km = haversineKm({ lat: query.location.latitude, lng: query.location.longitude }, { lat, lng });
  return Math.round(km * 10) / 10;
}

export function toRun(doc: Doc, query: Pick<EngineQuery, 'location'> & { today?: string }): HitRun {
  const venueName = str(doc.venue_name);
  const format = str(doc.format);
  const timeOfDay = str(doc.time_of_day);
  const startsOn = str(doc.starts_on_date);
  return {
    id: num(doc.id) ?? 0,
    startsOn,
    endsOn: str(doc.ends_on_date),
    format: format === 'online' || format === 'hybrid' ? format : 'in_person',
    timeOfDay:
      timeOfDay === 'morning' || timeOfDay === 'afternoon' || timeOfDay === 'evening' ? timeOfDay : null,
    weekend: doc.weekend === true,
    priceCents: num(doc.price_cents),
    venue: venueName
      ? {
          name: venueName,
          city: str(doc.venue_city),
          district: str(doc.district),
          accessible: bool(doc.accessible),
        }
      : null,
    distanceKm: distanceKm(doc, query),
    lateEntry: doc.late_entry === true,
    ...(query.today
      ? runState(startsOn, str(doc.ends_on_date), query.today)
      : { started: false, over: false }),
  };
}

export function toHit(
  doc: Doc,
  query: Pick<EngineQuery, 'location'> & { today?: string },
  best: Doc | undefined,
  matchingRuns: number | undefined,
): SearchHit {
  const title = str(doc.title) ?? '';
  const summary = typeof doc.summary === 'string' ? doc.summary : '';
  const formatted = (doc._formatted ?? {}) as Doc;
  return {
    id: num(doc.offer_id) ?? 0,
    title,
    summary,
    highlight: {
      title: parseHighlight(formatted.title, title),
      summary: parseHighlight(formatted.summary, summary),
    },
    category: doc.category as Category,
    language: str(doc.language) ?? 'de',
    cefrLevel: str(doc.cefr_level),
    funding: Array.isArray(doc.funding_raw) ? (doc.funding_raw as string[]) : [],
    provider: {
      id: num(doc.provider_id) ?? 0,
      slug: str(doc.provider_slug) ?? '',
      name: str(doc.provider_name) ?? '',
    },
    // The hit is itself one of the offer's matching runs: the fallback if the second round missed it.
    run: toRun(best ?? doc, query),
    matchingRuns: Math.max(1, matchingRuns ?? 1),
  };
}

const FUNDING_VALUES = new Set<string>(FUNDING);

/** Facet values as the vocabulary names them; `azav` is counted as `bildungsgutschein` already. */
function keepValue(facet: Facet, value: string): boolean {
  if (facet === 'funding') return FUNDING_VALUES.has(value);
  return value !== '';
}

export function emptyFacets(): Record<Facet, FacetValue[]> {
  return Object.fromEntries(FACETS.map((f) => [f, [] as FacetValue[]])) as Record<Facet, FacetValue[]>;
}

/** Facet counts from every part of the plan, sorted by count, then value (as the PostgreSQL engine). */
export function mergeFacets(parts: PlanPart[], responses: Response[]): Record<Facet, FacetValue[]> {
  const facets = emptyFacets();
  parts.forEach((part, i) => {
    const response = responses[i];
    if (!response) return;
    if (part.kind === 'count') {
      const count = response.totalHits ?? 0;
      if (count > 0) facets[part.facet].push({ value: part.value, count });
      return;
    }
    for (const source of part.facets) {
      const distribution = response.facetDistribution?.[source.field] ?? {};
      for (const [value, count] of Object.entries(distribution)) {
        if (count > 0 && keepValue(source.facet, value)) facets[source.facet].push({ value, count });
      }
    }
  });
  for (const list of Object.values(facets)) {
    list.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  }
  return facets;
}

/** The offers' best runs and run counts from the second round, by offer id. */
export function runsByOffer(
  best: Response | undefined,
  counts: Response | undefined,
): { best: Map<number, Doc>; counts: Map<number, number> } {
  const bestMap = new Map<number, Doc>();
  for (const hit of best?.hits ?? []) {
    const offerId = num(hit.offer_id);
    if (offerId !== null && !bestMap.has(offerId)) bestMap.set(offerId, hit);
  }
  const countMap = new Map<number, number>();
  for (const [value, count] of Object.entries(counts?.facetDistribution?.offer_id ?? {})) {
    const offerId = Number(value);
    if (Number.isFinite(offerId)) countMap.set(offerId, count);
  }
  return { best: bestMap, counts: countMap };
}

/**
 * didYouMean stays null: Meilisearch already answers a mistyped word with its
 * typo-tolerant matches, and a correction would need the lexicon the PostgreSQL engine
 * keeps — a second engine's look-up per query for a hint Meilisearch makes unneeded.
 */
export function toSearchResult(
  query: EngineQuery,
  parts: PlanPart[],
  responses: Response[],
  second: { best?: Response; counts?: Response } = {},
): Omit<SearchResult, 'engine' | 'location'> {
  const main = responses[0];
  const runs = runsByOffer(second.best, second.counts);
  const hits = (main?.hits ?? []).map((doc) => {
    const offerId = num(doc.offer_id) ?? 0;
    return toHit(doc, query, runs.best.get(offerId), runs.counts.get(offerId));
  });
  return {
    total: main?.totalHits ?? 0,
    page: query.page,
    perPage: query.perPage,
    hits,
    facets: mergeFacets(parts, responses),
    didYouMean: null,
  };
}
