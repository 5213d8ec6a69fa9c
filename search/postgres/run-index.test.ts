import { describe, expect, it } from 'vitest';
import { dayNumber, type IndexQuery, RunIndex, type RunRow } from './run-index';
import { indexQuery, SPLIT_QUERIES, syntheticRows } from './test-helpers';

const row = (over: Partial<RunRow> & Pick<RunRow, 'run_id' | 'offer_id'>): RunRow => ({
  provider_id: 1,
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

describe('RunIndex ranking (issue 18)', () => {
  const today = '2026-11-24';

  it('sorts a joinable run under way as starting today, after the runs that really start today', () => {
    const idx = RunIndex.fromRows(
      [
        row({
          run_id: 1,
          offer_id: 1,
          starts: dayNumber('2026-09-07'),
          ends: dayNumber('2027-02-01'),
          late_entry: true,
        }),
        row({ run_id: 2, offer_id: 2, starts: dayNumber('2026-11-27') }),
        row({ run_id: 3, offer_id: 3, starts: dayNumber(today) }),
        row({ run_id: 4, offer_id: 4, starts: dayNumber('2026-11-25') }),
      ],
      1,
    );
    const order = (q: Partial<IndexQuery>) =>
      idx.search(indexQuery({ today, sort: 'start', ...q })).hits.map((h) => h.offerId);
    expect(order({})).toEqual([3, 1, 4, 2]);
    // Without text the default order is by start too.
    expect(order({ sort: 'relevance' })).toEqual([3, 1, 4, 2]);
    // "Also started and past": by the real start.
    expect(order({ includePast: true })).toEqual([1, 3, 4, 2]);
  });

  it('ranks text matches in the topic’s category, then in the reader’s language, above equal others', () => {
    const idx = RunIndex.fromRows(
      [
        row({ run_id: 1, offer_id: 1, category: 'sprachen', language: 'de' }),
        row({ run_id: 2, offer_id: 2, category: 'gesundheit', language: 'en' }),
        row({ run_id: 3, offer_id: 3, category: 'gesundheit', language: 'de' }),
      ],
      1,
    );
    const matches = { ids: Int32Array.from([1, 2, 3]), ranks: Float64Array.from([1, 1, 1]) };
    const order = (q: Partial<IndexQuery>) =>
      idx.search(indexQuery({ today, matches, ...q })).hits.map((h) => h.offerId);
    expect(order({})).toEqual([1, 2, 3]);
    expect(order({ boostCategories: ['gesundheit'] })).toEqual([2, 3, 1]);
    expect(order({ boostLanguage: 'en' })).toEqual([2, 1, 3]);
    // A much better text match stays ahead of a boosted weak one.
    const weak = { ids: Int32Array.from([1, 2, 3]), ranks: Float64Array.from([2, 0.1, 0.1]) };
    expect(order({ matches: weak, boostCategories: ['gesundheit'] })[0]).toBe(1);
  });

  it('interleaves providers on the first pages where ranks tie, and the pages stay consistent', () => {
    // Provider 1 has six offers with the best rank, provider 2 and 3 two each.
    const rows = Array.from({ length: 10 }, (_, i) =>
      row({ run_id: i + 1, offer_id: i + 1, provider_id: i < 6 ? 1 : i < 8 ? 2 : 3 }),
    );
    const idx = RunIndex.fromRows(rows, 1);
    const matches = { ids: Int32Array.from(rows, (r) => r.offer_id), ranks: new Float64Array(10).fill(1) };
    const page = (n: number, diversify = true) =>
      idx
        .search(indexQuery({ today, matches, offset: (n - 1) * 4, limit: 4, diversify }))
        .hits.map((h) => h.offerId);
    const provider = (id: number) => (id <= 6 ? 1 : id <= 8 ? 2 : 3);
    expect(page(1, false).map(provider)).toEqual([1, 1, 1, 1]);
    expect(page(1).map(provider)).toEqual([1, 2, 3, 1]);
    const all = [...page(1), ...page(2), ...page(3)];
    expect([...all].sort((a, b) => a - b)).toEqual(rows.map((r) => r.offer_id));
  });

  it('leaves the order alone where ranks differ', () => {
    const rows = [1, 2, 3].map((id) => row({ run_id: id, offer_id: id, provider_id: 1 }));
    const idx = RunIndex.fromRows([...rows, row({ run_id: 4, offer_id: 4, provider_id: 2 })], 1);
    const matches = { ids: Int32Array.from([1, 2, 3, 4]), ranks: Float64Array.from([3, 2, 1.5, 1]) };
    expect(idx.search(indexQuery({ today, matches, diversify: true })).hits.map((h) => h.offerId)).toEqual([
      1, 2, 3, 4,
    ]);
  });
});

describe('RunIndex patches (a change searchable without reloading)', () => {
  const sorted = (r: ReturnType<RunIndex['search']>) => ({
    ...r,
    facets: [...r.facets].sort((a, b) => `${a.facet}:${a.value}`.localeCompare(`${b.facet}:${b.value}`)),
  });
  const rows = syntheticRows(3000);
  const byOffer = new Map<number, RunRow[]>();
  for (const r of rows) byOffer.set(r.offer_id, [...(byOffer.get(r.offer_id) ?? []), r]);

  /** Changes: some offers moved to another category and district, some gone, some new. */
  function change(step: number): Map<number, RunRow[]> {
    const changes = new Map<number, RunRow[]>();
    for (let id = 1 + step; id <= 3000; id += 37) {
      changes.set(
        id,
        (byOffer.get(id) ?? []).map((r) => ({
          ...r,
          category: 'beratung',
          district: `Neu ${step}`,
          language: 'uk',
        })),
      );
    }
    for (let id = 5 + step; id <= 3000; id += 101) changes.set(id, []);
    for (let k = 0; k < 5; k++) {
      const id = 3000 + step * 10 + k + 1;
      changes.set(id, [{ ...rows[k]!, offer_id: id, run_id: 900_000 + id }]);
    }
    return changes;
  }

  function applied(base: Map<number, RunRow[]>, changes: Map<number, RunRow[]>): RunRow[] {
    const next = new Map(base);
    for (const [id, rs] of changes) next.set(id, rs);
    return [...next.entries()].sort((a, b) => a[0] - b[0]).flatMap(([, rs]) => rs);
  }

  it('answers after a patch exactly as an index built from the changed rows, and the old version as before', () => {
    const v1 = RunIndex.fromRows(rows, 1);
    const before = v1.search(indexQuery({ sort: 'start' }));
    const changes = change(0);
    const v2 = v1.patch(changes, 2);
    const fresh = RunIndex.fromRows(applied(byOffer, changes), 2);
    expect(v2.offers).toBe(fresh.offers);
    for (const over of [
      ...SPLIT_QUERIES,
      { category: ['beratung'] },
      { district: ['Neu 0'], language: ['uk'] },
    ]) {
      const q = indexQuery(over);
      expect(sorted(v2.search(q)), JSON.stringify(over)).toEqual(sorted(fresh.search(q)));
    }
    expect(v1.search(indexQuery({ sort: 'start' }))).toEqual(before);
  });

  it('compacts when the dead runs pile up, and still answers the same', () => {
    let current = RunIndex.fromRows(rows, 1);
    let state = byOffer;
    let written = rows.length;
    for (let step = 0; step < 30; step++) {
      const changes = change(step);
      for (const rs of changes.values()) written += rs.length;
      current = current.patch(changes, step + 2);
      state = new Map(
        applied(state, changes).reduce(
          (m, r) => m.set(r.offer_id, [...(m.get(r.offer_id) ?? []), r]),
          new Map<number, RunRow[]>(),
        ),
      );
    }
    const fresh = RunIndex.fromRows(
      [...state.entries()].sort((a, b) => a[0] - b[0]).flatMap(([, rs]) => rs),
      99,
    );
    for (const over of SPLIT_QUERIES) {
      const q = indexQuery(over);
      expect(sorted(current.search(q))).toEqual(sorted(fresh.search(q)));
    }
    // Thirty rounds of ~120 offers: the columns were compacted on the way (fewer runs than written).
    expect(written).toBeGreaterThan(rows.length + 4000);
    expect(current.size).toBeLessThan(written - 1000);
  });
});
