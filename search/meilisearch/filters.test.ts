import { describe, expect, it } from 'vitest';
import { FACETS } from '../../app/modules/catalogue/schemas';
import { toEpochDay } from './documents';
import {
  baseClauses,
  buildFilter,
  buildRunSort,
  buildSort,
  compoundLookups,
  groupClauses,
  planRunQueries,
  planSearch,
  queryText,
  quote,
} from './filters';
import { HIGHLIGHT_POST, HIGHLIGHT_PRE } from './results';
import { engineQuery } from './test-helpers';

const berlin = { label: 'Berlin', latitude: 52.52, longitude: 13.405 };

/** Undoes quote() the way Meilisearch's filter parser reads a double-quoted value. */
function unquote(s: string): string {
  expect(s.startsWith('"') && s.endsWith('"')).toBe(true);
  return s.slice(1, -1).replace(/\\(.)/g, '$1');
}

describe('quote', () => {
  it('wraps a value in double quotes', () => {
    expect(quote('Mitte')).toBe('"Mitte"');
  });

  it('escapes double quotes and backslashes', () => {
    expect(quote('a"b')).toBe('"a\\"b"');
    expect(quote('a\\b')).toBe('"a\\\\b"');
    expect(quote('\\"')).toBe('"\\\\\\""');
  });

  it('cannot be broken out of', () => {
    for (const value of ['" OR 1 = 1 OR "', '\\', '\\"', 'x\\" OR district EXISTS', "O'Brien", 'a]b', '']) {
      const quoted = quote(value);
      // Every quote inside is escaped: the only unescaped quotes are the outer two.
      const inner = quoted.slice(1, -1).replace(/\\./g, '');
      expect(inner).not.toContain('"');
      expect(unquote(quoted)).toBe(value);
    }
  });
});

describe('groupClauses', () => {
  it('selects nothing without filters', () => {
    expect(groupClauses(engineQuery())).toEqual({});
  });

  it('ORs within a facet and names the document fields', () => {
    const clauses = groupClauses(
      engineQuery({
        category: ['sprachen', 'gesundheit'],
        format: ['online'],
        funding: ['bildungsgutschein'],
        level: ['A1', 'B2'],
        language: ['en'],
        district: ['Mitte', 'Friedrichshain-Kreuzberg'],
        accessible: true,
        free: true,
      }),
    );
    expect(clauses).toEqual({
      category: 'category IN ["sprachen", "gesundheit"]',
      format: 'format IN ["online"]',
      funding: 'funding IN ["bildungsgutschein"]',
      level: 'cefr_level IN ["A1", "B2"]',
      language: 'language IN ["en"]',
      district: 'district IN ["Mitte", "Friedrichshain-Kreuzberg"]',
      accessible: 'accessible = true',
      price: 'free = true',
    });
  });

  it('reads weekend from the weekend flag and the rest from time_of_day', () => {
    expect(groupClauses(engineQuery({ time: ['morning'] })).time).toBe('time_of_day IN ["morning"]');
    expect(groupClauses(engineQuery({ time: ['weekend'] })).time).toBe('weekend = true');
    expect(groupClauses(engineQuery({ time: ['evening', 'weekend'] })).time).toBe(
      '(time_of_day IN ["evening"] OR weekend = true)',
    );
  });

  it('escapes district names', () => {
    expect(groupClauses(engineQuery({ district: ['A "B" \\ C'] })).district).toBe(
      'district IN ["A \\"B\\" \\\\ C"]',
    );
  });
});

describe('baseClauses', () => {
  it('leaves out runs that have started (unless joining later is possible) unless past is asked for', () => {
    const today = toEpochDay('2026-03-02');
    expect(baseClauses(engineQuery())).toEqual([
      `(starts_on >= ${today} OR starts_on NOT EXISTS OR (late_entry = true AND ends_on >= ${today}))`,
    ]);
    expect(baseClauses(engineQuery({ past: true }))).toEqual([]);
  });

  it('limits the start date to the range', () => {
    const clauses = baseClauses(engineQuery({ past: true, from: '2026-04-01', to: '2026-04-30' }));
    expect(clauses).toEqual([
      `starts_on >= ${toEpochDay('2026-04-01')}`,
      `starts_on <= ${toEpochDay('2026-04-30')}`,
    ]);
  });

  it('turns the euro ceiling into cents', () => {
    expect(baseClauses(engineQuery({ past: true, maxPrice: 50 }))).toEqual(['price_cents <= 5000']);
    expect(baseClauses(engineQuery({ past: true, maxPrice: 0 }))).toEqual(['price_cents <= 0']);
  });

  it('searches a radius in metres around the location', () => {
    expect(baseClauses(engineQuery({ past: true, location: berlin, radius: 25 }))).toEqual([
      '_geoRadius(52.52, 13.405, 25000)',
    ]);
  });

  it('refuses non-finite coordinates rather than building a broken filter', () => {
    expect(() =>
      baseClauses(engineQuery({ location: { label: 'x', latitude: Number.NaN, longitude: 1 } })),
    ).toThrow();
  });
});

describe('buildFilter', () => {
  const query = engineQuery({
    category: ['sprachen'],
    format: ['online', 'hybrid'],
    time: ['weekend'],
    accessible: true,
    free: true,
    maxPrice: 100,
  });

  it('ANDs the base clauses and every selected facet', () => {
    expect(buildFilter(query)).toEqual([
      `(starts_on >= ${toEpochDay('2026-03-02')} OR starts_on NOT EXISTS OR (late_entry = true AND ends_on >= ${toEpochDay('2026-03-02')}))`,
      'price_cents <= 10000',
      'category IN ["sprachen"]',
      'format IN ["online", "hybrid"]',
      'weekend = true',
      'accessible = true',
      'free = true',
    ]);
  });

  it('leaves out exactly one facet for its disjunctive counts', () => {
    const full = buildFilter(query);
    for (const facet of FACETS) {
      const without = buildFilter(query, facet);
      const own = groupClauses(query)[facet];
      expect(without).toEqual(full.filter((c) => c !== own));
    }
    expect(buildFilter(query, 'format')).not.toContain('format IN ["online", "hybrid"]');
    expect(buildFilter(query, 'format')).toContain('category IN ["sprachen"]');
  });

  it('never leaves out the base clauses', () => {
    for (const facet of FACETS) expect(buildFilter(query, facet)).toContain('price_cents <= 10000');
  });
});

describe('sorting', () => {
  it('passes no sort for relevance: the ranking rules decide', () => {
    expect(buildSort(engineQuery())).toEqual([]);
    expect(buildSort(engineQuery({ location: berlin }))).toEqual([]);
  });

  it('sorts by start, price or distance', () => {
    expect(buildSort(engineQuery({ sort: 'start' }))).toEqual(['starts_on:asc']);
    expect(buildSort(engineQuery({ sort: 'price' }))).toEqual(['price_cents:asc']);
    expect(buildSort(engineQuery({ sort: 'distance', location: berlin }))).toEqual([
      '_geoPoint(52.52, 13.405):asc',
    ]);
  });

  it('falls back to the start date for distance without a location', () => {
    expect(buildSort(engineQuery({ sort: 'distance' }))).toEqual(['starts_on:asc']);
  });

  it('shows the nearest run in a radius search, else the next to start', () => {
    expect(buildRunSort(engineQuery())).toEqual(['starts_on:asc', 'id:asc']);
    expect(buildRunSort(engineQuery({ location: berlin }))).toEqual([
      '_geoPoint(52.52, 13.405):asc',
      'starts_on:asc',
      'id:asc',
    ]);
    expect(buildRunSort(engineQuery({ location: berlin, sort: 'distance' }))).toEqual([
      '_geoPoint(52.52, 13.405):asc',
      'starts_on:asc',
      'id:asc',
    ]);
  });

  it('shows the run that placed the offer when sorted by price or start', () => {
    expect(buildRunSort(engineQuery({ sort: 'price' }))).toEqual([
      'price_cents:asc',
      'starts_on:asc',
      'id:asc',
    ]);
    expect(buildRunSort(engineQuery({ location: berlin, sort: 'price' }))).toEqual([
      'price_cents:asc',
      '_geoPoint(52.52, 13.405):asc',
      'starts_on:asc',
      'id:asc',
    ]);
    expect(buildRunSort(engineQuery({ location: berlin, sort: 'start' }))).toEqual([
      'starts_on:asc',
      '_geoPoint(52.52, 13.405):asc',
      'id:asc',
    ]);
  });
});

describe('queryText', () => {
  const lexicon = new Set([
    'yoga',
    'kuechen',
    'naeh',
    'integrationskurs',
    'integration',
    'sprache',
    'sprachen',
  ]);

  it('keeps ordinary words as typed (Meilisearch folds umlauts itself)', () => {
    expect(queryText('Gespräche Küche')).toBe('Gespräche Küche');
  });

  it('drops a generic head standing alone', () => {
    expect(queryText('Yoga Kurs')).toBe('Yoga');
    expect(queryText('kurse')).toBe('');
    expect(queryText('Lehrgänge Pflege')).toBe('Pflege');
  });

  it('splits a generic head off an unknown compound whose stem the catalogue knows, keeping the typed stem', () => {
    expect(queryText('Yogakurs', lexicon)).toBe('Yoga');
    expect(queryText('Küchenseminar', lexicon)).toBe('Küchen');
    expect(queryText('Nähkurse', lexicon)).toBe('Näh');
    // Only the stem itself (or with a linking s) counts, and "sprach" is not in this lexicon.
    expect(queryText('Sprachkurs', lexicon)).toBe('Sprachkurs');
  });

  it('keeps a compound the catalogue knows, a mistyped one, and any without a lexicon', () => {
    expect(queryText('Integrationskurs', lexicon)).toBe('Integrationskurs');
    expect(queryText('Integratinskurs', lexicon)).toBe('Integratinskurs');
    expect(queryText('Yogakurs')).toBe('Yogakurs');
    expect(queryText('Yogakurs', new Set())).toBe('Yogakurs');
  });

  it('keeps compounds that are synonyms in the vocabulary', () => {
    expect(queryText('Deutschkurs', lexicon)).toBe('Deutschkurs');
    expect(queryText('bewerbungstraining', new Set(['bewerbung']))).toBe('bewerbungstraining');
  });

  it('removes Meilisearch operators the portal does not offer', () => {
    expect(queryText('"deutsch a2" -abend')).toBe('deutsch a2 abend');
    expect(queryText('„Excel“, Word!')).toBe('Excel Word');
  });

  it('keeps short codes and levels', () => {
    expect(queryText('DaZ B1')).toBe('DaZ B1');
  });
});

describe('compoundLookups', () => {
  it('asks the lexicon about compounds with a generic head and their stems only', () => {
    expect(compoundLookups('Yogakurs am Abend')).toEqual(['yogakurs', 'yoga', 'yogas']);
    expect(compoundLookups('Integrationskurs Deutschkurs Yoga kurs')).toEqual([]);
    expect(compoundLookups('Nähkurse Küchenseminar')).toEqual([
      'naehkurse',
      'naeh',
      'naehs',
      'kuechenseminar',
      'kuechen',
      'kuechens',
    ]);
  });
});

describe('planSearch', () => {
  it('asks for hits with highlights, offer-level facets and every run-level count', () => {
    const plan = planSearch(engineQuery({ q: 'Deutsch', page: 2, perPage: 10 }), 'offers');
    expect(plan.queries).toHaveLength(plan.parts.length);
    const [hits] = plan.queries;
    expect(hits).toMatchObject({
      indexUid: 'offers',
      q: 'Deutsch',
      matchingStrategy: 'all',
      page: 2,
      hitsPerPage: 10,
      attributesToHighlight: ['title', 'summary'],
      highlightPreTag: HIGHLIGHT_PRE,
      highlightPostTag: HIGHLIGHT_POST,
      facets: ['category', 'funding', 'cefr_level', 'language'],
    });
    expect(hits).not.toHaveProperty('sort');
    expect(hits).not.toHaveProperty('distinct');
    expect(plan.parts[0]).toEqual({
      kind: 'hits',
      facets: [
        { facet: 'category', field: 'category' },
        { facet: 'funding', field: 'funding' },
        { facet: 'level', field: 'cefr_level' },
        { facet: 'language', field: 'language' },
      ],
    });
    // format, time of day, district by composite distinct key; weekend, accessible, free by count.
    expect(plan.queries.slice(1).map((q) => [q.distinct ?? null, q.facets ?? null])).toEqual([
      ['offer_format', ['format']],
      ['offer_time_of_day', ['time_of_day']],
      ['offer_district', ['district']],
      [null, null],
      [null, null],
      [null, null],
    ]);
    expect(plan.parts.slice(4)).toEqual([
      { kind: 'count', facet: 'time', value: 'weekend' },
      { kind: 'count', facet: 'accessible', value: 'true' },
      { kind: 'count', facet: 'price', value: 'free' },
    ]);
    for (const q of plan.queries.slice(1)) {
      expect(q).toMatchObject({ q: 'Deutsch', matchingStrategy: 'all', page: 1, hitsPerPage: 0 });
    }
  });

  it('counts a selected offer-level facet in its own query, without its own filter', () => {
    const query = engineQuery({ category: ['sprachen'], level: ['B1'] });
    const plan = planSearch(query, 'offers');
    expect(plan.queries[0]?.facets).toEqual(['funding', 'language']);
    expect(plan.queries[0]?.filter).toEqual(buildFilter(query));
    const category = plan.parts.findIndex(
      (p) => p.kind === 'distribution' && p.facets[0]?.facet === 'category',
    );
    const level = plan.parts.findIndex((p) => p.kind === 'distribution' && p.facets[0]?.facet === 'level');
    expect(plan.queries[category]).toMatchObject({
      facets: ['category'],
      filter: buildFilter(query, 'category'),
    });
    expect(plan.queries[level]).toMatchObject({
      facets: ['cefr_level'],
      filter: buildFilter(query, 'level'),
    });
    expect(plan.queries[category]?.filter).toContain('cefr_level IN ["B1"]');
  });

  it('counts run-level facets without their own filter too', () => {
    const query = engineQuery({
      format: ['online'],
      time: ['morning', 'weekend'],
      accessible: true,
      free: true,
    });
    const plan = planSearch(query, 'offers');
    const byDistinct = (d: string) => plan.queries.find((q) => q.distinct === d);
    expect(byDistinct('offer_format')?.filter).toEqual(buildFilter(query, 'format'));
    expect(byDistinct('offer_time_of_day')?.filter).toEqual(buildFilter(query, 'time'));
    const counts = plan.parts.flatMap((p, i) =>
      p.kind === 'count' ? [[p.value, plan.queries[i]?.filter]] : [],
    );
    expect(counts).toEqual([
      ['weekend', [...buildFilter(query, 'time'), 'weekend = true']],
      ['true', [...buildFilter(query, 'accessible'), 'accessible = true']],
      ['free', [...buildFilter(query, 'price'), 'free = true']],
    ]);
  });

  it('sends the cleaned text and the sort', () => {
    const plan = planSearch(engineQuery({ q: 'Yogakurs', sort: 'start' }), 'offers_x', new Set(['yoga']));
    expect(plan.queries[0]).toMatchObject({ indexUid: 'offers_x', q: 'Yoga', sort: ['starts_on:asc'] });
    expect(plan.queries.every((q) => q.indexUid === 'offers_x' && q.q === 'Yoga')).toBe(true);
  });
});

describe('planRunQueries', () => {
  it('asks for the best run per offer and the matching runs per offer', () => {
    const query = engineQuery({ format: ['online'], location: berlin });
    const [best, counts] = planRunQueries(query, 'offers', [7, 9]);
    const filter = [...buildFilter(query), 'offer_id IN [7, 9]'];
    expect(best).toMatchObject({ indexUid: 'offers', filter, sort: buildRunSort(query), hitsPerPage: 2 });
    expect(best).not.toHaveProperty('distinct');
    expect(best).not.toHaveProperty('q');
    expect(counts).toMatchObject({
      indexUid: 'offers',
      filter,
      distinct: 'id',
      facets: ['offer_id'],
      hitsPerPage: 0,
    });
  });
});
