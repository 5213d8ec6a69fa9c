import { describe, expect, it } from 'vitest';
import { dayNumber, type IndexQuery, RunIndex, type RunRow } from './run-index';
import { indexQuery, SPLIT_QUERIES, syntheticRows } from './test-helpers';

const row = (over: Partial<RunRow> & Pick<RunRow, 'run_id' | 'offer_id'>): RunRow => ({
  category: 'sprachen',
  format: 'in_person',
  time_of_day: 'evening',
  weekend: false,
  cefr_level: null,
  language: 'de',
  district: 'Mitte',
  accessible: true,
  price_cents: 5000,
  starts: dayNumber('2026-12-01'),
  ends: dayNumber('2026-12-20'),
  funding: [],
  latitude: 51.3166,
  longitude: 9.4912,
  late_entry: false,
  ...over,
});

const rows: RunRow[] = [
  row({ run_id: 1, offer_id: 10, format: 'online', latitude: null, longitude: null }),
  row({ run_id: 2, offer_id: 10, format: 'in_person', starts: dayNumber('2026-12-05') }),
  row({
    run_id: 3,
    offer_id: 11,
    category: 'gesundheit',
    time_of_day: 'morning',
    price_cents: 0,
    funding: ['azav'],
  }),
  row({ run_id: 4, offer_id: 12, ends: dayNumber('2026-01-01'), starts: dayNumber('2025-12-01') }),
  row({ run_id: 5, offer_id: 13, latitude: 51.25, longitude: 9.4, district: 'Baunatal', weekend: true }),
];
const index = RunIndex.fromRows(rows, 1);
const base = indexQuery({ sort: 'start' });
const facet = (r: ReturnType<RunIndex['search']>, f: string) =>
  Object.fromEntries(r.facets.filter((x) => x.facet === f).map((x) => [x.value, x.count]));

describe('RunIndex', () => {
  it('hides runs that have started, unless the offer takes people in late (then until it ends)', () => {
    const today = '2026-11-24';
    const started = RunIndex.fromRows(
      [
        // Began in September: nobody can join any more.
        row({ run_id: 1, offer_id: 1, starts: dayNumber('2026-09-07'), ends: dayNumber('2027-02-01') }),
        // The same, but open: joining is possible until the end.
        row({
          run_id: 2,
          offer_id: 2,
          starts: dayNumber('2026-09-07'),
          ends: dayNumber('2027-02-01'),
          late_entry: true,
        }),
        // Late entry, but over.
        row({
          run_id: 3,
          offer_id: 3,
          starts: dayNumber('2026-09-07'),
          ends: dayNumber('2026-11-23'),
          late_entry: true,
        }),
        // Starts today, and next week.
        row({ run_id: 4, offer_id: 4, starts: dayNumber(today), ends: dayNumber('2026-12-20') }),
        row({ run_id: 5, offer_id: 5, starts: dayNumber('2026-12-01'), ends: null }),
        // No date at all: never "started".
        row({ run_id: 6, offer_id: 6, starts: null, ends: null }),
        // Started yesterday without an end date.
        row({ run_id: 7, offer_id: 7, starts: dayNumber('2026-11-23'), ends: null, late_entry: true }),
      ],
      1,
    );
    const shown = (q: Partial<IndexQuery>) =>
      started
        .search(indexQuery({ today, sort: 'start', ...q }))
        .hits.map((h) => h.offerId)
        .sort((a, b) => a - b);
    expect(shown({})).toEqual([2, 4, 5, 6]);
    expect(shown({ sort: 'relevance' })).toEqual([2, 4, 5, 6]);
    // "Also show started and past runs" shows them all.
    expect(shown({ includePast: true })).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('counts offers, not runs, and hides past runs', () => {
    const r = index.search(base);
    expect(r.total).toBe(3);
    expect(facet(r, 'format')).toEqual({ in_person: 3, online: 1 });
  });

  it('keeps sibling counts of the selected facet value (disjunctive) and narrows the others', () => {
    const r = index.search({ ...base, format: ['online'] });
    expect(r.total).toBe(1);
    expect(facet(r, 'format')).toEqual({ in_person: 3, online: 1 });
    expect(facet(r, 'category')).toEqual({ sprachen: 1 });
  });

  it('maps AZAV to the Bildungsgutschein filter and counts free offers', () => {
    const r = index.search({ ...base, funding: ['bildungsgutschein'] });
    expect(r.hits.map((h) => h.offerId)).toEqual([11]);
    expect(facet(index.search(base), 'price')).toEqual({ free: 1 });
  });

  it('filters by radius and sorts by distance, showing the nearest run', () => {
    const r = index.search({
      ...base,
      location: { latitude: 51.3166, longitude: 9.4912 },
      radiusKm: 2,
      sort: 'distance',
    });
    expect(r.hits.map((h) => h.offerId).sort()).toEqual([10, 11]);
    const distances = r.hits.map((h) => h.distanceKm!);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(r.hits.find((h) => h.offerId === 10)?.runId).toBe(2);
    const wide = index.search({
      ...base,
      location: { latitude: 51.3166, longitude: 9.4912 },
      radiusKm: 20,
      sort: 'distance',
    });
    expect(wide.hits.at(-1)?.offerId).toBe(13);
    expect(wide.hits.at(-1)?.distanceKm).toBeGreaterThan(5);
  });

  it('ranks text matches and restricts to them', () => {
    const r = index.search({
      ...base,
      matches: { ids: Int32Array.from([11, 13]), ranks: Float64Array.from([0.9, 0.1]) },
      sort: 'relevance',
    });
    expect(r.hits.map((h) => h.offerId)).toEqual([11, 13]);
  });

  it('shows the cheapest matching run when sorting by price, and hides open-ended runs that started', () => {
    const priced = RunIndex.fromRows(
      [
        row({ run_id: 1, offer_id: 1, price_cents: 9000 }),
        row({ run_id: 2, offer_id: 1, price_cents: 3000, starts: dayNumber('2027-01-10') }),
        row({ run_id: 3, offer_id: 2, price_cents: 5000 }),
        row({ run_id: 4, offer_id: 3, ends: null, starts: dayNumber('2026-10-01') }),
        row({ run_id: 5, offer_id: 4, category: 'astrologie' }),
      ],
      1,
    );
    const r = priced.search({ ...base, sort: 'price' });
    expect(r.hits.map((h) => [h.offerId, h.runId])).toEqual([
      [1, 2],
      [2, 3],
      [4, 5],
    ]);
    // An unknown category is not counted as the first one.
    expect(facet(r, 'category')).toEqual({ sprachen: 2 });
  });

  it('treats weekend as a time value', () => {
    expect(index.search({ ...base, time: ['weekend'] }).hits.map((h) => h.offerId)).toEqual([13]);
  });
});

describe('RunIndex edge cases', () => {
  const east = (km: number) => 9.4912 + ((km / (6371 * Math.cos((51.3166 * Math.PI) / 180))) * 180) / Math.PI;

  it('draws the radius as an exact circle, also due east and west', () => {
    const edge = RunIndex.fromRows(
      [
        row({ run_id: 1, offer_id: 1, longitude: east(9.99) }),
        row({ run_id: 2, offer_id: 2, longitude: east(-9.99) }),
        row({ run_id: 3, offer_id: 3, longitude: east(10.02) }),
      ],
      1,
    );
    const r = edge.search({ ...base, location: { latitude: 51.3166, longitude: 9.4912 }, radiusKm: 10 });
    expect(r.hits.map((h) => [h.offerId, h.distanceKm])).toEqual([
      [1, 10],
      [2, 10],
    ]);
  });

  it('counts no facet value for a time of day or level it does not know', () => {
    const odd = RunIndex.fromRows(
      [row({ run_id: 1, offer_id: 1, time_of_day: 'night', cefr_level: 'D9' })],
      1,
    );
    const r = odd.search(base);
    expect(r.total).toBe(1);
    expect(facet(r, 'time')).toEqual({});
    expect(facet(r, 'level')).toEqual({});
    expect(facet(r, 'format')).toEqual({ in_person: 1 });
    expect(facet(r, 'funding')).toEqual({});
  });

  it('searches an empty catalogue', () => {
    const empty = RunIndex.fromRows([], 1);
    expect([empty.size, empty.offers]).toEqual([0, 0]);
    expect(empty.search(base)).toEqual({ total: 0, hits: [], facets: [] });
  });
});

describe('RunIndex in parts', () => {
  const big = RunIndex.fromRows(syntheticRows(3000), 1);
  const everyThird = Int32Array.from({ length: 1000 }, (_, i) => 3 * i + 1);
  const matches = { ids: everyThird, ranks: Float64Array.from(everyThird, (id) => (id % 17) / 17) };

  it('keeps only hits that can reach the page, and the page is the same as from all hits', () => {
    for (const over of [...SPLIT_QUERIES, { matches }]) {
      const q = indexQuery({ ...over, offset: 20, limit: 20 });
      // 3,000 wanted hits: nothing is dropped on the way (more than the catalogue's offers).
      const all = big.search({ ...q, offset: 0, limit: 3000 });
      const page = big.search(q);
      expect(page.total).toBe(all.total);
      expect(page.hits).toEqual(all.hits.slice(20, 40));
    }
  });

  it('gives the same page, total and counts when the candidates are scanned in two parts', () => {
    for (const over of [
      ...SPLIT_QUERIES,
      { matches },
      { matches, sort: 'price' as const, category: ['sprachen'] },
    ]) {
      const q = indexQuery(over);
      const whole = big.search(q);
      expect(whole.total).toBeGreaterThan(0);
      const plan = big.plan(q);
      const n = big.candidates(plan);
      for (const at of [1, Math.floor(n / 3), n >> 1, n - 1]) {
        expect(big.merge(q, [big.scanPart(plan, 0, at), big.scanPart(plan, at, n)])).toEqual(whole);
      }
    }
  });
});
