import type { SearchResponse } from 'meilisearch';
import { describe, expect, it } from 'vitest';
import { planSearch } from './filters';
import {
  distanceKm,
  HIGHLIGHT_POST as E,
  emptyFacets,
  haversineKm,
  mergeFacets,
  parseHighlight,
  runsByOffer,
  HIGHLIGHT_PRE as S,
  toHit,
  toSearchResult,
} from './results';
import { engineQuery } from './test-helpers';

type Response = SearchResponse<Record<string, unknown>>;
const berlin = { label: 'Berlin', latitude: 52.52, longitude: 13.405 };

function response(partial: Partial<Response>): Response {
  return { hits: [], processingTimeMs: 1, query: '', ...partial };
}

const offerHit = {
  id: 101,
  offer_id: 7,
  title: 'Deutsch A2 am Abend',
  summary: 'Grammatik <b>und</b> Gespräche',
  category: 'deutsch_integration',
  language: 'de',
  cefr_level: 'A2',
  funding_raw: ['azav'],
  provider_id: 3,
  provider_slug: 'vhs-mitte',
  provider_name: 'VHS Mitte',
  starts_on_date: '2026-03-09',
  ends_on_date: '2026-06-29',
  format: 'in_person',
  time_of_day: 'evening',
  weekend: false,
  price_cents: 12000,
  venue_name: 'Haus am Platz',
  venue_city: 'Berlin',
  district: 'Mitte',
  accessible: true,
  _geo: { lat: 52.53, lng: 13.41 },
  _formatted: {
    title: `${S}Deutsch${E} A2 am Abend`,
    summary: 'Grammatik <b>und</b> Gespräche',
  },
};

describe('parseHighlight', () => {
  it('splits marked text into matched and plain segments', () => {
    expect(
      parseHighlight(`${S}Deutsch${E} A2 für ${S}Deutsch${E}lernende`, 'Deutsch A2 für Deutschlernende'),
    ).toEqual([
      { text: 'Deutsch', match: true },
      { text: ' A2 für ', match: false },
      { text: 'Deutsch', match: true },
      { text: 'lernende', match: false },
    ]);
  });

  it('merges adjacent matches and drops empty segments', () => {
    expect(parseHighlight(`${S}Deutsch${E}${S}kurs${E}${S}${E}`, 'Deutschkurs')).toEqual([
      { text: 'Deutschkurs', match: true },
    ]);
  });

  it('keeps HTML in the text as text: the markers are not tags', () => {
    expect(parseHighlight(`<em>${S}Yoga${E}</em>`, '<em>Yoga</em>')).toEqual([
      { text: '<em>', match: false },
      { text: 'Yoga', match: true },
      { text: '</em>', match: false },
    ]);
  });

  it('returns the plain text when nothing matched or _formatted is missing', () => {
    expect(parseHighlight('Deutsch A2', 'Deutsch A2')).toEqual([{ text: 'Deutsch A2', match: false }]);
    expect(parseHighlight(undefined, 'Deutsch A2')).toEqual([{ text: 'Deutsch A2', match: false }]);
    expect(parseHighlight(42, 'x')).toEqual([{ text: 'x', match: false }]);
    expect(parseHighlight('', '')).toEqual([{ text: '', match: false }]);
  });

  it('never shows text other than the document’s own', () => {
    expect(parseHighlight(`…${S}Deutsch${E}…`, 'Deutsch A2')).toEqual([{ text: 'Deutsch A2', match: false }]);
  });

  it('copes with an unclosed marker', () => {
    expect(parseHighlight(`A ${S}B`, 'A B')).toEqual([
      { text: 'A ', match: false },
      { text: 'B', match: true },
    ]);
  });
});

describe('distances', () => {
  it('computes great-circle kilometres', () => {
    // Berlin Alexanderplatz → Potsdam Hbf, about 27 km.
    expect(haversineKm({ lat: 52.5219, lng: 13.4132 }, { lat: 52.3917, lng: 13.0669 })).toBeCloseTo(27.3, 0);
    expect(haversineKm({ lat: 1, lng: 2 }, { lat: 1, lng: 2 })).toBe(0);
  });

  it('prefers _geoDistance (metres) and rounds to a tenth of a km', () => {
    expect(distanceKm({ _geoDistance: 1234 }, { location: berlin })).toBe(1.2);
    expect(distanceKm({ _geoDistance: 0 }, { location: berlin })).toBe(0);
  });

  it('falls back to _geo, and is null without a location or coordinates', () => {
    expect(distanceKm({ _geo: { lat: 52.52, lng: 13.405 } }, { location: berlin })).toBe(0);
    expect(distanceKm({ _geo: { lat: 52.53, lng: 13.41 } }, { location: berlin })).toBe(1.2);
    expect(distanceKm({ _geoDistance: 1234 }, { location: null })).toBeNull();
    expect(distanceKm({}, { location: berlin })).toBeNull();
  });
});

describe('toHit', () => {
  it('maps the offer, its highlight and its run', () => {
    expect(
      toHit({ ...offerHit, late_entry: true }, { location: null, today: '2026-04-01' }, undefined, 3),
    ).toEqual({
      id: 7,
      title: 'Deutsch A2 am Abend',
      summary: 'Grammatik <b>und</b> Gespräche',
      highlight: {
        title: [
          { text: 'Deutsch', match: true },
          { text: ' A2 am Abend', match: false },
        ],
        summary: [{ text: 'Grammatik <b>und</b> Gespräche', match: false }],
      },
      category: 'deutsch_integration',
      language: 'de',
      cefrLevel: 'A2',
      funding: ['azav'],
      provider: { id: 3, slug: 'vhs-mitte', name: 'VHS Mitte' },
      run: {
        id: 101,
        startsOn: '2026-03-09',
        endsOn: '2026-06-29',
        format: 'in_person',
        timeOfDay: 'evening',
        weekend: false,
        priceCents: 12000,
        venue: { name: 'Haus am Platz', city: 'Berlin', district: 'Mitte', accessible: true },
        distanceKm: null,
        // Began before today; the offer takes people in late.
        lateEntry: true,
        started: true,
        over: false,
      },
      matchingRuns: 3,
    });
  });

  it('shows the best run from the second round, with its distance', () => {
    const best = {
      id: 205,
      offer_id: 7,
      starts_on_date: '2026-04-01',
      format: 'online',
      weekend: true,
      _geoDistance: 800,
    };
    const hit = toHit(offerHit, { location: berlin }, best, 2);
    expect(hit.run).toEqual({
      id: 205,
      startsOn: '2026-04-01',
      endsOn: null,
      format: 'online',
      timeOfDay: null,
      weekend: true,
      priceCents: null,
      venue: null,
      distanceKm: 0.8,
      lateEntry: false,
      started: false,
      over: false,
    });
    expect(hit.matchingRuns).toBe(2);
  });

  it('keeps an unknown accessibility as null and a missing count as one run', () => {
    const { accessible: _a, ...rest } = offerHit;
    const hit = toHit(rest, { location: null }, undefined, undefined);
    expect(hit.run.venue?.accessible).toBeNull();
    expect(hit.matchingRuns).toBe(1);
    expect(hit.cefrLevel).toBe('A2');
    expect(toHit({ ...rest, cefr_level: undefined }, { location: null }, undefined, 1).cefrLevel).toBeNull();
  });
});

describe('mergeFacets', () => {
  const query = engineQuery({ category: ['sprachen'] });
  const plan = planSearch(query, 'offers');
  const responses = plan.parts.map((part) => {
    if (part.kind === 'hits') {
      return response({
        totalHits: 4,
        facetDistribution: {
          funding: { azav: 2, bildungsgutschein: 3, free: 1, bildungsurlaub: 1 },
          cefr_level: { B1: 2, A1: 2 },
          language: { de: 4 },
        },
      });
    }
    if (part.kind === 'distribution') {
      const field = part.facets[0]?.field ?? '';
      const values: Record<string, Record<string, number>> = {
        category: { sprachen: 4, gesundheit: 6 },
        format: { in_person: 3, online: 2 },
        time_of_day: { evening: 2 },
        district: { Mitte: 1, Pankow: 0 },
      };
      return response({ totalHits: 0, facetDistribution: { [field]: values[field] ?? {} } });
    }
    return response({ totalHits: part.value === 'weekend' ? 1 : part.value === 'true' ? 0 : 2 });
  });

  it('collects every facet from its own query, sorted by count then value', () => {
    expect(mergeFacets(plan.parts, responses)).toEqual({
      category: [
        { value: 'gesundheit', count: 6 },
        { value: 'sprachen', count: 4 },
      ],
      format: [
        { value: 'in_person', count: 3 },
        { value: 'online', count: 2 },
      ],
      time: [
        { value: 'evening', count: 2 },
        { value: 'weekend', count: 1 },
      ],
      // azav is already counted under bildungsgutschein; "free" is not a funding facet value.
      funding: [
        { value: 'bildungsgutschein', count: 3 },
        { value: 'bildungsurlaub', count: 1 },
      ],
      level: [
        { value: 'A1', count: 2 },
        { value: 'B1', count: 2 },
      ],
      language: [{ value: 'de', count: 4 }],
      district: [{ value: 'Mitte', count: 1 }],
      accessible: [],
      price: [{ value: 'free', count: 2 }],
    });
  });

  it('gives every facet a list, even with no responses', () => {
    expect(mergeFacets(plan.parts, [])).toEqual(emptyFacets());
  });
});

describe('runsByOffer', () => {
  it('indexes the best runs and counts by offer', () => {
    const runs = runsByOffer(
      response({
        hits: [
          { id: 1, offer_id: 7 },
          { id: 2, offer_id: 9 },
          { id: 3, offer_id: 7 },
        ],
      }),
      response({ facetDistribution: { offer_id: { '7': 3, '9': 1 } } }),
    );
    expect(runs.best.get(7)?.id).toBe(1);
    expect(runs.best.get(9)?.id).toBe(2);
    expect([...runs.counts]).toEqual([
      [7, 3],
      [9, 1],
    ]);
  });

  it('copes with a missing second round', () => {
    const runs = runsByOffer(undefined, undefined);
    expect(runs.best.size).toBe(0);
    expect(runs.counts.size).toBe(0);
  });
});

describe('toSearchResult', () => {
  it('takes the total (distinct offers) and the hits from the first response', () => {
    const query = engineQuery({ q: 'deutsch', page: 3, perPage: 5 });
    const plan = planSearch(query, 'offers');
    const result = toSearchResult(query, plan.parts, [response({ totalHits: 11, hits: [offerHit] })], {
      best: response({ hits: [{ ...offerHit, id: 102 }] }),
      counts: response({ facetDistribution: { offer_id: { '7': 4 } } }),
    });
    expect(result.total).toBe(11);
    expect(result.page).toBe(3);
    expect(result.perPage).toBe(5);
    expect(result.didYouMean).toBeNull();
    expect(result.hits.map((h) => [h.id, h.run.id, h.matchingRuns])).toEqual([[7, 102, 4]]);
    expect(Object.keys(result.facets).sort()).toEqual(Object.keys(emptyFacets()).sort());
  });

  it('answers an empty result', () => {
    const query = engineQuery();
    const result = toSearchResult(query, planSearch(query, 'offers').parts, []);
    expect(result).toEqual({
      total: 0,
      page: 1,
      perPage: 20,
      hits: [],
      facets: emptyFacets(),
      didYouMean: null,
    });
  });
});
