/**
 * The catalogue's vocabularies, shared by the search page, the JSON API, every search engine
 * and the forms that pick from them. Apart from the query schema (schemas.ts), so a page that
 * only lists them doesn't load zod into the browser (issue 19: zod is 11 kB of the search
 * page's JavaScript).
 */
export const CATEGORIES = [
  'deutsch_integration',
  'sprachen',
  'berufliche_weiterbildung',
  'arbeit_beruf_digitales',
  'grundbildung_schulabschluesse',
  'gesundheit',
  'kultur_gestalten',
  'politik_gesellschaft_umwelt',
  'beratung',
] as const;
export const FORMATS = ['in_person', 'online', 'hybrid'] as const;
export const TIMES = ['morning', 'afternoon', 'evening', 'weekend'] as const;
/** Funding as citizens ask for it; `bildungsgutschein` also matches AZAV-approved measures. */
export const FUNDING = ['bildungsgutschein', 'bildungsurlaub', 'aufstiegs_bafoeg', 'other'] as const;
export const LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;
export const SORTS = ['relevance', 'start', 'distance', 'price'] as const;
export const FACETS = [
  'category',
  'format',
  'time',
  'funding',
  'level',
  'language',
  'district',
  'accessible',
  'price',
] as const;

export type Category = (typeof CATEGORIES)[number];
export type Facet = (typeof FACETS)[number];
