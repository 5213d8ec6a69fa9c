import { operator } from '~/config/operator';
import { todayInBerlin } from '~/utils/clock.server';
import { AppError } from '~/utils/errors';
import { getLogger } from '~/utils/logger.server';
import { type Db, getSql } from '../../../db/client.server';
import { cataloguePlaces, locate, logSearch, postcodePlaces } from '../../../db/queries/search.server';
import { getSearchEngine } from '../../../search/engine.server';
import { applyUnderstanding } from '../../../search/relax';
import type { SearchResult } from '../../../search/types';
import { type Gazetteer, understand } from '../../../search/understand';
import { fold } from '../../../search/vocabulary';
import type { SearchQuery } from './schemas';

// The search page parses its query through this module: a route that imported schemas.ts
// itself would keep zod (whose schemas are built when the module loads) in the page's
// browser bundle, although only the loader uses it.
export { parseSearchParams } from './schemas';

/**
 * Searches the catalogue: understands the query (search/understand.ts: filters said in
 * words, the place, the German words to look for), resolves the place, asks the active
 * engine, and records the anonymous demand (normalised query, filters, hit count — no IP,
 * no user).
 */
export async function searchCatalogue(
  query: SearchQuery,
  options: { log?: boolean; language?: string } = {},
): Promise<SearchResult> {
  const sql = getSql();
  const understanding = understand(query.q, {
    places: await gazetteer(sql),
    explicitNear: Boolean(query.near),
    categories: query.category,
  });
  let location: SearchResult['location'] = null;
  let understood = understanding.understood;
  if (query.near) {
    location = await locate(sql, query.near, operator.regionCenter);
    if (!location) throw new AppError('location_not_found');
  } else if (understanding.filters.near) {
    location = await locate(sql, understanding.filters.near, operator.regionCenter);
    // A place the gazetteer knew but the postcode table doesn't: no chip for a filter not applied.
    if (!location)
      understood = understood.filter(
        (u) => !(u.kind === 'place' && u.values[0] === understanding.filters.near),
      );
  }
  // Sorting by distance needs a place; without one, fall back to the start date.
  const sort = query.sort === 'distance' && !location ? 'start' : query.sort;
  const engine = await getSearchEngine();
  const { near: _near, ...rest } = query;
  const result = await engine.search(
    applyUnderstanding(
      { ...rest, sort, location, today: todayInBerlin(), uiLanguage: options.language },
      understanding,
    ),
  );
  if (options.log !== false) {
    const { q, page: _page, perPage: _perPage, sort: _sort, ...filtersOnly } = query;
    const filters = Object.fromEntries(
      Object.entries(filtersOnly).filter(([, v]) =>
        Array.isArray(v) ? v.length > 0 : v !== undefined && v !== false && v !== '',
      ),
    );
    if (!query.near) delete filters.radius;
    logSearch(sql, { query: fold(q).slice(0, 200), filters, hits: result.total, engine: engine.name }).catch(
      (error: unknown) => getLogger().warn({ err: error }, 'Search log write failed'),
    );
  }
  return { ...result, engine: engine.name, location, understood, searched: understanding.searched };
}

const PLACES_FOR_MS = 60_000;
const g = globalThis as unknown as {
  __wegweiserPlaces?: {
    postcodes: Map<string, string> | null;
    towns: Map<string, string> | null;
    catalogue: { districts: string[]; cities: string[] } | null;
    until: number;
    pending: Promise<void> | null;
  };
};

/**
 * The places a query can name: the catalogue's districts and towns (re-read every minute:
 * a new venue's district becomes a word the search understands), every German postcode
 * and town (reference data, read once).
 */
async function gazetteer(sql: Db): Promise<Gazetteer> {
  g.__wegweiserPlaces ??= { postcodes: null, towns: null, catalogue: null, until: 0, pending: null };
  const s = g.__wegweiserPlaces;
  if (!s.catalogue || !s.postcodes || Date.now() > s.until) {
    s.pending ??= (async () => {
      if (!s.postcodes || !s.towns) {
        const { postcodes, towns } = await postcodePlaces(sql);
        s.postcodes = new Map(postcodes);
        s.towns = new Map(towns);
      }
      s.catalogue = await cataloguePlaces(sql);
      s.until = Date.now() + PLACES_FOR_MS;
    })().finally(() => {
      s.pending = null;
    });
    // A stale list serves while the next one loads; only the first load is waited for.
    if (!s.catalogue || !s.postcodes) await s.pending;
  }
  const { postcodes, towns, catalogue } = s as Required<typeof s> & {
    postcodes: Map<string, string>;
    towns: Map<string, string>;
    catalogue: { districts: string[]; cities: string[] };
  };
  return {
    districts: catalogue.districts,
    cities: catalogue.cities,
    postcode: (code) => postcodes.get(code) ?? null,
    town: (folded) => towns.get(folded) ?? null,
  };
}

/** For tests: forget the places read (a test database replaces the catalogue). */
export function forgetPlaces() {
  g.__wegweiserPlaces = undefined;
}
