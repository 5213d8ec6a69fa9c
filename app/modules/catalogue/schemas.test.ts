import { describe, expect, it } from 'vitest';
import { parseSearchParams } from './schemas';

describe('search query schema', () => {
  const parse = (q: string) => parseSearchParams(new URLSearchParams(q));
  it('accepts lists as repeated or comma-separated parameters', () => {
    const r = parse('category=sprachen&category=gesundheit&format=online,hybrid');
    expect(r.success && r.data.category).toEqual(['sprachen', 'gesundheit']);
    expect(r.success && r.data.format).toEqual(['online', 'hybrid']);
  });
  it('refuses unknown values, impossible dates, control characters and bad numbers', () => {
    for (const q of [
      'category=astrologie',
      'from=2026-02-31',
      'near=%00',
      'radius=abc',
      'page=0',
      'from=2026-05-01&to=2026-04-01',
    ]) {
      expect(parse(q).success, q).toBe(false);
    }
  });
  it('refuses a malformed date with the date error instead of throwing (issue 15: was a 500)', () => {
    for (const q of ['from=1', 'to=0', 'from=2026-1-1', 'to=2026-13-45x', 'from=%00', 'from=1&to=0']) {
      const r = parse(q);
      expect(r.success, q).toBe(false);
      if (!r.success)
        expect(
          r.error.issues.map((i) => i.message),
          q,
        ).toContain('date');
    }
  });
  it('has defaults for paging, radius and sort', () => {
    const r = parse('');
    expect(r.success && [r.data.page, r.data.perPage, r.data.radius, r.data.sort]).toEqual([
      1,
      20,
      10,
      'relevance',
    ]);
  });
});
