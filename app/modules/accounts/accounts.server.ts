import { type Db, getSql, type Sql } from '../../../db/client.server';
import { assessmentsForExport } from '../../../db/queries/assessment.server';
import { listAuditForActor } from '../../../db/queries/audit.server';
import { createProviderForSignUp } from '../../../db/queries/providers.server';
import { listUserSessions } from '../../../db/queries/sessions.server';
import * as users from '../../../db/queries/users.server';
import { dummyHash, hashPassword, passwordProblem, verifyPassword } from '../../auth/password.server';
import { secondFactorMandatory } from '../../auth/permissions';
import {
  createSession,
  invalidateSession,
  invalidateUserSessions,
  isIdle,
  type NewSession,
  sessionKindFor,
} from '../../auth/session.server';
import {
  attempt,
  clear,
  consume,
  LIMITS,
  retryAfter,
  ThrottledError,
  throttleKey,
} from '../../auth/throttle.server';
import { generateToken, hashToken, looksLikeToken } from '../../auth/tokens.server';
import { now } from '../../utils/clock.server';
import { isUniqueViolation } from '../../utils/db-errors';
import { slugify } from '../../utils/slug';
import { audit } from '../audit/audit.server';
import { casesForExport, eraseCasesOfAccount } from '../cases/person.server';
import { sendMail } from '../mail/mail.server';

/**
 * Accounts: sign-up with e-mail verification, sign-in, password reset, change of e-mail
 * and password, data export and erasure. Messages never tell whether an address is
 * registered: every branch answers the same and the mailbox owner learns the rest.
 */
export const VERIFY_TTL_MS = 48 * 3600_000;
export const RESET_TTL_MS = 3600_000;
export const CHANGE_EMAIL_TTL_MS = 24 * 3600_000;
/** The version of the account privacy text a person agrees to at sign-up. */
export const ACCOUNT_CONSENT = { purpose: 'account', version: '2026-11' } as const;

export interface RequestMeta {
  ip: string | null;
  baseUrl: string;
  locale: string;
}

export class PasswordRejected extends Error {
  constructor(public readonly problem: 'tooShort' | 'tooLong' | 'common' | 'wrong') {
    super(problem);
  }
}

function link(baseUrl: string, path: string, token: string, locale: string) {
  return `${baseUrl}${path}?token=${token}&lng=${locale}`;
}

async function issueToken(
  sql: Db,
  userId: number,
  purpose: 'verify_email' | 'reset_password' | 'change_email',
  ttlMs: number,
  newEmail?: string,
) {
  const token = generateToken();
  await users.insertUserToken(sql, {
    id: hashToken(token),
    userId,
    purpose,
    newEmail,
    expiresAt: new Date(now().getTime() + ttlMs),
  });
  return token;
}

/** Mail requests (sign-up, reset, verification) count per address and per IP. */
async function consumeMailQuota(sql: Sql, email: string, ip: string | null) {
  const entries = [{ key: await throttleKey(sql, 'mail:account', email), limit: LIMITS.mailAccount }];
  if (ip) entries.push({ key: await throttleKey(sql, 'mail:ip', ip), limit: LIMITS.mailIp });
  await consume(sql, entries);
}

export interface SignUpInput {
  kind: 'citizen' | 'provider';
  displayName: string;
  email: string;
  password: string;
  organisation?: string;
  providerKind?: string;
}

/** Creates an unverified account and mails the link; for a known address, mails a hint instead. */
export async function signUp(input: SignUpInput, meta: RequestMeta): Promise<void> {
  const problem = passwordProblem(input.password);
  if (problem) throw new PasswordRejected(problem);
  const sql = getSql();
  await consumeMailQuota(sql, input.email, meta.ip);
  // Hashed in every case, so a known address doesn't answer faster than a new one.
  const passwordHash = await hashPassword(input.password);
  const existing = await users.findUserByEmail(sql, input.email);
  if (existing) {
    await sql.begin(async (tx) => {
      await sendMail(tx, input.email, 'accountExists', existing.locale, {
        link: `${meta.baseUrl}/anmelden?lng=${existing.locale}`,
      });
      await audit(tx, {
        action: 'account.signup',
        outcome: 'failure',
        actorUserId: existing.id,
        ip: meta.ip,
        detail: { reason: 'exists' },
      });
    });
    return;
  }
  await sql
    .begin(async (tx) => {
      const role = input.kind === 'provider' ? 'provider' : 'citizen';
      const userId = await users.insertUser(tx, {
        email: input.email,
        passwordHash,
        displayName: input.displayName,
        role,
        locale: meta.locale,
      });
      await users.insertConsent(tx, userId, ACCOUNT_CONSENT.purpose, ACCOUNT_CONSENT.version);
      if (role === 'provider') {
        const providerId = await createProviderForSignUp(tx, {
          name: input.organisation ?? input.displayName,
          kind: input.providerKind ?? 'other',
          slugBase: slugify(input.organisation ?? 'anbieter', 60) || 'anbieter',
        });
        await users.insertMembership(tx, userId, providerId, 'owner');
      }
      const token = await issueToken(tx, userId, 'verify_email', VERIFY_TTL_MS);
      await sendMail(tx, input.email, 'verifyEmail', meta.locale, {
        link: link(meta.baseUrl, '/bestaetigen', token, meta.locale),
        name: input.displayName,
      });
      await audit(tx, { action: 'account.signup', actorUserId: userId, ip: meta.ip, detail: { role } });
    })
    // Two sign-ups for one new address at once: the second finds the first's row. Same answer.
    .catch((error: unknown) => {
      if (!isUniqueViolation(error)) throw error;
    });
}

/** Sends a fresh verification link if the address has an unverified account; silent otherwise. */
export async function resendVerification(email: string, meta: RequestMeta): Promise<void> {
  const sql = getSql();
  await consumeMailQuota(sql, email, meta.ip);
  const user = await users.findUserByEmail(sql, email);
  if (!user || user.emailVerifiedAt || user.status !== 'active') return;
  await sql.begin(async (tx) => {
    const token = await issueToken(tx, user.id, 'verify_email', VERIFY_TTL_MS);
    await sendMail(tx, email, 'verifyEmail', user.locale, {
      link: link(meta.baseUrl, '/bestaetigen', token, user.locale),
      name: user.displayName ?? '',
    });
  });
}

/** Confirms a link from a mail: a new account's address, or a changed one. */
export async function confirmEmailToken(token: string, meta: Pick<RequestMeta, 'ip'>) {
  if (!looksLikeToken(token)) return { ok: false as const };
  const sql = getSql();
  return sql.begin(async (tx) => {
    const id = hashToken(token);
    const at = now();
    const verified = await users.consumeUserToken(tx, id, 'verify_email', at);
    if (verified) {
      await users.setEmailVerified(tx, verified.userId);
      await audit(tx, { action: 'account.email_verified', actorUserId: verified.userId, ip: meta.ip });
      return { ok: true as const, purpose: 'verify_email' as const };
    }
    const changed = await users.consumeUserToken(tx, id, 'change_email', at);
    if (changed?.newEmail) {
      const user = await users.findUserById(tx, changed.userId);
      if (user?.status !== 'active') return { ok: false as const };
      if (!(await users.setEmail(tx, changed.userId, changed.newEmail))) return { ok: false as const };
      // The old address may have been an attacker's way in: every other session ends.
      await invalidateUserSessions(tx, changed.userId);
      await audit(tx, { action: 'account.email_changed', actorUserId: changed.userId, ip: meta.ip });
      return { ok: true as const, purpose: 'change_email' as const };
    }
    return { ok: false as const };
  });
}

export type SignInResult =
  | {
      status: 'signedIn';
      session: NewSession;
      role: users.UserRow['role'];
      secondFactor: 'none' | 'verify' | 'enrol';
    }
  | { status: 'invalid' }
  | { status: 'unverified' };

/**
 * Checks the password, throttled per account and per IP (ThrottledError when over the
 * limit: 10 wrong passwords for an account, then back-off up to 5 minutes). An unknown
 * address costs the same argon2 time and counts against the same limits.
 */
export async function signIn(email: string, password: string, meta: RequestMeta): Promise<SignInResult> {
  const sql = getSql();
  const accountKey = await throttleKey(sql, 'signin:account', email);
  const ipKey = meta.ip ? await throttleKey(sql, 'signin:ip', meta.ip) : null;
  // The attempt counts before the password is checked (parallel guesses can't slip past);
  // a success clears the account's count. The IP counts failures only.
  const wait = Math.max(
    await attempt(sql, accountKey, LIMITS.signInAccount),
    ipKey ? await retryAfter(sql, ipKey) : 0,
  );
  if (wait > 0) {
    await audit(sql, {
      action: 'auth.signin',
      outcome: 'denied',
      ip: meta.ip,
      detail: { reason: 'throttled' },
    });
    throw new ThrottledError(wait);
  }
  const user = await users.findUserByEmail(sql, email);
  const valid =
    user?.passwordHash && user.status === 'active'
      ? await verifyPassword(user.passwordHash, password)
      : (await verifyPassword(await dummyHash(), password)) && false;
  if (!user || !valid) {
    if (ipKey) await attempt(sql, ipKey, LIMITS.signInIp);
    await audit(sql, {
      action: 'auth.signin',
      outcome: 'failure',
      actorUserId: user?.id ?? null,
      ip: meta.ip,
      detail: { reason: user ? (user.status === 'active' ? 'password' : user.status) : 'unknown_account' },
    });
    return { status: 'invalid' };
  }
  await clear(sql, accountKey);
  if (!user.emailVerifiedAt) {
    await resendVerification(email, meta).catch((error: unknown) => {
      if (!(error instanceof ThrottledError)) throw error;
    });
    return { status: 'unverified' };
  }
  const mandatory = secondFactorMandatory(user.role);
  const secondFactor = user.totpEnabledAt ? 'verify' : mandatory ? 'enrol' : 'none';
  const session = await createSession(sql, user.id, sessionKindFor(user.role));
  if (meta.locale !== user.locale) await users.setLocale(sql, user.id, meta.locale);
  await audit(sql, {
    action: 'auth.signin',
    actorUserId: user.id,
    ip: meta.ip,
    detail: { secondFactor },
  });
  return { status: 'signedIn', session, role: user.role, secondFactor };
}

/** Ends one session without an audit entry (replaced by a new sign-in). */
export function endSession(sessionId: string) {
  return invalidateSession(getSql(), sessionId);
}

export async function signOut(sessionId: string, userId: number, ip: string | null) {
  const sql = getSql();
  await invalidateSession(sql, sessionId);
  await audit(sql, { action: 'auth.signout', actorUserId: userId, ip });
}

/** Ends every session of the user, this one included. */
export async function signOutEverywhere(userId: number, ip: string | null) {
  const sql = getSql();
  await invalidateUserSessions(sql, userId);
  await audit(sql, { action: 'auth.signout_everywhere', actorUserId: userId, ip });
}

export async function requestPasswordReset(email: string, meta: RequestMeta): Promise<void> {
  const sql = getSql();
  await consumeMailQuota(sql, email, meta.ip);
  const user = await users.findUserByEmail(sql, email);
  // Unknown or disabled address: the same answer, no mail (nothing to reset).
  if (user?.status !== 'active') return;
  await sql.begin(async (tx) => {
    const token = await issueToken(tx, user.id, 'reset_password', RESET_TTL_MS);
    await sendMail(tx, email, 'resetPassword', user.locale, {
      link: link(meta.baseUrl, '/passwort-neu', token, user.locale),
      hours: 1,
    });
    await audit(tx, { action: 'account.reset_requested', actorUserId: user.id, ip: meta.ip });
  });
}

/** Whether a reset link can still be used (for showing the form or the "expired" page). */
export async function resetTokenUsable(token: string): Promise<boolean> {
  if (!looksLikeToken(token)) return false;
  return (await users.peekUserToken(getSql(), hashToken(token), 'reset_password', now())) !== null;
}

/** Sets the new password, once per link; every session of the account ends. */
export async function resetPassword(token: string, password: string, meta: RequestMeta): Promise<boolean> {
  const problem = passwordProblem(password);
  if (problem) throw new PasswordRejected(problem);
  // The (costly) hash only for a link that can still be used.
  if (!(await resetTokenUsable(token))) return false;
  const passwordHash = await hashPassword(password);
  const sql = getSql();
  return sql.begin(async (tx) => {
    const used = await users.consumeUserToken(tx, hashToken(token), 'reset_password', now());
    if (!used) return false;
    const user = await users.findUserById(tx, used.userId);
    if (user?.status !== 'active') return false;
    await users.setPasswordHash(tx, user.id, passwordHash);
    // The mail reached them, so the address is theirs.
    await users.setEmailVerified(tx, user.id);
    await invalidateUserSessions(tx, user.id);
    // A pending change of address (perhaps an intruder's) dies with the old password.
    await users.deleteOpenUserTokens(tx, user.id);
    await sendMail(tx, user.email, 'passwordChanged', user.locale, {});
    await audit(tx, { action: 'account.password_reset', actorUserId: user.id, ip: meta.ip });
    return true;
  });
}

async function requirePassword(sql: Sql, userId: number, password: string): Promise<users.UserRow> {
  const user = await users.findUserById(sql, userId);
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, password)))
    throw new PasswordRejected('wrong');
  return user;
}

/** Throttles wrong current passwords on account pages like sign-in does. */
async function checkCurrentPassword(userId: number, password: string, ip: string | null) {
  const sql = getSql();
  const key = await throttleKey(sql, 'reauth:user', String(userId));
  const wait = await attempt(sql, key, LIMITS.signInAccount);
  if (wait > 0) throw new ThrottledError(wait);
  try {
    const user = await requirePassword(sql, userId, password);
    await clear(sql, key);
    return user;
  } catch (error) {
    if (error instanceof PasswordRejected)
      await audit(sql, { action: 'account.reauth', outcome: 'failure', actorUserId: userId, ip });
    throw error;
  }
}

/** Changes the password; other sessions end and this one is replaced by a new one. */
export async function changePassword(
  userId: number,
  current: string,
  next: string,
  meta: RequestMeta,
): Promise<NewSession> {
  const problem = passwordProblem(next);
  if (problem) throw new PasswordRejected(problem);
  const user = await checkCurrentPassword(userId, current, meta.ip);
  const passwordHash = await hashPassword(next);
  const sql = getSql();
  return sql.begin(async (tx) => {
    await users.setPasswordHash(tx, userId, passwordHash);
    await invalidateUserSessions(tx, userId);
    await users.deleteOpenUserTokens(tx, userId);
    const fresh = await createSession(tx, userId, sessionKindFor(user.role), { twoFactorVerified: true });
    await sendMail(tx, user.email, 'passwordChanged', user.locale, {});
    await audit(tx, { action: 'account.password_changed', actorUserId: userId, ip: meta.ip });
    return fresh;
  });
}

/** Mails a confirmation link to the new address (and a notice to the old one). */
export async function requestEmailChange(
  userId: number,
  newEmail: string,
  current: string,
  meta: RequestMeta,
) {
  const user = await checkCurrentPassword(userId, current, meta.ip);
  const sql = getSql();
  await consumeMailQuota(sql, newEmail, meta.ip);
  if (newEmail === user.email) return;
  const taken = await users.findUserByEmail(sql, newEmail);
  await sql.begin(async (tx) => {
    if (taken) {
      // Don't reveal that the address is in use; its owner hears about the attempt.
      await sendMail(tx, newEmail, 'accountExists', taken.locale, {
        link: `${meta.baseUrl}/anmelden?lng=${taken.locale}`,
      });
    } else {
      const token = await issueToken(tx, userId, 'change_email', CHANGE_EMAIL_TTL_MS, newEmail);
      await sendMail(tx, newEmail, 'changeEmail', user.locale, {
        link: link(meta.baseUrl, '/bestaetigen', token, user.locale),
      });
    }
    await sendMail(tx, user.email, 'emailChangeNotice', user.locale, {});
    await audit(tx, { action: 'account.email_change_requested', actorUserId: userId, ip: meta.ip });
  });
}

export async function accountOverview(userId: number, currentSessionId?: string) {
  const sql = getSql();
  const [user, sessions, consents, membership] = await Promise.all([
    users.findUserById(sql, userId),
    listUserSessions(sql, userId),
    users.listConsents(sql, userId),
    users.findMembership(sql, userId),
  ]);
  if (!user) throw new Error('account vanished');
  // A sign-in that stopped at the second factor is no working session: listed apart, so
  // a stranger who knows the password shows up as such. Ended sessions (idle or past
  // their limit, deleted only when next seen or by the hourly clean-up) aren't listed.
  const secondFactorRequired = secondFactorMandatory(user.role) || user.totpEnabledAt !== null;
  const at = now().getTime();
  const live = sessions.filter((s) => s.expiresAt.getTime() > at && !isIdle(s, at));
  const view = (s: (typeof sessions)[number]) => ({
    kind: s.kind,
    current: s.id === currentSessionId,
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
  });
  return {
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    createdAt: user.createdAt.toISOString(),
    totpEnabled: user.totpEnabledAt !== null,
    // Session ids are hashes of live tokens: the page learns only which one is this one.
    sessions: live.filter((s) => s.twoFactorVerified || !secondFactorRequired).map(view),
    unfinishedSignIns: live.filter((s) => !s.twoFactorVerified && secondFactorRequired).map(view),
    consents: consents.map((c) => ({
      id: c.id,
      purpose: c.purpose,
      textVersion: c.textVersion,
      givenAt: c.givenAt.toISOString(),
      withdrawnAt: c.withdrawnAt?.toISOString() ?? null,
    })),
    membership,
  };
}

/** Withdraws a consent. Withdrawing the account consent means deleting the account: the page asks for that. */
export async function withdrawConsent(
  userId: number,
  consentId: number,
  ip: string | null,
): Promise<boolean> {
  const sql = getSql();
  const consents = await users.listConsents(sql, userId);
  const consent = consents.find((c) => c.id === consentId);
  if (!consent || consent.withdrawnAt || consent.purpose === ACCOUNT_CONSENT.purpose) return false;
  const purpose = await users.withdrawConsent(sql, userId, consentId);
  if (purpose)
    await audit(sql, { action: 'consent.withdrawn', actorUserId: userId, ip, detail: { purpose } });
  return purpose !== null;
}

/** Everything stored about the person (Art. 15/20 DSGVO), as plain JSON. */
export async function exportMyData(userId: number, ip: string | null) {
  const sql = getSql();
  const overview = await accountOverview(userId);
  const events = await listAuditForActor(sql, userId);
  await audit(sql, { action: 'account.data_exported', actorUserId: userId, ip });
  return {
    exportedAt: now().toISOString(),
    account: {
      email: overview.email,
      displayName: overview.displayName,
      role: overview.role,
      createdAt: overview.createdAt,
      twoFactorEnabled: overview.totpEnabled,
    },
    provider: overview.membership
      ? {
          name: overview.membership.providerName,
          role: overview.membership.role,
          status: overview.membership.status,
        }
      : null,
    sessions: overview.sessions.map(({ kind, createdAt, lastSeenAt }) => ({ kind, createdAt, lastSeenAt })),
    consents: overview.consents.map(({ purpose, textVersion, givenAt, withdrawnAt }) => ({
      purpose,
      textVersion,
      givenAt,
      withdrawnAt,
    })),
    activity: events.map((e) => ({ at: e.at.toISOString(), action: e.action, outcome: e.outcome })),
    selfAssessments: await assessmentsForExport(sql, userId),
    cases: await casesForExport(userId),
  };
}

/** Erases the account's personal data (Art. 17 DSGVO); the anonymous row keeps the counts right. */
export async function deleteMyAccount(userId: number, current: string, meta: RequestMeta) {
  await checkCurrentPassword(userId, current, meta.ip);
  const sql = getSql();
  await sql.begin(async (tx) => {
    await eraseCasesOfAccount(tx, userId);
    await users.anonymiseUser(tx, userId);
    await audit(tx, { action: 'account.deleted', actorUserId: userId, ip: meta.ip });
  });
}
