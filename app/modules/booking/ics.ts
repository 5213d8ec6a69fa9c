import { formatTime, localParts, ZONE } from '../../utils/zoned';
/**
 * iCalendar (RFC 5545) invitations for counselling appointments, sent as iMIP mail
 * attachments (RFC 6047). Mail clients recognise the same UID with a higher SEQUENCE as an
 * update of the entry they already hold, and METHOD:CANCEL as its removal — so a booking
 * keeps one calendar entry through reschedules and cancellation.
 */

export interface CalendarEvent {
  /** Stable for the lifetime of the booking (e.g. its uuid); written as `${uid}@wegweiser`. */
  uid: string;
  /** Must grow with every change, or clients ignore the update as stale. */
  sequence: number;
  method: 'REQUEST' | 'CANCEL';
  /** Absolute instants; written as Europe/Berlin wall-clock times. */
  start: Date;
  end: Date;
  /** When this version of the event was created (DTSTAMP, written in UTC). */
  stamp: Date;
  summary: string;
  description: string;
  location?: string;
  url?: string;
  organizer: { name: string; email: string };
  attendee?: { name: string; email: string };
}

const CRLF = '\r\n';
const MAX_LINE_OCTETS = 75;

// Written out instead of derived from the runtime's tz database, because the receiving
// client converts with exactly these rules. If the EU ever changes its DST rules, this
// block and the Intl conversion below (ICU's tzdata) must change together.
// DTSTART 1970 is the usual anchor (as in Mozilla's and tzurl.org's definitions); only the
// rules for the appointment's year matter.
const VTIMEZONE_BERLIN = [
  'BEGIN:VTIMEZONE',
  `TZID:${ZONE}`,
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

export function buildCalendar(event: CalendarEvent): string {
  assertValid(event);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Wegweiser//Beratung//DE',
    'CALSCALE:GREGORIAN',
    `METHOD:${event.method}`,
    ...VTIMEZONE_BERLIN,
    ...eventLines(event),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}

function eventLines(event: CalendarEvent): string[] {
  const cancelled = event.method === 'CANCEL';
  return [
    'BEGIN:VEVENT',
    `UID:${escapeText(`${event.uid}@wegweiser`)}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${formatUtc(event.stamp)}`,
    `DTSTART;TZID=${ZONE}:${formatBerlin(event.start)}`,
    `DTEND;TZID=${ZONE}:${formatBerlin(event.end)}`,
    `SUMMARY:${escapeText(event.summary)}`,
    `DESCRIPTION:${escapeText(event.description)}`,
    ...(event.location ? [`LOCATION:${escapeText(event.location)}`] : []),
    ...(event.url ? [`URL:${uriValue(event.url)}`] : []),
    `ORGANIZER;CN=${paramValue(event.organizer.name)}:${mailto(event.organizer.email)}`,
    ...(event.attendee ? [attendeeLine(event.attendee)] : []),
    `STATUS:${cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    'TRANSP:OPAQUE',
    // A reminder for an appointment that no longer exists would only confuse.
    ...(cancelled ? [] : alarmLines(event.summary)),
    'END:VEVENT',
  ];
}

// The attendee booked the slot through the portal, so the appointment is already agreed:
// ACCEPTED with RSVP=FALSE. NEEDS-ACTION would make Outlook & co. show accept/decline
// buttons and send iMIP replies to a mailbox that does not process them.
function attendeeLine(attendee: { name: string; email: string }): string {
  const params = `CN=${paramValue(attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE`;
  return `ATTENDEE;${params}:${mailto(attendee.email)}`;
}

function alarmLines(summary: string): string[] {
  return [
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    'TRIGGER:-PT1H',
    `DESCRIPTION:${escapeText(summary)}`,
    'END:VALARM',
  ];
}

function assertValid(event: CalendarEvent): void {
  for (const [name, date] of [
    ['start', event.start],
    ['end', event.end],
    ['stamp', event.stamp],
  ] as const) {
    if (Number.isNaN(date.getTime())) throw new RangeError(`ics: invalid ${name} date`);
  }
  if (event.end < event.start) throw new RangeError('ics: end is before start');
  if (!Number.isInteger(event.sequence) || event.sequence < 0) {
    throw new RangeError('ics: sequence must be a non-negative integer');
  }
}

// --- value formatting -------------------------------------------------------------------

/** YYYYMMDDTHHMMSS as shown on a clock in Berlin at that instant. */
function formatBerlin(at: Date): string {
  const { date, minutes, seconds } = localParts(at);
  return `${date.replaceAll('-', '')}T${formatTime(minutes).replace(':', '')}${String(seconds).padStart(2, '0')}`;
}

/** YYYYMMDDTHHMMSSZ; iCalendar has no fractional seconds. */
function formatUtc(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

// RFC 5545 forbids control characters in content lines (except HTAB); a stray one would
// make strict parsers reject the whole file.
function stripControls(value: string): string {
  return value.replace(/\t/g, ' ').replace(/\p{Cc}/gu, '');
}

/** TEXT value (RFC 5545 §3.3.11). Backslash first, or the escapes get escaped again. */
function escapeText(value: string): string {
  return stripControls(
    value
      .replace(/\\/g, '\\\\')
      .replace(/;/g, '\\;')
      .replace(/,/g, '\\,')
      .replace(/\r\n|\r|\n/g, '\\n'),
  );
}

// Parameter values have no escaping mechanism: a quoted string may contain ; : , but
// never a double quote, so the quotes are dropped rather than escaped.
function paramValue(value: string): string {
  return `"${stripControls(value.replace(/\r\n|\r|\n/g, ' ')).replace(/"/g, '')}"`;
}

// URI values are not TEXT: backslash-escaping a comma would change the address.
function uriValue(value: string): string {
  return stripControls(value).trim();
}

function mailto(email: string): string {
  return `mailto:${uriValue(email)}`;
}

// --- line folding -----------------------------------------------------------------------

/**
 * Folds at 75 octets as RFC 5545 §3.1 requires. Iterating code points (not UTF-16 units)
 * keeps multi-byte characters and surrogate pairs whole. The leading space of a
 * continuation line counts towards its 75 octets.
 */
function foldLine(line: string): string {
  const segments: string[] = [];
  let current = '';
  let octets = 0;
  let limit = MAX_LINE_OCTETS;
  for (const char of line) {
    const size = utf8Length(char);
    if (octets + size > limit) {
      segments.push(current);
      current = '';
      octets = 0;
      limit = MAX_LINE_OCTETS - 1;
    }
    current += char;
    octets += size;
  }
  segments.push(current);
  return segments.join(`${CRLF} `);
}

// Lone surrogates count 3, as TextEncoder replaces them with U+FFFD.
function utf8Length(char: string): number {
  const codePoint = char.codePointAt(0) ?? 0;
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}
