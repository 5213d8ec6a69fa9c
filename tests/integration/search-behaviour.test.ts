import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchQuerySchema } from '../../app/modules/catalogue/schemas';
import { getSql } from '../../db/client.server';
import { seedDemoData } from '../../db/seed/seed';
import { PostgresSearchEngine } from '../../search/postgres/engine.server';
import type { EngineQuery, SearchEngine } from '../../search/types';
import { createTestDatabase, type TestDatabase } from '../setup/database';

/**
 * One behaviour suite for every available engine: PostgreSQL always, Meilisearch when
 * MEILISEARCH_URL points at a running server (its index is rebuilt from this database).
 */
const TODAY = '2026-11-24';
let db: TestDatabase;

const engines: { name: string; make: () => Promise<SearchEngine> }[] = [
  { name: 'postgres', make: async () => new PostgresSearchEngine(getSql) },
];
if (process.env.MEILISEARCH_URL) {
  engines.push({
    name: 'meilisearch',
    make: async () => {
      const { getSearchEngine } = await import('../../search/engine.server');
      const engine = await getSearchEngine();
      if (engine.name !== 'meilisearch')
        throw new Error('MEILISEARCH_URL is set but the server is not reachable');
      await engine.rebuild();
      return engine;
    },
  });
}

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.sql, { seed: 5, offers: 1500, baseDate: TODAY });
});
afterAll(async () => {
  await db.drop();
});

function query(
  params: Record<string, string | string[]> = {},
  location: EngineQuery['location'] = null,
): EngineQuery {
  const parsed = searchQuerySchema.parse(params);
  const { near: _near, ...rest } = parsed;
  return { ...rest, location, today: TODAY };
}

const KASSEL_MITTE = { label: '34117 Kassel', latitude: 51.3166, longitude: 9.4912 };

describe.each(engines)('search behaviour: $name', ({ make }) => {
  let engine: SearchEngine;
  beforeAll(async () => {
    engine = await make();
  });

  it.each(['deutschkurs', 'Deutsch Kurs', 'DaZ'])('"%s" puts German courses at the top', async (q) => {
    const result = await engine.search(query({ q }));
    expect(result.total).toBeGreaterThan(10);
    for (const hit of result.hits.slice(0, 10)) expect(hit.category).toBe('deutsch_integration');
  });

  it('corrects the typo "Integratinskurs" and finds integration courses first', async () => {
    const result = await engine.search(query({ q: 'Integratinskurs' }));
    expect(result.total).toBeGreaterThan(0);
    for (const hit of result.hits.slice(0, 5)) expect(hit.title).toMatch(/Integrationskurs/);
    if (engine.name === 'postgres') {
      expect(result.didYouMean).toBe('integrationskurs');
      // "Search only for what I typed": no correction, so no hits for the misspelt word.
      const exact = await engine.search(query({ q: 'Integratinskurs', exact: '1' }));
      expect(exact.didYouMean).toBeNull();
      expect(exact.total).toBe(0);
    }
  });

  it('understands synonyms (EDV → computer courses) and folds umlauts (Rueckenfit)', async () => {
    const edv = await engine.search(query({ q: 'EDV' }));
    expect(edv.total).toBeGreaterThan(0);
    expect(edv.hits[0]!.category).toBe('arbeit_beruf_digitales');
    const ruecken = await engine.search(query({ q: 'Rueckenfit' }));
    expect(ruecken.hits[0]?.title).toMatch(/Rückenfit/);
  });

  it('marks the matched words', async () => {
    const result = await engine.search(query({ q: 'Excel' }));
    expect(result.hits[0]!.highlight.title.some((p) => p.match && /Excel/.test(p.text))).toBe(true);
  });

  it.each<Record<string, string>>([
    { q: 'deutsch' },
    { format: 'in_person', time: 'evening' },
    { q: 'kurs', free: '1' },
  ])('gives facet counts that equal the hits when that value is selected (%o)', async (selection) => {
    const base = await engine.search(query(selection));
    const facets = [
      'category',
      'format',
      'time',
      'level',
      'funding',
      'language',
      'district',
      'accessible',
    ] as const;
    let checked = 0;
    for (const facet of facets) {
      for (const { value, count } of base.facets[facet].slice(0, 3)) {
        const params: Record<string, string | string[]> = { ...selection };
        const existing = params[facet];
        // Selecting one more value of a facet that already has a selection widens it (OR).
        if (existing) continue;
        params[facet] = value;
        const narrowed = await engine.search(query(params));
        expect(narrowed.total, `${facet}=${value}`).toBe(count);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(8);
  });

  it('keeps the sibling counts of a selected facet value (disjunctive facets)', async () => {
    const all = await engine.search(query({}));
    const online = await engine.search(query({ format: 'online' }));
    // The format counts stay those of the unfiltered search; the other facets narrow.
    expect(online.facets.format).toEqual(all.facets.format);
    expect(online.total).toBe(all.facets.format.find((f) => f.value === 'online')?.count);
    expect(online.hits.every((h) => h.run.format === 'online')).toBe(true);
    const sum = (r: typeof all) => r.facets.category.reduce((n, f) => n + f.count, 0);
    expect(sum(online)).toBeLessThan(sum(all));
  });

  it('returns only runs within the radius, nearest first when sorted by distance', async () => {
    const result = await engine.search(query({ radius: '2', sort: 'distance', perPage: '50' }, KASSEL_MITTE));
    expect(result.total).toBeGreaterThan(0);
    const distances = result.hits.map((h) => h.run.distanceKm!);
    for (const d of distances) expect(d).toBeLessThanOrEqual(2);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
  });

  it('hides past runs unless asked', async () => {
    const current = await engine.search(query({ perPage: '100' }));
    for (const hit of current.hits) expect((hit.run.endsOn ?? hit.run.startsOn ?? TODAY) >= TODAY).toBe(true);
    const withPast = await engine.search(query({ past: '1' }));
    expect(withPast.total).toBeGreaterThan(current.total);
  });

  it('hides runs that have started unless joining is still possible, and marks those (issue 13 #12)', async () => {
    for (const sort of ['start', 'relevance']) {
      const current = await engine.search(query({ sort, perPage: '100' }));
      const started = current.hits.filter((h) => (h.run.startsOn ?? TODAY) < TODAY);
      // Open and modular courses under way stay findable, marked; nothing else that has begun.
      expect(started.length, sort).toBeGreaterThan(0);
      for (const hit of started) {
        expect(hit.run.started, hit.title).toBe(true);
        expect(hit.run.lateEntry, hit.title).toBe(true);
        expect((hit.run.endsOn ?? '') >= TODAY, hit.title).toBe(true);
      }
      for (const hit of current.hits.filter((h) => !started.includes(h))) expect(hit.run.started).toBe(false);
    }
    // "Also show started and past runs": the first by start date began long ago, joinable or not.
    const all = await engine.search(query({ sort: 'start', past: '1', perPage: '100' }));
    const closed = all.hits.filter((h) => h.run.started && !h.run.lateEntry);
    expect(closed.length).toBeGreaterThan(0);
    // Such an offer is not found without the box (a title search shows only its other runs, if any).
    const closedRunIds = new Set(closed.map((h) => h.run.id));
    for (const hit of closed.slice(0, 5)) {
      const again = await engine.search(query({ q: hit.title, exact: '1', perPage: '100' }));
      for (const h of again.hits) expect(closedRunIds.has(h.run.id), h.title).toBe(false);
    }
  });

  it('filters by price and sorts by start date', async () => {
    const free = await engine.search(query({ free: '1', perPage: '50' }));
    expect(free.total).toBeGreaterThan(0);
    for (const hit of free.hits) expect(hit.run.priceCents).toBe(0);
    const byPrice = await engine.search(query({ sort: 'price', perPage: '50' }));
    const prices = byPrice.hits.map((h) => h.run.priceCents ?? Number.MAX_SAFE_INTEGER);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    const cheap = await engine.search(query({ maxPrice: '50', sort: 'start', perPage: '50' }));
    for (const hit of cheap.hits) expect(hit.run.priceCents).toBeLessThanOrEqual(5000);
    const starts = cheap.hits.map((h) => h.run.startsOn ?? '');
    expect(starts).toEqual([...starts].sort());
  });

  it('answers a combination without hits with an empty list, not an error', async () => {
    const result = await engine.search(query({ q: 'yoga', category: 'berufliche_weiterbildung' }));
    expect(result.total).toBe(0);
    expect(result.hits).toEqual([]);
  });

  it('pages through the hits', async () => {
    const first = await engine.search(query({ q: 'deutsch', perPage: '10' }));
    const second = await engine.search(query({ q: 'deutsch', perPage: '10', page: '2' }));
    expect(second.total).toBe(first.total);
    expect(first.total).toBeGreaterThan(20);
    expect(second.hits).toHaveLength(10);
    const ids = new Set(first.hits.map((h) => h.id));
    for (const hit of second.hits) expect(ids.has(hit.id)).toBe(false);
  });
});
