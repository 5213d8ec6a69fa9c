/**
 * Statutory public holidays in Germany, nationwide and per Land, so that no counselling
 * appointment is offered on a day off. Only holidays that apply to a whole Land count:
 * regional ones (Fronleichnam in parts of SN/TH, Mariä Himmelfahrt in parts of BY,
 * Augsburger Friedensfest) can't be decided from the Land alone and are left out.
 *
 * Every date is handled as a UTC calendar day (Date.UTC / getUTC*): a holiday is a
 * calendar date, not an instant, and local-time arithmetic would let the server's
 * timezone or a daylight-saving switch move it by a day.
 */

export const GERMAN_STATES = [
  'BW',
  'BY',
  'BE',
  'BB',
  'HB',
  'HH',
  'HE',
  'MV',
  'NI',
  'NW',
  'RP',
  'SL',
  'SN',
  'ST',
  'SH',
  'TH',
] as const;

export type GermanState = (typeof GERMAN_STATES)[number];

export function isGermanState(value: string): value is GermanState {
  return (GERMAN_STATES as readonly string[]).includes(value);
}

export interface Holiday {
  /** YYYY-MM-DD */
  date: string;
  /** Official German name, e.g. 'Tag der Deutschen Einheit'. */
  name: string;
}

/**
 * The rules below encode the law as it stands; earlier years had other rules (e.g. no
 * Frauentag in Berlin before 2019, Reformationstag in HB/HH/NI/SH only since 2018), so
 * years outside this range are refused rather than answered wrongly.
 */
export const FIRST_YEAR = 2020;
export const LAST_YEAR = 2040;

/** Whether the rules cover `year`: every date the booking takes in is bounded by this. */
export function coversYear(year: number): boolean {
  return Number.isInteger(year) && year >= FIRST_YEAR && year <= LAST_YEAR;
}

const ALL: 'all' = 'all';

interface Rule {
  name: string;
  states: typeof ALL | readonly GermanState[];
  since?: number;
  /** UTC midnight of the holiday in the given year; `easter` is Easter Sunday's UTC midnight. */
  on: (year: number, easter: number) => number;
}

const DAY_MS = 86_400_000;

const fixed = (month: number, day: number) => (year: number) => Date.UTC(year, month - 1, day);
const afterEaster = (days: number) => (_year: number, easter: number) => easter + days * DAY_MS;

/** The Wednesday strictly before 23 November (Saxony's Buß- und Bettag law). */
function repentanceDay(year: number): number {
  const nov22 = Date.UTC(year, 10, 22);
  const back = (new Date(nov22).getUTCDay() - 3 + 7) % 7;
  return nov22 - back * DAY_MS;
}

const RULES: readonly Rule[] = [
  { name: 'Neujahr', states: ALL, on: fixed(1, 1) },
  { name: 'Heilige Drei Könige', states: ['BW', 'BY', 'ST'], on: fixed(1, 6) },
  { name: 'Internationaler Frauentag', states: ['BE'], on: fixed(3, 8) },
  { name: 'Internationaler Frauentag', states: ['MV'], since: 2023, on: fixed(3, 8) },
  { name: 'Karfreitag', states: ALL, on: afterEaster(-2) },
  // Brandenburg is the only Land that lists the Sundays explicitly; elsewhere they are
  // "only" Sundays, which matters for surcharges but not for our bookings.
  { name: 'Ostersonntag', states: ['BB'], on: afterEaster(0) },
  { name: 'Ostermontag', states: ALL, on: afterEaster(1) },
  { name: 'Tag der Arbeit', states: ALL, on: fixed(5, 1) },
  { name: 'Christi Himmelfahrt', states: ALL, on: afterEaster(39) },
  { name: 'Pfingstsonntag', states: ['BB'], on: afterEaster(49) },
  { name: 'Pfingstmontag', states: ALL, on: afterEaster(50) },
  { name: 'Fronleichnam', states: ['BW', 'BY', 'HE', 'NW', 'RP', 'SL'], on: afterEaster(60) },
  { name: 'Mariä Himmelfahrt', states: ['SL'], on: fixed(8, 15) },
  { name: 'Weltkindertag', states: ['TH'], since: 2019, on: fixed(9, 20) },
  { name: 'Tag der Deutschen Einheit', states: ALL, on: fixed(10, 3) },
  {
    name: 'Reformationstag',
    states: ['BB', 'HB', 'HH', 'MV', 'NI', 'SN', 'ST', 'SH', 'TH'],
    on: fixed(10, 31),
  },
  { name: 'Allerheiligen', states: ['BW', 'BY', 'NW', 'RP', 'SL'], on: fixed(11, 1) },
  { name: 'Buß- und Bettag', states: ['SN'], on: repentanceDay },
  { name: '1. Weihnachtstag', states: ALL, on: fixed(12, 25) },
  { name: '2. Weihnachtstag', states: ALL, on: fixed(12, 26) },
];

/** Easter Sunday as UTC midnight, by the anonymous Gregorian (Meeus/Jones/Butcher) algorithm. */
function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return Date.UTC(year, month - 1, day);
}

const pad = (n: number) => String(n).padStart(2, '0');

function isoDay(utcMs: number): string {
  const at = new Date(utcMs);
  return `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}`;
}

function assertYear(year: number): void {
  if (!coversYear(year)) {
    throw new RangeError(`Holiday rules cover ${FIRST_YEAR}–${LAST_YEAR}, got ${year}`);
  }
}

function assertState(state: string): asserts state is GermanState {
  // Callers may pass values straight from a form or the database despite the type.
  if (!isGermanState(state)) throw new RangeError(`Unknown German state: ${state}`);
}

export function publicHolidays(year: number, state: GermanState): Holiday[] {
  assertYear(year);
  assertState(state);
  const easter = easterSunday(year);
  const byDate = new Map<string, Holiday>();
  for (const rule of RULES) {
    if (rule.states !== ALL && !rule.states.includes(state)) continue;
    if (rule.since !== undefined && year < rule.since) continue;
    const date = isoDay(rule.on(year, easter));
    // Movable and fixed feasts can coincide (e.g. Himmelfahrt on 1 May in 2008); the day
    // is off either way, so it is listed once, under the first name.
    if (!byDate.has(date)) byDate.set(date, { date, name: rule.name });
  }
  // ISO dates sort correctly as plain strings.
  return [...byDate.values()].sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseIsoDay(value: string): { year: number; iso: string } {
  const m = ISO_DATE.exec(value);
  if (m) {
    const year = Number(m[1]);
    const ms = Date.UTC(year, Number(m[2]) - 1, Number(m[3]));
    // Date.UTC rolls 2026-02-31 over into March; a round trip catches impossible dates.
    if (isoDay(ms) === value) return { year, iso: value };
  }
  throw new RangeError(`Not a YYYY-MM-DD date: ${value}`);
}

/** Holiday dates from `fromDate` to `toDate`, both inclusive; empty when `fromDate` is after `toDate`. */
export function holidayDates(fromDate: string, toDate: string, state: GermanState): Set<string> {
  const from = parseIsoDay(fromDate);
  const to = parseIsoDay(toDate);
  assertState(state);
  const dates = new Set<string>();
  for (let year = from.year; year <= to.year; year++) {
    for (const { date } of publicHolidays(year, state)) {
      if (date >= from.iso && date <= to.iso) dates.add(date);
    }
  }
  return dates;
}
