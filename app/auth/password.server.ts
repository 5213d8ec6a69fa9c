import { hash, verify } from '@node-rs/argon2';
import { PASSWORD_MAX, PASSWORD_MIN } from '../modules/accounts/schemas';
import { COMMON_PASSWORDS } from './data/common-passwords';

/**
 * Passwords: argon2id with OWASP's minimum (19 MiB, 2 passes, 1 lane), 8 to 128
 * characters (NIST SP 800-63B: length over composition rules), and never one of the
 * 10,000 most common passwords (Mark Burnett's list, see data/common-passwords.SOURCE.md).
 */

// @node-rs/argon2 hashes with argon2id unless told otherwise; the unit test checks the encoded parameters.
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set(COMMON_PASSWORDS.split('\n').map((line) => line.toLowerCase()));
  return common;
}

export type PasswordProblem = 'tooShort' | 'tooLong' | 'common';

/** What is wrong with a new password, or null. Case doesn't make a common password safe. */
export function passwordProblem(password: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return 'tooShort';
  if (length > PASSWORD_MAX) return 'tooLong';
  if (commonPasswords().has(password.toLowerCase())) return 'common';
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFKC'), ARGON2);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password.normalize('NFKC'));
  } catch {
    return false;
  }
}

/**
 * A hash of a random password, verified against when the account doesn't exist, so a
 * sign-in takes as long for an unknown address as for a known one (no timing oracle).
 */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(crypto.randomUUID());
  return dummy;
}
