import type { Sql } from '../../../db/client.server';
import { normalPhone } from '../../../db/queries/booking.server';
import { attempt, LIMITS, throttleKey } from '../../auth/throttle.server';
import { getEnv } from '../../utils/env.server';
import { type AltchaChallenge, createAltchaChallenge, verifyAltcha } from './altcha.server';

/**
 * Spam bookings without third parties: a honeypot field, rate limits per IP and per
 * person (address, or phone number when there is none), and a proof-of-work (ALTCHA).
 * Without JavaScript there is no proof. A booking with an e-mail address then only holds
 * its slot until confirmed by the mailed link, so a bot gains nothing; one with only a
 * phone number (possible by phone or in person, the same rule as with JavaScript) can't
 * be confirmed that way and is booked, under a tighter limit per IP and per number.
 * ANTI_ABUSE=off (tests and load tests only; refused in production) switches it all off.
 *
 * The booking page checks in two places: the honeypot and the proof when the details
 * are sent (the proof is spent there, and the draft remembers whether it was solved),
 * the rate limits when the person books on the check page. The API does both at once.
 */
export function antiAbuseOn(): boolean {
  return getEnv().ANTI_ABUSE !== 'off';
}

export async function bookingChallenge(sql: Sql): Promise<AltchaChallenge | null> {
  return antiAbuseOn() ? createAltchaChallenge(sql) : null;
}

export type Proof = 'verified' | 'none';

export type AbuseVerdict =
  | { ok: true; proof: Proof }
  | { ok: false; reason: 'honeypot' }
  | { ok: false; reason: 'throttled'; retryAfter: number };

/** The form's own signs: a filled-in honeypot refuses, the proof-of-work is checked and spent. */
export async function screenForm(
  sql: Sql,
  input: { honeypot?: string; altcha?: string },
): Promise<{ ok: true; proof: Proof } | { ok: false; reason: 'honeypot' }> {
  if (!antiAbuseOn()) return { ok: true, proof: 'verified' };
  if (input.honeypot) return { ok: false, reason: 'honeypot' };
  const verdict = await verifyAltcha(sql, input.altcha);
  return { ok: true, proof: verdict === 'ok' ? 'verified' : 'none' };
}

type Throttled = { ok: false; reason: 'throttled'; retryAfter: number };

async function firstBlocked(sql: Sql, keys: [string, string, (typeof LIMITS)[keyof typeof LIMITS]][]) {
  for (const [scope, subject, limit] of keys) {
    const wait = await attempt(sql, await throttleKey(sql, scope, subject), limit);
    if (wait > 0) return { ok: false, reason: 'throttled', retryAfter: wait } satisfies Throttled;
  }
  return null;
}

/** Rate limits of one booking: per IP, per address or phone number; tighter when nothing vouches for it. */
export async function checkRates(
  sql: Sql,
  input: { ip: string | null; email: string | null; phone: string | null; proof: Proof },
): Promise<{ ok: true } | Throttled> {
  if (!antiAbuseOn()) return { ok: true };
  const keys: [string, string, (typeof LIMITS)[keyof typeof LIMITS]][] = [];
  if (input.ip) keys.push(['booking-ip', input.ip, LIMITS.bookingIp]);
  if (input.email) keys.push(['booking-email', input.email, LIMITS.bookingEmail]);
  else if (input.phone) keys.push(['booking-phone', normalPhone(input.phone), LIMITS.bookingEmail]);
  // No proof and no address to confirm by: as few per IP as per address.
  if (input.proof === 'none' && !input.email && input.ip)
    keys.push(['booking-unconfirmable-ip', input.ip, LIMITS.bookingEmail]);
  return (await firstBlocked(sql, keys)) ?? { ok: true };
}

/** Drafts of the check-your-answers step per IP: as many as bookings, so nobody fills the table. */
export async function checkDraftRate(sql: Sql, ip: string | null): Promise<{ ok: true } | Throttled> {
  if (!antiAbuseOn() || !ip) return { ok: true };
  return (await firstBlocked(sql, [['booking-draft-ip', ip, LIMITS.bookingIp]])) ?? { ok: true };
}

/** The API's check, all at once: the form's signs, then the rate limits. */
export async function checkBooking(
  sql: Sql,
  input: {
    ip: string | null;
    email: string | null;
    phone: string | null;
    honeypot?: string;
    altcha?: string;
  },
): Promise<AbuseVerdict> {
  if (!antiAbuseOn()) return { ok: true, proof: 'verified' };
  if (input.honeypot) return { ok: false, reason: 'honeypot' };
  // Rates before the proof, so a throttled request doesn't spend its solution; the
  // tighter limit for a booking nobody can confirm once the proof turned out missing.
  const rates = await checkRates(sql, { ...input, proof: 'verified' });
  if (!rates.ok) return rates;
  const proof: Proof = (await verifyAltcha(sql, input.altcha)) === 'ok' ? 'verified' : 'none';
  const unconfirmable = proof === 'none' && !input.email && input.ip;
  if (unconfirmable) {
    const blocked = await firstBlocked(sql, [['booking-unconfirmable-ip', input.ip!, LIMITS.bookingEmail]]);
    if (blocked) return blocked;
  }
  return { ok: true, proof };
}
