import { decodeBase32 } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import { type APIRequestContext, expect, type Page, request } from '@playwright/test';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../../db/seed/accounts';

/**
 * Signing in as the demo accounts (README) the way a browser does: a form POST with
 * our Origin, then the TOTP step for staff. Each TOTP code is used once (the server
 * refuses a step twice), so each test asks for a step nobody used before.
 */
export type Role = keyof typeof DEMO_ACCOUNTS;
export { DEMO_ACCOUNTS, DEMO_PASSWORD };

export function totpFor(role: 'counsellor' | 'admin', stepOffset = 0): string {
  const key = decodeBase32(DEMO_ACCOUNTS[role].totp);
  const step = Math.floor(Date.now() / 30_000) + stepOffset;
  return generateHOTP(key, BigInt(step), 6);
}

/** A request context signed in as `role` (second factor by recovery code, so no TOTP step is spent). */
export async function signedInRequest(
  baseURL: string,
  role: Role,
  recoveryCode?: string,
): Promise<APIRequestContext> {
  const ctx = await request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL } });
  const res = await ctx.post('/anmelden', {
    form: { email: DEMO_ACCOUNTS[role].email, password: DEMO_PASSWORD },
    maxRedirects: 0,
  });
  expect(res.status(), `sign-in of ${role}`).toBe(302);
  if ('totp' in DEMO_ACCOUNTS[role]) {
    if (!recoveryCode) throw new Error(`${role} needs a recovery code or TOTP`);
    const second = await ctx.post('/anmelden/zwei-faktor', { form: { code: recoveryCode }, maxRedirects: 0 });
    expect(second.status(), `second factor of ${role}`).toBe(302);
  }
  return ctx;
}

/** Signs in through the page's form (works with and without JavaScript). */
export async function signInWithPage(page: Page, role: Role, password = DEMO_PASSWORD) {
  await page.goto('/anmelden');
  await page.getByLabel('E-Mail-Adresse').fill(DEMO_ACCOUNTS[role].email);
  await page.getByLabel('Passwort', { exact: true }).fill(password);
  await page.locator('form#sign-in').getByRole('button', { name: 'Anmelden' }).click();
  // Signed in when the page has left the sign-in form (for staff: to the second factor).
  await page.waitForURL((url) => url.pathname !== '/anmelden');
}
