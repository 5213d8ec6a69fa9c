import { createHash, timingSafeEqual } from 'node:crypto';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { createTOTPKeyURI, generateHOTP } from '@oslojs/otp';
import QRCode from 'qrcode';
import { now } from '../utils/clock.server';
import { generateToken } from './tokens.server';

/**
 * TOTP as RFC 6238 and every authenticator app has it: SHA-1, 30-second steps, 6 digits.
 * A code is accepted for the current step and one either side (clock drift), and the
 * step it matched is returned so the caller can refuse any step used before (replay).
 */
export const TOTP_PERIOD = 30;
export const TOTP_DIGITS = 6;
export const RECOVERY_CODE_COUNT = 10;

export function generateTotpKey(): Uint8Array {
  const key = new Uint8Array(20);
  crypto.getRandomValues(key);
  return key;
}

export function currentStep(at: Date = now()): number {
  return Math.floor(at.getTime() / 1000 / TOTP_PERIOD);
}

export function totpAt(key: Uint8Array, step: number): string {
  return generateHOTP(key, BigInt(step), TOTP_DIGITS);
}

/** The step the code belongs to (now −1, now, now +1), or null. Compared in constant time. */
export function matchTotp(key: Uint8Array, code: string, at: Date = now()): number | null {
  const clean = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(clean)) return null;
  const step = currentStep(at);
  let matched: number | null = null;
  for (const candidate of [step - 1, step, step + 1]) {
    const expected = Buffer.from(totpAt(key, candidate));
    if (timingSafeEqual(expected, Buffer.from(clean)) && matched === null) matched = candidate;
  }
  return matched;
}

export function totpUri(key: Uint8Array, accountName: string, issuer = 'Wegweiser'): string {
  return createTOTPKeyURI(issuer, accountName, key, TOTP_PERIOD, TOTP_DIGITS);
}

/** The key as people type it into an app that can't scan: base32 in groups of four. */
export function formatKey(key: Uint8Array): string {
  return encodeBase32UpperCaseNoPadding(key).replace(/(.{4})(?=.)/g, '$1 ');
}

/** The QR code as an SVG data: URL for an <img> (the CSP allows data: images, no script can run in one). */
export async function qrDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/**
 * Recovery codes: 10 codes of 10 base32 characters (50 bits each), shown once, stored as
 * SHA-256. Their entropy makes a slow hash unnecessary; throttling limits guessing.
 */
export function generateRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const raw = generateToken().slice(0, 10);
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
}

export function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z2-7]/g, '');
}

export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(normaliseRecoveryCode(code)).digest('hex');
}
