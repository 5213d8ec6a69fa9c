/**
 * Report periods are whole calendar months: a month (`2026-03`), a quarter (`2026-Q1`), a
 * year (`2026`) or any run of months (`2026-01..2026-06`). Days are never a period: with
 * day ranges, two reports a day apart would give away a single day's count by
 * subtraction (ADR 015). The code is the period's text in URLs and exports, so a
 * spreadsheet refreshing a URL always gets the same period.
 */
export type PeriodKind = 'month' | 'quarter' | 'year' | 'range';

export interface Period {
  kind: PeriodKind;
  code: string;
  /** First and last month, YYYY-MM. */
  from: string;
  to: string;
}

/** The longest period a report covers (a search log of ten years would be read needlessly). */
export const MAX_MONTHS = 60;
const EARLIEST_YEAR = 2000;

const pad = (n: number) => String(n).padStart(2, '0');

export function monthCode(year: number, month: number): string {
  return `${year}-${pad(month)}`;
}

export function addMonths(ym: string, n: number): string {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return monthCode(Math.floor(index / 12), (index % 12) + 1);
}

export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm) + 1;
}

/** Every month of a period, oldest first. */
export function monthsOf(period: Pick<Period, 'from' | 'to'>): string[] {
  const out: string[] = [];
  for (let m = period.from; m <= period.to; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** The first day of the period and the first day after it (YYYY-MM-DD), for SQL ranges. */
export function periodDays(period: Pick<Period, 'from' | 'to'>): { start: string; end: string } {
  return { start: `${period.from}-01`, end: `${addMonths(period.to, 1)}-01` };
}

function validMonth(ym: string): boolean {
  const m = /^(\d{4})-(\d{2})$/.exec(ym);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  return year >= EARLIEST_YEAR && year <= 2999 && month >= 1 && month <= 12;
}

/** The canonical period for a run of months: one month, a quarter or a year when it is one. */
export function periodFromMonths(from: string, to: string): Period | null {
  if (!validMonth(from) || !validMonth(to) || to < from) return null;
  if (monthsBetween(from, to) > MAX_MONTHS) return null;
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  if (from === to) return { kind: 'month', code: from, from, to };
  if (fm === 1 && to === `${fy}-12`) return { kind: 'year', code: String(fy), from, to };
  if ((fm - 1) % 3 === 0 && to === addMonths(from, 2))
    return { kind: 'quarter', code: `${fy}-Q${(fm - 1) / 3 + 1}`, from, to };
  return { kind: 'range', code: `${from}..${to}`, from, to };
}

/** Reads a period code; null when it is not one. */
export function parsePeriod(code: string): Period | null {
  if (/^\d{4}-\d{2}$/.test(code)) return periodFromMonths(code, code);
  const quarter = /^(\d{4})-Q([1-4])$/.exec(code);
  if (quarter) {
    const from = monthCode(Number(quarter[1]), (Number(quarter[2]) - 1) * 3 + 1);
    return periodFromMonths(from, addMonths(from, 2));
  }
  if (/^\d{4}$/.test(code)) return periodFromMonths(`${code}-01`, `${code}-12`);
  const range = /^(\d{4}-\d{2})\.\.(\d{4}-\d{2})$/.exec(code);
  if (range) return periodFromMonths(range[1]!, range[2]!);
  return null;
}

/** The month of a date (YYYY-MM-DD or YYYY-MM). */
export function monthOf(day: string): string {
  return day.slice(0, 7);
}

/** The default: the twelve complete months before today's. */
export function defaultPeriod(today: string): Period {
  const current = monthOf(today);
  return periodFromMonths(addMonths(current, -12), addMonths(current, -1))!;
}

/** Whether a period lies wholly after today's month (nothing to report yet). */
export function isFuture(period: Period, today: string): boolean {
  return period.from > monthOf(today);
}

/** Whether the period reaches into today's month (its figures are incomplete). */
export function isOpen(period: Period, today: string): boolean {
  return period.to >= monthOf(today);
}

/** Choices for the period form: recent months, quarters and years, newest first. */
export function periodChoices(today: string): { months: Period[]; quarters: Period[]; years: Period[] } {
  const current = monthOf(today);
  const months = Array.from({ length: 24 }, (_, i) => parsePeriod(addMonths(current, -i))!);
  const year = Number(current.slice(0, 4));
  const quarterOfNow = Math.floor((Number(current.slice(5, 7)) - 1) / 3) + 1;
  const quarters: Period[] = [];
  for (let i = 0; i < 8; i++) {
    const index = year * 4 + (quarterOfNow - 1) - i;
    quarters.push(parsePeriod(`${Math.floor(index / 4)}-Q${(index % 4) + 1}`)!);
  }
  const years = [0, 1, 2].map((i) => parsePeriod(String(year - i))!);
  return { months, quarters, years };
}
