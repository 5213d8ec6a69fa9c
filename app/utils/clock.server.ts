import { getEnv } from './env.server';
import { dateTimeFormat } from './intl';

/** The current time; FIXED_NOW (a test-only switch) pins it for reproducible tests. */
export function now(): Date {
  const fixed = getEnv().FIXED_NOW;
  return fixed ? new Date(fixed) : new Date();
}

/** Today's date in Europe/Berlin (YYYY-MM-DD): what "past" means for a course. */
export function todayInBerlin(at: Date = now()): string {
  return dateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(at);
}
