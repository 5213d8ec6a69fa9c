import type { Sql } from '../../db/client.server';
import * as q from '../../db/queries/throttle.server';
import { now } from '../utils/clock.server';
import { keyedHash } from './secret.server';

/**
 * Throttling with back-off, shared by every process through the database. A key counts
 * hits (failed sign-ins, mail requests, wrong codes) within a window; at the limit it is
 * blocked, first for 15 s, doubling with each further hit up to 5 minutes. Subjects
 * (addresses, IPs) are keyed hashes, so the table holds nothing personal in clear.
 */
export interface Limit {
  limit: number;
  windowSeconds: number;
}

export const LIMITS = {
  // One account: 10 wrong passwords, then back-off (the 11th attempt gets 429).
  signInAccount: { limit: 10, windowSeconds: 15 * 60 },
  // One address (an office behind one NAT is many people): generous, but no spraying.
  signInIp: { limit: 100, windowSeconds: 15 * 60 },
  // Reset and verification mails: few per account, more per IP.
  mailAccount: { limit: 5, windowSeconds: 60 * 60 },
  mailIp: { limit: 30, windowSeconds: 60 * 60 },
  // Wrong TOTP or recovery codes per account.
  secondFactor: { limit: 5, windowSeconds: 15 * 60 },
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

/** Seconds until the key may try again (0: go ahead). Never counts a hit. */
export async function retryAfter(sql: Sql, key: string): Promise<number> {
  const row = await q.readThrottle(sql, key);
  const at = now().getTime();
  if (!row?.blockedUntil || row.blockedUntil.getTime() <= at) return 0;
  return Math.ceil((row.blockedUntil.getTime() - at) / 1000);
}

/** Counts one hit; returns the seconds the key is now blocked for (0: still under the limit). */
export async function hit(sql: Sql, key: string, limit: Limit): Promise<number> {
  return sql.begin(async (tx) => {
    const at = now();
    const row = await q.lockThrottle(tx, key);
    const expired =
      !row ||
      (row.windowStartedAt.getTime() + limit.windowSeconds * 1000 <= at.getTime() &&
        (!row.blockedUntil || row.blockedUntil.getTime() <= at.getTime()));
    const hits = expired ? 1 : row.hits + 1;
    const block = blockSeconds(hits, limit.limit);
    await q.saveThrottle(tx, key, {
      hits,
      windowStartedAt: expired ? at : row.windowStartedAt,
      blockedUntil: block ? new Date(at.getTime() + block * 1000) : null,
    });
    return block;
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

/** Blocks when any of the keys is blocked: the longest wait wins. */
export async function assertNotThrottled(sql: Sql, keys: string[]) {
  const waits = await Promise.all(keys.map((k) => retryAfter(sql, k)));
  const wait = Math.max(0, ...waits);
  if (wait > 0) throw new ThrottledError(wait);
}

/** For requests that count whether they succeed or not (mail requests): hit, then refuse over the limit. */
export async function consume(sql: Sql, entries: { key: string; limit: Limit }[]) {
  await assertNotThrottled(
    sql,
    entries.map((e) => e.key),
  );
  const blocks = await Promise.all(entries.map((e) => hit(sql, e.key, e.limit)));
  // The request that reaches the limit still goes through; the next one is refused.
  return Math.max(0, ...blocks);
}
