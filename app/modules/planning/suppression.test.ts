import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CountTable, K, type Mark, type Suppressed, suppress } from './suppression';

/**
 * An oracle written independently of the network audit in suppression.ts: it tries every
 * table a reader could believe in, cell by cell within one of the true value (if any
 * other table fits what was published, one does that differs by at most one per cell: a
 * difference of two tables decomposes into unit cycles), and reports the small cells
 * that have only one possible value.
 */
type Published = { value: number | null; mark: Mark; truth: number };

function readerView(table: CountTable, s: Suppressed) {
  const rows = table.values.length;
  const cols = table.values[0]!.length;
  const cell = (i: number, j: number): Published => ({
    truth: table.values[i]![j]!,
    mark: s.cells[i]![j]!,
    value: s.cells[i]![j] === 'shown' ? table.values[i]![j]! : null,
  });
  const fits = (p: Published | null, v: number) => {
    if (!p) return true; // not published
    if (p.mark === 'shown') return v === p.value;
    if (p.mark === 'small') return v >= 1 && v < K;
    return p.truth >= K ? v >= K : v >= 0;
  };
  const margin = (published: boolean, mark: Mark, truth: number): Published | null =>
    published ? { truth, mark, value: mark === 'shown' ? truth : null } : null;
  return { rows, cols, cell, fits, margin };
}

function pinnedSmallCells(table: CountTable, s: Suppressed, marks: readonly Mark[] = ['small']): string[] {
  const { rows, cols, cell, fits, margin } = readerView(table, s);
  const free: [number, number][] = [];
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++) if (s.cells[i]![j] !== 'shown') free.push([i, j]);
  const seen = new Map<string, Set<number>>();
  const note = (key: string, v: number) => {
    const set = seen.get(key) ?? new Set<number>();
    set.add(v);
    seen.set(key, set);
  };
  const x = table.values.map((r) => [...r]);
  const visit = (k: number) => {
    if (k === free.length) {
      const rowSums = x.map((r) => r.reduce((a, b) => a + b, 0));
      const colSums = Array.from({ length: cols }, (_, j) => x.reduce((a, r) => a + r[j]!, 0));
      const total = rowSums.reduce((a, b) => a + b, 0);
      const truthRows = table.values.map((r) => r.reduce((a, b) => a + b, 0));
      const truthCols = Array.from({ length: cols }, (_, j) => table.values.reduce((a, r) => a + r[j]!, 0));
      for (let i = 0; i < rows; i++)
        if (!fits(margin(table.rowTotals, s.rowTotals[i]!, truthRows[i]!), rowSums[i]!)) return;
      for (let j = 0; j < cols; j++)
        if (!fits(margin(table.colTotals, s.colTotals[j]!, truthCols[j]!), colSums[j]!)) return;
      if (!fits(margin(table.grandTotal, s.total, s.sums.total), total)) return;
      for (const [i, j] of free) note(`cell ${i},${j}`, x[i]![j]!);
      rowSums.forEach((v, i) => {
        note(`row ${i}`, v);
      });
      colSums.forEach((v, j) => {
        note(`col ${j}`, v);
      });
      note('total', total);
      return;
    }
    const [i, j] = free[k]!;
    const truth = table.values[i]![j]!;
    for (const v of [truth - 1, truth, truth + 1]) {
      if (!fits(cell(i, j), v)) continue;
      x[i]![j] = v;
      visit(k + 1);
    }
    x[i]![j] = truth;
  };
  visit(0);
  const pinned: string[] = [];
  const check = (key: string, mark: Mark) => {
    if (marks.includes(mark) && (seen.get(key)?.size ?? 0) < 2) pinned.push(key);
  };
  s.cells.forEach((r, i) => {
    r.forEach((m, j) => {
      check(`cell ${i},${j}`, m);
    });
  });
  if (table.rowTotals)
    s.rowTotals.forEach((m, i) => {
      check(`row ${i}`, m);
    });
  if (table.colTotals)
    s.colTotals.forEach((m, j) => {
      check(`col ${j}`, m);
    });
  if (table.grandTotal) check('total', s.total);
  return pinned;
}

/** Tables with many small cells: counts are mostly 0–9, some large. */
const count = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 9 }) },
  { weight: 1, arbitrary: fc.integer({ min: 10, max: 200 }) },
);
const tableArb = fc
  .record({ rows: fc.integer({ min: 1, max: 3 }), cols: fc.integer({ min: 1, max: 4 }) })
  .chain(({ rows, cols }) =>
    fc.record({
      values: fc.array(fc.array(count, { minLength: cols, maxLength: cols }), {
        minLength: rows,
        maxLength: rows,
      }),
      rowTotals: fc.boolean(),
      colTotals: fc.boolean(),
      grandTotal: fc.boolean(),
    }),
  );

function printed(table: CountTable, s: Suppressed): number[] {
  const out: number[] = [];
  s.cells.forEach((r, i) => {
    r.forEach((m, j) => {
      if (m === 'shown') out.push(table.values[i]![j]!);
    });
  });
  if (table.rowTotals)
    s.rowTotals.forEach((m, i) => {
      if (m === 'shown') out.push(s.sums.rows[i]!);
    });
  if (table.colTotals)
    s.colTotals.forEach((m, j) => {
      if (m === 'shown') out.push(s.sums.cols[j]!);
    });
  if (table.grandTotal && s.total === 'shown') out.push(s.sums.total);
  return out;
}

describe('suppress', () => {
  it('never prints a value from 1 to 4, in any cell or total', () => {
    fc.assert(
      fc.property(tableArb, (table) => {
        const s = suppress(table);
        expect(printed(table, s).filter((v) => v >= 1 && v < K)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('leaves no small cell that could be worked out from the totals and the cells beside it', () => {
    fc.assert(
      fc.property(tableArb, (table) => {
        expect(pinnedSmallCells(table, suppress(table))).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('leaves no complement that could be worked out exactly either (a "•" always hides something)', () => {
    fc.assert(
      fc.property(tableArb, (table) => {
        expect(pinnedSmallCells(table, suppress(table), ['small', 'hidden'])).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('hides only what it must: complements are at least K (or a zero as the last resort), nothing when no cell is small', () => {
    fc.assert(
      fc.property(tableArb, (table) => {
        const s = suppress(table);
        s.cells.forEach((r, i) => {
          r.forEach((m, j) => {
            if (m === 'hidden') expect(table.values[i]![j]! >= K || table.values[i]![j] === 0).toBe(true);
          });
        });
        const anySmall = [
          ...table.values.flat(),
          ...(table.rowTotals ? s.sums.rows : []),
          ...(table.colTotals ? s.sums.cols : []),
          ...(table.grandTotal ? [s.sums.total] : []),
        ].some((v) => v >= 1 && v < K);
        if (!anySmall) expect(printed(table, s).length).toBeGreaterThan(0);
        if (!anySmall) expect(s.cells.flat().every((m) => m === 'shown')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(tableArb, (table) => {
        expect(suppress(table)).toEqual(suppress(table));
      }),
      { numRuns: 100 },
    );
  });

  it('a row with one hidden cell also hides enough to protect it', () => {
    // 3 in a row whose total is printed: 3 = 20 − 9 − 8 unless another cell of the row goes too.
    const table = { values: [[3, 9, 8]], rowTotals: true, colTotals: false, grandTotal: false };
    const s = suppress(table);
    expect(s.cells[0]![0]).toBe('small');
    expect(s.cells[0]!.filter((m) => m !== 'shown').length).toBeGreaterThanOrEqual(2);
    expect(s.cells[0]![2]).toBe('hidden'); // the smaller neighbour: least given up
    expect(pinnedSmallCells(table, s)).toEqual([]);
  });

  it('protects a small cell in both directions of a cross table', () => {
    const table = {
      values: [
        [3, 40, 12],
        [25, 30, 18],
        [7, 9, 60],
      ],
      rowTotals: true,
      colTotals: true,
      grandTotal: true,
    };
    const s = suppress(table);
    expect(s.cells[0]![0]).toBe('small');
    const hiddenInRow = s.cells[0]!.filter((m) => m !== 'shown').length;
    const hiddenInCol = s.cells.map((r) => r[0]).filter((m) => m !== 'shown').length;
    expect(hiddenInRow).toBeGreaterThanOrEqual(2);
    expect(hiddenInCol).toBeGreaterThanOrEqual(2);
    expect(pinnedSmallCells(table, s)).toEqual([]);
    expect(s.total).toBe('shown');
  });

  it('hides a small total too, and what protects it', () => {
    const table = {
      values: [
        [2, 0],
        [1, 30],
      ],
      rowTotals: true,
      colTotals: true,
      grandTotal: true,
    };
    const s = suppress(table);
    expect(s.rowTotals[0]).toBe('small'); // 2 + 0
    expect(s.colTotals[0]).toBe('small'); // 2 + 1
    expect(pinnedSmallCells(table, s)).toEqual([]);
  });

  it('small values that give each other away by their bounds alone: the small total says "•"', () => {
    // Found by the property test: four cells of "< 5" and a total of "< 5" are all exactly 1.
    const table = { values: [[1, 1, 1, 1]], rowTotals: false, colTotals: false, grandTotal: true };
    const s = suppress(table);
    expect(s.total).toBe('hidden');
    expect(s.cells[0]).toEqual(['small', 'small', 'small', 'small']);
    expect(pinnedSmallCells(table, s, ['small', 'hidden'])).toEqual([]);
  });

  it('the oracle notices a small cell left unprotected (guards the guard)', () => {
    const table = { values: [[3, 9, 8]], rowTotals: true, colTotals: false, grandTotal: false };
    const naive: Suppressed = {
      cells: [['small', 'shown', 'shown']],
      rowTotals: ['shown'],
      colTotals: ['shown', 'shown', 'shown'],
      total: 'shown',
      sums: { rows: [20], cols: [3, 9, 8], total: 20 },
    };
    expect(pinnedSmallCells(table, naive)).toEqual(['cell 0,0']);
  });

  it('refuses what is not a count', () => {
    expect(() =>
      suppress({ values: [[1.5]], rowTotals: false, colTotals: false, grandTotal: false }),
    ).toThrow();
    expect(() =>
      suppress({ values: [[-1]], rowTotals: false, colTotals: false, grandTotal: false }),
    ).toThrow();
    expect(() =>
      suppress({ values: [[1, 2], [3]], rowTotals: false, colTotals: false, grandTotal: false }),
    ).toThrow();
  });

  it('audits a large table quickly enough for a page (10 × 40 with many small cells)', () => {
    // Not a timing assertion: a size the reports reach, checked for correctness of marks.
    const values = Array.from({ length: 10 }, (_, i) =>
      Array.from({ length: 40 }, (_, j) => (i * 7 + j * 13) % 23),
    );
    const table = { values, rowTotals: true, colTotals: true, grandTotal: true };
    const s = suppress(table);
    expect(printed(table, s).filter((v) => v >= 1 && v < K)).toEqual([]);
  });
});
