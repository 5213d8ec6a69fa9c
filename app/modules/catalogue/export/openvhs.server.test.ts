import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { ExportOffer } from '../../../../db/queries/export.server';
import { parseOpenVhs } from '../import/openvhs';
import { escapeXml, htmlSafe, offerRecords, openVhsChunks, textsFor } from './openvhs.server';
import { offer, run, session, VENUE } from './test-offers';

async function write(offers: ExportOffer[], catalogue?: { baseUrl: string }): Promise<string> {
  async function* batches() {
    yield offers.slice(0, 1);
    yield offers.slice(1);
  }
  let xml = '';
  for await (const chunk of openVhsChunks(batches(), {
    creator: { guid: 'vhs-kassel', name: 'VHS Kassel & Umland' },
    exportedAt: '2025-03-20T02:00:00.000Z',
    catalogue,
  })) {
    xml += chunk;
  }
  return xml;
}

const instants = (sessions: { starts_at: string; ends_at: string }[]) =>
  sessions.map((s) => [Date.parse(s.starts_at), Date.parse(s.ends_at)]);

// ---- escaping ------------------------------------------------------------------------------

describe('escapeXml', () => {
  it('escapes markup characters and drops what XML cannot hold', () => {
    expect(escapeXml(`a & b < c > d " e ' f`)).toBe('a &amp; b &lt; c &gt; d &quot; e &apos; f');
    expect(escapeXml('Ende ]]> hier')).toBe('Ende ]]&gt; hier');
    expect(escapeXml('zeile\r\nzwei\rdrei')).toBe('zeile\nzwei\ndrei');
    expect(escapeXml('a\u0000b\u0008c\u001fd\uFFFEe\uD800f')).toBe('abcdef');
    expect(escapeXml('Tab\tbleibt, 😀 auch')).toBe('Tab\tbleibt, 😀 auch');
  });

  it('keeps plain text plain and escapes only what would read as HTML', () => {
    expect(htmlSafe('Rock & Roll')).toBe('Rock & Roll');
    expect(htmlSafe('<b>fett</b> &amp; &#228;')).toBe('&lt;b>fett&lt;/b> &amp;amp; &amp;#228;');
  });
});

// ---- round trip through the importer's parser -------------------------------------------------

describe('Open-vhs writer', () => {
  it('writes well-formed XML that parses back to the same titles, runs, sessions and prices', async () => {
    const tricky = offer({
      title: `Rock & Roll <für> "Anfänger" – 'A' &amp; Co ]]>`,
      subtitle: 'Mit <Spaß> & Schwung',
      summary: 'Kurz & gut.',
      description: 'Kurz & gut.\n\n<b>Kein HTML</b>, aber 5 < 7 und &nbsp; als Text.',
      keywords: ['tanz', 'rock & roll'],
      category: 'kultur_gestalten',
      runs: [
        run({ price_cents: 1250, price_note: null }),
        run({
          format: 'online',
          venue: null,
          starts_on: '2025-10-25',
          ends_on: '2025-10-25',
          session_count: 1,
          weekdays: [6],
          starts_at: '22:00',
          ends_at: '01:30',
          // Over midnight into the night the clocks went back.
          sessions: [session('2025-10-25T22:00', '2025-10-26T01:30', '+02:00')],
          price_cents: 0,
          price_note: null,
        }),
        run({ status: 'cancelled' }),
      ],
    });
    const language = offer({
      title: 'Spanisch A2 – Konversation',
      category: 'sprachen',
      language: 'es',
      cefr_level: 'A2',
      keywords: ['sprachkurs', 'spanisch'],
      funding: ['bildungsurlaub'],
      registration_url: 'https://vhs.example/buchen/spanisch-a2',
      runs: [run({ format: 'hybrid', price_cents: null, price_note: 'Preis auf Anfrage' })],
    });
    const noRuns = offer({ title: 'Malen nach Zahlen', category: 'kultur_gestalten', runs: [] });

    const xml = await write([tricky, language, noRuns]);
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = parseOpenVhs(xml);
    expect(parsed.rejected).toEqual([]);
    expect(parsed.provider).toEqual({ externalRef: 'vhs-kassel', name: 'VHS Kassel & Umland' });
    expect(parsed.exportedAt).toBe('2025-03-20T02:00:00.000Z');
    // One record per scheduled run; the cancelled run is not offered.
    expect(parsed.offers.map((o) => o.external_id)).toEqual([
      `kurs-${tricky.id}-${tricky.runs[0]!.id}`,
      `kurs-${tricky.id}-${tricky.runs[1]!.id}`,
      language.external_id,
      noRuns.external_id,
    ]);

    const [inPerson, online, spanish, undated] = parsed.offers as [
      (typeof parsed.offers)[number],
      (typeof parsed.offers)[number],
      (typeof parsed.offers)[number],
      (typeof parsed.offers)[number],
    ];
    for (const o of [inPerson, online]) {
      expect(o.title).toBe(tricky.title);
      expect(o.subtitle).toBe(tricky.subtitle);
      expect(o.category).toBe('kultur_gestalten');
      expect(o.language).toBe('de');
      expect(o.keywords).toEqual(tricky.keywords);
      expect(o.summary).toBe('Kurz & gut.');
      expect(o.description).toBe(`Kurz & gut.\n\n${tricky.description.split('\n\n')[1]}`);
      expect(o.course_number).toBe(tricky.course_number);
      expect(o.website).toBe(tricky.website);
      expect(o.registration_url).toBeNull();
      expect(o.target_groups).toEqual(['Erwachsene']);
    }

    const first = tricky.runs[0]!;
    expect(inPerson.run).toMatchObject({
      starts_on: first.starts_on,
      ends_on: first.ends_on,
      session_count: 3,
      weekdays: first.weekdays,
      starts_at: '18:00',
      ends_at: '19:30',
      time_of_day: 'evening',
      format: 'in_person',
      price_cents: 1250,
      price_note: null,
      seats: 14,
      venue: {
        name: VENUE.name,
        street: VENUE.street,
        postcode: VENUE.postcode,
        city: VENUE.city,
        district: VENUE.district,
        accessible: true,
      },
    });
    expect(instants(inPerson.run.sessions)).toEqual(instants(first.sessions));

    const second = tricky.runs[1]!;
    expect(online.run).toMatchObject({
      starts_on: '2025-10-25',
      ends_on: '2025-10-25',
      session_count: 1,
      format: 'online',
      venue: null,
      price_cents: 0,
    });
    expect(instants(online.run.sessions)).toEqual(instants(second.sessions));
    expect(online.funding).toEqual(['free']);

    expect(spanish).toMatchObject({
      title: language.title,
      category: 'sprachen',
      language: 'es',
      cefr_level: 'A2',
      keywords: ['sprachkurs', 'spanisch'],
      funding: ['bildungsurlaub'],
      summary: language.summary,
      description: language.description,
      // The booking link travels as a <webadresse> of its own; the website stays the website.
      registration_url: 'https://vhs.example/buchen/spanisch-a2',
      website: language.website,
    });
    expect(spanish.run).toMatchObject({
      format: 'hybrid',
      price_cents: null,
      price_note: 'Preis auf Anfrage',
      venue: { name: VENUE.name },
    });
    expect(instants(spanish.run.sessions)).toEqual(instants(language.runs[0]!.sessions));

    expect(undated.title).toBe('Malen nach Zahlen');
    expect(undated.run).toMatchObject({ starts_on: null, ends_on: null, sessions: [], price_cents: null });
  });

  it('adds the area label only when the keywords would point elsewhere', async () => {
    const painted = offer({ category: 'gesundheit', title: 'Entspannt malen', keywords: ['malen'] });
    const plain = offer({ category: 'gesundheit', title: 'Rückenfit', keywords: ['rückentraining'] });
    const parsed = parseOpenVhs(await write([painted, plain]));
    expect(parsed.offers.map((o) => [o.category, o.keywords])).toEqual([
      ['gesundheit', ['malen', 'gesundheit']],
      ['gesundheit', ['rückentraining']],
    ]);
  });

  it('keeps summary and description apart only when the summary is not the first paragraph', () => {
    expect(textsFor('Erster Absatz.', 'Erster Absatz.\n\nZweiter.')).toEqual([
      { kind: 'text', text: 'Erster Absatz.\n\nZweiter.' },
    ]);
    expect(textsFor('Anders.', 'Beschreibung.')).toEqual([
      { kind: 'kurztext', text: 'Anders.' },
      { kind: 'text', text: 'Beschreibung.' },
    ]);
    expect(textsFor('', '')).toEqual([]);
  });

  it('writes several providers into one catalogue file with unique portal guids', async () => {
    const a = offer({ external_id: 'same-guid' });
    const b = offer({
      external_id: 'same-guid',
      provider: {
        ...offer().provider,
        id: 8,
        slug: 'sprachschule',
        name: 'Sprachschule <Nord>',
        external_ref: null,
      },
    });
    const xml = await write([a, b], { baseUrl: 'https://wegweiser.example' });
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('xmlns:wegweiser="urn:x-wegweiser:open-vhs:1"');
    expect(xml).toContain('<wegweiser:name>Sprachschule &amp;lt;Nord&gt;</wegweiser:name>');
    expect(xml).toContain('<wegweiser:guid>wegweiser-anbieter-8</wegweiser:guid>');
    expect(xml).toContain(`<uri>https://wegweiser.example/angebote/${b.id}</uri>`);
    const parsed = parseOpenVhs(xml);
    expect(parsed.rejected).toEqual([]);
    expect(parsed.offers.map((o) => o.external_id)).toEqual([
      `wegweiser-${a.id}-${a.runs[0]!.id}`,
      `wegweiser-${b.id}-${b.runs[0]!.id}`,
    ]);
  });

  it('never repeats a guid in a provider file', () => {
    const used = new Set<string>();
    const a = offer({ external_id: 'dup' });
    const b = offer({ external_id: 'dup' });
    const c = offer({ external_id: 'not a valid guid!' });
    const xml = [a, b, c].map((o) => offerRecords(o, { usedGuids: used })).join('');
    expect([...xml.matchAll(/<guid>([^<]+)<\/guid>/g)].map((m) => m[1])).toEqual([
      'dup',
      `wegweiser-${b.id}-${b.runs[0]!.id}`,
      `wegweiser-${c.id}`,
    ]);
  });
});
