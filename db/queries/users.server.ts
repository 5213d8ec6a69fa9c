import type { Role } from '../../app/auth/session.server';
import type { Db } from '../client.server';

export interface UserRow {
  id: number;
  email: string;
  emailVerifiedAt: Date | null;
  passwordHash: string | null;
  displayName: string | null;
  role: Role;
  status: 'active' | 'disabled' | 'deleted';
  locale: string;
  totpKey: Uint8Array | null;
  totpEnabledAt: Date | null;
  totpLastStep: number;
  createdAt: Date;
}

const columns = (db: Db) => db`
  id, email, email_verified_at as "emailVerifiedAt", password_hash as "passwordHash",
  display_name as "displayName", role, status, locale, totp_key as "totpKey",
  totp_enabled_at as "totpEnabledAt", totp_last_step as "totpLastStep", created_at as "createdAt"`;

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | null> {
  const [row] = await db<UserRow[]>`select ${columns(db)} from users where email = ${email}`;
  return row ?? null;
}

export async function findUserById(db: Db, id: number): Promise<UserRow | null> {
  const [row] = await db<UserRow[]>`select ${columns(db)} from users where id = ${id}`;
  return row ?? null;
}

export async function insertUser(
  db: Db,
  user: {
    email: string;
    passwordHash: string;
    displayName: string | null;
    role: Role;
    locale: string;
    verified?: boolean;
  },
): Promise<number> {
  const [row] = await db<{ id: number }[]>`
    insert into users (email, password_hash, display_name, role, locale, email_verified_at)
    values (${user.email}, ${user.passwordHash}, ${user.displayName}, ${user.role}, ${user.locale},
            ${user.verified ? db`now()` : null})
    returning id`;
  return row!.id;
}

export async function setEmailVerified(db: Db, userId: number) {
  await db`update users set email_verified_at = coalesce(email_verified_at, now()), updated_at = now() where id = ${userId}`;
}

export async function setPasswordHash(db: Db, userId: number, passwordHash: string) {
  await db`update users set password_hash = ${passwordHash}, updated_at = now() where id = ${userId}`;
}

/** Returns false when the new address is already taken (unique index). */
export async function setEmail(db: Db, userId: number, email: string): Promise<boolean> {
  const rows = await db`
    update users set email = ${email}, email_verified_at = now(), updated_at = now()
    where id = ${userId} and not exists (select 1 from users where email = ${email})
    returning 1`;
  return rows.count === 1;
}

export async function setLocale(db: Db, userId: number, locale: string) {
  await db`update users set locale = ${locale} where id = ${userId} and locale <> ${locale}`;
}

export async function setStatus(db: Db, userId: number, status: 'active' | 'disabled') {
  await db`update users set status = ${status}, updated_at = now() where id = ${userId} and status <> 'deleted'`;
}

export async function setTotpKey(db: Db, userId: number, key: Uint8Array | null) {
  await db`update users set totp_key = ${key ? Buffer.from(key) : null}, totp_enabled_at = null, totp_last_step = 0
           where id = ${userId}`;
}

/** False when another request enabled it first (two confirmations racing). */
export async function enableTotp(db: Db, userId: number, step: number): Promise<boolean> {
  const rows = await db`
    update users set totp_enabled_at = now(), totp_last_step = ${step}
    where id = ${userId} and totp_enabled_at is null returning 1`;
  return rows.count === 1;
}

/**
 * Records that a TOTP time step was used; false if it (or a later one) already was, so a
 * code seen once (over a shoulder, in a proxy log) never works again.
 */
export async function claimTotpStep(db: Db, userId: number, step: number): Promise<boolean> {
  const rows =
    await db`update users set totp_last_step = ${step} where id = ${userId} and totp_last_step < ${step} returning 1`;
  return rows.count === 1;
}

export async function replaceRecoveryCodes(db: Db, userId: number, hashes: string[]) {
  await db`delete from recovery_codes where user_id = ${userId}`;
  if (hashes.length === 0) return;
  await db`insert into recovery_codes ${db(hashes.map((h) => ({ user_id: userId, code_hash: h })))}`;
}

/** Marks a recovery code used; false when it doesn't exist or was used before. */
export async function spendRecoveryCode(db: Db, userId: number, hash: string): Promise<boolean> {
  const rows = await db`
    update recovery_codes set used_at = now()
    where user_id = ${userId} and code_hash = ${hash} and used_at is null returning 1`;
  return rows.count === 1;
}

export async function countUnusedRecoveryCodes(db: Db, userId: number): Promise<number> {
  const [row] = await db<
    { n: number }[]
  >`select count(*)::int as n from recovery_codes where user_id = ${userId} and used_at is null`;
  return row!.n;
}

// One-time tokens sent by mail

export async function insertUserToken(
  db: Db,
  token: {
    id: string;
    userId: number;
    purpose: 'verify_email' | 'reset_password' | 'change_email';
    newEmail?: string;
    expiresAt: Date;
  },
) {
  // A new link replaces the older ones of the same purpose: only the latest mail works.
  await db`delete from user_tokens where user_id = ${token.userId} and purpose = ${token.purpose} and used_at is null`;
  await db`
    insert into user_tokens (id, user_id, purpose, new_email, expires_at)
    values (${token.id}, ${token.userId}, ${token.purpose}, ${token.newEmail ?? null}, ${token.expiresAt})`;
}

/**
 * Uses a token once: marks it used and returns it, or null when it is unknown, used,
 * expired or of another purpose. The update makes two racing uses yield one winner.
 */
export async function consumeUserToken(db: Db, id: string, purpose: string, at: Date) {
  const [row] = await db<{ userId: number; newEmail: string | null }[]>`
    update user_tokens set used_at = ${at}
    where id = ${id} and purpose = ${purpose} and used_at is null and expires_at > ${at}
    returning user_id as "userId", new_email as "newEmail"`;
  return row ?? null;
}

export async function peekUserToken(db: Db, id: string, purpose: string, at: Date) {
  const [row] = await db<{ userId: number }[]>`
    select user_id as "userId" from user_tokens
    where id = ${id} and purpose = ${purpose} and used_at is null and expires_at > ${at}`;
  return row ?? null;
}

/** Every unused mail link of a user: a reset, a password change or disabling voids them. */
export async function deleteOpenUserTokens(db: Db, userId: number) {
  await db`delete from user_tokens where user_id = ${userId} and used_at is null`;
}

// Provider staff

export interface Membership {
  providerId: number;
  providerName: string;
  providerSlug: string;
  providerStatus: 'pending' | 'approved' | 'suspended';
  role: 'owner' | 'editor';
  status: 'active' | 'suspended';
}

export async function findMembership(db: Db, userId: number): Promise<Membership | null> {
  const [row] = await db<Membership[]>`
    select m.provider_id as "providerId", p.name as "providerName", p.slug as "providerSlug",
           p.status as "providerStatus", m.role, m.status
    from provider_members m join providers p on p.id = m.provider_id
    where m.user_id = ${userId}`;
  return row ?? null;
}

export async function insertMembership(db: Db, userId: number, providerId: number, role: 'owner' | 'editor') {
  await db`insert into provider_members (user_id, provider_id, role) values (${userId}, ${providerId}, ${role})`;
}

// Consents

export async function insertConsent(db: Db, userId: number, purpose: string, textVersion: string) {
  await db`insert into consents (user_id, purpose, text_version) values (${userId}, ${purpose}, ${textVersion})`;
}

export async function listConsents(db: Db, userId: number) {
  return db<{ id: number; purpose: string; textVersion: string; givenAt: Date; withdrawnAt: Date | null }[]>`
    select id, purpose, text_version as "textVersion", given_at as "givenAt", withdrawn_at as "withdrawnAt"
    from consents where user_id = ${userId} order by given_at desc, id desc`;
}

export async function withdrawConsent(db: Db, userId: number, consentId: number): Promise<string | null> {
  const [row] = await db<{ purpose: string }[]>`
    update consents set withdrawn_at = now()
    where id = ${consentId} and user_id = ${userId} and withdrawn_at is null returning purpose`;
  return row?.purpose ?? null;
}

// Data rights

/** Erases the person: the row stays (role, dates) for anonymous counts, nothing identifies them. */
export async function anonymiseUser(db: Db, userId: number) {
  await db`delete from sessions where user_id = ${userId}`;
  await db`delete from user_tokens where user_id = ${userId}`;
  await db`delete from recovery_codes where user_id = ${userId}`;
  await db`delete from provider_members where user_id = ${userId}`;
  await db`delete from assessments where user_id = ${userId}`;
  await db`update counsellors set user_id = null where user_id = ${userId}`;
  await db`update invitations set email = '' where accepted_user_id = ${userId}`;
  await db`update consents set withdrawn_at = coalesce(withdrawn_at, now()) where user_id = ${userId}`;
  await db`
    update users set email = null, email_verified_at = null, password_hash = null, display_name = null,
      totp_key = null, totp_enabled_at = null, status = 'deleted', deleted_at = now(), updated_at = now()
    where id = ${userId}`;
}

export async function deleteSpentUserTokens(db: Db, before: Date) {
  const rows = await db`
    delete from user_tokens where expires_at < ${before} or used_at < ${before} returning 1`;
  return rows.count;
}
