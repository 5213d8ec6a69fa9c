import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyUnderstanding } from '../relax';
import { understand } from '../understand';
import type { SearchDocumentRow } from './documents';
import { toDocument } from './documents';
import { MeilisearchEngine, SearchRebuildInProgressError } from './engine.server';
import { FakeMeilisearch } from './fake-meilisearch';
import { planRunQueries, planSearch } from './filters';
import { buildSettings } from './settings';
import { documentRow, engineQuery } from './test-helpers';

const rows = vi.hoisted(() => ({ batches: [] as SearchDocumentRow[][], byOffer: [] as SearchDocumentRow[] }));
vi.mock('../../db/queries/search-documents.server', () => ({
  searchDocumentBatches: vi.fn(async function* () {
    for (const batch of rows.batches) yield batch;
  }),
  searchDocumentRows: vi.fn(async () => rows.byOffer),
}));
const lexicon = vi.hoisted(() => ({ words: new Set<string>(), fail: false, asked: [] as string[][] }));
vi.mock('../../db/queries/search.server', () => ({
  knownWords: vi.fn(async (_sql: unknown, words: string[]) => {
    lexicon.asked.push(words);
    if (lexicon.fail) throw new Error('database down');
    return new Set(words.filter((w) => lexicon.words.has(w)));
  }),
}));
vi.mock('../../app/utils/logger.server', () => {
  const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn(), debug: vi.fn() };
  return { getLogger: () => logger };
});

let meili: FakeMeilisearch;
const engine = () =>
  new MeilisearchEngine({
    host: 'http://meili.test:7700',
    apiKey: 'key',
    db: () => ({}) as never,
    batchSize: 2,
  });

beforeEach(() => {
  meili = new FakeMeilisearch();
  vi.stubGlobal('fetch', meili.fetch);
  rows.batches = [];
  rows.byOffer = [];
  lexicon.words = new Set();
  lexicon.fail = false;
  lexicon.asked = [];
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('search', () => {
  const hit = (offerId: number, runId: number) => ({
    id: runId,
    offer_id: offerId,
    title: `Kurs ${offerId}`,
    summary: '',
    category: 'sprachen',
    language: 'de',
    funding_raw: [],
    provider_id: 1,
    provider_slug: 'p',
    provider_name: 'P',
    format: 'online',
    weekend: false,
  });

  it('sends the plan, then asks for the page offers’ best runs and run counts', async () => {
    const query = engineQuery({
      q: 'englisch',
      sort: 'start',
      location: { label: 'B', latitude: 52.5, longitude: 13.4 },
    });
    const plan = planSearch(applyUnderstanding(query, understand(query.q)), 'offers', { q: 'englisch' });
    meili.multiSearchResponses.push(
      {
        results: plan.queries.map((_, i) =>
          i === 0 ? { hits: [hit(7, 70), hit(9, 90)], totalHits: 2 } : { hits: [], totalHits: 0 },
        ),
      },
      {
        results: [
          {
            hits: [
              { ...hit(9, 91), _geoDistance: 2500 },
              { ...hit(7, 71), _geoDistance: 400 },
            ],
          },
          { hits: [], facetDistribution: { offer_id: { '7': 2, '9': 1 } } },
        ],
      },
    );
    const result = await engine().search(query);
    const searches = meili.requests.filter((r) => r.path === '/multi-search');
    expect(searches).toHaveLength(2);
    expect(searches[0]?.body).toEqual({ queries: plan.queries });
    expect(searches[1]?.body).toEqual({
      queries: planRunQueries(applyUnderstanding(query, understand(query.q)), 'offers', [7, 9]),
    });
    expect(result.total).toBe(2);
    expect(result.hits.map((h) => [h.id, h.run.id, h.run.distanceKm, h.matchingRuns])).toEqual([
      [7, 71, 0.4, 2],
      [9, 91, 2.5, 1],
    ]);
  });

  it('skips the second round when nothing matched, counts each word, and says what it widened', async () => {
    const query = engineQuery({ q: 'Yoga Töpfe' });
    const none = {
      results: planSearch(query, 'offers', { q: 'yoga Töpfe' }).queries.map(() => ({
        hits: [],
        totalHits: 0,
      })),
    };
    meili.multiSearchResponses.push(
      none,
      // The words on their own: yoga 12 offers, "Töpfe" none.
      {
        results: [
          { hits: [], totalHits: 12 },
          { hits: [], totalHits: 0 },
        ],
      },
      {
        results: planSearch(query, 'offers', { q: 'yoga' }).queries.map((_, i) =>
          i === 0 ? { hits: [hit(7, 70)], totalHits: 1 } : { hits: [], totalHits: 0 },
        ),
      },
      { results: [{ hits: [hit(7, 70)] }, { hits: [], facetDistribution: { offer_id: { '7': 1 } } }] },
    );
    const result = await engine().search(query);
    const searches = meili.requests.filter((r) => r.path === '/multi-search');
    expect(searches).toHaveLength(4);
    expect((searches[1]!.body as { queries: { q: string }[] }).queries.map((q) => q.q)).toEqual([
      'yoga',
      'Töpfe',
    ]);
    expect((searches[2]!.body as { queries: { q: string }[] }).queries[0]?.q).toBe('yoga');
    expect(result.total).toBe(1);
    expect(result.relaxed).toEqual({ dropped: ['Töpfe'], any: false, categories: [] });
    expect(result.missing).toEqual([]);
  });

  it('answers nothing (not the whole catalogue) when no word is known at all', async () => {
    const query = engineQuery({ q: 'Töpfe' });
    meili.multiSearchResponses.push(
      {
        results: planSearch(query, 'offers', { q: 'Töpfe' }).queries.map(() => ({ hits: [], totalHits: 0 })),
      },
      { results: [{ hits: [], totalHits: 0 }] },
    );
    const result = await engine().search(query);
    expect(meili.requests.filter((r) => r.path === '/multi-search')).toHaveLength(2);
    expect(result.hits).toEqual([]);
    expect([result.total, result.relaxed, result.missing]).toEqual([0, null, []]);
  });

  it('splits a compound’s generic head when the catalogue knows the stem, as PostgreSQL does', async () => {
    lexicon.words = new Set(['toepfer']);
    const query = engineQuery({ q: 'Töpferkurs Integratinskurs' });
    meili.multiSearchResponses.push({
      results: planSearch(query, 'offers', { q: 'x' }).queries.map(() => ({ hits: [], totalHits: 1 })),
    });
    await engine().search(query);
    expect(lexicon.asked).toEqual([
      ['toepferkurs', 'toepfer', 'toepfers', 'integratinskurs', 'integratin', 'integratins'],
    ]);
    const body = meili.requests.find((r) => r.path === '/multi-search')?.body as { queries: { q: string }[] };
    expect(body.queries.map((q) => q.q)).toEqual(body.queries.map(() => 'Töpfer Integratinskurs'));
  });

  it('searches compounds whole when the lexicon cannot be asked', async () => {
    lexicon.fail = true;
    const query = engineQuery({ q: 'Töpferkurs' });
    meili.multiSearchResponses.push({
      results: planSearch(query, 'offers', { q: 'x' }).queries.map(() => ({ hits: [], totalHits: 1 })),
    });
    await engine().search(query);
    const body = meili.requests.find((r) => r.path === '/multi-search')?.body as { queries: { q: string }[] };
    expect(body.queries[0]?.q).toBe('Töpferkurs');
  });

  it('does not ask the lexicon when there is no compound the vocabulary doesn’t know', async () => {
    const query = engineQuery({ q: 'Yogakurs Kurs' });
    meili.multiSearchResponses.push({
      results: planSearch(query, 'offers', { q: 'yoga' }).queries.map(() => ({ hits: [], totalHits: 1 })),
    });
    await engine().search(query);
    expect(lexicon.asked).toEqual([]);
  });

  it('interleaves providers on the first page where scores tie', async () => {
    const query = engineQuery({ q: 'yoga', perPage: 3 });
    const scored = (offerId: number, provider: number, score: number) => ({
      ...hit(offerId, offerId * 10),
      provider_id: provider,
      _rankingScore: score,
    });
    meili.multiSearchResponses.push(
      {
        results: planSearch(query, 'offers', { q: 'yoga' }).queries.map((_, i) =>
          i === 0
            ? {
                hits: [
                  scored(1, 5, 0.9),
                  scored(2, 5, 0.8),
                  scored(3, 5, 0.8),
                  scored(4, 6, 0.8),
                  scored(5, 6, 0.5),
                ],
                totalHits: 5,
              }
            : { hits: [], totalHits: 0 },
        ),
      },
      { results: [{ hits: [] }, { hits: [], facetDistribution: {} }] },
    );
    const result = await engine().search(query);
    // 2 and 3 tie with 4: provider 6 goes before provider 5's second course.
    expect(result.hits.map((h) => h.id)).toEqual([1, 4, 2]);
    expect(result.total).toBe(5);
  });

  it('lifts the topic’s usual category and the reader’s language among near-equal scores', async () => {
    const query = engineQuery({ q: 'yoga', perPage: 3, uiLanguage: 'tr' });
    const scored = (offerId: number, score: number, extra: Record<string, unknown>) => ({
      ...hit(offerId, offerId * 10),
      provider_id: offerId,
      _rankingScore: score,
      ...extra,
    });
    meili.multiSearchResponses.push(
      {
        results: planSearch(query, 'offers', { q: 'yoga' }).queries.map((_, i) =>
          i === 0
            ? {
                hits: [
                  scored(1, 0.9, { category: 'kultur_gestalten' }),
                  scored(2, 0.88, { category: 'gesundheit' }),
                  scored(3, 0.88, { category: 'gesundheit', language: 'tr' }),
                  scored(4, 0.5, { category: 'gesundheit', language: 'tr' }),
                ],
                totalHits: 4,
              }
            : { hits: [], totalHits: 0 },
        ),
      },
      { results: [{ hits: [] }, { hits: [], facetDistribution: {} }] },
    );
    const result = await engine().search(query);
    // Yoga is filed under health; a course taught in Turkish goes first for a Turkish reader.
    // A far weaker match stays behind.
    expect(result.hits.map((h) => h.id)).toEqual([3, 2, 1]);
  });

  it('sends the API key', async () => {
    const spy = vi.fn(meili.fetch);
    vi.stubGlobal('fetch', spy);
    await engine().health();
    const init = spy.mock.calls[0]?.[1] as RequestInit;
    expect(new Headers(init.headers).get('Authorization')).toBe('Bearer key');
  });
});

describe('syncOffers', () => {
  it('deletes the offers’ documents, then adds their current ones, in that order', async () => {
    meili.addIndex('offers', [
      toDocument(documentRow({ run_id: 1, offer_id: 7 })),
      toDocument(documentRow({ run_id: 2, offer_id: 7 })),
      toDocument(documentRow({ run_id: 3, offer_id: 8 })),
    ]);
    rows.byOffer = [documentRow({ run_id: 4, offer_id: 7, title: 'Neu' })];
    await engine().syncOffers([7, 7, 12]);
    const calls = meili.calls();
    expect(calls.slice(-2)).toEqual([
      'POST /indexes/offers/documents/delete',
      'POST /indexes/offers/documents',
    ]);
    expect(meili.requests.find((r) => r.path.endsWith('/documents/delete'))?.body).toEqual({
      filter: 'offer_id IN [7, 12]',
    });
    expect([...meili.indexes.get('offers')!.docs.keys()].sort()).toEqual([3, 4]);
    expect(meili.indexes.get('offers')!.docs.get(4)?.title).toBe('Neu');
  });

  it('removes an offer that has no rows any more (unpublished)', async () => {
    meili.addIndex('offers', [toDocument(documentRow({ run_id: 1, offer_id: 7 }))]);
    await engine().syncOffers([7]);
    expect(meili.indexes.get('offers')!.docs.size).toBe(0);
    expect(meili.calls()).not.toContain('POST /indexes/offers/documents');
  });

  it('does nothing for no offers', async () => {
    await engine().syncOffers([]);
    expect(meili.requests).toEqual([]);
  });

  it('is deferred (and retried by the job) while a rebuild runs', async () => {
    meili.addIndex('offers');
    meili.addIndex(`offers_${Date.now() - 1000}`);
    await expect(engine().syncOffers([7])).rejects.toBeInstanceOf(SearchRebuildInProgressError);
    expect(meili.calls().some((c) => c.includes('/documents'))).toBe(false);
  });

  it('ignores a rebuild index a crash left behind more than an hour ago', async () => {
    meili.addIndex('offers');
    meili.addIndex(`offers_${Date.now() - 2 * 3_600_000}`);
    meili.addIndex('offers_archive');
    await engine().syncOffers([7]);
    expect(meili.calls()).toContain('POST /indexes/offers/documents/delete');
  });

  it('builds the whole index when the live one does not exist yet', async () => {
    rows.batches = [[documentRow({ run_id: 1 })]];
    await engine().syncOffers([7]);
    expect(meili.indexes.get('offers')?.docs.size).toBe(1);
    expect(meili.indexes.get('offers')?.settings).toEqual(buildSettings());
  });

  it('fails when Meilisearch fails a task', async () => {
    meili.addIndex('offers');
    rows.byOffer = [documentRow()];
    meili.failTaskTypes.add('documentAdditionOrUpdate');
    await expect(engine().syncOffers([7])).rejects.toThrow(/failed: boom/);
  });
});

describe('rebuild', () => {
  const three = [
    [documentRow({ run_id: 1, offer_id: 1 }), documentRow({ run_id: 2, offer_id: 1 })],
    [documentRow({ run_id: 3, offer_id: 2 })],
  ];

  it('builds a fresh index with settings and every batch, swaps it in and drops the old one', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-02T10:00:00Z'));
    const fresh = `offers_${Date.now()}`;
    meili.addIndex('offers', [toDocument(documentRow({ run_id: 99, offer_id: 99 }))]);
    rows.batches = three;
    const e = engine();
    await e.rebuild();
    expect(meili.calls()).toEqual([
      'POST /indexes',
      `PATCH /indexes/${fresh}/settings`,
      `POST /indexes/${fresh}/documents`,
      `POST /indexes/${fresh}/documents`,
      'GET /indexes/offers',
      'POST /swap-indexes',
      `DELETE /indexes/${fresh}`,
      'GET /indexes',
    ]);
    expect(meili.requests.find((r) => r.path === '/swap-indexes')?.body).toEqual([
      { indexes: ['offers', fresh] },
    ]);
    expect([...meili.indexes.keys()]).toEqual(['offers']);
    const live = meili.indexes.get('offers')!;
    expect([...live.docs.keys()].sort()).toEqual([1, 2, 3]);
    expect(live.settings).toEqual(buildSettings());
    expect(e.lastRebuildDocuments).toBe(3);
  });

  it('creates the live index first when there is none, so the swap has a partner', async () => {
    rows.batches = three;
    await engine().rebuild();
    expect(meili.calls()).toContain('POST /indexes');
    expect(meili.calls().filter((c) => c === 'POST /indexes')).toHaveLength(2);
    expect(meili.indexes.get('offers')?.docs.size).toBe(3);
    expect([...meili.indexes.keys()]).toEqual(['offers']);
  });

  it('leaves the live index alone and removes the half-built one when indexing fails', async () => {
    meili.addIndex('offers', [toDocument(documentRow({ run_id: 99, offer_id: 99 }))]);
    rows.batches = three;
    meili.failTaskTypes.add('documentAdditionOrUpdate');
    await expect(engine().rebuild()).rejects.toThrow(/failed/);
    expect(meili.calls()).not.toContain('POST /swap-indexes');
    expect([...meili.indexes.keys()]).toEqual(['offers']);
    expect([...meili.indexes.get('offers')!.docs.keys()]).toEqual([99]);
  });

  it('cleans up rebuild indexes a crash left behind', async () => {
    const stale = `offers_${Date.now() - 2 * 3_600_000}`;
    meili.addIndex('offers');
    meili.addIndex(stale);
    await engine().rebuild();
    expect(meili.indexes.has(stale)).toBe(false);
  });
});

describe('health', () => {
  it('is healthy when the server answers', async () => {
    expect(await engine().health()).toBe(true);
    expect(meili.calls()).toEqual(['GET /health']);
  });

  it('is not healthy when the server cannot be reached', async () => {
    meili.down = true;
    expect(await engine().health()).toBe(false);
  });
});

describe('before the first rebuild', () => {
  const fallback = {
    name: 'postgres' as const,
    search: vi.fn(async () => ({
      total: 42,
      page: 1,
      perPage: 20,
      hits: [],
      facets: {} as never,
      didYouMean: null,
      relaxed: null,
      missing: [],
    })),
    syncOffers: vi.fn(),
    rebuild: vi.fn(),
    health: vi.fn(),
  };

  it('hands searches to the fallback engine while the live index does not exist', async () => {
    const e = new MeilisearchEngine({ host: 'http://meili.test:7700', db: () => ({}) as never, fallback });
    meili.multiSearchResponses.push({ results: [] });
    vi.stubGlobal('fetch', async (input: string | URL | Request, init?: RequestInit) => {
      const path = new URL(String(input)).pathname;
      if (path === '/multi-search') {
        return new Response(
          JSON.stringify({
            message: 'Index `offers` not found.',
            code: 'index_not_found',
            type: 'invalid_request',
            link: '',
          }),
          { status: 400, headers: { 'Content-Type': 'application/json' } },
        );
      }
      return meili.fetch(input, init);
    });
    expect((await e.search(engineQuery())).total).toBe(42);
    expect(fallback.search).toHaveBeenCalledTimes(1);
  });

  it('falls back when the server is down, reports requests it refused, and the missing index without a fallback', async () => {
    meili.down = true;
    const withFallback = new MeilisearchEngine({
      host: 'http://meili.test:7700',
      db: () => ({}) as never,
      fallback,
    });
    const calls = fallback.search.mock.calls.length;
    expect((await withFallback.search(engineQuery())).total).toBe(42);
    expect(fallback.search).toHaveBeenCalledTimes(calls + 1);
    meili.down = false;
    vi.stubGlobal(
      'fetch',
      async () =>
        new Response(
          JSON.stringify({
            message: 'bad filter',
            code: 'invalid_search_filter',
            type: 'invalid_request',
            link: '',
          }),
          {
            status: 400,
            headers: { 'Content-Type': 'application/json' },
          },
        ),
    );
    await expect(withFallback.search(engineQuery())).rejects.toThrow(/bad filter/);
    vi.stubGlobal(
      'fetch',
      async () =>
        new Response(
          JSON.stringify({ message: 'no index', code: 'index_not_found', type: 'invalid_request', link: '' }),
          {
            status: 400,
            headers: { 'Content-Type': 'application/json' },
          },
        ),
    );
    await expect(engine().search(engineQuery())).rejects.toThrow(/no index/);
  });

  it('uses its own index name', async () => {
    const e = new MeilisearchEngine({
      host: 'http://meili.test:7700',
      db: () => ({}) as never,
      indexUid: 'offers_test',
    });
    expect(e.indexUid).toBe('offers_test');
    meili.multiSearchResponses.push({
      results: planSearch(engineQuery(), 'offers_test').queries.map(() => ({ hits: [] })),
    });
    await e.search(engineQuery());
    const body = meili.requests.find((r) => r.path === '/multi-search')?.body as {
      queries: { indexUid: string }[];
    };
    expect(body.queries.every((q) => q.indexUid === 'offers_test')).toBe(true);
  });
});
