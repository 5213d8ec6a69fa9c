/**
 * Calendar dates and wall-clock time in Europe/Berlin without a date library (client-safe).
 * People think in local times ("Tuesdays 9 to 12"); the database and the API speak
 * instants. Converting each time on its own day — never adding 24 hours to an instant —
 * is what keeps booking slots at the same local times across the daylight-saving changes.
 */
export const ZONE = 'Europe/Berlin';

const partsFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  // h23: some ICU versions render midnight as "24"; latn: ASCII digits whatever the locale data.
  hourCycle: 'h23',
  numberingSystem: 'latn',
});

export interface LocalParts {
  date: string; // YYYY-MM-DD
  minutes: number; // minutes since local midnight
  seconds: number;
}

export function localParts(at: Date | number): LocalParts {
  const p: Record<string, string> = {};
  for (const part of partsFormat.formatToParts(at)) p[part.type] = part.value;
  return {
    date: `${p.year}-${p.month}-${p.day}`,
    minutes: Number(p.hour) * 60 + Number(p.minute),
    seconds: Number(p.second),
  };
}

/** Berlin's offset from UTC at an instant, in minutes (60 in winter, 120 in summer). */
export function offsetMinutes(at: Date | number): number {
  const ms = typeof at === 'number' ? at : at.getTime();
  const { date, minutes, seconds } = localParts(ms);
  const asUtc = Date.parse(`${date}T00:00:00Z`) + minutes * 60_000 + seconds * 1000;
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

// Slots repeat the same few local times on the same days: remember the conversions.
const memo = new Map<string, number | null>();

/**
 * The instant (epoch ms) of a local date and minute of day in Berlin, or null when that
 * local time doesn't exist (the hour skipped in spring). In the doubled autumn hour the
 * earlier instant is taken.
 */
export function localToInstant(date: string, minuteOfDay: number): number | null {
  const key = `${date}/${minuteOfDay}`;
  const known = memo.get(key);
  if (known !== undefined) return known;
  const naive = Date.parse(`${date}T00:00:00Z`) + minuteOfDay * 60_000;
  // Try both offsets the zone uses; keep the earliest that maps back to the same wall clock.
  let result: number | null = null;
  for (const offset of [120, 60]) {
    const candidate = naive - offset * 60_000;
    const back = localParts(candidate);
    if (back.date === date && back.minutes === minuteOfDay) {
      result = candidate;
      break;
    }
  }
  if (memo.size > 100_000) memo.clear();
  memo.set(key, result);
  return result;
}

export function parseTime(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

export function formatTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The Monday of the week a date falls in. */
export function startOfWeek(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** ISO 8601 with Berlin's offset at that instant, e.g. 2027-03-29T09:00:00+02:00 (as the API promises). */
export function toOffsetIso(at: Date | number): string {
  const ms = typeof at === 'number' ? at : at.getTime();
  const { date, minutes, seconds } = localParts(ms);
  const offset = offsetMinutes(ms);
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${date}T${formatTime(minutes)}:${String(seconds).padStart(2, '0')}${sign}${formatTime(abs)}`;
}

export const DATE_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function isValidDate(value: string): boolean {
  if (!DATE_RE.test(value)) return false;
  return new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
}
