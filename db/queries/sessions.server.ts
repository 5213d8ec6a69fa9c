import type { Role, Session, SessionKind } from '../../app/auth/session.server';
import type { Db } from '../client.server';

export interface SessionUser {
  id: number;
  email: string;
  displayName: string | null;
  role: Role;
  status: 'active' | 'disabled' | 'deleted';
  locale: string;
  totpEnabled: boolean;
}

export async function insertSession(db: Db, s: Session) {
  await db`
    insert into sessions (id, user_id, kind, two_factor_verified, created_at, last_seen_at, expires_at)
    values (${s.id}, ${s.userId}, ${s.kind}, ${s.twoFactorVerified}, ${s.createdAt}, ${s.lastSeenAt}, ${s.expiresAt})`;
}

export async function findSessionWithUser(
  db: Db,
  id: string,
): Promise<{ session: Session; user: SessionUser } | null> {
  const [row] = await db<
    {
      id: string;
      userId: number;
      kind: SessionKind;
      twoFactorVerified: boolean;
      createdAt: Date;
      lastSeenAt: Date;
      expiresAt: Date;
      email: string;
      displayName: string | null;
      role: Role;
      status: SessionUser['status'];
      locale: string;
      totpEnabled: boolean;
    }[]
  >`
    select s.id, s.user_id as "userId", s.kind, s.two_factor_verified as "twoFactorVerified",
           s.created_at as "createdAt", s.last_seen_at as "lastSeenAt", s.expires_at as "expiresAt",
           u.email, u.display_name as "displayName", u.role, u.status, u.locale,
           u.totp_enabled_at is not null as "totpEnabled"
    from sessions s join users u on u.id = s.user_id
    where s.id = ${id}`;
  if (!row) return null;
  return {
    session: {
      id: row.id,
      userId: row.userId,
      kind: row.kind,
      twoFactorVerified: row.twoFactorVerified,
      createdAt: row.createdAt,
      lastSeenAt: row.lastSeenAt,
      expiresAt: row.expiresAt,
    },
    user: {
      id: row.userId,
      email: row.email,
      displayName: row.displayName,
      role: row.role,
      status: row.status,
      locale: row.locale,
      totpEnabled: row.totpEnabled,
    },
  };
}

export async function touchSession(db: Db, id: string, lastSeenAt: Date, expiresAt: Date) {
  await db`update sessions set last_seen_at = ${lastSeenAt}, expires_at = ${expiresAt} where id = ${id}`;
}

export async function markTwoFactorVerified(db: Db, id: string) {
  await db`update sessions set two_factor_verified = true where id = ${id}`;
}

export async function deleteSession(db: Db, id: string) {
  await db`delete from sessions where id = ${id}`;
}

export async function deleteUserSessions(db: Db, userId: number, exceptId?: string) {
  await db`delete from sessions where user_id = ${userId} and id <> ${exceptId ?? ''}`;
}

export async function listUserSessions(db: Db, userId: number) {
  return db<
    {
      id: string;
      kind: SessionKind;
      twoFactorVerified: boolean;
      createdAt: Date;
      lastSeenAt: Date;
      expiresAt: Date;
    }[]
  >`
    select id, kind, two_factor_verified as "twoFactorVerified", created_at as "createdAt",
           last_seen_at as "lastSeenAt", expires_at as "expiresAt"
    from sessions where user_id = ${userId} order by last_seen_at desc`;
}

export async function deleteExpiredSessions(db: Db, before: Date) {
  const rows = await db`delete from sessions where expires_at < ${before} returning 1`;
  return rows.count;
}
