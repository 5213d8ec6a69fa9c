import { isoWeekday } from '../../utils/zoned';
import { berlinIso } from '../catalogue/import/openvhs';

/**
 * The single dates of a run: either typed one per line ("2026-12-01 18:00-19:30" or
 * "01.12.2026 18:00–19:30"), or made from the weekly pattern (weekdays between first
 * and last day, same times). Times are Europe/Berlin wall-clock, stored with the offset
 * that day has (daylight saving included).
 */
export interface SessionDraft {
  date: string;
  start: string;
  end: string;
}

export const MAX_SESSIONS = 400;

function isoDate(y: number, m: number, d: number): string | null {
  const at = new Date(Date.UTC(y, m - 1, d));
  if (y < 2000 || y > 2100 || at.getUTCMonth() !== m - 1 || at.getUTCDate() !== d) return null;
  return at.toISOString().slice(0, 10);
}

const LINE =
  /^(?:(\d{4})-(\d{2})-(\d{2})|(\d{1,2})\.(\d{1,2})\.(\d{4}))\s+(\d{1,2})[:.](\d{2})\s*(?:-|–|bis)\s*(\d{1,2})[:.](\d{2})(?:\s*uhr)?$/i;

const pad = (n: number) => String(n).padStart(2, '0');

/** Parses the typed list; `errors` holds the 1-based numbers of lines that aren't a date with times. */
export function parseSessionLines(text: string): { sessions: SessionDraft[]; errors: number[] } {
  const sessions: SessionDraft[] = [];
  const errors: number[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line) return;
    const m = LINE.exec(line);
    const date = m ? (m[1] ? isoDate(+m[1], +m[2]!, +m[3]!) : isoDate(+m[6]!, +m[5]!, +m[4]!)) : null;
    const start = m ? [+m[7]!, +m[8]!] : null;
    const end = m ? [+m[9]!, +m[10]!] : null;
    if (!m || !date || !start || !end || start[0]! > 23 || end[0]! > 23 || start[1]! > 59 || end[1]! > 59) {
      errors.push(index + 1);
      return;
    }
    const from = `${pad(start[0]!)}:${pad(start[1]!)}`;
    const to = `${pad(end[0]!)}:${pad(end[1]!)}`;
    if (to <= from) errors.push(index + 1);
    else sessions.push({ date, start: from, end: to });
  });
  sessions.sort((a, b) => `${a.date}${a.start}`.localeCompare(`${b.date}${b.start}`));
  return { sessions, errors };
}

/** Every date on the given ISO weekdays from `from` to `to` (inclusive). */
export function weeklySessions(
  from: string,
  to: string,
  weekdays: number[],
  start: string,
  end: string,
): SessionDraft[] {
  const out: SessionDraft[] = [];
  const last = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= last && out.length < MAX_SESSIONS; t += 86_400_000) {
    const day = new Date(t);
    const iso = day.getUTCDay() === 0 ? 7 : day.getUTCDay();
    if (weekdays.includes(iso)) out.push({ date: day.toISOString().slice(0, 10), start, end });
  }
  return out;
}

/** The ISO weekdays the sessions fall on, ascending. */
export function weekdaysOf(sessions: SessionDraft[]): number[] {
  return [...new Set(sessions.map((s) => isoWeekday(s.date)))].sort((a, b) => a - b);
}

/**
 * Whether the sessions are exactly the weekly pattern (every given weekday from the first
 * to the last day, same times): the run editor then shows the pattern, else the list.
 */
export function isWeeklyPattern(
  sessions: SessionDraft[],
  run: {
    startsOn: string | null;
    endsOn: string | null;
    weekdays: number[];
    startsAt: string | null;
    endsAt: string | null;
  },
): boolean {
  if (!run.startsOn || !run.weekdays.length || !run.startsAt || !run.endsAt) return false;
  const pattern = weeklySessions(
    run.startsOn,
    run.endsOn ?? run.startsOn,
    run.weekdays,
    run.startsAt,
    run.endsAt,
  );
  const key = (s: SessionDraft) => `${s.date} ${s.start}-${s.end}`;
  return pattern.length === sessions.length && pattern.every((s, i) => key(s) === key(sessions[i]!));
}

export function sessionTimestamps(s: SessionDraft): { startsAt: string; endsAt: string } {
  return { startsAt: berlinIso(s.date, s.start), endsAt: berlinIso(s.date, s.end) };
}

export function timeOfDay(start: string | null): 'morning' | 'afternoon' | 'evening' | null {
  if (!start) return null;
  const hour = Number(start.slice(0, 2));
  return hour < 12 ? 'morning' : hour < 17 ? 'afternoon' : 'evening';
}

/** Shifts an ISO date by whole weeks (for "duplicate for the next term"). */
export function shiftDate(date: string | null, weeks: number): string | null {
  if (!date) return null;
  return new Date(Date.parse(`${date}T00:00:00Z`) + weeks * 7 * 86_400_000).toISOString().slice(0, 10);
}
