import { describe, expect, it } from 'vitest';
import { formatDate, formatPrice, languageName, weekdayName } from './format';

describe('format', () => {
  it('formats calendar dates without shifting the day', () => {
    expect(formatDate('2026-03-29', 'de')).toBe('29.03.2026');
    expect(formatDate('2026-03-29', 'ls')).toBe('29.03.2026');
  });
  it('formats prices in euros, with Western digits even in Arabic', () => {
    expect(formatPrice(4900, 'de')).toMatch(/^49\s?€$/);
    expect(formatPrice(4950, 'de')).toMatch(/^49,50\s?€$/);
    expect(formatPrice(4900, 'ar')).toMatch(/49/);
  });
  it('names languages and weekdays in the reader language', () => {
    expect(languageName('en', 'de')).toBe('Englisch');
    expect(weekdayName(1, 'de')).toMatch(/^Mo/);
  });
});
