import { describe, expect, it } from 'vitest';
import { parseSessionLines, sessionTimestamps, shiftDate, timeOfDay, weeklySessions } from './sessions';

describe('session lines', () => {
  it('reads ISO and German dates with either dash, sorted, and names the bad lines', () => {
    const { sessions, errors } = parseSessionLines(
      '08.12.2026 18:00–19:30\n2026-12-01 18:00-19:30\n\nmorgen früh\n31.02.2026 10:00-11:00\n2026-12-15 19:00-18:00',
    );
    expect(sessions).toEqual([
      { date: '2026-12-01', start: '18:00', end: '19:30' },
      { date: '2026-12-08', start: '18:00', end: '19:30' },
    ]);
    expect(errors).toEqual([4, 5, 6]);
  });
});

describe('weekly sessions', () => {
  it('makes one session per chosen weekday, across the change to winter time, with the right offsets', () => {
    const s = weeklySessions('2026-10-19', '2026-11-02', [1, 3], '18:00', '19:30');
    expect(s.map((x) => x.date)).toEqual([
      '2026-10-19',
      '2026-10-21',
      '2026-10-26',
      '2026-10-28',
      '2026-11-02',
    ]);
    expect(sessionTimestamps(s[0]!)).toEqual({
      startsAt: '2026-10-19T18:00:00+02:00',
      endsAt: '2026-10-19T19:30:00+02:00',
    });
    expect(sessionTimestamps(s[2]!).startsAt).toBe('2026-10-26T18:00:00+01:00');
  });
});

describe('helpers', () => {
  it('derives the time of day and shifts dates by weeks', () => {
    expect(timeOfDay('09:00')).toBe('morning');
    expect(timeOfDay('14:30')).toBe('afternoon');
    expect(timeOfDay('18:00')).toBe('evening');
    expect(timeOfDay(null)).toBeNull();
    expect(shiftDate('2026-12-01', 26)).toBe('2027-06-01');
  });
});
