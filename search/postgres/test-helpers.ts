import { CATEGORIES, FORMATS, FUNDING, LEVELS } from '../../app/modules/catalogue/schemas';
import type { IndexQuery, RunRow } from './run-index';
import { dayNumber } from './run-index';

/** A query with every filter off. */
export function indexQuery(overrides: Partial<IndexQuery> = {}): IndexQuery {
  return {
    matches: null,
    category: [],
    format: [],
    time: [],
    funding: [],
    level: [],
    language: [],
    district: [],
    accessible: false,
    free: false,
    includePast: false,
    today: '2026-11-24',
    location: null,
    radiusKm: 10,
    sort: 'relevance',
    offset: 0,
    limit: 20,
    ...overrides,
  };
}

/**
 * A catalogue of `offers` offers with one to three runs each, every attribute drawn from
 * a seeded generator (the same rows every time), around Kassel.
 */
export function syntheticRows(offers: number, seed = 7): RunRow[] {
  let state = seed;
  const random = () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 2 ** 32;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const today = dayNumber('2026-11-24');
  const rows: RunRow[] = [];
  let runId = 1;
  for (let offerId = 1; offerId <= offers; offerId++) {
    const category = pick(CATEGORIES);
    const language = random() < 0.8 ? 'de' : pick(['en', 'tr', 'ar']);
    const level = random() < 0.4 ? pick(LEVELS) : null;
    const funding = random() < 0.3 ? [pick(FUNDING)] : [];
    const runs = 1 + Math.floor(random() * 3);
    for (let r = 0; r < runs; r++) {
      const starts = today - 30 + Math.floor(random() * 200);
      const located = random() < 0.9;
      rows.push({
        run_id: runId++,
        offer_id: offerId,
        category,
        format: pick(FORMATS),
        time_of_day: random() < 0.9 ? pick(['morning', 'afternoon', 'evening']) : null,
        weekend: random() < 0.15,
        cefr_level: level,
        language,
        district: located ? pick(['Mitte', 'Wehlheiden', 'Bettenhausen', 'Baunatal', 'Vellmar']) : null,
        accessible: located ? random() < 0.5 : null,
        price_cents: random() < 0.1 ? null : random() < 0.15 ? 0 : Math.floor(random() * 40_000),
        starts,
        ends: random() < 0.1 ? null : starts + Math.floor(random() * 60),
        funding,
        latitude: located ? 51.25 + random() * 0.15 : null,
        longitude: located ? 9.35 + random() * 0.2 : null,
        // Every fifth run's offer takes people in after the start (no draw: the rows stay as they were).
        late_entry: runId % 5 === 0,
      });
    }
  }
  return rows;
}

/** Some queries that together use every filter, every sort and a later page. */
export const SPLIT_QUERIES: Partial<IndexQuery>[] = [
  {},
  { sort: 'start', offset: 20 },
  { category: ['sprachen', 'deutsch_integration'], time: ['evening', 'weekend'] },
  { format: ['online'], funding: ['bildungsgutschein'], level: ['B1'] },
  { free: true, accessible: true, district: ['Mitte', 'Vellmar'], language: ['de'] },
  { maxPriceCents: 10_000, sort: 'price', from: '2026-12-01', to: '2027-03-01' },
  { location: { latitude: 51.3166, longitude: 9.4912 }, radiusKm: 5, sort: 'distance', offset: 40 },
  { location: { latitude: 51.3166, longitude: 9.4912 }, radiusKm: 8, includePast: true },
  { sort: 'price', offset: 1500, limit: 100 },
];
