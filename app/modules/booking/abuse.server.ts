import type { Sql } from '../../../db/client.server';
import { attempt, LIMITS, throttleKey } from '../../auth/throttle.server';
import { getEnv } from '../../utils/env.server';
import { type AltchaChallenge, createAltchaChallenge, verifyAltcha } from './altcha.server';

/**
 * Spam bookings without third parties: a honeypot field, rate limits per IP and per
 * address, and a proof-of-work (ALTCHA). Without JavaScript there is no proof; such a
 * booking only holds its slot until confirmed by e-mail, so a bot gains nothing.
 * ANTI_ABUSE=off (tests and load tests only; refused in production) switches it all off.
 */
export function antiAbuseOn(): boolean {
  return getEnv().ANTI_ABUSE !== 'off';
}

export async function bookingChallenge(sql: Sql): Promise<AltchaChallenge | null> {
  return antiAbuseOn() ? createAltchaChallenge(sql) : null;
}

export type AbuseVerdict =
  | { ok: true; proof: 'verified' | 'none' }
  | { ok: false; reason: 'honeypot' }
  | { ok: false; reason: 'throttled'; retryAfter: number };

export async function checkBooking(
  sql: Sql,
  input: { ip: string | null; email: string | null; honeypot?: string; altcha?: string },
): Promise<AbuseVerdict> {
  if (!antiAbuseOn()) return { ok: true, proof: 'verified' };
  if (input.honeypot) return { ok: false, reason: 'honeypot' };
  const keys: [string, (typeof LIMITS)[keyof typeof LIMITS]][] = [];
  if (input.ip) keys.push([await throttleKey(sql, 'booking-ip', input.ip), LIMITS.bookingIp]);
  if (input.email) keys.push([await throttleKey(sql, 'booking-email', input.email), LIMITS.bookingEmail]);
  for (const [key, limit] of keys) {
    const wait = await attempt(sql, key, limit);
    if (wait > 0) return { ok: false, reason: 'throttled', retryAfter: wait };
  }
  const verdict = await verifyAltcha(sql, input.altcha);
  return { ok: true, proof: verdict === 'ok' ? 'verified' : 'none' };
}
