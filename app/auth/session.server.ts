import type { Db } from '../../db/client.server';
import * as q from '../../db/queries/sessions.server';
import { now } from '../utils/clock.server';
import { STAFF_IDLE_MS } from './session-limits';
import { generateToken, hashToken, looksLikeToken } from './tokens.server';

export { STAFF_IDLE_MS } from './session-limits';

/**
 * Sessions in Lucia's design: the cookie holds a random token, the database only its
 * SHA-256 hash. Citizen sessions slide: 30 days from the last visit, renewed when less
 * than half is left. Staff sessions (provider staff, counsellors, planners, admins) end after 30
 * minutes without a request and 10 hours after sign-in, whatever happens.
 */
export const CITIZEN_LIFETIME_MS = 30 * 24 * 3600_000;
export const STAFF_MAX_MS = 10 * 3600_000;
/**
 * last_seen_at is written at most this often. Staff pages warn two minutes before the
 * idle sign-out, counted from their last request, so a staff session's last_seen_at must
 * be close to that request (seconds, not a minute); a citizen's only moves the 30 days.
 */
const TOUCH_EVERY_MS = { citizen: 60_000, staff: 5_000 } as const;

export type SessionKind = 'citizen' | 'staff';
export type Role = 'citizen' | 'provider' | 'counsellor' | 'admin' | 'planner';

export function sessionKindFor(role: Role): SessionKind {
  return role === 'citizen' ? 'citizen' : 'staff';
}

export interface Session {
  id: string;
  userId: number;
  kind: SessionKind;
  twoFactorVerified: boolean;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

export interface NewSession {
  token: string;
  session: Session;
}

export async function createSession(
  db: Db,
  userId: number,
  kind: SessionKind,
  options: { twoFactorVerified?: boolean } = {},
): Promise<NewSession> {
  const token = generateToken();
  const at = now();
  const session: Session = {
    id: hashToken(token),
    userId,
    kind,
    twoFactorVerified: options.twoFactorVerified ?? false,
    createdAt: at,
    lastSeenAt: at,
    expiresAt: new Date(at.getTime() + (kind === 'citizen' ? CITIZEN_LIFETIME_MS : STAFF_MAX_MS)),
  };
  await q.insertSession(db, session);
  return { token, session };
}

export type Validation =
  | { session: Session; user: q.SessionUser; renewed: boolean }
  | {
      session: null;
      user: null;
      renewed: false;
      /** Set when this request found the session gone idle (and ended it): the sign-in page says so. */
      ended?: 'idle';
    };

const NONE = { session: null, user: null, renewed: false } as const satisfies Validation;

/** Whether a staff session has gone without a request for the idle limit. */
export function isIdle(session: Pick<Session, 'kind' | 'lastSeenAt'>, at: number): boolean {
  return session.kind === 'staff' && at - session.lastSeenAt.getTime() >= STAFF_IDLE_MS;
}

/**
 * The session behind a cookie token, or none. Ends (deletes) a session that has expired,
 * gone idle, or whose user is no longer active; slides a citizen session forward.
 */
export async function validateSessionToken(db: Db, token: string | undefined): Promise<Validation> {
  if (!looksLikeToken(token)) return NONE;
  const found = await q.findSessionWithUser(db, hashToken(token));
  if (!found) return NONE;
  const { session, user } = found;
  const at = now().getTime();
  const expired = at >= session.expiresAt.getTime();
  const idle = isIdle(session, at);
  if (expired || idle || user.status !== 'active' || sessionKindFor(user.role) !== session.kind) {
    await q.deleteSession(db, session.id);
    // Only idleness is reported (the sign-in page explains it); a disabled account or a
    // changed role learns no more than "signed out".
    return idle && !expired && user.status === 'active' ? { ...NONE, ended: 'idle' } : NONE;
  }
  let renewed = false;
  if (session.kind === 'citizen' && session.expiresAt.getTime() - at < CITIZEN_LIFETIME_MS / 2) {
    session.expiresAt = new Date(at + CITIZEN_LIFETIME_MS);
    renewed = true;
  }
  if (renewed || at - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS[session.kind]) {
    session.lastSeenAt = new Date(at);
    await q.touchSession(db, session.id, session.lastSeenAt, session.expiresAt);
  }
  return { session, user, renewed };
}

export function invalidateSession(db: Db, sessionId: string) {
  return q.deleteSession(db, sessionId);
}

/** Ends every session of a user ("sign out everywhere", reset, disabling), optionally but one. */
export function invalidateUserSessions(db: Db, userId: number, exceptSessionId?: string) {
  return q.deleteUserSessions(db, userId, exceptSessionId);
}
