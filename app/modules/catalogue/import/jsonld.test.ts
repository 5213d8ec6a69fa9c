import { describe, expect, it } from 'vitest';
import type { ExportOffer } from '../../../../db/queries/export.server';
import { jsonLdChunks } from '../export/jsonld.server';
import { offer, run, VENUE } from '../export/test-offers';
import {
  berlinLocal,
  datesOfPattern,
  MAX_SESSIONS,
  parseCourseJsonLd,
  readClock,
  readEuroCents,
} from './jsonld';
import { OpenVhsFormatError } from './openvhs';

async function exported(offers: ExportOffer[], scheduledOnly = true): Promise<string> {
  async function* batches() {
    yield offers;
  }
  let text = '';
  for await (const chunk of jsonLdChunks(batches(), {
    baseUrl: 'https://wegweiser.example',
    scheduledOnly,
  })) {
    text += chunk;
  }
  return text;
}

function course(extra: Record<string, unknown> = {}) {
  return {
    '@context': 'https://schema.org',
    '@type': 'Course',
    identifier: 'kurs-1',
    name: 'Yoga am Abend',
    description: 'Ruhig in den Feierabend.',
    ...extra,
  };
}

const parse = (value: unknown) => parseCourseJsonLd(JSON.stringify(value));

describe('parseCourseJsonLd: our own export', () => {
  it('reads a public export back, field by field', async () => {
    const yoga = offer({
      cefr_level: null,
      funding: ['bildungsgutschein', 'azav'],
      azav_measure_number: '962/0001/2025',
      entry_requirements: ['vocational_qualification', 'professional_experience'],
      entry_cefr_level: 'B1',
      entry_note: 'Bitte bringen Sie Ihr Zeugnis mit.',
      registration_url: 'https://vhs.example/anmelden/yoga',
      registration_email: 'anmeldung@vhs.example',
      registration_phone: '0561 123456',
      registration_note: 'Auch persönlich in der Geschäftsstelle.',
      runs: [run({ seats_status: 'waiting_list', registration_deadline: '2025-03-20', teaching_units: 6 })],
    });
    const english = offer({
      title: 'Englisch A2 für die Reise',
      language: 'en',
      cefr_level: 'A2',
      category: 'sprachen',
      keywords: ['englisch'],
      course_number: null,
      runs: [run({ format: 'online', venue: null, price_cents: 0, session_count: null })],
    });
    const parsed = parseCourseJsonLd(await exported([yoga, english]));
    expect(parsed.rejected).toEqual([]);
    expect(parsed.provider).toEqual({ externalRef: 'upload', name: 'Upload' });
    expect(parsed.offers).toHaveLength(2);

    const [a, b] = parsed.offers;
    expect(a).toEqual({
      // courseCode comes before @id
      external_id: yoga.course_number,
      course_number: yoga.course_number,
      title: 'Yoga am Abend',
      subtitle: null,
      summary: 'Ruhig in den Feierabend.',
      description: yoga.description,
      category: 'gesundheit',
      keywords: ['yoga', 'entspannung'],
      target_groups: ['Erwachsene'],
      language: 'de',
      cefr_level: null,
      funding: ['bildungsgutschein', 'azav'],
      // The url of our own export is the portal's page, not the provider's website.
      website: null,
      entry_requirements: ['vocational_qualification', 'professional_experience'],
      entry_cefr_level: 'B1',
      entry_note: 'Bitte bringen Sie Ihr Zeugnis mit.',
      // No schema.org property says "joining later is possible".
      late_entry: false,
      registration_url: 'https://vhs.example/anmelden/yoga',
      registration_email: 'anmeldung@vhs.example',
      registration_phone: '0561 123456',
      registration_note: 'Auch persönlich in der Geschäftsstelle.',
      azav_measure_number: '962/0001/2025',
      run: {
        external_id: yoga.course_number,
        starts_on: '2025-03-27',
        ends_on: '2025-04-03',
        session_count: 3,
        weekdays: [],
        starts_at: null,
        ends_at: null,
        time_of_day: null,
        format: 'in_person',
        price_cents: 4950,
        price_note: null,
        seats: 14,
        seats_status: 'waiting_list',
        registration_deadline: '2025-03-20',
        teaching_units: 6,
        venue: {
          name: VENUE.name,
          street: VENUE.street,
          postcode: VENUE.postcode,
          city: VENUE.city,
          district: null,
          accessible: null,
        },
        sessions: [],
      },
    });

    // Without a course number the @id (the offer's page) identifies it.
    expect(b).toMatchObject({
      external_id: `https://wegweiser.example/angebote/${english.id}`,
      category: 'sprachen',
      language: 'en',
      cefr_level: 'A2',
      funding: ['free'],
      // Not stated, and the booking page is the offer's page on the portal.
      entry_requirements: null,
      registration_url: null,
      run: { format: 'online', venue: null, price_cents: 0, session_count: null },
    });
  });

  it('leaves out runs a provider export marks as cancelled, keeping the others’ ids', async () => {
    const o = offer({
      runs: [run({ status: 'cancelled' }), run({ starts_on: '2025-06-02', ends_on: '2025-06-30' })],
    });
    const parsed = parseCourseJsonLd(await exported([o], false));
    expect(parsed.offers.map((x) => [x.external_id, x.run.starts_on])).toEqual([
      [`${o.course_number}#2`, '2025-06-02'],
    ]);
  });

  it('gives every further run of one offer its own record', async () => {
    const o = offer({ runs: [run(), run({ starts_on: '2025-06-02', ends_on: '2025-06-30' }), run()] });
    const parsed = parseCourseJsonLd(await exported([o]));
    expect(parsed.offers.map((x) => x.external_id)).toEqual([
      o.course_number,
      `${o.course_number}#2`,
      `${o.course_number}#3`,
    ]);
    expect(parsed.offers.every((x) => x.run.external_id === x.external_id)).toBe(true);
  });
});

describe('parseCourseJsonLd: schema.org from elsewhere', () => {
  it('reads a weekly courseSchedule into sessions across the change to summer time', () => {
    const parsed = parse(
      course({
        identifier: { '@type': 'PropertyValue', propertyID: 'kursnummer', value: 'E-204' },
        name: 'Englisch B1 &ndash; Konversation',
        description: '<p>Wir sprechen <b>nur</b> Englisch.</p><ul><li>Alltag</li><li>Reisen</li></ul>',
        inLanguage: 'en-GB',
        educationalLevel: 'CEFR B1',
        url: 'https://vhs.example/kurse/E-204',
        keywords: ['Englisch', 'Konversation'],
        audience: { '@type': 'Audience', audienceType: 'Erwachsene, Senioren' },
        coursePrerequisites: 'Englisch auf Niveau A2 und eine abgeschlossene Berufsausbildung',
        financialAidEligible: [{ '@type': 'DefinedTerm', name: 'Bildungszeit (Hessen)' }],
        hasCourseInstance: {
          '@type': 'CourseInstance',
          courseMode: 'onsite',
          startDate: '2025-03-24',
          endDate: '2025-04-02',
          maximumAttendeeCapacity: 12,
          courseWorkload: 'PT6H',
          courseSchedule: {
            '@type': 'Schedule',
            repeatFrequency: 'P1W',
            byDay: ['https://schema.org/Monday', 'https://schema.org/Wednesday'],
            startTime: '18:00',
            endTime: '19:30:00',
          },
          location: {
            '@type': 'Place',
            name: 'VHS Mitte, Raum 2',
            address: {
              '@type': 'PostalAddress',
              streetAddress: 'Marktgasse 3',
              postalCode: '34117',
              addressLocality: 'Kassel',
            },
            amenityFeature: { '@type': 'LocationFeatureSpecification', name: 'barrierefrei', value: true },
          },
          offers: {
            '@type': 'Offer',
            price: '89.50',
            priceCurrency: 'EUR',
            description: 'Ermäßigung möglich',
            availability: 'https://schema.org/LimitedAvailability',
            validThrough: '2025-03-17T23:59:59+01:00',
            url: 'https://vhs.example/buchen/E-204',
          },
        },
      }),
    );
    expect(parsed.rejected).toEqual([]);
    const [o] = parsed.offers;
    expect(o).toMatchObject({
      external_id: 'E-204',
      title: 'Englisch B1 – Konversation',
      description: 'Wir sprechen nur Englisch.\n\n• Alltag\n• Reisen',
      summary: 'Wir sprechen nur Englisch.',
      category: 'sprachen',
      language: 'en',
      cefr_level: 'B1',
      keywords: ['englisch', 'konversation'],
      target_groups: ['Erwachsene', 'Senioren'],
      website: 'https://vhs.example/kurse/E-204',
      funding: ['bildungsurlaub'],
      // Read from the words; the English level is no German level.
      entry_requirements: ['vocational_qualification'],
      entry_cefr_level: null,
      entry_note: 'Englisch auf Niveau A2 und eine abgeschlossene Berufsausbildung',
      registration_url: 'https://vhs.example/buchen/E-204',
    });
    expect(o!.run).toEqual({
      external_id: 'E-204',
      starts_on: '2025-03-24',
      ends_on: '2025-04-02',
      session_count: 4,
      weekdays: [1, 3],
      starts_at: '18:00',
      ends_at: '19:30',
      time_of_day: 'evening',
      format: 'in_person',
      price_cents: 8950,
      price_note: 'Ermäßigung möglich',
      seats: 12,
      seats_status: 'few',
      registration_deadline: '2025-03-17',
      // 4 sessions of 90 minutes.
      teaching_units: 8,
      venue: {
        name: 'VHS Mitte, Raum 2',
        street: 'Marktgasse 3',
        postcode: '34117',
        city: 'Kassel',
        district: null,
        accessible: true,
      },
      sessions: [
        { starts_at: '2025-03-24T18:00:00+01:00', ends_at: '2025-03-24T19:30:00+01:00' },
        { starts_at: '2025-03-26T18:00:00+01:00', ends_at: '2025-03-26T19:30:00+01:00' },
        { starts_at: '2025-03-31T18:00:00+02:00', ends_at: '2025-03-31T19:30:00+02:00' },
        { starts_at: '2025-04-02T18:00:00+02:00', ends_at: '2025-04-02T19:30:00+02:00' },
      ],
    });
  });

  it('honours repeatCount, exceptDate, duration and eventSchedule', () => {
    const [o] = parse(
      course({
        hasCourseInstance: {
          '@type': 'CourseInstance',
          startDate: '2025-05-05',
          eventSchedule: {
            '@type': 'Schedule',
            byDay: 'Monday',
            startTime: '10:00',
            duration: 'PT1H30M',
            repeatCount: 3,
            exceptDate: '2025-05-12',
          },
        },
      }),
    ).offers;
    expect(o!.run.sessions.map((s) => s.starts_at)).toEqual([
      '2025-05-05T10:00:00+02:00',
      '2025-05-19T10:00:00+02:00',
      '2025-05-26T10:00:00+02:00',
    ]);
    expect(o!.run).toMatchObject({ ends_on: '2025-05-26', ends_at: '11:30', time_of_day: 'morning' });
  });

  it('reads subEvent sessions given in UTC as Berlin wall-clock time', () => {
    const [o] = parse(
      course({
        hasCourseInstance: {
          '@type': 'CourseInstance',
          courseMode: 'online',
          location: { '@type': 'VirtualLocation', url: 'https://vhs.cloud/raum' },
          subEvent: [
            { '@type': 'Event', startDate: '2025-10-27T17:00:00Z', endDate: '2025-10-27T18:30:00Z' },
            { '@type': 'Event', startDate: '2025-10-20T16:00:00Z', endDate: '2025-10-20T17:30:00Z' },
          ],
        },
      }),
    ).offers;
    expect(o!.run).toMatchObject({
      format: 'online',
      venue: null,
      starts_on: '2025-10-20',
      ends_on: '2025-10-27',
      session_count: 2,
      weekdays: [1],
      starts_at: '18:00',
      ends_at: '19:30',
      sessions: [
        { starts_at: '2025-10-20T18:00:00+02:00', ends_at: '2025-10-20T19:30:00+02:00' },
        { starts_at: '2025-10-27T18:00:00+01:00', ends_at: '2025-10-27T19:30:00+01:00' },
      ],
    });
  });

  it('takes the format from courseMode, else from the kinds of location', () => {
    const place = { '@type': 'Place', name: 'Stadtbibliothek', address: '34117 Kassel' };
    const virtual = { '@type': 'VirtualLocation', url: 'https://zoom.example/1' };
    const formats = [
      { courseMode: 'blended', location: place },
      { courseMode: ['online', 'part-time'], location: place },
      { location: [place, virtual] },
      { location: virtual },
      { location: 'Stadtbibliothek, Obere Königsstraße 1, 34117 Kassel' },
    ].map(
      (instance, i) =>
        parse(course({ identifier: `k${i}`, hasCourseInstance: { '@type': 'CourseInstance', ...instance } }))
          .offers[0]!.run,
    );
    expect(formats.map((r) => r.format)).toEqual(['hybrid', 'online', 'hybrid', 'online', 'in_person']);
    expect(formats[0]!.venue).toEqual({
      name: 'Stadtbibliothek',
      street: null,
      postcode: '34117',
      city: 'Kassel',
      district: null,
      accessible: null,
    });
    expect(formats[4]!.venue).toMatchObject({
      name: 'Stadtbibliothek',
      street: 'Obere Königsstraße 1',
      postcode: '34117',
      city: 'Kassel',
    });
  });

  it('accepts an array, @graph with references, and an ItemList', () => {
    const array = parse([course({ identifier: 'a' }), course({ identifier: 'b' })]);
    expect(array.offers.map((o) => o.external_id)).toEqual(['a', 'b']);

    const graph = parse({
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'Organization', '@id': '#vhs', name: 'VHS' },
        { '@type': 'Place', '@id': '#haus', name: 'VHS-Haus', address: { postalCode: '34117' } },
        { ...course(), provider: { '@id': '#vhs' }, hasCourseInstance: { '@id': '#termin' } },
        {
          '@type': 'CourseInstance',
          '@id': '#termin',
          startDate: '2025-09-01',
          location: { '@id': '#haus' },
        },
      ],
    });
    expect(graph.offers[0]!.run).toMatchObject({
      starts_on: '2025-09-01',
      venue: { name: 'VHS-Haus', postcode: '34117' },
    });

    const itemList = parse({
      '@context': 'https://schema.org',
      '@type': 'ItemList',
      itemListElement: [{ '@type': 'ListItem', position: 1, item: course({ identifier: 'x' }) }],
    });
    expect(itemList.offers.map((o) => o.external_id)).toEqual(['x']);
  });

  it('takes identifier, courseCode, @id, then url as the id; without one the Course is rejected', () => {
    const ids = parse([
      course({ identifier: undefined, courseCode: 'C-1', '@id': 'https://a.example/1' }),
      course({ identifier: undefined, '@id': 'https://a.example/2', url: 'https://a.example/x' }),
      course({ identifier: undefined, '@id': '_:b0', url: 'https://a.example/3' }),
      course({ identifier: undefined, name: 'Ohne Kennung' }),
      course({ identifier: 'dup' }),
      course({ identifier: 'dup', name: 'Zweiter' }),
      course({ identifier: 'no-title', name: '  ' }),
    ]);
    expect(ids.offers.map((o) => o.external_id)).toEqual([
      'C-1',
      'https://a.example/2',
      'https://a.example/3',
      'dup',
    ]);
    expect(ids.rejected).toEqual([
      { ref: '„Ohne Kennung“', reason: expect.stringMatching(/^Keine Kennung .*doppelt/) },
      { ref: 'dup', reason: 'Kennung kommt in der Datei mehrfach vor' },
      { ref: 'no-title', reason: 'Titel (name) fehlt' },
    ]);
  });

  it('rejects an instance with an impossible date, and reads a Course without instances', () => {
    const parsed = parse([
      course({
        identifier: 'bad',
        hasCourseInstance: { '@type': 'CourseInstance', startDate: '2025-02-30' },
      }),
      course({
        identifier: 'late',
        hasCourseInstance: { '@type': 'CourseInstance', startDate: '2025-05-02', endDate: '2025-05-01' },
      }),
      course({ identifier: 'plain' }),
    ]);
    expect(parsed.rejected).toEqual([
      { ref: 'bad', reason: 'Ungültiges Beginndatum „2025-02-30“' },
      { ref: 'late', reason: 'Beginn nach Ende' },
    ]);
    expect(parsed.offers[0]!.run).toMatchObject({
      external_id: 'plain',
      starts_on: null,
      ends_on: null,
      format: 'in_person',
      venue: null,
      sessions: [],
    });
  });

  it('reads prices: numbers, German strings, other currencies, free courses', () => {
    const price = (offers: unknown, extra: Record<string, unknown> = {}) =>
      parse(course({ hasCourseInstance: { '@type': 'CourseInstance', offers, ...extra } })).offers[0]!;
    expect(price({ price: 120, priceCurrency: 'EUR' }).run.price_cents).toBe(12000);
    expect(price({ price: '1.250,00 €' }).run.price_cents).toBe(125000);
    expect(price({ price: 30, priceCurrency: 'CHF' }).run).toMatchObject({
      price_cents: null,
      price_note: 'Preis: 30 CHF',
    });
    const free = price(undefined, { isAccessibleForFree: true });
    expect(free.run.price_cents).toBe(0);
    expect(free.funding).toEqual(['free']);
    // The Course's own offer when the instance has none.
    expect(
      parse(
        course({
          offers: { '@type': 'Offer', price: '15' },
          hasCourseInstance: { '@type': 'CourseInstance' },
        }),
      ).offers[0]!.run.price_cents,
    ).toBe(1500);
  });

  it('marks Bildungsurlaub unless the text says it is not one', () => {
    const yes = parse(course({ description: 'Als Bildungsurlaub anerkannt.' })).offers[0]!;
    const no = parse(course({ description: 'Dieser Kurs ist nicht als Bildungsurlaub anerkannt.' }))
      .offers[0]!;
    expect(yes.funding).toEqual(['bildungsurlaub']);
    expect(no.funding).toEqual([]);
  });
});

describe('parseCourseJsonLd: files that are not course data', () => {
  it('refuses invalid JSON, saying where', () => {
    expect(() => parseCourseJsonLd('{\n  "@type": "Course",\n  name: 1\n}')).toThrow(OpenVhsFormatError);
    expect(() => parseCourseJsonLd('{\n  "@type": "Course",\n  name: 1\n}')).toThrow(
      'Kein gültiges JSON (Zeile 3, Spalte 3).',
    );
    expect(() => parseCourseJsonLd('[{"@type": "Course"')).toThrow(/Kein gültiges JSON/);
  });

  it('refuses a document without a Course', () => {
    expect(() => parse({ '@context': 'https://schema.org', '@type': 'Event', name: 'Fest' })).toThrow(
      /Keine schema\.org-Kurse gefunden/,
    );
    expect(() => parse({ '@context': 'https://schema.org', '@graph': [] })).toThrow(OpenVhsFormatError);
    expect(() => parseCourseJsonLd('"Course"')).toThrow(/Keine schema\.org-Kurse/);
  });

  it('refuses an empty file and tolerates a BOM', () => {
    expect(() => parseCourseJsonLd('  \n')).toThrow('Die Datei ist leer.');
    expect(parseCourseJsonLd(`\uFEFF${JSON.stringify(course())}`).offers).toHaveLength(1);
  });
});

describe('helpers', () => {
  it('berlinLocal reads dates and instants as Berlin wall clock', () => {
    expect(berlinLocal('2025-03-27')).toEqual({ date: '2025-03-27', time: null });
    expect(berlinLocal('27.03.2025')).toEqual({ date: '2025-03-27', time: null });
    expect(berlinLocal('27.3.25')).toEqual({ date: '2025-03-27', time: null });
    expect(berlinLocal('2025-03-27T18:00')).toEqual({ date: '2025-03-27', time: '18:00' });
    expect(berlinLocal('2025-03-27T23:30:00Z')).toEqual({ date: '2025-03-28', time: '00:30' });
    expect(berlinLocal('2025-07-01T10:00:00-04:00')).toEqual({ date: '2025-07-01', time: '16:00' });
    expect(berlinLocal('')).toBeNull();
    expect(berlinLocal('31.04.2025')).toBe('invalid');
    expect(berlinLocal('März 2025')).toBe('invalid');
  });

  it('readClock and readEuroCents', () => {
    expect(['18:00', '9.30', '18:00:00', '9:30 Uhr', '18 Uhr', ''].map(readClock)).toEqual([
      '18:00',
      '09:30',
      '18:00',
      '09:30',
      '18:00',
      null,
    ]);
    expect(readClock('25:00')).toBe('invalid');
    expect(
      ['89,50', '89.50', '1.250,00', '1,250.00', '89,- €', 'kostenlos', '', 'viel'].map(readEuroCents),
    ).toEqual([8950, 8950, 125000, 125000, 8900, 0, null, 'invalid']);
  });

  it('datesOfPattern stops at the end, at a count, and refuses endless schedules', () => {
    expect(datesOfPattern('2025-03-24', '2025-04-02', [1, 3])).toEqual([
      '2025-03-24',
      '2025-03-26',
      '2025-03-31',
      '2025-04-02',
    ]);
    expect(datesOfPattern('2025-03-24', null, [5], { count: 2 })).toEqual(['2025-03-28', '2025-04-04']);
    expect(datesOfPattern('2025-03-24', null, [5])).toEqual([]);
    expect(datesOfPattern('2025-01-01', '2030-12-31', [1, 2, 3, 4, 5])).toBeNull();
    expect(datesOfPattern('2025-01-01', '2035-12-31', [1])).toBeNull();
    expect(datesOfPattern('2025-01-06', null, [1], { count: MAX_SESSIONS })).toHaveLength(MAX_SESSIONS);
  });
});
