import { createHmac } from 'node:crypto';
import { createChallenge, extractParams, verifySolution } from 'altcha-lib';
import type { Payload } from 'altcha-lib/types';
import type { Db } from '../../../db/client.server';
import { deleteSpentAltcha, spendAltcha } from '../../../db/queries/altcha.server';
import { serverSecret } from '../../auth/secret.server';
import type { AltchaChallenge } from '../../components/altcha-field';

export type { AltchaChallenge };

const ALGORITHM = 'SHA-256';
// About a second at most in a browser, enough to make bulk bookings costly.
const MAX_NUMBER = 50_000;
// Long enough to fill in the form calmly, short enough that the table of spent ones stays small.
const LIFETIME_MS = 20 * 60_000;
// A genuine payload is about 300 characters; the cap keeps an inflated salt from costing hash time.
const MAX_PAYLOAD_LENGTH = 1_000;

export type AltchaResult = 'ok' | 'missing' | 'invalid' | 'replayed';

export interface ChallengeOptions {
  maxNumber?: number;
  expires?: Date;
}

/** A key of its own, so an ALTCHA signature can never stand in for a hash made elsewhere with the secret. */
async function altchaKey(db: Db): Promise<string> {
  return createHmac('sha256', await serverSecret(db))
    .update('altcha')
    .digest('hex');
}

export async function makeChallenge(
  hmacKey: string,
  options: ChallengeOptions = {},
): Promise<AltchaChallenge> {
  const maxNumber = options.maxNumber ?? MAX_NUMBER;
  const { algorithm, challenge, maxnumber, salt, signature } = await createChallenge({
    algorithm: ALGORITHM,
    hmacKey,
    maxNumber,
    expires: options.expires ?? new Date(Date.now() + LIFETIME_MS),
  });
  return { algorithm, challenge, maxnumber: maxnumber ?? maxNumber, salt, signature };
}

function isPayload(value: unknown): value is Payload {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Record<string, unknown>;
  return (
    p.algorithm === ALGORITHM &&
    typeof p.challenge === 'string' &&
    typeof p.salt === 'string' &&
    typeof p.signature === 'string' &&
    Number.isSafeInteger(p.number) &&
    (p.number as number) >= 0
  );
}

function decodePayload(payload: string): Payload | null {
  if (payload.length > MAX_PAYLOAD_LENGTH) return null;
  try {
    const value: unknown = JSON.parse(atob(payload));
    return isPayload(value) ? value : null;
  } catch {
    return null;
  }
}

/**
 * altcha-lib skips the expiry check when the salt carries none; we issue none without, and
 * the spent row needs the date, so a missing one counts as invalid.
 */
function expiryOf(payload: Payload): Date | null {
  const { expires } = extractParams(payload);
  return expires && /^\d+$/.test(expires) ? new Date(Number(expires) * 1000) : null;
}

async function verifiedPayload(
  hmacKey: string,
  payload: string,
): Promise<{ signature: string; expiresAt: Date } | null> {
  const decoded = decodePayload(payload);
  if (!decoded) return null;
  const expiresAt = expiryOf(decoded);
  if (!expiresAt || expiresAt.getTime() < Date.now()) return null;
  if (!(await verifySolution(decoded, hmacKey))) return null;
  return { signature: decoded.signature, expiresAt };
}

/** Whether the payload solves an unexpired challenge signed with this key; never throws on garbage. */
export async function checkSolution(hmacKey: string, payload: string): Promise<boolean> {
  return (await verifiedPayload(hmacKey, payload)) !== null;
}

export async function createAltchaChallenge(db: Db): Promise<AltchaChallenge> {
  return makeChallenge(await altchaKey(db));
}

/**
 * Checks the `altcha` field and spends it, so each solution admits one submission. Run it
 * in the booking's transaction and a failed booking gives the solution back for a retry.
 */
export async function verifyAltcha(db: Db, payload: string | null | undefined): Promise<AltchaResult> {
  if (!payload?.trim()) return 'missing';
  const verified = await verifiedPayload(await altchaKey(db), payload.trim());
  if (!verified) return 'invalid';
  return (await spendAltcha(db, verified.signature, verified.expiresAt)) ? 'ok' : 'replayed';
}

/**
 * Forgets spent challenges once they have expired, for a cleanup job. Compares with this
 * process's clock, the one verification uses, so a row is never dropped while its
 * challenge still passes.
 */
export async function purgeSpentAltcha(db: Db): Promise<number> {
  return deleteSpentAltcha(db, new Date());
}
