import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './db-errors';

describe('isDatabaseUnavailable', () => {
  it('knows timeouts, shutdowns and broken connections, also as a cause', () => {
    for (const code of [
      '57014',
      '55P03',
      '57P01',
      '57P03',
      '53300',
      '08006',
      'CONNECT_TIMEOUT',
      'ECONNREFUSED',
    ]) {
      expect(isDatabaseUnavailable(Object.assign(new Error('x'), { code })), code).toBe(true);
    }
    const wrapped = new Error('import failed', {
      cause: Object.assign(new Error('x'), { code: 'CONNECTION_CLOSED' }),
    });
    expect(isDatabaseUnavailable(wrapped)).toBe(true);
  });

  it("leaves the request's own faults and bugs alone", () => {
    for (const code of ['23505', '22P02', '42601']) {
      expect(isDatabaseUnavailable(Object.assign(new Error('x'), { code })), code).toBe(false);
    }
    expect(isDatabaseUnavailable(new TypeError('undefined is not a function'))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});
