import { describe, expect, it } from 'vitest';
import de from '../../../../locales/de/catalogue.json';
import { CATEGORIES } from '../schemas';
import { CATEGORY_LABELS, CSV_HEADERS, CSV_TEMPLATE, parseOfferCsv } from './csv';
import { OpenVhsFormatError } from './openvhs';

const HEADER =
  'Kennung;Titel;Kurzbeschreibung;Beschreibung;Bereich;Unterrichtssprache;Sprachniveau;Beginn;Ende;Wochentage;Uhrzeit von;Uhrzeit bis;Format;Ort;Straße;PLZ;Stadt;Barrierefrei;Preis;Förderung;Abschluss;' +
  'Plätze;Platzstatus;Unterrichtseinheiten;Anmeldeschluss;Voraussetzungen;Deutschniveau zu Beginn;Hinweis zu Voraussetzungen;Späterer Einstieg;Anmeldung Internet;Anmeldung E-Mail;Anmeldung Telefon;Anmeldung Hinweis;AZAV-Maßnahmenummer';

type Fields = Partial<Record<(typeof CSV_HEADERS)[number], string>>;

const BASE: Fields = {
  Kennung: 'Y-1',
  Titel: 'Yoga am Abend',
  Kurzbeschreibung: 'Ruhig in den Feierabend.',
  Beginn: '24.03.2025',
  Ende: '02.04.2025',
  Wochentage: 'Mo,Mi',
  'Uhrzeit von': '18:00',
  'Uhrzeit bis': '19:30',
  Ort: 'VHS-Haus',
  Straße: 'Marktgasse 3',
  PLZ: '34117',
  Stadt: 'Kassel',
  Preis: '49,50',
};

/** A semicolon row in header order; values must not need quoting. */
function row(fields: Fields = {}): string {
  const all = { ...BASE, ...fields };
  return CSV_HEADERS.map((h) => all[h] ?? '').join(';');
}

const file = (...rows: string[]) => [HEADER, ...rows].join('\r\n');

describe('parseOfferCsv', () => {
  it('reads a semicolon file: weekly sessions across the change to summer time', () => {
    const parsed = parseOfferCsv(file(row()));
    expect(parsed.rejected).toEqual([]);
    expect(parsed.provider).toEqual({ externalRef: 'upload', name: 'Upload' });
    expect(parsed.offers).toEqual([
      {
        external_id: 'Y-1',
        course_number: null,
        title: 'Yoga am Abend',
        subtitle: null,
        summary: 'Ruhig in den Feierabend.',
        description: '',
        category: 'gesundheit',
        keywords: [],
        target_groups: [],
        language: 'de',
        cefr_level: null,
        funding: [],
        website: null,
        entry_requirements: null,
        entry_cefr_level: null,
        entry_note: null,
        late_entry: false,
        registration_url: null,
        registration_email: null,
        registration_phone: null,
        registration_note: null,
        azav_measure_number: null,
        run: {
          external_id: 'Y-1',
          starts_on: '2025-03-24',
          ends_on: '2025-04-02',
          session_count: 4,
          weekdays: [1, 3],
          starts_at: '18:00',
          ends_at: '19:30',
          time_of_day: 'evening',
          format: 'in_person',
          price_cents: 4950,
          price_note: null,
          seats: null,
          seats_status: null,
          registration_deadline: null,
          teaching_units: null,
          venue: {
            name: 'VHS-Haus',
            street: 'Marktgasse 3',
            postcode: '34117',
            city: 'Kassel',
            district: null,
            accessible: null,
          },
          sessions: [
            { starts_at: '2025-03-24T18:00:00+01:00', ends_at: '2025-03-24T19:30:00+01:00' },
            { starts_at: '2025-03-26T18:00:00+01:00', ends_at: '2025-03-26T19:30:00+01:00' },
            { starts_at: '2025-03-31T18:00:00+02:00', ends_at: '2025-03-31T19:30:00+02:00' },
            { starts_at: '2025-04-02T18:00:00+02:00', ends_at: '2025-04-02T19:30:00+02:00' },
          ],
        },
      },
    ]);
  });

  it('reads a comma file with quoted commas, semicolons, quotes and line breaks', () => {
    const text = [
      'Kennung,Titel,Beschreibung,Bereich,Beginn,Ende,Wochentage,Uhrzeit von,Uhrzeit bis,Preis,Förderung',
      'K-7,"Excel; Word und ""Outlook""","Erste Zeile, mit Komma.\n\nZweiter Absatz; mit Semikolon.",' +
        '"Arbeit, Beruf und Digitales",2025-09-01,2025-09-05,,09:00,16:00,"1.250,00","Bildungsgutschein, AZAV"',
      'K-8,Zweites Angebot,,,,,,,,,',
    ].join('\n');
    const parsed = parseOfferCsv(text);
    expect(parsed.rejected).toEqual([]);
    const [a, b] = parsed.offers;
    expect(a).toMatchObject({
      external_id: 'K-7',
      title: 'Excel; Word und "Outlook"',
      description: 'Erste Zeile, mit Komma.\n\nZweiter Absatz; mit Semikolon.',
      summary: 'Erste Zeile, mit Komma.',
      category: 'arbeit_beruf_digitales',
      funding: ['bildungsgutschein', 'azav'],
      keywords: [],
    });
    // No Wochentage and five days: a block course, every day.
    expect(a!.run).toMatchObject({
      price_cents: 125000,
      session_count: 5,
      weekdays: [1, 2, 3, 4, 5],
      starts_at: '09:00',
      ends_at: '16:00',
      time_of_day: 'morning',
    });
    expect(a!.run.sessions).toHaveLength(5);
    expect(b).toMatchObject({
      external_id: 'K-8',
      title: 'Zweites Angebot',
      category: 'politik_gesellschaft_umwelt',
    });
    expect(b!.run).toMatchObject({ starts_on: null, ends_on: null, sessions: [], venue: null });
  });

  it('tolerates a BOM, LF line ends, blank lines, spaces around fields and header spelling', () => {
    const text = `\uFEFF kennung ; TITEL ; Strasse ; plz \n\n  A-1 ; "Malen  " ; Am Weg 1 ; 1067 \n`;
    const parsed = parseOfferCsv(text);
    expect(parsed.rejected).toEqual([]);
    expect(parsed.offers[0]).toMatchObject({ external_id: 'A-1', title: 'Malen' });
    // Excel drops the leading zero of a postcode kept as a number.
    expect(parsed.offers[0]!.run.venue).toMatchObject({ name: 'Am Weg 1', postcode: '01067' });
  });

  it('rejects a row with a bad date, naming its row, and keeps the others', () => {
    const parsed = parseOfferCsv(
      file(row({ Kennung: 'A' }), row({ Kennung: 'B', Beginn: '31.02.2025' }), row({ Kennung: 'C' })),
    );
    expect(parsed.offers.map((o) => o.external_id)).toEqual(['A', 'C']);
    expect(parsed.rejected).toEqual([
      { ref: 'B', reason: 'Zeile 3: Ungültiges Beginndatum „31.02.2025“ (TT.MM.JJJJ oder JJJJ-MM-TT)' },
    ]);
  });

  it('counts rows as the spreadsheet does when a cell holds line breaks', () => {
    const text = file(
      `${row({ Kennung: 'A' }).replace(';;', ';"eins\nzwei\ndrei";')}`,
      row({ Kennung: 'B', Ende: 'bald' }),
    );
    expect(parseOfferCsv(text).rejected).toEqual([
      { ref: 'B', reason: 'Zeile 3: Ungültiges Enddatum „bald“ (TT.MM.JJJJ oder JJJJ-MM-TT)' },
    ]);
  });

  it('lists every problem of a row; without a Kennung the row number is the ref', () => {
    const parsed = parseOfferCsv(
      file(
        row({ Kennung: '', Titel: 'X' }),
        row({
          Kennung: 'Z',
          'Uhrzeit bis': '17:00',
          Format: 'Präsenzpflicht',
          PLZ: '341',
          Barrierefrei: 'teils',
          Preis: 'zwanzig',
          Bereich: 'Kochen',
          Sprachniveau: 'D1',
          Wochentage: 'Mo,Xy',
        }),
      ),
    );
    expect(parsed.offers).toEqual([]);
    expect(parsed.rejected[0]).toEqual({
      ref: 'Zeile 2',
      reason: 'Kennung fehlt – ohne sie würde ein zweiter Upload das Angebot doppelt anlegen; Titel fehlt',
    });
    expect(parsed.rejected[1]!.ref).toBe('Z');
    const reasons = parsed.rejected[1]!.reason.replace(/^Zeile 3: /, '').split('; ');
    expect(reasons).toEqual([
      expect.stringMatching(/^Unbekannter Bereich „Kochen“/),
      'Ungültiges Sprachniveau „D1“ (A1 bis C2)',
      'Ungültige Wochentage „Mo,Xy“ (z. B. Mo,Mi oder Mo-Fr)',
      'Uhrzeit bis muss nach Uhrzeit von liegen',
      'Unbekanntes Format „Präsenzpflicht“ (vor Ort, online oder hybrid)',
      'Ungültige PLZ „341“ (fünf Ziffern)',
      'Barrierefrei: „teils“ ist weder ja noch nein',
      'Ungültiger Preis „zwanzig“ (z. B. 89,50)',
    ]);
  });

  it('rejects a second row with the same Kennung and a row with too many fields', () => {
    const parsed = parseOfferCsv(
      file(row({ Kennung: 'A' }), row({ Kennung: 'A' }), `${row({ Kennung: 'C' })};extra`),
    );
    expect(parsed.offers.map((o) => o.external_id)).toEqual(['A']);
    expect(parsed.rejected).toEqual([
      {
        ref: 'A',
        reason: 'Zeile 3: Die Kennung steht schon in Zeile 2 (jede Zeile braucht ihre eigene Kennung)',
      },
      {
        ref: 'C',
        reason: 'Zeile 4: 35 Felder, aber nur 34 Spalten – Werte mit „;“ bitte in Anführungszeichen setzen',
      },
    ]);
  });

  it('reads categories by key or German label, languages by code or name, funding and formats', () => {
    const parsed = parseOfferCsv(
      file(
        row({
          Kennung: 'L',
          Titel: 'Englisch für den Beruf',
          Bereich: 'fremdsprachen',
          Unterrichtssprache: 'Englisch',
          Sprachniveau: 'b1.2',
          Format: 'hybrid',
          Barrierefrei: 'ja',
          Förderung: 'Bildungsurlaub, Bildungsscheck NRW',
          Abschluss: 'Zertifikat',
          Beschreibung: '<p>Mit <b>HTML</b>.</p>',
        }),
        row({
          Kennung: 'O',
          Bereich: 'deutsch_integration',
          Titel: 'Deutsch A1',
          Format: 'Online',
          Preis: '',
          Förderung: 'kostenlos',
        }),
        row({ Kennung: 'F', Förderung: 'kostenlos' }),
      ),
    );
    const [l, o] = parsed.offers;
    expect(l).toMatchObject({
      category: 'sprachen',
      language: 'en',
      cefr_level: 'B1',
      funding: ['bildungsurlaub', 'other'],
      keywords: ['bildungsscheck nrw'],
      description: 'Mit HTML.\n\nAbschluss: Zertifikat',
      run: { format: 'hybrid', venue: { accessible: true } },
    });
    expect(o).toMatchObject({
      category: 'deutsch_integration',
      language: 'de',
      cefr_level: 'A1',
      funding: ['free'],
      run: { format: 'online', venue: null, price_cents: 0 },
    });
    expect(parsed.rejected).toEqual([
      { ref: 'F', reason: 'Zeile 4: Förderung „kostenlos“ passt nicht zum Preis „49,50“' },
    ]);
  });

  it('reads seats, registration and entry requirements from the optional columns, and names bad values', () => {
    const parsed = parseOfferCsv(
      file(
        row({
          Kennung: 'M',
          Titel: 'Vorbereitung auf die Meisterprüfung',
          Förderung: 'Aufstiegs-BAföG, Bildungsgutschein, AZAV',
          'AZAV-Maßnahmenummer': '955/0001/2027',
          Plätze: '16',
          Platzstatus: 'Warteliste',
          Unterrichtseinheiten: '900',
          Anmeldeschluss: '2025-03-20',
          Voraussetzungen: 'Berufsausbildung, Berufserfahrung',
          'Deutschniveau zu Beginn': 'b2',
          'Späterer Einstieg': 'ja',
          'Anmeldung Telefon': '0561 123456',
        }),
        row({
          Kennung: 'Bad',
          Platzstatus: 'halb voll',
          Unterrichtseinheiten: 'viele',
          Anmeldeschluss: '2025-05-01',
          Voraussetzungen: 'Führerschein',
          'Späterer Einstieg': 'vielleicht',
          'Anmeldung E-Mail': 'anmeldung',
          'AZAV-Maßnahmenummer': '1/2/3',
        }),
      ),
    );
    expect(parsed.offers).toHaveLength(1);
    expect(parsed.offers[0]).toMatchObject({
      funding: ['aufstiegs_bafoeg', 'bildungsgutschein', 'azav'],
      azav_measure_number: '955/0001/2027',
      entry_requirements: ['vocational_qualification', 'professional_experience'],
      entry_cefr_level: 'B2',
      late_entry: true,
      registration_phone: '0561 123456',
      run: {
        seats: 16,
        seats_status: 'waiting_list',
        teaching_units: 900,
        registration_deadline: '2025-03-20',
      },
    });
    expect(parsed.rejected).toEqual([
      {
        ref: 'Bad',
        reason: [
          'Zeile 3: Unbekannter Platzstatus „halb voll“ (frei, wenige, ausgebucht oder Warteliste)',
          'Ungültige Zahl der Unterrichtseinheiten „viele“ (eine ganze Zahl)',
          'Unbekannte Voraussetzungen „Führerschein“ (keine, Schulabschluss, Berufsausbildung oder Berufserfahrung; Weiteres unter „Hinweis zu Voraussetzungen“)',
          'Späterer Einstieg: „vielleicht“ ist weder ja noch nein',
          'Ungültige E-Mail-Adresse der Anmeldung „anmeldung“',
          'Der Anmeldeschluss liegt nach dem Ende',
          'Eine AZAV-Maßnahmenummer gibt es nur mit Förderung „Bildungsgutschein“ oder „AZAV“',
        ].join('; '),
      },
    ]);
  });

  it('makes sessions only where the pattern allows', () => {
    const parsed = parseOfferCsv(
      file(
        // ISO dates, a range of weekdays
        row({ Kennung: 'R', Beginn: '2025-05-05', Ende: '2025-05-09', Wochentage: 'Mo-Mi' }),
        // weekly without an end: open, no sessions
        row({ Kennung: 'W', Ende: '' }),
        // a one-day event
        row({ Kennung: 'E', Ende: '', Wochentage: '' }),
        // dates and days, no times: counted, not dated
        row({ Kennung: 'N', 'Uhrzeit von': '', 'Uhrzeit bis': '' }),
        row({ Kennung: 'X', Wochentage: 'Sa', Ende: '27.03.2025' }),
        row({ Kennung: 'Long', Wochentage: '', Ende: '30.06.2025' }),
      ),
    );
    const runs = Object.fromEntries(parsed.offers.map((o) => [o.external_id, o.run]));
    expect(runs.R).toMatchObject({ session_count: 3, weekdays: [1, 2, 3], ends_on: '2025-05-09' });
    expect(runs.W).toMatchObject({ session_count: null, weekdays: [1, 3], ends_on: null, sessions: [] });
    expect(runs.E).toMatchObject({
      session_count: 1,
      weekdays: [1],
      ends_on: '2025-03-24',
      sessions: [{ starts_at: '2025-03-24T18:00:00+01:00', ends_at: '2025-03-24T19:30:00+01:00' }],
    });
    expect(runs.N).toMatchObject({ session_count: 4, starts_at: null, time_of_day: null, sessions: [] });
    expect(parsed.rejected).toEqual([
      { ref: 'X', reason: 'Zeile 6: Zwischen Beginn und Ende liegt keiner der angegebenen Wochentage' },
      { ref: 'Long', reason: expect.stringMatching(/^Zeile 7: Wochentage fehlen/) },
    ]);
  });
});

describe('parseOfferCsv: files it refuses', () => {
  it('names unknown headers', () => {
    expect(() => parseOfferCsv('Kennung;Titel;Farbe;Dauer\nA;B;C;D')).toThrow(OpenVhsFormatError);
    expect(() => parseOfferCsv('Kennung;Titel;Farbe;Dauer\nA;B;C;D')).toThrow(
      /^Unbekannte Spalten „Farbe“, „Dauer“\. Erlaubt sind: Kennung, Titel,/,
    );
  });

  it('needs Kennung and Titel, once each', () => {
    expect(() => parseOfferCsv('Titel;Beginn\nA;01.01.2025')).toThrow(
      'Die Spalte „Kennung“ fehlt (siehe Vorlage).',
    );
    expect(() => parseOfferCsv('Kennung;Titel;Titel\nA;B;C')).toThrow('Doppelte Spalte „Titel“.');
  });

  it('refuses an empty file and an unclosed quote', () => {
    expect(() => parseOfferCsv('\uFEFF \r\n')).toThrow('Die Datei ist leer.');
    expect(() => parseOfferCsv(`${HEADER}\nA;"offen`)).toThrow(/Anführungszeichen in Zeile 2/);
  });
});

describe('CSV_TEMPLATE', () => {
  it('is the header line and one example row that imports as exactly one valid offer', () => {
    expect(CSV_TEMPLATE.startsWith(`\uFEFF${HEADER}\r\n`)).toBe(true);
    const parsed = parseOfferCsv(CSV_TEMPLATE);
    expect(parsed.rejected).toEqual([]);
    expect(parsed.offers).toHaveLength(1);
    expect(parsed.offers[0]).toMatchObject({
      external_id: 'K-2027-101',
      category: 'arbeit_beruf_digitales',
      funding: ['bildungsgutschein', 'azav'],
      entry_requirements: [],
      entry_cefr_level: 'B1',
      late_entry: false,
      registration_email: 'anmeldung@vhs-am-markt.example',
      azav_measure_number: '962/0123/2027',
      run: {
        format: 'in_person',
        weekdays: [1, 3],
        price_cents: 18950,
        venue: { postcode: '34117' },
        seats: 12,
        seats_status: 'available',
        teaching_units: 32,
        registration_deadline: '2027-02-15',
      },
    });
    expect(parsed.offers[0]!.run.sessions.length).toBeGreaterThan(0);
  });

  it('uses the German category names of the catalogue', () => {
    expect(Object.keys(CATEGORY_LABELS).sort()).toEqual([...CATEGORIES].sort());
    expect(CATEGORY_LABELS).toEqual(de.categories);
  });
});
