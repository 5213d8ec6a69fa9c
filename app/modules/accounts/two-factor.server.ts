import { getSql } from '../../../db/client.server';
import * as users from '../../../db/queries/users.server';
import { createSession, invalidateSession, type NewSession, sessionKindFor } from '../../auth/session.server';
import { attempt, clear, LIMITS, ThrottledError, throttleKey } from '../../auth/throttle.server';
import {
  formatKey,
  generateRecoveryCodes,
  generateTotpKey,
  hashRecoveryCode,
  matchTotp,
  qrDataUrl,
  totpUri,
} from '../../auth/totp.server';
import { audit } from '../audit/audit.server';

/**
 * Two-factor sign-in: enrolment (a key, shown as QR code and text, confirmed by a first
 * code), the second step of sign-in (a TOTP code or a recovery code, each accepted once),
 * throttled after 5 wrong codes. Passing it replaces the session with a new one.
 */
export interface Enrolment {
  uri: string;
  qrDataUrl: string;
  manualKey: string;
}

/** The pending key (made on first visit, kept until confirmed so a reload shows the same QR code). */
export async function startEnrolment(userId: number, accountName: string): Promise<Enrolment | null> {
  const sql = getSql();
  const user = await users.findUserById(sql, userId);
  if (!user || user.totpEnabledAt) return null;
  let key: Uint8Array;
  if (user.totpKey) key = new Uint8Array(user.totpKey);
  else {
    key = generateTotpKey();
    await users.setTotpKey(sql, userId, key);
  }
  const uri = totpUri(key, accountName);
  return { uri, qrDataUrl: await qrDataUrl(uri), manualKey: formatKey(key) };
}

async function secondFactorKey(userId: number) {
  const sql = getSql();
  return throttleKey(sql, 'second-factor:user', String(userId));
}

/** Counts the attempt before the code is checked (no parallel guessing); throws when blocked. */
async function countAttempt(userId: number) {
  const wait = await attempt(getSql(), await secondFactorKey(userId), LIMITS.secondFactor);
  if (wait > 0) throw new ThrottledError(wait);
}

async function recordWrongCode(userId: number, ip: string | null, action: string) {
  await audit(getSql(), { action, outcome: 'failure', actorUserId: userId, ip });
}

/**
 * Confirms enrolment with a first code; returns the 10 recovery codes (shown once) and
 * a new, fully verified session in place of the old one.
 */
export async function confirmEnrolment(
  userId: number,
  sessionId: string,
  code: string,
  ip: string | null,
): Promise<{ recoveryCodes: string[]; session: NewSession } | null> {
  const sql = getSql();
  await countAttempt(userId);
  const user = await users.findUserById(sql, userId);
  if (!user?.totpKey || user.totpEnabledAt) return null;
  const step = matchTotp(new Uint8Array(user.totpKey), code);
  if (step === null) {
    await recordWrongCode(userId, ip, 'auth.totp_enrol');
    return null;
  }
  const codes = generateRecoveryCodes();
  const session = await sql.begin(async (tx) => {
    if (!(await users.enableTotp(tx, userId, step))) return null;
    await users.replaceRecoveryCodes(tx, userId, codes.map(hashRecoveryCode));
    await invalidateSession(tx, sessionId);
    const fresh = await createSession(tx, userId, sessionKindFor(user.role), { twoFactorVerified: true });
    await audit(tx, { action: 'auth.totp_enrolled', actorUserId: userId, ip });
    return fresh;
  });
  if (!session) return null;
  await clear(sql, await secondFactorKey(userId));
  return { recoveryCodes: codes, session };
}

/**
 * The second sign-in step. A 6-digit code is checked as TOTP (its time step must be newer
 * than the last one used); anything else as a recovery code (each works once).
 */
export async function verifySecondFactor(
  userId: number,
  sessionId: string,
  code: string,
  ip: string | null,
): Promise<{ session: NewSession; usedRecoveryCode: boolean; recoveryCodesLeft: number } | null> {
  const sql = getSql();
  await countAttempt(userId);
  const user = await users.findUserById(sql, userId);
  if (!user?.totpKey || !user.totpEnabledAt) return null;
  const clean = code.replace(/\s/g, '');
  let ok = false;
  let usedRecoveryCode = false;
  if (/^\d{6}$/.test(clean)) {
    const step = matchTotp(new Uint8Array(user.totpKey), clean);
    ok = step !== null && (await users.claimTotpStep(sql, userId, step));
  } else {
    ok = await users.spendRecoveryCode(sql, userId, hashRecoveryCode(clean));
    usedRecoveryCode = ok;
  }
  if (!ok) {
    await recordWrongCode(userId, ip, 'auth.second_factor');
    return null;
  }
  const session = await sql.begin(async (tx) => {
    await invalidateSession(tx, sessionId);
    const fresh = await createSession(tx, userId, sessionKindFor(user.role), { twoFactorVerified: true });
    await audit(tx, {
      action: 'auth.second_factor',
      actorUserId: userId,
      ip,
      detail: { method: usedRecoveryCode ? 'recovery_code' : 'totp' },
    });
    return fresh;
  });
  await clear(sql, await secondFactorKey(userId));
  return { session, usedRecoveryCode, recoveryCodesLeft: await users.countUnusedRecoveryCodes(sql, userId) };
}

/** New recovery codes (the old ones stop working), after a fresh TOTP code. */
export async function regenerateRecoveryCodes(
  userId: number,
  code: string,
  ip: string | null,
): Promise<string[] | null> {
  const sql = getSql();
  await countAttempt(userId);
  const user = await users.findUserById(sql, userId);
  if (!user?.totpKey || !user.totpEnabledAt) return null;
  const step = matchTotp(new Uint8Array(user.totpKey), code);
  if (step === null || !(await users.claimTotpStep(sql, userId, step))) {
    await recordWrongCode(userId, ip, 'auth.recovery_codes');
    return null;
  }
  const codes = generateRecoveryCodes();
  await users.replaceRecoveryCodes(sql, userId, codes.map(hashRecoveryCode));
  await clear(sql, await secondFactorKey(userId));
  await audit(sql, { action: 'auth.recovery_codes_renewed', actorUserId: userId, ip });
  return codes;
}

export async function recoveryCodesLeft(userId: number) {
  return users.countUnusedRecoveryCodes(getSql(), userId);
}
