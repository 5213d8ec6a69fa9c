import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SearchDocumentRow } from './documents';
import { MeilisearchEngine } from './engine.server';
import { documentRow, engineQuery } from './test-helpers';

/**
 * Runs the engine against a real Meilisearch (v1.18+) when MEILISEARCH_URL is set, e.g.
 *   docker run --rm -p 7700:7700 -e MEILI_MASTER_KEY=dev-key getmeili/meilisearch:v1.x
 *   MEILISEARCH_URL=http://localhost:7700 MEILISEARCH_KEY=dev-key npx vitest run --project unit search/meilisearch
 * The database is replaced by fixture rows; the index gets a name of its own and is deleted after.
 */
const url = process.env.MEILISEARCH_URL;

const rows = vi.hoisted(() => ({ all: [] as SearchDocumentRow[], byOffer: [] as SearchDocumentRow[] }));
vi.mock('../../db/queries/search-documents.server', () => ({
  searchDocumentBatches: vi.fn(async function* (_sql: unknown, options: { batchSize?: number } = {}) {
    const size = options.batchSize ?? 5000;
    for (let i = 0; i < rows.all.length; i += size) yield rows.all.slice(i, i + size);
  }),
  searchDocumentRows: vi.fn(async () => rows.byOffer),
}));

const mitte = { label: 'Berlin-Mitte', latitude: 52.52, longitude: 13.405 };
const offer = (offer_id: number, fields: Partial<SearchDocumentRow>) =>
  documentRow({
    offer_id,
    provider_id: offer_id,
    funding: [],
    cefr_level: null,
    keywords: [],
    target_groups: [],
    summary: '',
    description: '',
    ...fields,
  });

const fixture: SearchDocumentRow[] = [
  // Offer 1: one run on site in the evening, one free online run in the morning.
  offer(1, {
    run_id: 11,
    title: 'Deutsch A2 am Abend',
    funding: ['azav'],
    cefr_level: 'A2',
    keywords: ['daz'],
  }),
  offer(1, {
    run_id: 12,
    title: 'Deutsch A2 am Abend',
    funding: ['azav'],
    cefr_level: 'A2',
    format: 'online',
    time_of_day: 'morning',
    starts_on: '2026-04-01',
    price_cents: 0,
    accessible: null,
    district: null,
    latitude: null,
    longitude: null,
    venue_name: null,
    venue_city: null,
  }),
  offer(2, {
    run_id: 21,
    title: 'Englisch B1 Konversation',
    category: 'sprachen',
    language: 'en',
    funding: ['bildungsurlaub'],
    starts_on: '2026-03-14',
    time_of_day: null,
    weekend: true,
    price_cents: null,
    accessible: false,
    district: 'Pankow',
    latitude: 52.569,
    longitude: 13.402,
  }),
  offer(3, {
    run_id: 31,
    title: 'Excel für Einsteiger',
    category: 'arbeit_beruf_digitales',
    format: 'online',
    time_of_day: 'afternoon',
    starts_on: '2026-05-04',
    price_cents: 5000,
    accessible: null,
    district: null,
    latitude: null,
    longitude: null,
    venue_name: null,
  }),
  offer(4, {
    run_id: 41,
    title: 'Yoga am Morgen',
    category: 'gesundheit',
    starts_on: '2025-01-06',
    ends_on: '2025-02-24',
  }),
  offer(5, {
    run_id: 51,
    title: 'Bewerbungsgespräche üben',
    category: 'arbeit_beruf_digitales',
    starts_on: '2026-03-20',
    price_cents: 0,
    district: null,
    latitude: 52.3917,
    longitude: 13.0669,
    venue_city: 'Potsdam',
  }),
];

describe.skipIf(!url)('MeilisearchEngine against a real server', () => {
  const engine = new MeilisearchEngine({
    host: url ?? 'http://localhost:7700',
    apiKey: process.env.MEILISEARCH_KEY,
    db: () => ({}) as never,
    indexUid: `wegweiser_test_${process.pid}_${Date.now()}`,
  });
  const ids = (r: { hits: { id: number }[] }) => r.hits.map((h) => h.id);
  const facet = (r: { facets: Record<string, { value: string; count: number }[]> }, name: string) =>
    Object.fromEntries((r.facets[name] ?? []).map((v) => [v.value, v.count]));

  beforeAll(async () => {
    rows.all = fixture;
    await engine.rebuild();
  }, 120_000);

  afterAll(async () => {
    const { Meilisearch } = await import('meilisearch');
    const client = new Meilisearch({ host: url ?? '', apiKey: process.env.MEILISEARCH_KEY });
    await client.deleteIndexIfExists(engine.indexUid);
  });

  it('is healthy and holds one document per run', async () => {
    expect(await engine.health()).toBe(true);
    expect(engine.lastRebuildDocuments).toBe(fixture.length);
  });

  it('returns distinct offers and leaves past runs out unless asked', async () => {
    const current = await engine.search(engineQuery());
    expect(current.total).toBe(4);
    expect(new Set(ids(current)).size).toBe(4);
    expect(ids(current)).not.toContain(4);
    expect((await engine.search(engineQuery({ past: true }))).total).toBe(5);
  });

  it('counts distinct offers per value, an offer once in each of its runs’ values', async () => {
    const result = await engine.search(engineQuery());
    expect(facet(result, 'format')).toEqual({ in_person: 3, online: 2 });
    expect(facet(result, 'time')).toEqual({ evening: 2, morning: 1, afternoon: 1, weekend: 1 });
    expect(facet(result, 'funding')).toEqual({ bildungsgutschein: 1, bildungsurlaub: 1 });
    expect(facet(result, 'price')).toEqual({ free: 2 });
    expect(facet(result, 'accessible')).toEqual({ true: 2 });
  });

  it('keeps a facet’s other values when one is selected (disjunctive)', async () => {
    const result = await engine.search(engineQuery({ format: ['online'] }));
    expect(result.total).toBe(2);
    expect(facet(result, 'format')).toEqual({ in_person: 3, online: 2 });
    expect(facet(result, 'category')).toEqual({ deutsch_integration: 1, arbeit_beruf_digitales: 1 });
  });

  it('filters runs, shows the matching one and counts matching runs', async () => {
    const free = await engine.search(engineQuery({ free: true }));
    expect(ids(free).sort()).toEqual([1, 5]);
    const deutsch = free.hits.find((h) => h.id === 1)!;
    expect(deutsch.run.id).toBe(12);
    expect(deutsch.matchingRuns).toBe(1);
    const all = await engine.search(engineQuery({ q: 'deutsch' }));
    expect(all.hits.find((h) => h.id === 1)?.matchingRuns).toBe(2);
    expect(all.hits.find((h) => h.id === 1)?.run.id).toBe(11);
  });

  it('matches funding as citizens ask for it', async () => {
    expect(ids(await engine.search(engineQuery({ funding: ['bildungsgutschein'] })))).toEqual([1]);
  });

  it('applies a price ceiling (unknown prices out) and sorts by price, unknown last', async () => {
    expect(ids(await engine.search(engineQuery({ maxPrice: 100 }))).sort()).toEqual([1, 3, 5]);
    const byPrice = await engine.search(engineQuery({ sort: 'price' }));
    expect(ids(byPrice).at(-1)).toBe(2);
    const prices = byPrice.hits.map((h) => h.run.priceCents ?? Number.POSITIVE_INFINITY);
    expect([...prices].sort((a, b) => a - b)).toEqual(prices);
  });

  it('searches a radius, sorts by distance and reports kilometres', async () => {
    const near = await engine.search(engineQuery({ location: mitte, radius: 10, sort: 'distance' }));
    expect(ids(near)).toEqual([1, 2]);
    expect(near.hits[0]?.run.distanceKm).toBe(0);
    expect(near.hits[1]?.run.distanceKm).toBeGreaterThan(4);
    expect(near.hits[1]?.run.distanceKm).toBeLessThan(7);
  });

  it('tolerates typos, knows synonyms and highlights without HTML', async () => {
    expect(ids(await engine.search(engineQuery({ q: 'deutsh' })))).toEqual([1]);
    expect(ids(await engine.search(engineQuery({ q: 'english' })))).toEqual([2]);
    const hit = (await engine.search(engineQuery({ q: 'Excel' }))).hits[0];
    expect(hit?.highlight.title[0]).toEqual({ text: 'Excel', match: true });
    expect(JSON.stringify(hit?.highlight)).not.toMatch(/<em>|\uE000|\uE001/);
  });

  it('sorts by start date', async () => {
    const byStart = await engine.search(engineQuery({ sort: 'start' }));
    const starts = byStart.hits.map((h) => h.run.startsOn ?? '9999');
    expect([...starts].sort()).toEqual(starts);
  });

  it('pages through distinct offers', async () => {
    const first = await engine.search(engineQuery({ perPage: 2 }));
    const second = await engine.search(engineQuery({ perPage: 2, page: 2 }));
    expect(first.total).toBe(4);
    expect(new Set([...ids(first), ...ids(second)]).size).toBe(4);
  });

  it('syncs a changed offer and drops an unpublished one', async () => {
    rows.byOffer = [
      offer(3, { run_id: 31, title: 'Tabellen mit Excel', category: 'arbeit_beruf_digitales' }),
    ];
    await engine.syncOffers([3]);
    expect((await engine.search(engineQuery({ q: 'Tabellen' }))).hits[0]?.id).toBe(3);
    rows.byOffer = [];
    await engine.syncOffers([3]);
    expect(ids(await engine.search(engineQuery()))).not.toContain(3);
  });
});
