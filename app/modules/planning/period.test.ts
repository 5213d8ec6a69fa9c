import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  defaultPeriod,
  isFuture,
  isOpen,
  monthsOf,
  parsePeriod,
  periodChoices,
  periodDays,
  periodFromMonths,
} from './period';

describe('periods', () => {
  it('reads months, quarters, years and runs of months', () => {
    expect(parsePeriod('2026-03')).toEqual({
      kind: 'month',
      code: '2026-03',
      from: '2026-03',
      to: '2026-03',
    });
    expect(parsePeriod('2026-Q1')).toEqual({
      kind: 'quarter',
      code: '2026-Q1',
      from: '2026-01',
      to: '2026-03',
    });
    expect(parsePeriod('2026-Q4')).toMatchObject({ from: '2026-10', to: '2026-12' });
    expect(parsePeriod('2025')).toEqual({ kind: 'year', code: '2025', from: '2025-01', to: '2025-12' });
    expect(parsePeriod('2025-11..2026-02')).toEqual({
      kind: 'range',
      code: '2025-11..2026-02',
      from: '2025-11',
      to: '2026-02',
    });
  });

  it('writes a run that is a month, quarter or year as that (one URL per period)', () => {
    expect(parsePeriod('2026-04..2026-06')?.code).toBe('2026-Q2');
    expect(parsePeriod('2026-01..2026-12')?.code).toBe('2026');
    expect(parsePeriod('2026-05..2026-05')?.code).toBe('2026-05');
    expect(parsePeriod('2026-02..2026-04')?.code).toBe('2026-02..2026-04');
  });

  it('refuses what is not a period: days, backwards runs, month 13, too long, too early', () => {
    for (const bad of [
      '2026-03-01',
      '2026-13',
      '2026-00',
      '2026-Q5',
      '2026-06..2026-01',
      '2020-01..2026-01',
      '1999',
      '',
      'x',
      '2026-1',
    ])
      expect(parsePeriod(bad), bad).toBeNull();
  });

  it('gives SQL ranges of whole months and the months in order', () => {
    const p = parsePeriod('2025-Q4')!;
    expect(periodDays(p)).toEqual({ start: '2025-10-01', end: '2026-01-01' });
    expect(monthsOf(p)).toEqual(['2025-10', '2025-11', '2025-12']);
  });

  it('defaults to the twelve complete months before today', () => {
    expect(defaultPeriod('2026-03-15')).toMatchObject({ from: '2025-03', to: '2026-02' });
    expect(defaultPeriod('2026-01-01')?.code).toBe('2025');
  });

  it('knows future and still open periods', () => {
    expect(isFuture(parsePeriod('2026-04')!, '2026-03-31')).toBe(true);
    expect(isFuture(parsePeriod('2026-03')!, '2026-03-31')).toBe(false);
    expect(isOpen(parsePeriod('2026-Q1')!, '2026-03-31')).toBe(true);
    expect(isOpen(parsePeriod('2025')!, '2026-03-31')).toBe(false);
  });

  it('offers recent months, quarters and years, newest first', () => {
    const c = periodChoices('2026-02-10');
    expect(c.months[0]?.code).toBe('2026-02');
    expect(c.months).toHaveLength(24);
    expect(c.quarters.slice(0, 3).map((q) => q.code)).toEqual(['2026-Q1', '2025-Q4', '2025-Q3']);
    expect(c.years.map((y) => y.code)).toEqual(['2026', '2025', '2024']);
  });

  it('any run of months reads back as the same months', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000 * 12, max: 2100 * 12 }),
        fc.integer({ min: 0, max: 59 }),
        (start, length) => {
          const from = `${Math.floor(start / 12)}-${String((start % 12) + 1).padStart(2, '0')}`;
          const to = addMonths(from, length);
          const period = periodFromMonths(from, to)!;
          expect(parsePeriod(period.code)).toEqual(period);
          expect(monthsOf(period)).toHaveLength(length + 1);
        },
      ),
    );
  });
});
