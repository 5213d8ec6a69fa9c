import type { ExportOffer, ExportRun, ExportSession } from '../../../../db/queries/export.server';

/** Hand-made export rows for the writers' unit tests (the integration test reads real ones). */

export function session(localStart: string, localEnd: string, offsetStart: string, offsetEnd = offsetStart) {
  return {
    starts_at: `${localStart}:00${offsetStart}`,
    ends_at: `${localEnd}:00${offsetEnd}`,
    local_start: localStart,
    local_end: localEnd,
  } satisfies ExportSession;
}

export const VENUE = {
  name: 'VHS-Haus am Markt',
  street: 'Marktgasse 3',
  postcode: '34117',
  city: 'Kassel',
  district: 'Mitte',
  latitude: 51.3,
  longitude: 9.5,
  accessible: true,
  accessibility_note: null,
};

let nextId = 1;

export function run(overrides: Partial<ExportRun> = {}): ExportRun {
  return {
    id: nextId++,
    external_id: null,
    starts_on: '2025-03-27',
    ends_on: '2025-04-03',
    session_count: 3,
    weekdays: [4, 6],
    starts_at: '18:00',
    ends_at: '19:30',
    time_of_day: 'evening',
    format: 'in_person',
    price_cents: 4950,
    price_note: 'Ermäßigung möglich',
    seats: 14,
    seats_status: null,
    registration_deadline: null,
    teaching_units: null,
    status: 'scheduled',
    venue: VENUE,
    sessions: [
      // Winter time, then summer time (Europe/Berlin switched on 30 March 2025).
      session('2025-03-27T18:00', '2025-03-27T19:30', '+01:00'),
      session('2025-03-29T18:00', '2025-03-29T19:30', '+01:00'),
      session('2025-04-03T18:00', '2025-04-03T19:30', '+02:00'),
    ],
    ...overrides,
  };
}

export function offer(overrides: Partial<ExportOffer> = {}): ExportOffer {
  const id = nextId++;
  return {
    id,
    status: 'published',
    external_id: `kurs-${id}`,
    translations: {},
    title: 'Yoga am Abend',
    subtitle: null,
    summary: 'Ruhig in den Feierabend.',
    description: 'Ruhig in den Feierabend.\n\nBitte eine Matte mitbringen.',
    category: 'gesundheit',
    kind: 'course',
    keywords: ['yoga', 'entspannung'],
    target_groups: ['Erwachsene'],
    language: 'de',
    cefr_level: null,
    certificate: null,
    funding: [],
    accessibility: null,
    website: `https://vhs.example/kurse/${id}`,
    course_number: `K25-${id}`,
    entry_requirements: null,
    entry_cefr_level: null,
    entry_note: null,
    late_entry: false,
    registration_url: null,
    registration_email: null,
    registration_phone: null,
    registration_note: null,
    azav_measure_number: null,
    updated_at: '2025-03-01 10:00:00+01',
    provider: {
      id: 7,
      slug: 'vhs-kassel',
      name: 'VHS Kassel & Umland',
      kind: 'vhs',
      status: 'approved',
      street: null,
      postcode: null,
      city: null,
      website: null,
      email: null,
      phone: null,
      certifications: [],
      external_ref: 'vhs-kassel',
    },
    runs: [run()],
    ...overrides,
  };
}
