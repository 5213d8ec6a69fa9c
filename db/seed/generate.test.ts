import { describe, expect, it } from 'vitest';
import { holidayDates } from '../../app/modules/booking/holidays';
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

describe('a consistent demo catalogue (issue 13)', () => {
  // Big enough that every template and title turns up many times.
  const data = generateDemoData({ ...options, offers: 4000 });
  const runs = data.offers.flatMap((o) => o.runs.map((r) => ({ offer: o, run: r })));
  const isWeekend = (days: number[]) => days.length > 0 && days.every((d) => d >= 6);

  it('keeps the promises of the titles: evening, morning, weekend and online runs', () => {
    const seen = { evening: 0, morning: 0, weekend: 0, online: 0 };
    for (const { offer, run } of runs) {
      if (/abend/i.test(offer.title)) {
        seen.evening++;
        expect(run.time_of_day, offer.title).toBe('evening');
        expect(isWeekend(run.weekdays), offer.title).toBe(false);
      }
      if (/vormittag|am morgen/i.test(offer.title)) {
        seen.morning++;
        expect(run.time_of_day, offer.title).toBe('morning');
        expect(run.starts_at < '12:00', offer.title).toBe(true);
      }
      if (/wochenende/i.test(offer.title)) {
        seen.weekend++;
        expect(isWeekend(run.weekdays), offer.title).toBe(true);
      }
      if (/\bonline\b/i.test(offer.title)) {
        seen.online++;
        expect(run.format, offer.title).toBe('online');
      }
      // An evening run starts in the evening, whatever the title, and no session runs into the night.
      if (run.time_of_day === 'evening') expect(run.starts_at >= '17:00').toBe(true);
      expect(run.ends_at > run.starts_at && run.ends_at <= '22:00', `${run.starts_at}–${run.ends_at}`).toBe(
        true,
      );
    }
    for (const count of Object.values(seen)) expect(count).toBeGreaterThan(10);
  });

  it('never teaches a practical trade online', () => {
    const practical =
      /schweiß|cnc|gabelstapler|flurförder|pflegehilf|betreuungskraft|industriemechan|elektroniker|lagerlogistik|berufskraftfahrer|medizinische|töpfern|holzwerkstatt|kochen|küche|erste hilfe|wassergymnastik/i;
    let checked = 0;
    for (const { offer, run } of runs) {
      if (!practical.test(offer.title)) continue;
      checked++;
      expect(run.format, offer.title).toBe('in_person');
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('holds no session on 24, 25, 26 or 31 December, 1 January or a public holiday in Hesse', () => {
    const holidays = holidayDates('2025-01-01', '2029-12-31', 'HE');
    const closed = (date: string) =>
      holidays.has(date) || ['12-24', '12-25', '12-26', '12-31', '01-01'].includes(date.slice(5));
    let sessions = 0;
    const onClosedDays: string[] = [];
    for (const { offer, run } of runs) {
      for (const day of [run.starts_on, run.ends_on, ...run.sessions.map((s) => s.starts_at.slice(0, 10))]) {
        sessions++;
        if (closed(day)) onClosedDays.push(`${offer.title} on ${day}`);
      }
    }
    expect(onClosedDays).toEqual([]);
    // The catalogue spans a turn of the year (base date 24 November): the rule is exercised.
    expect(runs.some(({ run }) => run.starts_on < '2026-12-24' && run.ends_on > '2027-01-01')).toBe(true);
    expect(sessions).toBeGreaterThan(10_000);
  });

  it('tags literacy courses with no CEFR level and integration courses with A1 to B1 by module', () => {
    for (const offer of data.offers) {
      if (/alphabetisierung|lesen und schreiben|zweitschrift/i.test(offer.title))
        expect(offer.cefr_level, offer.title).toBeNull();
      const module = offer.title.match(/^Integrationskurs – Modul (\d)/);
      if (module) {
        expect(offer.cefr_level).toBe(['A1', 'A1', 'A2', 'A2', 'B1', 'B1'][Number(module[1]) - 1]);
        for (const run of offer.runs) expect(run.teaching_units).toBe(100);
      }
    }
  });

  it('keeps funding and price consistent: free only when nothing is paid, Bildungsgutschein only with AZAV', () => {
    const azavProviders = new Set(
      data.providers.filter((p) => p.certifications.some((c) => c.type === 'AZAV')).map((p) => p.key),
    );
    let other = 0;
    for (const offer of data.offers) {
      const allFree = offer.runs.every((r) => r.price_cents === 0);
      expect(offer.funding.includes('free'), offer.title).toBe(allFree);
      if (offer.funding.includes('bildungsgutschein')) expect(offer.funding).toContain('azav');
      if (offer.funding.includes('azav')) {
        expect(offer.funding).toContain('bildungsgutschein');
        expect(azavProviders.has(offer.providerKey), offer.title).toBe(true);
        expect(offer.azav_measure_number).toMatch(/^\d{3}\/\d{4}\/\d{4}$/);
      } else expect(offer.azav_measure_number).toBeNull();
      if (offer.funding.includes('other')) other++;
      if (/bildungsurlaub/i.test(offer.title)) expect(offer.funding).toContain('bildungsurlaub');
      for (const run of offer.runs) {
        if (run.price_cents === null) expect(run.price_note ?? '').not.toMatch(/anfrage/i);
      }
    }
    // "Andere Förderung" is a vague hint: rare.
    expect(other / data.offers.length).toBeLessThan(0.05);
    expect(other).toBeGreaterThan(0);
  });

  it('states entry requirements where they matter: upgrading courses, trainer courses, German courses', () => {
    const counts = { upgrade: 0, trainer: 0, german: 0 };
    for (const offer of data.offers) {
      const req = offer.entry_requirements;
      if (/meisterprüfung|meister\/in|fachwirt|bilanzbuchhalter/i.test(offer.title)) {
        counts.upgrade++;
        expect(req, offer.title).toEqual(
          expect.arrayContaining(['vocational_qualification', 'professional_experience']),
        );
      }
      if (/ausbilder/i.test(offer.title)) {
        counts.trainer++;
        expect(req, offer.title).toContain('vocational_qualification');
      }
      if (/bildungsurlaub/i.test(offer.title) || offer.category === 'kultur_gestalten')
        expect(req ?? [], offer.title).toEqual([]);
      if (offer.category === 'deutsch_integration' && offer.cefr_level) {
        counts.german++;
        const below = { A1: null, A2: 'A1', B1: 'A2', B2: 'B1', C1: 'B2', C2: 'C1' }[offer.cefr_level];
        expect(offer.entry_cefr_level, offer.title).toBe(below);
      }
      for (const r of req ?? [])
        expect(['school_certificate', 'vocational_qualification', 'professional_experience']).toContain(r);
    }
    for (const count of Object.values(counts)) expect(count).toBeGreaterThan(10);
    // Late entry where courses are open or modular, and registration facts on many offers.
    expect(data.offers.filter((o) => o.late_entry).length).toBeGreaterThan(100);
    expect(data.offers.filter((o) => o.registration_url).length).toBeGreaterThan(1000);
    expect(data.offers.filter((o) => o.entry_requirements === null).length).toBeGreaterThan(0);
  });

  it('gives runs plausible registration deadlines, teaching units and seat states', () => {
    for (const { offer, run } of runs) {
      if (run.registration_deadline) expect(run.registration_deadline < run.starts_on).toBe(true);
      expect(run.teaching_units, offer.title).toBeGreaterThan(0);
      if (run.seats_status === 'full' || run.seats_status === 'few') expect(run.seats).toBeGreaterThan(1);
    }
    const states = new Set(runs.map(({ run }) => run.seats_status));
    expect(states).toEqual(new Set(['available', 'few', 'full', 'waiting_list', null]));
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
