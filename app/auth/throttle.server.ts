import type { Sql } from '../../db/client.server';
import * as q from '../../db/queries/throttle.server';
import { now } from '../utils/clock.server';
import { keyedHash } from './secret.server';

/**
 * Throttling with back-off, shared by every process through the database. A key counts
 * attempts (sign-ins, mail requests, codes); at the limit it is blocked, first for 15 s,
 * doubling with each further attempt up to 5 minutes. Counting starts afresh only after
 * a quiet window since the last attempt, so waiting out one block doesn't reset it.
 * An attempt is counted *before* the secret is checked, under a row lock: a burst of
 * parallel requests can't slip past the limit. Success clears the key.
 * Subjects (addresses, IPs) are keyed hashes, so the table holds nothing in clear.
 */
export interface Limit {
  limit: number;
  windowSeconds: number;
}

export const LIMITS = {
  // One account: 10 attempts without success, then back-off (the 11th gets 429).
  signInAccount: { limit: 10, windowSeconds: 15 * 60 },
  // One address (an office behind one NAT is many people): generous, but no spraying.
  signInIp: { limit: 100, windowSeconds: 15 * 60 },
  // Reset and verification mails: few per account, more per IP.
  mailAccount: { limit: 5, windowSeconds: 60 * 60 },
  mailIp: { limit: 30, windowSeconds: 60 * 60 },
  // Wrong TOTP or recovery codes per account.
  secondFactor: { limit: 5, windowSeconds: 15 * 60 },
  // Appointment bookings: an office's shared IP books for several people, one address rarely.
  bookingIp: { limit: 20, windowSeconds: 60 * 60 },
  bookingEmail: { limit: 5, windowSeconds: 60 * 60 },
  // Anonymous self-assessments started (and first saved): a course room behind one address
  // starts a few dozen an hour, a script hundreds a second (issue 15).
  assessmentIp: { limit: 60, windowSeconds: 60 * 60 },
} satisfies Record<string, Limit>;

const FIRST_BLOCK_S = 15;
const MAX_BLOCK_S = 300;

export function blockSeconds(hits: number, limit: number): number {
  if (hits < limit) return 0;
  return Math.min(MAX_BLOCK_S, FIRST_BLOCK_S * 2 ** (hits - limit));
}

export async function throttleKey(sql: Sql, scope: string, subject: string): Promise<string> {
  return `${scope}:${await keyedHash(sql, `${scope}:${subject}`)}`;
}

function secondsUntil(until: Date | null, at: Date): number {
  if (!until || until.getTime() <= at.getTime()) return 0;
  return Math.ceil((until.getTime() - at.getTime()) / 1000);
}

/** Seconds until the key may try again (0: go ahead). Counts nothing. */
export async function retryAfter(sql: Sql, key: string): Promise<number> {
  const row = await q.readThrottle(sql, key);
  return row ? secondsUntil(row.blockedUntil, now()) : 0;
}

/**
 * Counts one attempt unless the key is blocked. Returns the seconds to wait when it is
 * (the attempt must then be refused), 0 when the attempt may go ahead.
 */
export async function attempt(sql: Sql, key: string, limit: Limit): Promise<number> {
  return sql.begin(async (tx) => {
    const at = now();
    const row = await q.lockThrottle(tx, key);
    const wait = secondsUntil(row.blockedUntil, at);
    if (wait > 0) return wait;
    const quiet = at.getTime() - row.lastHitAt.getTime() >= limit.windowSeconds * 1000;
    const hits = (quiet ? 0 : row.hits) + 1;
    const block = blockSeconds(hits, limit.limit);
    await q.saveThrottle(tx, key, {
      hits,
      lastHitAt: at,
      blockedUntil: block ? new Date(at.getTime() + block * 1000) : null,
    });
    return 0;
  });
}

/** Forgets a key (after a successful sign-in: the account starts afresh). */
export function clear(sql: Sql, key: string) {
  return q.deleteThrottle(sql, key);
}

/** Thrown by modules; routes answer 429 with Retry-After. */
export class ThrottledError extends Error {
  constructor(public readonly retryAfterSeconds: number) {
    super('throttled');
  }
}

/** Counts an attempt on every key; throws ThrottledError (longest wait) if any is blocked. */
export async function consume(sql: Sql, entries: { key: string; limit: Limit }[]) {
  let wait = 0;
  for (const e of entries) wait = Math.max(wait, await attempt(sql, e.key, e.limit));
  if (wait > 0) throw new ThrottledError(wait);
}

/** Throws ThrottledError if any key is blocked, counting nothing. */
export async function assertNotThrottled(sql: Sql, keys: string[]) {
  let wait = 0;
  for (const key of keys) wait = Math.max(wait, await retryAfter(sql, key));
  if (wait > 0) throw new ThrottledError(wait);
}
