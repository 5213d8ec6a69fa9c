import type { Period } from './period';
import { type Mark, suppress } from './suppression';

/**
 * What a report is made of, once suppressed: sections, each a table (with the chart drawn
 * from it). The page, the CSV and the JSON all render this one model, so a value hidden
 * on the page is hidden in every export. No server code here: the page's components
 * import these types.
 */
export type Unit = 'count' | 'rate' | 'share' | 'days';

/** A row or column: a code, and for data that has no translation its text as written. */
export interface Label {
  code: string;
  /** Data as written (an area, a provider, a search string): German, shown with lang="de". */
  text?: string;
  /** Names kept per language in the database (counselling topics). */
  names?: Record<string, string>;
}

/**
 * A cell: `v` is the value to print, or null. Counts carry their mark ('small': 1–4,
 * printed "< 5"; 'hidden': a complement, printed "•"); a measure without a value is one
 * whose counts are hidden or that has nothing to measure.
 */
export interface CellView {
  v: number | null;
  m?: Mark;
}

export interface ColumnView extends Label {
  unit: Unit;
  /** A measure column named by a dimension's code (a language) rather than planning:columns. */
  dim?: Dimension;
}

/** Dimensions whose codes are translated (`planning:dims.<dim>.<code>`) or formatted. */
export type Dimension =
  | 'area'
  | 'category'
  | 'outcome'
  | 'month'
  | 'topic'
  | 'channel'
  | 'language'
  | 'languageGroup'
  | 'office'
  | 'goal'
  | 'barrier'
  | 'time'
  | 'format'
  | 'price'
  | 'access'
  | 'provider'
  | 'term'
  | 'offer'
  | 'slotPlace'
  | 'caseType'
  | 'closeReason'
  | 'durationBand'
  | 'referralOutcome'
  | 'reason'
  | 'constraint'
  | 'attainment'
  | 'measure';

export type ChartSpec =
  /** Horizontal bars of one column over the rows; with `compare`, a second bar beside each (same scale). */
  | { kind: 'bars'; column: string; compare?: string }
  /** Rows are months: one line per column. */
  | { kind: 'lines'; columns: string[] }
  /** Rows are areas, count columns months: a small chart per area. */
  | { kind: 'multiples' };

export interface SectionView {
  id: string;
  rowDim: Dimension;
  colDim: Dimension;
  rows: Label[];
  columns: ColumnView[];
  cells: CellView[][];
  /** The totals row (column totals, and the grand total under a 'total' column), when published. */
  totals: CellView[] | null;
  chart: ChartSpec | null;
  /** Extra explanations under the table (keys of planning:notes). */
  notes: string[];
}

export interface ReportView {
  id: string;
  slug: string;
  version: string;
  period: Period;
  area: { code: string; name: string } | null;
  /** 'nightly': counted up to and including `date`; 'live': read from the catalogue at `date`. */
  asOf: { kind: 'nightly' | 'live'; date: string };
  /** The period reaches into the current month: its figures are incomplete. */
  openPeriod: boolean;
  /** The inhabitants come from the demo table, not the office's upload. */
  demoInhabitants: boolean;
  sections: SectionView[];
}

// ---- building a section ------------------------------------------------------------------

export interface RowValues {
  /** Raw counts by column code ('total' for the row total). */
  counts: Record<string, number>;
  /** Column totals by column code (for shares of all). */
  columnTotals: Record<string, number>;
  /** The row index, or -1 for the totals row. */
  index: number;
}

export interface MeasureSpec {
  code: string;
  unit: Exclude<Unit, 'count'>;
  /** When the column is a dimension's value (a language), not a named measure. */
  dim?: Dimension;
  /**
   * The count columns (codes; 'total' for the row total) the measure is computed from: it
   * is hidden wherever one of them is, so it can never give away a hidden count.
   * Measures not about people (days to the first free slot) name none.
   */
  from: string[];
  /**
   * Count columns whose column total the measure uses (a share of all): hidden wherever
   * that total is not shown. The total is passed as `columnTotals`.
   */
  ofColumnTotal?: string[];
  value: (row: RowValues) => number | null;
}

export interface SectionSpec {
  id: string;
  rowDim: Dimension;
  colDim: Dimension;
  rows: Label[];
  /** The count columns; may be empty for a table of measures only. */
  cols: Label[];
  /** Counts, rows × cols. */
  values: number[][];
  /** Publish a row-total column / a totals row (with the grand total when both). */
  rowTotal?: boolean;
  colTotal?: boolean;
  measures?: MeasureSpec[];
  chart?: ChartSpec | null;
  notes?: string[];
}

/** Measures are printed with one decimal: rounded here, so page and exports agree. */
export function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

/** A safe ratio: null without a denominator. */
export function ratio(a: number, b: number, scale = 1): number | null {
  return b > 0 ? (a / b) * scale : null;
}

export function section(spec: SectionSpec): SectionView {
  const rowTotal = spec.rowTotal ?? false;
  const colTotal = spec.colTotal ?? false;
  const width = spec.cols.length;
  const s = suppress({
    values: spec.values,
    rowTotals: rowTotal,
    colTotals: colTotal,
    grandTotal: rowTotal && colTotal,
  });
  const columnTotals: Record<string, number> = {};
  const columnTotalShown: Record<string, boolean> = {};
  spec.cols.forEach((c, j) => {
    columnTotals[c.code] = s.sums.cols[j]!;
    columnTotalShown[c.code] = colTotal && s.colTotals[j] === 'shown';
  });
  const columns: ColumnView[] = spec.cols.map((c) => ({ ...c, unit: 'count' }));
  if (rowTotal && width > 0) columns.push({ code: 'total', unit: 'count' });
  for (const m of spec.measures ?? [])
    columns.push({ code: m.code, unit: m.unit, ...(m.dim ? { dim: m.dim } : {}) });

  const countCells = (raw: number[], marks: Mark[], total: number | null, totalMark: Mark | null) => {
    const cells: CellView[] = raw.map((v, j) => ({ v: marks[j] === 'shown' ? v : null, m: marks[j]! }));
    if (rowTotal && width > 0) cells.push({ v: totalMark === 'shown' ? total : null, m: totalMark! });
    return cells;
  };
  const measureCells = (
    raw: number[],
    marks: Mark[],
    total: number | null,
    totalMark: Mark | null,
    index: number,
  ) => {
    const counts: Record<string, number> = {};
    const markOf: Record<string, Mark | null> = {};
    spec.cols.forEach((c, j) => {
      counts[c.code] = raw[j]!;
      markOf[c.code] = marks[j]!;
    });
    if (total !== null) {
      counts.total = total;
      markOf.total = totalMark;
    }
    return (spec.measures ?? []).map((m): CellView => {
      const visible =
        m.from.every((code) => markOf[code] === 'shown') &&
        (m.ofColumnTotal ?? []).every((code) => columnTotalShown[code]);
      const value = visible ? m.value({ counts, columnTotals, index }) : null;
      return { v: value === null || !Number.isFinite(value) ? null : round1(value) };
    });
  };

  const cells = spec.rows.map((_, i) => {
    const raw = spec.values[i] ?? [];
    const marks = s.cells[i] ?? [];
    const total = width > 0 ? s.sums.rows[i]! : null;
    const totalMark = rowTotal ? s.rowTotals[i]! : null;
    // An unpublished row total still feeds measures (a share of the row) only through its
    // cells' marks: treated as hidden unless every cell of the row is shown.
    const effectiveTotalMark = rowTotal ? totalMark : marks.every((m) => m === 'shown') ? 'shown' : 'hidden';
    return [
      ...countCells(raw, marks, total, totalMark),
      ...measureCells(raw, marks, total, effectiveTotalMark, i),
    ];
  });

  let totals: CellView[] | null = null;
  // No rows, no totals row: there is nothing to add up (and the table has no width to align).
  if (colTotal && spec.rows.length > 0) {
    const raw = s.sums.cols;
    const marks = s.colTotals;
    const grand = s.sums.total;
    const grandMark = rowTotal ? s.total : null;
    const effectiveGrandMark = rowTotal ? grandMark : marks.every((m) => m === 'shown') ? 'shown' : 'hidden';
    totals = [
      ...countCells(raw, marks, grand, grandMark),
      ...measureCells(raw, marks, grand, effectiveGrandMark, -1),
    ];
  }
  return {
    id: spec.id,
    rowDim: spec.rowDim,
    colDim: spec.colDim,
    rows: spec.rows,
    columns,
    cells,
    totals,
    chart: spec.chart ?? null,
    notes: spec.notes ?? [],
  };
}

/** The counts of `rows` × `cols` from keyed values (missing keys count 0). */
export function matrix(
  rows: readonly string[],
  cols: readonly string[],
  get: (row: string, col: string) => number | undefined,
): number[][] {
  return rows.map((r) => cols.map((c) => get(r, c) ?? 0));
}

/** Sums rows of `items` into a map keyed by `key` (several keys joined with '|'). */
export function tally<T>(items: readonly T[], key: (item: T) => string | null, value: (item: T) => number) {
  const out = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    out.set(k, (out.get(k) ?? 0) + value(item));
  }
  return out;
}

/**
 * The median and the 90th percentile of a histogram (value → count): the median the middle
 * value (the mean of the two middle ones for an even count), P90 the smallest value with
 * at least 90 % at or below it (nearest rank).
 */
export function percentiles(histogram: ReadonlyMap<number, number>): { median: number; p90: number } | null {
  const entries = [...histogram.entries()].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const n = entries.reduce((a, [, c]) => a + c, 0);
  if (n === 0) return null;
  const at = (rank: number) => {
    let seen = 0;
    for (const [value, count] of entries) {
      seen += count;
      if (seen >= rank) return value;
    }
    return entries[entries.length - 1]![0];
  };
  const median = n % 2 === 1 ? at((n + 1) / 2) : (at(n / 2) + at(n / 2 + 1)) / 2;
  return { median, p90: at(Math.ceil(0.9 * n)) };
}
