import { describe, expect, it } from 'vitest';
import { activeTestSwitches, EnvError, parseEnv } from './env.server';

describe('parseEnv', () => {
  it('fills defaults for demo mode', () => {
    const env = parseEnv({});
    expect(env.APP_ENV).toBe('development');
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('names the variable of a wrong value', () => {
    expect(() => parseEnv({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => parseEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: must be a postgres/);
  });

  it('requires the real services and secrets in production', () => {
    try {
      parseEnv({ APP_ENV: 'production' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      const problems = (error as EnvError).problems.join('\n');
      expect(problems).toMatch(/DATABASE_URL: is required in production/);
      expect(problems).toMatch(/SMTP_URL: is required in production/);
      expect(problems).toMatch(/SESSION_SECRET: is required in production/);
      expect(problems).toMatch(/PUBLIC_URL: is required in production/);
    }
  });

  it('refuses test-only switches in production and lists them otherwise', () => {
    const production = {
      APP_ENV: 'production',
      DATABASE_URL: 'postgres://u:p@db/wegweiser',
      SMTP_URL: 'smtp://mail:25',
      SESSION_SECRET: 'x'.repeat(32),
      PUBLIC_URL: 'https://wegweiser.example.org',
    };
    expect(() => parseEnv(production)).not.toThrow();
    expect(() => parseEnv({ ...production, ANTI_ABUSE: 'off' })).toThrow(/ANTI_ABUSE: is a test-only switch/);
    expect(activeTestSwitches(parseEnv({ ANTI_ABUSE: 'off', BOOKING_WINDOW_DAYS: '30' }))).toEqual([
      'ANTI_ABUSE=off',
      'BOOKING_WINDOW_DAYS=30',
    ]);
  });

  it('treats empty strings as unset', () => {
    expect(parseEnv({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });
});
