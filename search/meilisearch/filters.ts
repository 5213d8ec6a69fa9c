import type { MultiSearchQuery } from 'meilisearch';
import type { Facet } from '../../app/modules/catalogue/schemas';
import { stripGenericHead } from '../text';
import type { EngineQuery } from '../types';
import { fold, genericHeads, synonymGroups } from '../vocabulary';
import { toEpochDay } from './documents';
import { HIGHLIGHT_POST, HIGHLIGHT_PRE } from './results';
import { OFFER_FACET_KEYS } from './settings';

/**
 * EngineQuery → Meilisearch filters, sort and the multi-search plan. Pure, so the
 * semantics (disjunctive facets, escaping, sorting) are unit-tested without a server.
 */

/** A filter value as a double-quoted string: `\` and `"` escaped, nothing else can break out. */
export function quote(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

function finite(n: number, what: string): number {
  if (!Number.isFinite(n)) throw new Error(`Not a finite ${what}: ${n}`);
  return n;
}

function inList(field: string, values: readonly string[]): string {
  return `${field} IN [${values.map(quote).join(', ')}]`;
}

/**
 * The clause of each facet group the query selects (OR within a group). Groups are what
 * disjunctive counting leaves out one at a time; everything else is in `baseClauses`.
 */
export function groupClauses(query: EngineQuery): Partial<Record<Facet, string>> {
  const clauses: Partial<Record<Facet, string>> = {};
  if (query.category.length) clauses.category = inList('category', query.category);
  if (query.format.length) clauses.format = inList('format', query.format);
  if (query.time.length) {
    const parts: string[] = [];
    const timeOfDay = query.time.filter((t) => t !== 'weekend');
    if (timeOfDay.length) parts.push(inList('time_of_day', timeOfDay));
    if (query.time.includes('weekend')) parts.push('weekend = true');
    clauses.time = parts.length > 1 ? `(${parts.join(' OR ')})` : parts[0];
  }
  // Documents carry `bildungsgutschein` for AZAV measures too (documents.ts), so IN is enough.
  if (query.funding.length) clauses.funding = inList('funding', query.funding);
  if (query.level.length) clauses.level = inList('cefr_level', query.level);
  if (query.language.length) clauses.language = inList('language', query.language);
  if (query.district.length) clauses.district = inList('district', query.district);
  if (query.accessible) clauses.accessible = 'accessible = true';
  if (query.free) clauses.price = 'free = true';
  return clauses;
}

/** Filters that are not facets and so always apply: dates, price ceiling, radius. */
export function baseClauses(query: EngineQuery): string[] {
  const clauses: string[] = [];
  // By default a run that has started is gone (nobody can join it any more), unless the
  // offer takes people in later: then until it ends. A run without a start date stays
  // (as in the PostgreSQL engine, run-index.ts).
  if (!query.past) {
    const today = toEpochDay(query.today);
    clauses.push(
      `(starts_on >= ${today} OR starts_on NOT EXISTS OR (late_entry = true AND ends_on >= ${today}))`,
    );
  }
  if (query.from) clauses.push(`starts_on >= ${toEpochDay(query.from)}`);
  if (query.to) clauses.push(`starts_on <= ${toEpochDay(query.to)}`);
  // A run with an unknown price has no price_cents, so a ceiling leaves it out.
  if (query.maxPrice !== undefined) clauses.push(`price_cents <= ${finite(query.maxPrice, 'price') * 100}`);
  if (query.location) {
    const { latitude, longitude } = query.location;
    const metres = Math.round(finite(query.radius, 'radius') * 1000);
    clauses.push(`_geoRadius(${finite(latitude, 'latitude')}, ${finite(longitude, 'longitude')}, ${metres})`);
  }
  return clauses;
}

/** The full filter (an AND array), or the filter without one facet group for its disjunctive counts. */
export function buildFilter(query: EngineQuery, without?: Facet): string[] {
  const groups = groupClauses(query);
  const selected = (Object.keys(groups) as Facet[]).filter((g) => g !== without).map((g) => groups[g]!);
  return [...baseClauses(query), ...selected];
}

function geoPoint(query: EngineQuery): string | null {
  if (!query.location) return null;
  return `_geoPoint(${finite(query.location.latitude, 'latitude')}, ${finite(query.location.longitude, 'longitude')})`;
}

/**
 * How offers are ordered. Relevance passes no sort (the ranking rules rank the text and
 * break ties by the next start); distance needs a location and falls back to the start
 * date without one. An offer's place is that of its best-placed matching run.
 */
export function buildSort(query: EngineQuery): string[] {
  switch (query.sort) {
    case 'start':
      return ['starts_on:asc'];
    case 'price':
      return ['price_cents:asc'];
    case 'distance': {
      const point = geoPoint(query);
      return point ? [`${point}:asc`] : ['starts_on:asc'];
    }
    default:
      return [];
  }
}

/**
 * Which run an offer shows: the one that placed it — the cheapest when sorted by price,
 * the earliest when sorted by start — and otherwise the nearest in a radius search, else
 * the next to start. So a list sorted by price never shows 120 € above 50 €.
 */
export function buildRunSort(query: EngineQuery): string[] {
  const point = geoPoint(query);
  const order = [...buildSort(query), ...(point ? [`${point}:asc`] : []), 'starts_on:asc', 'id:asc'];
  return [...new Set(order)];
}

const GENERIC = new Set(genericHeads.map(fold));
const SYNONYM_WORDS = new Set(synonymGroups.flat().flatMap((t) => fold(t).split(' ')));

interface QueryWord {
  /** As typed, without surrounding punctuation. */
  word: string;
  folded: string;
  /** The compound without its generic head ("yogakurs" → "yoga"), if it has one. */
  stem: string | null;
}

function queryWords(q: string): QueryWord[] {
  const words: QueryWord[] = [];
  for (const raw of q.replace(/["“”„«»]/g, ' ').split(/\s+/)) {
    const word = raw.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    const folded = fold(word);
    if (!folded || GENERIC.has(folded)) continue;
    words.push({ word, folded, stem: SYNONYM_WORDS.has(folded) ? null : stripGenericHead(folded) });
  }
  return words;
}

/**
 * The catalogue words (search_lexicon) that decide whether a compound's generic head is
 * split off: the compound itself and its stem (with and without a linking "s").
 */
export function compoundLookups(q: string): string[] {
  const lookups = queryWords(q).flatMap((w) => (w.stem ? [w.folded, w.stem, `${w.stem}s`] : []));
  return [...new Set(lookups)];
}

/**
 * The text as Meilisearch gets it, with the shared vocabulary's rules the PostgreSQL
 * engine applies too: a generic head alone is optional ("yoga kurs" → "yoga"); glued to
 * a word the catalogue does not know, it is split off when the stem is known ("yogakurs"
 * → "yoga"), so a mistyped compound ("integratinskurs") stays whole for typo tolerance.
 * Without the lexicon (`known` null) compounds stay whole. Quotes and a leading minus are
 * dropped: they are operators in Meilisearch (phrase, negation), not in the portal's query
 * language. Umlauts are kept; Meilisearch folds them.
 */
export function queryText(q: string, known: ReadonlySet<string> | null = null): string {
  const out: string[] = [];
  for (const { word, folded, stem } of queryWords(q)) {
    const split = stem && known && !known.has(folded) && (known.has(stem) || known.has(`${stem}s`));
    if (!split) {
      out.push(word);
      continue;
    }
    // Keep the typed spelling of the stem (Küchen…, not kuechen…) when it can be found.
    let kept = stem;
    for (let i = word.length; i > 0; i--) {
      if (fold(word.slice(0, i)) === stem) {
        kept = word.slice(0, i);
        break;
      }
    }
    out.push(kept);
  }
  return out.join(' ');
}

/** Where a facet's counts come from in a response's facetDistribution. */
export interface FacetSource {
  facet: Facet;
  field: string;
}

export type PlanPart =
  | { kind: 'hits'; facets: FacetSource[] }
  | { kind: 'distribution'; facets: FacetSource[] }
  | { kind: 'count'; facet: Facet; value: string };

export interface SearchPlan {
  queries: MultiSearchQuery[];
  parts: PlanPart[];
}

/** Facets whose values are the same on every run of an offer: `distinct: offer_id` counts them right. */
const OFFER_FACETS: FacetSource[] = [
  { facet: 'category', field: 'category' },
  { facet: 'funding', field: 'funding' },
  { facet: 'level', field: 'cefr_level' },
  { facet: 'language', field: 'language' },
];

/** Run-level facets with several values: counted with a per-facet composite distinct key. */
const RUN_FACETS: (FacetSource & { distinct: string })[] = [
  { facet: 'format', field: 'format', distinct: OFFER_FACET_KEYS.format },
  { facet: 'time', field: 'time_of_day', distinct: OFFER_FACET_KEYS.time_of_day },
  { facet: 'district', field: 'district', distinct: OFFER_FACET_KEYS.district },
];

/** Run-level yes/no values: the number of distinct offers with a matching run that has it. */
const RUN_FLAGS: { facet: Facet; value: string; clause: string }[] = [
  { facet: 'time', value: 'weekend', clause: 'weekend = true' },
  { facet: 'accessible', value: 'true', clause: 'accessible = true' },
  { facet: 'price', value: 'free', clause: 'free = true' },
];

export const HIT_ATTRIBUTES = [
  'id',
  'offer_id',
  'title',
  'summary',
  'category',
  'language',
  'cefr_level',
  'funding_raw',
  'provider_id',
  'provider_slug',
  'provider_name',
];

export const RUN_ATTRIBUTES = [
  'id',
  'offer_id',
  'starts_on_date',
  'ends_on_date',
  'format',
  'time_of_day',
  'weekend',
  'price_cents',
  'venue_name',
  'venue_city',
  'district',
  'accessible',
  'late_entry',
  '_geo',
];

/**
 * One multi-search for a result page: the hits (with the offer-level facets that are not
 * selected), then one count-only query per facet that needs its own filter or distinct
 * key. Each facet is counted with every filter except its own (disjunctive), so choosing
 * "online" does not drop "in person" to zero.
 */
export function planSearch(
  query: EngineQuery,
  indexUid: string,
  known: ReadonlySet<string> | null = null,
): SearchPlan {
  const q = queryText(query.q, known);
  const selected = groupClauses(query);
  const countOnly = (filter: string[]): MultiSearchQuery => ({
    indexUid,
    q,
    matchingStrategy: 'all',
    filter,
    page: 1,
    hitsPerPage: 0,
  });

  const inHits = OFFER_FACETS.filter((f) => !selected[f.facet]);
  const sort = buildSort(query);
  const queries: MultiSearchQuery[] = [
    {
      indexUid,
      q,
      matchingStrategy: 'all',
      filter: buildFilter(query),
      ...(sort.length ? { sort } : {}),
      page: query.page,
      hitsPerPage: query.perPage,
      attributesToRetrieve: [...new Set([...HIT_ATTRIBUTES, ...RUN_ATTRIBUTES])],
      attributesToHighlight: ['title', 'summary'],
      highlightPreTag: HIGHLIGHT_PRE,
      highlightPostTag: HIGHLIGHT_POST,
      ...(inHits.length ? { facets: inHits.map((f) => f.field) } : {}),
    },
  ];
  const parts: PlanPart[] = [{ kind: 'hits', facets: inHits }];

  for (const source of OFFER_FACETS.filter((f) => selected[f.facet])) {
    queries.push({ ...countOnly(buildFilter(query, source.facet)), facets: [source.field] });
    parts.push({ kind: 'distribution', facets: [source] });
  }
  for (const { distinct, ...source } of RUN_FACETS) {
    queries.push({ ...countOnly(buildFilter(query, source.facet)), distinct, facets: [source.field] });
    parts.push({ kind: 'distribution', facets: [source] });
  }
  for (const flag of RUN_FLAGS) {
    queries.push(countOnly([...buildFilter(query, flag.facet), flag.clause]));
    parts.push({ kind: 'count', facet: flag.facet, value: flag.value });
  }
  return { queries, parts };
}

/**
 * The second round for the offers on the page: each one's best matching run (distinct
 * offer_id with the run order) and how many of its runs match (distinct per run, counted
 * per offer_id). Runs of an offer share its text, so no `q` is needed here.
 */
export function planRunQueries(query: EngineQuery, indexUid: string, offerIds: number[]): MultiSearchQuery[] {
  const filter = [
    ...buildFilter(query),
    `offer_id IN [${offerIds.map((id) => finite(id, 'id')).join(', ')}]`,
  ];
  return [
    {
      indexUid,
      filter,
      sort: buildRunSort(query),
      page: 1,
      hitsPerPage: offerIds.length,
      attributesToRetrieve: RUN_ATTRIBUTES,
    },
    { indexUid, filter, distinct: 'id', facets: ['offer_id'], page: 1, hitsPerPage: 0 },
  ];
}
