import { afterEach, describe, expect, it, vi } from 'vitest';
import { GERMAN_STATES, holidayDates, isGermanState, publicHolidays } from './holidays';

const dateOf = (year: number, state: (typeof GERMAN_STATES)[number], name: string) =>
  publicHolidays(year, state).find((h) => h.name === name)?.date;

describe('Easter', () => {
  // Easter itself is only a listed holiday in Brandenburg, which makes it observable.
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
  ])('falls in %i on %s', (year, easter) => {
    expect(dateOf(year, 'BB', 'Ostersonntag')).toBe(easter);
  });
});

describe('publicHolidays', () => {
  it('gives the full Berlin list for 2027', () => {
    expect(publicHolidays(2027, 'BE')).toEqual([
      { date: '2027-01-01', name: 'Neujahr' },
      { date: '2027-03-08', name: 'Internationaler Frauentag' },
      { date: '2027-03-26', name: 'Karfreitag' },
      { date: '2027-03-29', name: 'Ostermontag' },
      { date: '2027-05-01', name: 'Tag der Arbeit' },
      { date: '2027-05-06', name: 'Christi Himmelfahrt' },
      { date: '2027-05-17', name: 'Pfingstmontag' },
      { date: '2027-10-03', name: 'Tag der Deutschen Einheit' },
      { date: '2027-12-25', name: '1. Weihnachtstag' },
      { date: '2027-12-26', name: '2. Weihnachtstag' },
    ]);
  });

  it('includes Fronleichnam and Allerheiligen in Bayern, but not the regional Mariä Himmelfahrt', () => {
    const bayern = publicHolidays(2026, 'BY');
    expect(bayern).toContainEqual({ date: '2026-06-04', name: 'Fronleichnam' });
    expect(bayern).toContainEqual({ date: '2026-11-01', name: 'Allerheiligen' });
    expect(bayern).toContainEqual({ date: '2026-01-06', name: 'Heilige Drei Könige' });
    expect(bayern.map((h) => h.date)).not.toContain('2026-08-15');
  });

  it('puts Buß- und Bettag in Sachsen on the last Wednesday before 23 November', () => {
    expect(dateOf(2026, 'SN', 'Buß- und Bettag')).toBe('2026-11-18');
    expect(dateOf(2027, 'SN', 'Buß- und Bettag')).toBe('2027-11-17');
    // 23 November 2022 was itself a Wednesday, so the holiday is a full week earlier.
    expect(dateOf(2022, 'SN', 'Buß- und Bettag')).toBe('2022-11-16');
    expect(dateOf(2026, 'BY', 'Buß- und Bettag')).toBeUndefined();
  });

  it('leaves out the regional Fronleichnam in Sachsen and Thüringen', () => {
    expect(dateOf(2026, 'SN', 'Fronleichnam')).toBeUndefined();
    expect(dateOf(2026, 'TH', 'Fronleichnam')).toBeUndefined();
    expect(dateOf(2026, 'TH', 'Weltkindertag')).toBe('2026-09-20');
  });

  it('has the Frauentag in Mecklenburg-Vorpommern only from 2023', () => {
    expect(dateOf(2022, 'MV', 'Internationaler Frauentag')).toBeUndefined();
    expect(dateOf(2023, 'MV', 'Internationaler Frauentag')).toBe('2023-03-08');
    expect(dateOf(2030, 'MV', 'Internationaler Frauentag')).toBe('2030-03-08');
    expect(dateOf(2022, 'BE', 'Internationaler Frauentag')).toBe('2022-03-08');
  });

  it('returns sorted, unique dates for every Land and year', () => {
    for (const state of GERMAN_STATES) {
      for (let year = 2020; year <= 2040; year++) {
        const dates = publicHolidays(year, state).map((h) => h.date);
        expect(dates).toEqual([...new Set(dates)].sort());
        expect(dates.every((d) => d.startsWith(`${year}-`))).toBe(true);
      }
    }
    expect(publicHolidays(2026, 'HB')).toHaveLength(10);
    expect(publicHolidays(2026, 'BB')).toHaveLength(12);
  });

  it('refuses years the encoded law does not cover, and unknown Länder', () => {
    expect(() => publicHolidays(2019, 'BE')).toThrow(RangeError);
    expect(() => publicHolidays(2041, 'BE')).toThrow(RangeError);
    expect(() => publicHolidays(2026.5, 'BE')).toThrow(RangeError);
    expect(() => publicHolidays(2026, 'XX' as 'BE')).toThrow(RangeError);
  });
});

describe('holidayDates', () => {
  it('spans a year boundary, both ends inclusive', () => {
    expect(holidayDates('2026-12-20', '2027-01-10', 'BE')).toEqual(
      new Set(['2026-12-25', '2026-12-26', '2027-01-01']),
    );
    expect(holidayDates('2026-12-25', '2027-01-01', 'BE')).toEqual(
      new Set(['2026-12-25', '2026-12-26', '2027-01-01']),
    );
    expect(holidayDates('2026-12-20', '2027-01-10', 'BY')).toEqual(
      new Set(['2026-12-25', '2026-12-26', '2027-01-01', '2027-01-06']),
    );
  });

  it('is empty for a reversed range and rejects malformed or impossible dates', () => {
    expect(holidayDates('2027-01-10', '2026-12-20', 'BE').size).toBe(0);
    expect(() => holidayDates('2026-2-1', '2026-03-01', 'BE')).toThrow(RangeError);
    expect(() => holidayDates('2026-02-31', '2026-03-01', 'BE')).toThrow(RangeError);
  });
});

describe('isGermanState', () => {
  it('accepts exactly the sixteen codes', () => {
    expect(GERMAN_STATES).toHaveLength(16);
    expect(GERMAN_STATES.every(isGermanState)).toBe(true);
    expect(isGermanState('XX')).toBe(false);
    expect(isGermanState('be')).toBe(false);
  });
});

describe('timezone independence', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    vi.restoreAllMocks();
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  it('builds every date from UTC parts, never from local-time getters', () => {
    const expected = publicHolidays(2026, 'SN');
    const local = ['getFullYear', 'getMonth', 'getDate', 'getDay', 'getHours', 'getTimezoneOffset'] as const;
    for (const getter of local) {
      vi.spyOn(Date.prototype, getter).mockImplementation(() => {
        throw new Error(`local-time getter ${getter} used`);
      });
    }
    const underSpy = publicHolidays(2026, 'SN');
    expect(underSpy).toEqual(expected);
    for (const { date } of underSpy) {
      expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10)).toBe(date);
    }
    expect([...holidayDates('2026-12-20', '2027-01-10', 'BE')]).toEqual([
      '2026-12-25',
      '2026-12-26',
      '2027-01-01',
    ]);
  });

  // Node re-reads process.env.TZ when it is assigned, so zones on both sides of UTC can
  // be tried in one process after all.
  it('gives the same dates in zones far east and west of UTC', () => {
    const expected = publicHolidays(2027, 'BE');
    for (const tz of ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Europe/Berlin']) {
      process.env.TZ = tz;
      expect(publicHolidays(2027, 'BE')).toEqual(expected);
      expect(holidayDates('2026-12-20', '2027-01-10', 'BE')).toEqual(
        new Set(['2026-12-25', '2026-12-26', '2027-01-01']),
      );
    }
  });
});
