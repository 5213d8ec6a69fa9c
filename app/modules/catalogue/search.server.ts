import { operator } from '~/config/operator';
import { todayInBerlin } from '~/utils/clock.server';
import { AppError } from '~/utils/errors';
import { getLogger } from '~/utils/logger.server';
import { getSql } from '../../../db/client.server';
import { locate, logSearch } from '../../../db/queries/search.server';
import { getSearchEngine } from '../../../search/engine.server';
import type { SearchResult } from '../../../search/types';
import { fold } from '../../../search/vocabulary';
import type { SearchQuery } from './schemas';

/**
 * Searches the catalogue: resolves the place, asks the active engine, and records the
 * anonymous demand (normalised query, filters, hit count — no IP, no user).
 */
export async function searchCatalogue(
  query: SearchQuery,
  options: { log?: boolean } = {},
): Promise<SearchResult> {
  const sql = getSql();
  let location: SearchResult['location'] = null;
  if (query.near) {
    location = await locate(sql, query.near, operator.regionCenter);
    if (!location) throw new AppError('location_not_found');
  }
  // Sorting by distance needs a place; without one, fall back to the start date.
  const sort = query.sort === 'distance' && !location ? 'start' : query.sort;
  const engine = await getSearchEngine();
  const result = await engine.search({ ...query, sort, location, today: todayInBerlin() });
  if (options.log !== false) {
    const { q, page: _page, perPage: _perPage, sort: _sort, ...rest } = query;
    const filters = Object.fromEntries(
      Object.entries(rest).filter(([, v]) =>
        Array.isArray(v) ? v.length > 0 : v !== undefined && v !== false && v !== '',
      ),
    );
    if (!query.near) delete filters.radius;
    logSearch(sql, { query: fold(q).slice(0, 200), filters, hits: result.total, engine: engine.name }).catch(
      (error: unknown) => getLogger().warn({ err: error }, 'Search log write failed'),
    );
  }
  return { ...result, engine: engine.name, location };
}
