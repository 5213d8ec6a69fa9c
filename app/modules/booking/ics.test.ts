import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildCalendar, type CalendarEvent } from './ics';

const BASE: CalendarEvent = {
  uid: '6f1c2b0e-8d4a-4c1e-9b7a-2f3d4e5a6b7c',
  sequence: 0,
  method: 'REQUEST',
  start: new Date('2026-12-01T08:00:00Z'),
  end: new Date('2026-12-01T09:00:00Z'),
  stamp: new Date('2026-11-20T12:34:56Z'),
  summary: 'Schuldnerberatung',
  description: 'Bitte bringen Sie Ihre Unterlagen mit.',
  location: 'Rathaus, Zimmer 12',
  url: 'https://wegweiser.example/termine/abc?x=1,2',
  organizer: { name: 'Beratungsstelle Mitte', email: 'beratung@example.org' },
  attendee: { name: 'Erika Mustermann', email: 'erika@example.com' },
};

function event(overrides: Partial<CalendarEvent> = {}): CalendarEvent {
  return { ...BASE, ...overrides };
}

/** Parses with ical.js the way a receiving client would, with the VTIMEZONE registered. */
function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const vtimezone = calendar.getFirstSubcomponent('vtimezone');
  if (!vtimezone) throw new Error('no VTIMEZONE');
  ICAL.TimezoneService.register(vtimezone);
  const vevent = calendar.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('no VEVENT');
  return { calendar, vtimezone, vevent, event: new ICAL.Event(vevent) };
}

function physicalLines(ics: string): string[] {
  expect(ics.endsWith('\r\n')).toBe(true);
  return ics.slice(0, -2).split('\r\n');
}

function unfolded(ics: string): string[] {
  return ics.replace(/\r\n /g, '').split('\r\n');
}

describe('buildCalendar', () => {
  it('writes the calendar header, UID and SEQUENCE', () => {
    const { calendar, event: parsed } = parse(buildCalendar(event({ sequence: 3 })));
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//Wegweiser//Beratung//DE');
    expect(calendar.getFirstPropertyValue('calscale')).toBe('GREGORIAN');
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(parsed.uid).toBe(`${BASE.uid}@wegweiser`);
    expect(parsed.sequence).toBe(3);
  });

  it('writes DTSTAMP in UTC', () => {
    const ics = buildCalendar(event({ stamp: new Date('2026-11-20T12:34:56.789Z') }));
    expect(unfolded(ics)).toContain('DTSTAMP:20261120T123456Z');
    const stamp = parse(ics).vevent.getFirstPropertyValue('dtstamp') as ICAL.Time;
    expect(stamp.zone?.tzid).toBe('UTC');
    expect(stamp.toJSDate().toISOString()).toBe('2026-11-20T12:34:56.000Z');
  });

  describe('DTSTART/DTEND in Europe/Berlin round-trip to the original instant', () => {
    const cases = [
      { name: 'winter', start: '2026-12-01T08:00:00Z', local: '20261201T090000' },
      { name: 'summer', start: '2027-04-01T07:00:00Z', local: '20270401T090000' },
      { name: 'spring switch day', start: '2027-03-28T08:00:00Z', local: '20270328T100000' },
      { name: 'autumn switch day', start: '2027-10-31T09:00:00Z', local: '20271031T100000' },
      // Just before and after each switch, outside the skipped/doubled hour.
      { name: 'before spring switch', start: '2027-03-28T00:30:00Z', local: '20270328T013000' },
      { name: 'after spring switch', start: '2027-03-28T01:30:00Z', local: '20270328T033000' },
      { name: 'before autumn switch', start: '2027-10-30T23:00:00Z', local: '20271031T010000' },
      { name: 'after autumn switch', start: '2027-10-31T02:30:00Z', local: '20271031T033000' },
      { name: 'midnight', start: '2026-12-31T23:00:00Z', local: '20270101T000000' },
    ];
    for (const { name, start, local } of cases) {
      it(name, () => {
        const startDate = new Date(start);
        const endDate = new Date(startDate.getTime() + 45 * 60_000);
        const ics = buildCalendar(event({ start: startDate, end: endDate }));
        expect(unfolded(ics)).toContain(`DTSTART;TZID=Europe/Berlin:${local}`);

        const { vevent, event: parsed } = parse(ics);
        expect(vevent.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Europe/Berlin');
        expect(vevent.getFirstProperty('dtend')?.getParameter('tzid')).toBe('Europe/Berlin');
        expect(parsed.startDate.zone?.tzid).toBe('Europe/Berlin');
        expect(parsed.startDate.toJSDate().toISOString()).toBe(startDate.toISOString());
        expect(parsed.endDate.toJSDate().toISOString()).toBe(endDate.toISOString());
      });
    }
  });

  // Inherent to TZID local times, not to this module: 02:00–03:00 on the autumn switch day
  // happens twice and both instants are written alike. RFC 5545 says the first is meant;
  // ical.js picks the second. No counselling appointment falls into that hour.
  it('writes both occurrences of the doubled autumn hour with the same wall-clock time', () => {
    const first = buildCalendar(
      event({ start: new Date('2027-10-31T00:30:00Z'), end: new Date('2027-10-31T03:00:00Z') }),
    );
    const second = buildCalendar(
      event({ start: new Date('2027-10-31T01:30:00Z'), end: new Date('2027-10-31T03:00:00Z') }),
    );
    expect(unfolded(first)).toContain('DTSTART;TZID=Europe/Berlin:20271031T023000');
    expect(unfolded(second)).toContain('DTSTART;TZID=Europe/Berlin:20271031T023000');
  });

  it('defines a VTIMEZONE with CEST in July and CET in January', () => {
    const { vtimezone } = parse(buildCalendar(event()));
    const tz = new ICAL.Timezone(vtimezone);
    expect(tz.tzid).toBe('Europe/Berlin');
    const offsetAt = (month: number) =>
      ICAL.UtcOffset.fromSeconds(tz.utcOffset(ICAL.Time.fromData({ year: 2027, month, day: 15, hour: 12 })));
    expect(offsetAt(7).toString()).toBe('+02:00');
    expect(offsetAt(1).toString()).toBe('+01:00');
    expect(
      ICAL.TimezoneService.get('Europe/Berlin')?.utcOffset(
        ICAL.Time.fromData({ year: 2030, month: 8, day: 1 }),
      ),
    ).toBe(7200);
  });

  it('confirms a REQUEST and adds a reminder one hour before', () => {
    const { vevent } = parse(buildCalendar(event()));
    expect(vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(vevent.getFirstPropertyValue('transp')).toBe('OPAQUE');
    const alarms = vevent.getAllSubcomponents('valarm');
    expect(alarms).toHaveLength(1);
    expect(alarms[0]?.getFirstPropertyValue('action')).toBe('DISPLAY');
    expect(alarms[0]?.getFirstPropertyValue('trigger')?.toString()).toBe('-PT1H');
    expect(alarms[0]?.getFirstPropertyValue('description')).toBe(BASE.summary);
  });

  it('marks a CANCEL as cancelled, without reminder', () => {
    const ics = buildCalendar(event({ method: 'CANCEL', sequence: 2 }));
    const { calendar, vevent, event: parsed } = parse(ics);
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(vevent.getAllSubcomponents('valarm')).toHaveLength(0);
    expect(parsed.uid).toBe(`${BASE.uid}@wegweiser`);
    expect(parsed.sequence).toBe(2);
    expect(ics).not.toContain('VALARM');
  });

  it('writes organizer and attendee with quoted CN', () => {
    const ics = buildCalendar(
      event({
        organizer: { name: 'Beratungsstelle "Mitte", Amt; Soziales: Süd', email: 'beratung@example.org' },
        attendee: { name: 'فاطمة "Fatma" Öztürk', email: 'fatma@example.com' },
      }),
    );
    const lines = unfolded(ics);
    expect(lines).toContain(
      'ORGANIZER;CN="Beratungsstelle Mitte, Amt; Soziales: Süd":mailto:beratung@example.org',
    );
    expect(lines).toContain(
      'ATTENDEE;CN="فاطمة Fatma Öztürk";ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:mailto:fatma@example.com',
    );

    const { vevent } = parse(ics);
    const organizer = vevent.getFirstProperty('organizer');
    expect(organizer?.getParameter('cn')).toBe('Beratungsstelle Mitte, Amt; Soziales: Süd');
    expect(organizer?.getFirstValue()).toBe('mailto:beratung@example.org');
    const attendee = vevent.getFirstProperty('attendee');
    expect(attendee?.getParameter('cn')).toBe('فاطمة Fatma Öztürk');
    expect(attendee?.getParameter('partstat')).toBe('ACCEPTED');
    expect(attendee?.getParameter('role')).toBe('REQ-PARTICIPANT');
    expect(attendee?.getParameter('rsvp')).toBe('FALSE');
    expect(attendee?.getFirstValue()).toBe('mailto:fatma@example.com');
  });

  it('leaves out optional properties that are not given', () => {
    const ics = buildCalendar(event({ location: undefined, url: undefined, attendee: undefined }));
    const { vevent } = parse(ics);
    expect(vevent.hasProperty('location')).toBe(false);
    expect(vevent.hasProperty('url')).toBe(false);
    expect(vevent.hasProperty('attendee')).toBe(false);
  });

  it('writes URL as a URI, without text escaping', () => {
    const ics = buildCalendar(event());
    expect(unfolded(ics)).toContain('URL:https://wegweiser.example/termine/abc?x=1,2');
    expect(parse(ics).vevent.getFirstPropertyValue('url')).toBe(BASE.url);
  });

  it('escapes text so that it round-trips', () => {
    const summary = 'Beratung: Miete, Nebenkosten; Fragen\nZweite Zeile – Müller & Söhne, Straße C:\\Pfad';
    const description = `Termin zur Sozialberatung.\r\nموعد استشارة اجتماعية، يرجى إحضار المستندات; شكراً\nÄÖÜ äöü ß 😀`;
    const location = 'Rathaus, Zimmer 1; Erdgeschoss\nEingang B';
    const ics = buildCalendar(event({ summary, description, location }));

    expect(unfolded(ics)).toContain(
      'SUMMARY:Beratung: Miete\\, Nebenkosten\\; Fragen\\nZweite Zeile – Müller & Söhne\\, Straße C:\\\\Pfad',
    );
    const { event: parsed } = parse(ics);
    expect(parsed.summary).toBe(summary);
    // CRLF in the input is normalised to the single newline iCalendar knows.
    expect(parsed.description).toBe(description.replace('\r\n', '\n'));
    expect(parsed.location).toBe(location);
  });

  it('drops control characters that RFC 5545 forbids', () => {
    const ics = buildCalendar(event({ summary: 'A\u0000B\u0007C\tD' }));
    expect(unfolded(ics)).toContain('SUMMARY:ABC D');
  });

  describe('line format', () => {
    const long = event({
      summary: `Beratung ${'ä'.repeat(40)} ${'استشارة '.repeat(10)} ${'😀'.repeat(30)}`,
      description: 'x'.repeat(500),
      location: 'Ö'.repeat(100),
    });

    it('ends every line with CRLF and has no bare CR or LF', () => {
      const ics = buildCalendar(long);
      expect(ics.endsWith('\r\n')).toBe(true);
      expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    });

    it('folds lines at 75 octets without splitting characters', () => {
      const ics = buildCalendar(long);
      const lines = physicalLines(ics);
      expect(lines.some((line) => line.startsWith(' '))).toBe(true);
      for (const line of lines) {
        expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
        // A split surrogate pair would not survive the UTF-8 round trip.
        expect(Buffer.from(line, 'utf8').toString('utf8')).toBe(line);
      }
      const { event: parsed } = parse(ics);
      expect(parsed.summary).toBe(long.summary);
      expect(parsed.description).toBe(long.description);
      expect(parsed.location).toBe(long.location);
    });

    it('does not fold a line of exactly 75 octets, but one of 76', () => {
      const exact = physicalLines(buildCalendar(event({ summary: 'a'.repeat(75 - 'SUMMARY:'.length) })));
      expect(exact).toContain(`SUMMARY:${'a'.repeat(67)}`);
      const over = physicalLines(buildCalendar(event({ summary: 'a'.repeat(68) })));
      expect(over).toContain(`SUMMARY:${'a'.repeat(67)}`);
      expect(over).toContain(' a');
    });
  });

  it('rejects invalid input', () => {
    expect(() => buildCalendar(event({ start: new Date('nope') }))).toThrow(RangeError);
    expect(() => buildCalendar(event({ end: new Date('2026-12-01T07:00:00Z') }))).toThrow(RangeError);
    expect(() => buildCalendar(event({ sequence: -1 }))).toThrow(RangeError);
    expect(() => buildCalendar(event({ sequence: 1.5 }))).toThrow(RangeError);
  });
});
