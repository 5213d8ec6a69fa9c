import { getSql } from '../../db/client.server';
import { deleteExpiredSessions } from '../../db/queries/sessions.server';
import { deleteStaleThrottles } from '../../db/queries/throttle.server';
import { deleteSpentUserTokens } from '../../db/queries/users.server';
import { now } from '../utils/clock.server';

/**
 * Retention for sign-in data: sessions past their expiry (idle staff sessions are ended
 * when next seen, and here after 10 hours at most), mail links a day after they expired
 * or were used, throttle counters a day after their last block. Run hourly by the queue.
 */
export async function cleanUpAuthData() {
  const sql = getSql();
  const at = now();
  const dayAgo = new Date(at.getTime() - 24 * 3600_000);
  return {
    sessions: await deleteExpiredSessions(sql, at),
    tokens: await deleteSpentUserTokens(sql, dayAgo),
    throttles: await deleteStaleThrottles(sql, dayAgo),
  };
}
