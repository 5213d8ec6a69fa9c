import { describe, expect, it } from 'vitest';
import {
  berlinOffset,
  generateDemoData,
  generateOffer,
  generateProviders,
  groupVenues,
  slugify,
} from './generate';

const postcodes = [
  { zipcode: '34117', place: 'Kassel', latitude: 51.3166, longitude: 9.4912 },
  { zipcode: '34127', place: 'Kassel', latitude: 51.3355, longitude: 9.4977 },
  { zipcode: '34225', place: 'Baunatal', latitude: 51.2518, longitude: 9.4075 },
  { zipcode: '34246', place: 'Vellmar', latitude: 51.3581, longitude: 9.4797 },
];
const options = { seed: 7, offers: 300, baseDate: '2026-11-24', postcodes };

const ALLOWED = {
  category: [
    'politik_gesellschaft_umwelt',
    'kultur_gestalten',
    'gesundheit',
    'sprachen',
    'deutsch_integration',
    'grundbildung_schulabschluesse',
    'arbeit_beruf_digitales',
    'berufliche_weiterbildung',
    'beratung',
  ],
  funding: ['bildungsgutschein', 'azav', 'bildungsurlaub', 'aufstiegs_bafoeg', 'free', 'other'],
  providerKind: ['vhs', 'vocational_school', 'language_school', 'trainer', 'counselling_service', 'other'],
  format: ['in_person', 'online', 'hybrid'],
  timeOfDay: ['morning', 'afternoon', 'evening'],
  cefr: ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'],
};

describe('generateDemoData', () => {
  it('is deterministic: same seed, same data; another seed, other data', () => {
    expect(JSON.stringify(generateDemoData(options))).toBe(JSON.stringify(generateDemoData(options)));
    const other = generateDemoData({ ...options, seed: 8 });
    expect(other.offers.map((o) => o.title)).not.toEqual(
      generateDemoData(options).offers.map((o) => o.title),
    );
  });

  it('gives the same offer whether generated alone or in a big run (chunking is safe)', () => {
    const data = generateDemoData(options);
    const { providers, venues } = generateProviders(options.seed, postcodes);
    const alone = generateOffer(options.seed, 123, options.baseDate, providers, groupVenues(venues));
    expect(alone).toEqual(data.offers[123]);
  });

  it('honours the offer count and gives every offer 1–4 runs at venues of its own provider', () => {
    const data = generateDemoData(options);
    expect(data.offers).toHaveLength(300);
    const venueOwner = new Map(data.venues.map((v) => [v.key, v.providerKey]));
    for (const offer of data.offers) {
      expect(offer.runs.length).toBeGreaterThanOrEqual(1);
      expect(offer.runs.length).toBeLessThanOrEqual(4);
      for (const run of offer.runs) {
        if (run.format === 'online') expect(run.venueKey).toBeNull();
        if (run.venueKey !== null) expect(venueOwner.get(run.venueKey)).toBe(offer.providerKey);
        expect(run.ends_on >= run.starts_on).toBe(true);
        expect(run.weekdays).toContain(((new Date(run.starts_on).getUTCDay() + 6) % 7) + 1);
        expect(ALLOWED.format).toContain(run.format);
        expect(ALLOWED.timeOfDay).toContain(run.time_of_day);
        if (run.session_count <= 40) expect(run.sessions).toHaveLength(run.session_count);
      }
    }
  });

  it('uses only values the schema allows and reads like German course texts', () => {
    const data = generateDemoData(options);
    for (const offer of data.offers) {
      expect(ALLOWED.category).toContain(offer.category);
      for (const f of offer.funding) expect(ALLOWED.funding).toContain(f);
      if (offer.cefr_level) expect(ALLOWED.cefr).toContain(offer.cefr_level);
      expect(offer.title.length).toBeGreaterThan(3);
      expect(offer.title).not.toMatch(/\{|\}/);
      expect(offer.description.length).toBeGreaterThan(60);
      expect(offer.description.toLowerCase()).not.toContain('lorem');
    }
    const titles = data.offers.map((o) => o.title).join(' ');
    expect(titles).toMatch(/Integrationskurs/);
    expect(titles).toMatch(/Deutsch/);
  });

  it('has about 40 providers of every kind, with valid unique slugs', () => {
    const data = generateDemoData(options);
    expect(data.providers.length).toBeGreaterThanOrEqual(35);
    expect(data.providers.length).toBeLessThanOrEqual(45);
    expect(new Set(data.providers.map((p) => p.kind))).toEqual(new Set(ALLOWED.providerKind));
    const slugs = data.providers.map((p) => p.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const s of slugs) expect(s).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('sets up counselling: topics in every language, offices, counsellors', () => {
    const { counselling } = generateDemoData(options);
    expect(counselling.topics).toHaveLength(6);
    for (const t of counselling.topics) {
      expect(Object.keys(t.name).sort()).toEqual(['ar', 'de', 'en', 'ls', 'ru', 'tr', 'uk']);
    }
    expect(counselling.offices).toHaveLength(3);
    expect(counselling.counsellors).toHaveLength(12);
    for (const c of counselling.counsellors) expect(c.languages).toContain('de');
  });
});

describe('berlinOffset', () => {
  it('follows the daylight-saving rule of the EU (last Sundays of March and October)', () => {
    expect(berlinOffset('2026-03-28')).toBe('+01:00');
    expect(berlinOffset('2026-03-29')).toBe('+02:00');
    expect(berlinOffset('2026-10-24')).toBe('+02:00');
    expect(berlinOffset('2026-10-25')).toBe('+01:00');
    expect(berlinOffset('2026-12-24')).toBe('+01:00');
  });
});

describe('slugify', () => {
  it('transliterates German letters', () => {
    expect(slugify('Kaufmännisches Bildungszentrum Wehlheiden')).toBe(
      'kaufmaennisches-bildungszentrum-wehlheiden',
    );
    expect(slugify('Musikschule Wesertor e. V.')).toBe('musikschule-wesertor-e-v');
  });
});
