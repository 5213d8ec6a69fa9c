import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

/**
 * Random tokens as Lucia's session model has them: 20 random bytes (160 bits) from the
 * platform's CSPRNG, sent base32-encoded, stored only as their SHA-256 hash. A database
 * leak therefore yields no usable session, reset link or invitation.
 */
export function generateToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** Whether a string can be a token of ours at all: saves a database lookup on junk. */
export function looksLikeToken(token: unknown): token is string {
  return typeof token === 'string' && /^[a-z2-7]{32}$/.test(token);
}
