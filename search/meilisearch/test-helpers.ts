import type { EngineQuery } from '../types';
import type { SearchDocumentRow } from './documents';

/** A query with every filter off, as the schema's defaults produce it. */
export function engineQuery(overrides: Partial<EngineQuery> = {}): EngineQuery {
  return {
    q: '',
    category: [],
    format: [],
    time: [],
    funding: [],
    level: [],
    language: [],
    district: [],
    from: undefined,
    to: undefined,
    free: false,
    maxPrice: undefined,
    accessible: false,
    radius: 10,
    sort: 'relevance',
    past: false,
    exact: false,
    page: 1,
    perPage: 20,
    location: null,
    today: '2026-03-02',
    ...overrides,
  };
}

export function documentRow(overrides: Partial<SearchDocumentRow> = {}): SearchDocumentRow {
  return {
    run_id: 101,
    offer_id: 7,
    provider_id: 3,
    provider_name: 'VHS Mitte',
    provider_slug: 'vhs-mitte',
    title: 'Deutsch A2 am Abend',
    subtitle: null,
    summary: 'Grammatik und Gespräche für den Alltag.',
    description: 'Ein Kurs für Menschen mit Vorkenntnissen.',
    keywords: ['deutsch', 'daz'],
    target_groups: ['Zugewanderte'],
    certificate: null,
    category: 'deutsch_integration',
    language: 'de',
    cefr_level: 'A2',
    funding: ['azav'],
    starts_on: '2026-03-09',
    ends_on: '2026-06-29',
    format: 'in_person',
    time_of_day: 'evening',
    weekend: false,
    price_cents: 12000,
    accessible: true,
    district: 'Mitte',
    latitude: 52.52,
    longitude: 13.405,
    venue_name: 'Haus am Platz',
    venue_city: 'Berlin',
    late_entry: false,
    ...overrides,
  };
}
