import { describe, expect, it } from 'vitest';
import { ratio, section } from './report-model';

describe('section', () => {
  it('has no totals row when it has no rows (an empty list with a column total)', () => {
    const s = section({
      id: 'stale',
      rowDim: 'provider',
      colDim: 'measure',
      rows: [],
      cols: [{ code: 'offers' }],
      values: [],
      colTotal: true,
    });
    expect(s.totals).toBeNull();
    expect(s.columns.map((c) => c.code)).toEqual(['offers']);
  });

  it('gives every row and the totals one cell per column', () => {
    const s = section({
      id: 'byMonth',
      rowDim: 'month',
      colDim: 'outcome',
      rows: [{ code: '2026-01' }, { code: '2026-02' }],
      cols: [{ code: 'zero' }, { code: 'more' }],
      values: [
        [3, 40],
        [12, 30],
      ],
      rowTotal: true,
      colTotal: true,
      measures: [
        {
          code: 'zeroShare',
          unit: 'share',
          from: ['zero', 'total'],
          value: ({ counts }) => ratio(counts.zero!, counts.total!, 100),
        },
      ],
    });
    for (const row of [...s.cells, s.totals!]) expect(row).toHaveLength(s.columns.length);
    // The share of a small count is hidden with it: 3 of 43 would give the 3 away.
    expect(s.cells[0]![0]).toEqual({ v: null, m: 'small' });
    expect(s.cells[0]![3]).toEqual({ v: null });
  });
});
