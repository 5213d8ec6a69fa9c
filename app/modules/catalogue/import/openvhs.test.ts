import { describe, expect, it } from 'vitest';
import {
  berlinIso,
  berlinOffset,
  cefrFrom,
  FALLBACK_CATEGORY,
  htmlToText,
  instructionLanguage,
  mapCategory,
  OpenVhsFormatError,
  parseOpenVhs,
  timeOfDay,
} from './openvhs';

const cdata = (s: string) => `<![CDATA[${s}]]>`;

function file(...records: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<openvhs:veranstaltungen version="1.2" xmlns:openvhs="http://www.dvv-vhs.de/Open-VHS">
  <export>
    <erstellungszeitpunkt>2025-03-20T03:00:00+01:00</erstellungszeitpunkt>
    <ersteller><guid>vhs-test</guid><name>${cdata(' Volkshochschule  Test ')}</name></ersteller>
  </export>
  ${records.join('\n')}
</openvhs:veranstaltungen>`;
}

interface RecordOptions {
  guid?: string;
  title?: string;
  code?: string;
  begin?: string;
  end?: string;
  keywords?: string[];
  texts?: string[];
  sessions?: [string, string, string][];
  places?: string[];
  price?: string | null;
  extra?: string;
}

const MITTE = `<veranstaltungsort>
  <name>${cdata('VHS Berlin Mitte')}</name>
  <adresse><land>${cdata('Deutschland')}</land><plz>13347 </plz><ort>${cdata('Berlin')}</ort>
    <ortsteil>${cdata('Mitte')}</ortsteil><strasse>${cdata('Antonstr. 37')}</strasse></adresse>
  <barrierefrei>true</barrierefrei>
</veranstaltungsort>`;
const ONLINE = `<veranstaltungsort><name>${cdata('Schöneberg, Online')}</name><adresse/><barrierefrei>false</barrierefrei></veranstaltungsort>`;

function record(o: RecordOptions = {}): string {
  const sessions = o.sessions ?? [['2025-05-05', '18:00:00', '19:30:00']];
  return `<veranstaltung>
    ${o.guid === undefined ? '<guid>1001</guid>' : `<guid>${o.guid}</guid>`}
    <nummer>${cdata('Mi404-B192S-13')}</nummer>
    <name>${cdata(o.title ?? 'Yoga am Abend')}</name>
    <dvv_kategorie version="2.0">${o.code ?? '3.05'}</dvv_kategorie>
    <maximale_teilnehmerzahl>16</maximale_teilnehmerzahl>
    <anzahl_termine>100</anzahl_termine>
    <beginn_datum>${o.begin ?? '2025-05-05'}</beginn_datum>
    <ende_datum>${o.end ?? '2025-06-30'}</ende_datum>
    ${(o.keywords ?? []).map((k) => `<schlagwort>${cdata(k)}</schlagwort>`).join('')}
    ${(o.texts ?? ['Ein Kurs.'])
      .map((t) => `<text><eigenschaft>text</eigenschaft><text>${cdata(t)}</text></text>`)
      .join('\n')}
    ${(o.places ?? sessions.map(() => MITTE)).join('\n')}
    ${sessions
      .map(
        ([d, from, to]) =>
          `<termin><beginn_datum>${d}</beginn_datum><beginn_uhrzeit>${from}</beginn_uhrzeit><ende_uhrzeit>${to}</ende_uhrzeit></termin>`,
      )
      .join('\n')}
    ${o.price === null ? '' : `<preis><betrag>${o.price ?? '89.5'}</betrag><rabatt_moeglich>true</rabatt_moeglich><zusatz>${cdata('erm. Preis: 45,00 EUR')}</zusatz></preis>`}
    <webadresse><typ>website</typ><name>${cdata('zur Kursbuchung')}</name><uri>${cdata('https://vhs.example/kurs/1001')}</uri></webadresse>
    ${o.extra ?? ''}
  </veranstaltung>`;
}

const one = (o: RecordOptions = {}) => {
  const parsed = parseOpenVhs(file(record(o)));
  expect(parsed.rejected).toEqual([]);
  return parsed.offers[0]!;
};

describe('parseOpenVhs', () => {
  it('reads the provider and a record into offer and run fields', () => {
    const parsed = parseOpenVhs(
      file(
        record({
          title: '  Yoga   am\n Abend ',
          keywords: [
            'HEALTH',
            'Yoga',
            'yoga',
            ' Entspannung ',
            'szenario_präsenz',
            'BAMF course start reported',
          ],
          texts: [
            'Sanftes Yoga   für <b>alle</b> &amp; jeden.\n\nZweiter Absatz.<p style="visibility:hidden">Schlagwörter: Yoga</p>',
            'Bitte Matte mitbringen.<br>Infos <a href=https://vhs.example/info>hier</a>.',
          ],
          sessions: [
            ['2025-05-05', '18:00:00', '19:30:00'],
            ['2025-05-07', '18:00:00', '19:30:00'],
            ['2025-05-07', '18:00:00', '19:30:00'], // listed twice
            ['2025-05-12', '10:00:00', '11:30:00'],
          ],
          extra: `<zielgruppe>${cdata('Ältere')}</zielgruppe><zielgruppe>.</zielgruppe>`,
        }),
      ),
    );
    expect(parsed.provider).toEqual({ externalRef: 'vhs-test', name: 'Volkshochschule Test' });
    expect(parsed.exportedAt).toBe('2025-03-20T03:00:00+01:00');
    const offer = parsed.offers[0]!;
    expect(offer).toMatchObject({
      external_id: '1001',
      course_number: 'Mi404-B192S-13',
      title: 'Yoga am Abend',
      subtitle: null,
      summary: 'Sanftes Yoga für alle & jeden.',
      description:
        'Sanftes Yoga für alle & jeden.\n\nZweiter Absatz.\n\nBitte Matte mitbringen.\nInfos hier (https://vhs.example/info).',
      category: 'gesundheit',
      keywords: ['health', 'yoga', 'entspannung'],
      target_groups: ['Ältere'],
      language: 'de',
      cefr_level: null,
      funding: [],
      website: 'https://vhs.example/kurs/1001',
    });
    expect(offer.run).toMatchObject({
      external_id: '1001',
      starts_on: '2025-05-05',
      ends_on: '2025-06-30',
      // <anzahl_termine> says 100 (teaching units); three distinct sessions are listed.
      session_count: 3,
      weekdays: [1, 3],
      starts_at: '18:00',
      ends_at: '19:30',
      time_of_day: 'evening',
      format: 'in_person',
      price_cents: 8950,
      price_note: 'erm. Preis: 45,00 EUR',
      seats: 16,
      venue: {
        name: 'VHS Berlin Mitte',
        street: 'Antonstr. 37',
        postcode: '13347',
        city: 'Berlin',
        district: 'Mitte',
        accessible: true,
      },
    });
    expect(offer.run.sessions).toEqual([
      { starts_at: '2025-05-05T18:00:00+02:00', ends_at: '2025-05-05T19:30:00+02:00' },
      { starts_at: '2025-05-07T18:00:00+02:00', ends_at: '2025-05-07T19:30:00+02:00' },
      { starts_at: '2025-05-12T10:00:00+02:00', ends_at: '2025-05-12T11:30:00+02:00' },
    ]);
  });

  it('reads seats, registration, teaching units and requirements where the file carries them', () => {
    // The Berlin files: participant counts, a booking link, <anzahl_termine> counting units,
    // a deadline in the text.
    const berlin = one({
      sessions: [
        ['2025-05-05', '09:00:00', '12:00:00'],
        ['2025-05-06', '09:00:00', '12:00:00'],
      ],
      texts: ['Ein Kurs.', 'Anmeldeschluss: 28.04.2025. Die VHS ist nicht der Reiseveranstalter.'],
      extra: '<aktuelle_teilnehmerzahl>14</aktuelle_teilnehmerzahl>',
    });
    expect(berlin).toMatchObject({
      registration_url: 'https://vhs.example/kurs/1001',
      entry_requirements: null,
      late_entry: false,
    });
    // 100 units is far more than two sessions of three hours (8 units): a session count gone
    // wrong, not units.
    expect(berlin.run).toMatchObject({
      seats_status: 'few',
      registration_deadline: '2025-04-28',
      teaching_units: null,
    });
    const units = one({
      sessions: Array.from({ length: 25 }, (_, i) => [
        `2025-05-${String(5 + i).padStart(2, '0')}`,
        '09:00:00',
        '12:00:00',
      ]) as [string, string, string][],
      extra: '<aktuelle_teilnehmerzahl>16</aktuelle_teilnehmerzahl>',
    });
    // 25 sessions of three hours are 100 units of 45 minutes: <anzahl_termine> counts units.
    expect(units.run).toMatchObject({ session_count: 25, teaching_units: 100, seats_status: 'full' });

    const explicit = one({
      texts: ['Sie können jederzeit dazukommen; der Einstieg ist jederzeit möglich.'],
      extra: `<unterrichtseinheiten>40</unterrichtseinheiten>
        <anmeldeschluss>2025-07-01</anmeldeschluss>
        <aktuelle_teilnehmerzahl>3</aktuelle_teilnehmerzahl>
        <text><eigenschaft>voraussetzungen</eigenschaft><text>${cdata('Abgeschlossene Berufsausbildung und Deutsch B2')}</text></text>
        <anmeldung><email>Anmeldung@vhs.example</email><telefon>030 1234567</telefon><hinweis>${cdata('Bitte mit Zeugnis.')}</hinweis></anmeldung>
        <massnahmenummer>962/0815/2025</massnahmenummer>`,
    });
    expect(explicit).toMatchObject({
      entry_requirements: ['vocational_qualification'],
      entry_cefr_level: 'B2',
      entry_note: 'Abgeschlossene Berufsausbildung und Deutsch B2',
      late_entry: true,
      registration_email: 'anmeldung@vhs.example',
      registration_phone: '030 1234567',
      registration_note: 'Bitte mit Zeugnis.',
      azav_measure_number: '962/0815/2025',
    });
    // The requirement text is a fact of its own, not part of the description; a deadline
    // after the last day is no deadline.
    expect(explicit.description).toBe('Sie können jederzeit dazukommen; der Einstieg ist jederzeit möglich.');
    expect(explicit.run).toMatchObject({
      teaching_units: 40,
      registration_deadline: null,
      seats_status: 'available',
    });
  });

  it('keeps at most 20 keywords', () => {
    const offer = one({ keywords: Array.from({ length: 30 }, (_, i) => `Wort ${i}`) });
    expect(offer.keywords).toHaveLength(20);
    expect(offer.keywords[0]).toBe('wort 0');
  });

  it('shortens a long first paragraph to a summary of about 300 characters', () => {
    const long = `${'Wort '.repeat(100)}Ende.`;
    const offer = one({ texts: [long] });
    expect(offer.summary.length).toBeLessThanOrEqual(300);
    expect(offer.summary.endsWith('…')).toBe(true);
    expect(offer.description).toBe(long.trim());
  });

  it('takes the level from <level>, else from a language course title', () => {
    expect(
      one({ title: 'Spanisch A2.1 (Flexikurs)', code: '4.01', keywords: ['LANGUAGES'] }).cefr_level,
    ).toBe('A2');
    expect(one({ title: 'Italienisch', code: '9.04', extra: '<level>B1.2</level>' }).cefr_level).toBe('B1');
    // A level in a non-language title ("Klasse B1") is no CEFR level.
    expect(one({ title: 'Führerschein Klasse B1 Theorie', keywords: ['BERUF'] }).cefr_level).toBeNull();
  });

  it('sets the language of instruction for foreign-language courses', () => {
    const es = one({ title: 'Spanisch A1.1 für Alltag und Beruf', code: '4.01', keywords: ['LANGUAGES'] });
    expect(es).toMatchObject({ language: 'es', category: 'sprachen', cefr_level: 'A1' });
    const de = one({ title: 'Deutsch Integrationskurs B1.1', code: '4.04', keywords: ['LANGUAGES'] });
    expect(de).toMatchObject({ language: 'de', category: 'deutsch_integration', cefr_level: 'B1' });
    // Italian cooking filed under health is taught in German.
    expect(one({ title: 'Italienisch kochen', keywords: ['HEALTH'] })).toMatchObject({
      language: 'de',
      category: 'gesundheit',
    });
  });

  it('derives funding: Bildungsurlaub, free, BAMF-funded integration courses', () => {
    expect(one({ title: 'Projektmanagement (Bildungszeit)' }).funding).toEqual(['bildungsurlaub']);
    expect(one({ keywords: ['Bildungsurlaub'] }).funding).toEqual(['bildungsurlaub']);
    expect(one({ texts: ['Dieser Kurs ist nicht als Bildungszeit anerkannt.'] }).funding).toEqual([]);
    expect(one({ price: '0.0' }).funding).toEqual(['free']);
    expect(one({ price: '0.0' }).run.price_cents).toBe(0);
    expect(one({ title: 'Deutsch Integrationskurs A2.2', code: '4.04' }).funding).toEqual(['other']);
    expect(one({ title: 'Deutsch B2.0 (Onlinekurs)', code: '4.04' }).funding).toEqual([]);
  });

  it('reads prices in euros as cents and leaves unreadable ones unknown', () => {
    expect(one({ price: '235.0' }).run.price_cents).toBe(23500);
    expect(one({ price: '117,50' }).run.price_cents).toBe(11750);
    expect(one({ price: null }).run).toMatchObject({ price_cents: null, price_note: null });
    expect(one({ price: '' }).run.price_cents).toBeNull();
    // A spreadsheet date serial in place of "29.4": unknown, not 45,776 €.
    expect(one({ price: '45776' }).run).toMatchObject({
      price_cents: null,
      price_note: 'erm. Preis: 45,00 EUR; Preis in der Quelle unleserlich',
    });
  });

  it('decides the format from places, title and keywords', () => {
    const online = one({ places: [ONLINE] });
    expect(online.run).toMatchObject({ format: 'online', venue: null });
    expect(one({ places: [ONLINE, MITTE] }).run.format).toBe('hybrid');
    expect(one({ title: 'Türkisch A1.1 (Onlinekurs)' }).run).toMatchObject({ format: 'online', venue: null });
    expect(one({ sessions: [], places: [], keywords: ['vhs.cloud'] }).run.format).toBe('online');
    expect(one({ sessions: [], places: [] }).run).toMatchObject({ format: 'in_person', venue: null });
    // vhs.cloud as a learning platform next to a classroom: in person.
    expect(
      one({ title: 'Deutsch Orientierungskurs', code: '4.04', keywords: ['vhs.cloud'] }).run.format,
    ).toBe('in_person');
  });

  it('counts sessions from <anzahl_termine> when none are listed, at most one a day', () => {
    const run = one({ sessions: [], places: [], begin: '2025-04-12', end: '2025-04-13' }).run;
    expect(run).toMatchObject({ session_count: 2, weekdays: [], starts_at: null, time_of_day: null });
  });

  it('rejects broken records with a reason and imports the rest', () => {
    const parsed = parseOpenVhs(
      file(
        record({ guid: '' }),
        record({ guid: '2', title: ' ' }),
        record({ guid: '3', begin: '2025-07-01', end: '2025-06-01' }),
        record({ guid: '4', begin: '31.02.2025' }),
        record({ guid: '5' }),
        record({ guid: '5', title: 'Doppelt' }),
        record({ guid: '6', price: 'auf Anfrage', places: [], sessions: [] }),
      ),
    );
    expect(parsed.rejected).toEqual([
      { ref: '„Yoga am Abend“', reason: 'Keine gültige guid' },
      { ref: '2', reason: 'Titel fehlt' },
      { ref: '3', reason: 'Beginn nach Ende' },
      { ref: '4', reason: 'Ungültiges Beginndatum „31.02.2025“' },
      { ref: '5', reason: 'guid kommt in der Datei mehrfach vor' },
    ]);
    expect(parsed.offers.map((o) => o.external_id)).toEqual(['5', '6']);
    expect(parsed.offers[1]!.run.price_cents).toBeNull();
  });

  it('throws OpenVhsFormatError for files that are not Open-vhs XML', () => {
    const cases = [
      '',
      'Kurs;Datum\nYoga;2025-05-01',
      '{"veranstaltungen": []}',
      '<veranstaltungen><veranstaltung><guid>1</guid></veranstaltungen>',
      '<?xml version="1.0"?><rss><channel/></rss>',
      '<veranstaltungen><export><ersteller><name>VHS</name></ersteller></export></veranstaltungen>',
      file(record()).slice(0, 900),
    ];
    for (const xml of cases) {
      expect(() => parseOpenVhs(xml), xml.slice(0, 40)).toThrow(OpenVhsFormatError);
    }
    const error = (() => {
      try {
        parseOpenVhs('<veranstaltungen><veranstaltung></veranstaltungen>');
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error).toBeInstanceOf(OpenVhsFormatError);
    expect(error?.name).toBe('OpenVhsFormatError');
    expect(error?.message).toMatch(/^Kein gültiges XML \(Zeile 1/);
  });

  it('accepts an export without courses', () => {
    expect(parseOpenVhs(file()).offers).toEqual([]);
  });
});

describe('DVV categories', () => {
  const cat = (code: string, title = 'Kurs', keywords: string[] = []) =>
    mapCategory({ code, title, keywords });

  it('maps the standard programme areas by their leading number', () => {
    expect(cat('1.01')).toBe('politik_gesellschaft_umwelt');
    expect(cat('2.03')).toBe('kultur_gestalten');
    expect(cat('3.05')).toBe('gesundheit');
    expect(cat('4.01')).toBe('sprachen');
    expect(cat('5.02')).toBe('arbeit_beruf_digitales');
    expect(cat('6.04')).toBe('grundbildung_schulabschluesse');
    expect(cat('9.99')).toBe(FALLBACK_CATEGORY);
    expect(cat('')).toBe(FALLBACK_CATEGORY);
  });

  it('maps German as a second language and integration courses to deutsch_integration', () => {
    expect(cat('4.04', 'Orientierungskurs B1')).toBe('deutsch_integration');
    expect(cat('4.01', 'Deutsch - Grundstufe A2.2, Modul 4')).toBe('deutsch_integration');
    expect(cat('', 'Alphabetisierung für Erwachsene')).toBe('deutsch_integration');
    expect(cat('4.01', 'Deutsche Gebärdensprache DGS I', ['LANGUAGES'])).toBe('sprachen');
    expect(cat('1.01', '80 Jahre Kriegsende in Deutschland', ['POLITIK-GESELLSCHAFT-UMWELT'])).toBe(
      'politik_gesellschaft_umwelt',
    );
    // A machine-translated keyword on an English course does not make it a German course.
    expect(cat('6.04', 'Englisch A1 - Kurs in leichter Sprache', ['German as a Second Language'])).toBe(
      'sprachen',
    );
  });

  it('prefers the area labels among the keywords over nonstandard codes', () => {
    expect(cat('1.03', 'Hatha-Yoga', ['HEALTH', 'ENTSPANNUNG'])).toBe('gesundheit');
    expect(cat('8.04', 'Französisch A1.4', ['LANGUAGES'])).toBe('sprachen');
    expect(cat('7.02', 'Ölmalerei', ['CULTURE', 'MALEN'])).toBe('kultur_gestalten');
    // Two labels: the one the code agrees with, else the more specific one.
    expect(cat('1.01', 'Stadtführung', ['CULTURE', 'POLITIK-GESELLSCHAFT-UMWELT'])).toBe(
      'politik_gesellschaft_umwelt',
    );
    expect(cat('6.01', 'Improvisationstheater', ['CULTURE', 'POLITIK-GESELLSCHAFT-UMWELT'])).toBe(
      'kultur_gestalten',
    );
    // No label: subject keywords.
    expect(cat('6.01', 'Konfliktmanagement', ['Kommunikation', 'Konfliktbewältigung'])).toBe(
      'arbeit_beruf_digitales',
    );
  });
});

describe('language, level and time helpers', () => {
  it('recognises the taught language from the first word of the title', () => {
    expect(instructionLanguage('Spanisch A1.1')).toBe('es');
    expect(instructionLanguage('English B1/B2 Conversation')).toBe('en');
    expect(instructionLanguage('Norwegisch A1 - Onlinekurs')).toBe('no');
    expect(instructionLanguage('Gebärdensprache - DGS 2')).toBe('gsg');
    expect(instructionLanguage('Englischer Garten im Frühling')).toBe('de');
    expect(instructionLanguage('Deutsch B1')).toBe('de');
  });

  it('reads CEFR levels', () => {
    expect(cefrFrom('A2.1')).toBe('A2');
    expect(cefrFrom('Englisch B1+ Conversation')).toBe('B1');
    expect(cefrFrom('Englisch A2/B1')).toBe('A2');
    expect(cefrFrom('Programmieren mit C#')).toBeNull();
    expect(cefrFrom('Kanban')).toBeNull();
  });

  it('splits the day at 12:00 and 17:00', () => {
    expect(timeOfDay('11:59')).toBe('morning');
    expect(timeOfDay('12:00')).toBe('afternoon');
    expect(timeOfDay('16:59')).toBe('afternoon');
    expect(timeOfDay('17:00')).toBe('evening');
  });

  it('turns HTML into tidy text', () => {
    expect(htmlToText('<ul><li>eins</li><li>zwei</li></ul>')).toBe('• eins\n• zwei');
    expect(htmlToText('<<b>Zur Anmeldung:</b>&#128270;')).toBe('Zur Anmeldung:🔎');
    expect(htmlToText('Lehrbuch <a href="https://voebb.example/x"; \nhier</a>.')).toBe(
      'Lehrbuch hier (https://voebb.example/x).',
    );
    expect(htmlToText('Gebärden <p style="visibility:hidden">Gebärden; taub/p>')).toBe('Gebärden');
    expect(htmlToText('Bewegung <> Rede')).toBe('Bewegung <> Rede');
  });
});

describe('Europe/Berlin offsets (EU rule, independent of the machine time zone)', () => {
  it('uses +01:00 before and +02:00 after the last Sunday of March', () => {
    expect(berlinOffset('2025-03-27', '18:00')).toBe('+01:00');
    expect(berlinOffset('2025-04-03', '18:00')).toBe('+02:00');
    expect(berlinOffset('2025-03-30', '01:30')).toBe('+01:00');
    expect(berlinOffset('2025-03-30', '03:30')).toBe('+02:00');
    expect(berlinOffset('2025-10-25', '18:00')).toBe('+02:00');
    expect(berlinOffset('2025-10-26', '18:00')).toBe('+01:00');
    expect(berlinOffset('2026-03-28', '18:00')).toBe('+01:00');
    expect(berlinOffset('2026-03-29', '18:00')).toBe('+02:00');
  });

  it('stores an 18:00 session in March and in April at different UTC hours', () => {
    const offer = one({
      begin: '2025-03-27',
      sessions: [
        ['2025-03-27', '18:00:00', '19:30:00'],
        ['2025-04-03', '18:00:00', '19:30:00'],
      ],
    });
    const [march, april] = offer.run.sessions;
    expect(march!.starts_at).toBe('2025-03-27T18:00:00+01:00');
    expect(april!.starts_at).toBe('2025-04-03T18:00:00+02:00');
    expect(new Date(march!.starts_at).toISOString()).toBe('2025-03-27T17:00:00.000Z');
    expect(new Date(april!.starts_at).toISOString()).toBe('2025-04-03T16:00:00.000Z');
    expect(berlinIso('2025-12-01', '09:15')).toBe('2025-12-01T09:15:00+01:00');
  });
});
