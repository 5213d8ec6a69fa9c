import { expect, request, test } from '@playwright/test';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, signInWithPage, totpFor } from './support/accounts';
import { expectNoAxeViolations } from './support/axe';
import { press, typeText } from './support/keyboard';

/**
 * Accounts as people use them, in the browser against the real server: sign-up with the
 * link from the (development) outbox, sign-in, the account page, export and deletion;
 * staff two-factor sign-in; throttling, cookie attributes, single-use links.
 */

test('the session cookie is __Host-, HttpOnly, SameSite=Lax, Path=/ and Secure', async ({ baseURL }) => {
  const ctx = await request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL! } });
  const res = await ctx.post('/anmelden', {
    form: { email: DEMO_ACCOUNTS.citizen.email, password: DEMO_PASSWORD },
    maxRedirects: 0,
  });
  expect(res.status()).toBe(302);
  const cookie = res.headersArray().find((h) => h.name.toLowerCase() === 'set-cookie')!.value;
  expect(cookie).toMatch(/^__Host-ww_session=[a-z2-7]{32}; /);
  const parts = cookie.split('; ');
  for (const attribute of ['Path=/', 'HttpOnly', 'SameSite=Lax', 'Secure'])
    expect(parts).toContain(attribute);
  expect(cookie).not.toMatch(/Domain=/i);
  // Sign-out ends the session on the server: the old cookie is worth nothing afterwards.
  const token = /__Host-ww_session=([a-z2-7]+)/.exec(cookie)![1]!;
  await ctx.post('/abmelden', { maxRedirects: 0 });
  const replay = await request.newContext({
    baseURL,
    extraHTTPHeaders: { Cookie: `__Host-ww_session=${token}` },
  });
  expect((await replay.get('/konto', { maxRedirects: 0 })).status()).toBe(302);
  await replay.dispose();
  await ctx.dispose();
});

test('a sign-in form posted from a foreign origin is refused', async ({ request: req }) => {
  const res = await req.post('/anmelden', {
    headers: { Origin: 'https://evil.example' },
    form: { email: DEMO_ACCOUNTS.citizen.email, password: DEMO_PASSWORD },
    maxRedirects: 0,
  });
  expect(res.status()).toBe(403);
  expect(res.headers()['set-cookie']).toBeUndefined();
});

test('the 11th wrong password in a row for one account is answered 429 with Retry-After', async ({
  page,
  baseURL,
}) => {
  const ctx = await request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL! } });
  const email = 'nobody-here@wegweiser.test';
  for (let i = 1; i <= 10; i++) {
    const res = await ctx.post('/anmelden', {
      form: { email, password: `falsches-passwort-${i}` },
      maxRedirects: 0,
    });
    expect(res.status(), `attempt ${i}`).toBe(400);
  }
  const eleventh = await ctx.post('/anmelden', {
    form: { email, password: 'falsches-passwort-11' },
    maxRedirects: 0,
  });
  expect(eleventh.status()).toBe(429);
  expect(Number(eleventh.headers()['retry-after'])).toBeGreaterThan(0);
  expect(Number(eleventh.headers()['retry-after'])).toBeLessThanOrEqual(300);
  await ctx.dispose();

  // The person sees why, in their language, without JavaScript too.
  await page.goto('/anmelden?lng=en');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill('falsches-passwort-12');
  await page.locator('form#sign-in').getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('Too many attempts');
  await expectNoAxeViolations(page);
});

test('a citizen signs up, confirms by mail, signs in, resets the password, downloads the data and deletes the account', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const email = `neu-${Date.now()}@wegweiser.test`;
  await page.goto('/registrieren');
  await expectNoAxeViolations(page);
  // Errors first: nothing chosen, a common password — summary linked to the fields.
  await page.getByLabel('Name', { exact: true }).fill('Nora Neu');
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Neues Passwort').fill('password');
  await page.getByRole('button', { name: 'Konto anlegen' }).click();
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('Wählen Sie aus, wofür Sie das Konto nutzen möchten.');
  await expect(summary).toContainText('Datenschutzhinweise');
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Nora Neu'); // nothing typed is lost
  await expectNoAxeViolations(page);

  await page.getByLabel('Für mich persönlich').check();
  await page.getByLabel('Neues Passwort').fill('password');
  await page.getByLabel(/Ich habe die Datenschutzhinweise/).check();
  await page.getByRole('button', { name: 'Konto anlegen' }).click();
  await expect(page.getByRole('alert')).toContainText('am häufigsten benutzten');

  await page.getByLabel('Für mich persönlich').check();
  await page.getByLabel('Neues Passwort').fill('Mein Rad steht im Hof');
  await page.getByLabel(/Ich habe die Datenschutzhinweise/).check();
  await page.getByRole('button', { name: 'Konto anlegen' }).click();
  await expect(page.getByRole('heading', { name: 'Fast geschafft' })).toBeVisible();

  // The development outbox has the mail; its link confirms the address.
  await expect(async () => {
    await page.goto(`/dev/mails?to=${encodeURIComponent(email)}`);
    await page
      .getByRole('link', { name: 'Bitte bestätigen Sie Ihre E-Mail-Adresse' })
      .click({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expectNoAxeViolations(page);
  const link = /https?:\/\/\S+\/bestaetigen\?token=\S+/.exec(await page.locator('pre').innerText())![0];
  await page.goto(link.replace(/^https?:\/\/[^/]+/, ''));
  await expect(page.getByRole('heading', { name: 'E-Mail-Adresse bestätigt' })).toBeVisible();
  await page.goto(link.replace(/^https?:\/\/[^/]+/, ''));
  await expect(page.getByRole('heading', { name: 'Dieser Link gilt nicht mehr' })).toBeVisible();

  await page.goto('/anmelden');
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort', { exact: true }).fill('Mein Rad steht im Hof');
  await page.locator('form#sign-in').getByRole('button', { name: 'Anmelden' }).click();
  await expect(page).toHaveURL(/\/konto$/);
  await expect(page.getByRole('heading', { name: 'Mein Konto' })).toBeVisible();
  await expectNoAxeViolations(page);

  // Forgotten password: the link works once; the new password signs in.
  await page.getByRole('button', { name: 'Abmelden' }).first().click();
  // Sign-out loads a fresh document; wait for it before going on.
  await expect(page).toHaveURL(/\/\?abgemeldet=1$/);
  await page.goto('/passwort-vergessen');
  await expectNoAxeViolations(page);
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByRole('button', { name: 'Link anfordern' }).click();
  await expect(page.getByRole('status')).toContainText(email);
  let reset = '';
  await expect(async () => {
    await page.goto(`/dev/mails?to=${encodeURIComponent(email)}`);
    await page.getByRole('link', { name: 'Neues Passwort festlegen' }).first().click({ timeout: 1000 });
    reset = /https?:\/\/\S+\/passwort-neu\?token=\S+/
      .exec(await page.locator('pre').innerText())![0]
      .replace(/^https?:\/\/[^/]+/, '');
  }).toPass({ timeout: 20_000 });
  await page.goto(reset);
  await expectNoAxeViolations(page);
  await page.getByLabel('Neues Passwort').fill('Mein Rad steht im Schuppen');
  await page.getByRole('button', { name: 'Passwort speichern' }).click();
  await expect(page).toHaveURL(/\/anmelden\?reset=1/);
  const again = await page.goto(reset);
  expect(again?.status()).toBe(410);
  await expect(page.getByRole('heading', { name: 'Dieser Link gilt nicht mehr' })).toBeVisible();
  await page.goto('/anmelden');
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort', { exact: true }).fill('Mein Rad steht im Schuppen');
  await page.locator('form#sign-in').getByRole('button', { name: 'Anmelden' }).click();
  await expect(page).toHaveURL(/\/konto$/);

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Alle meine Daten herunterladen (JSON)' }).click();
  const file = await (await download).path();
  const data = JSON.parse(await (await import('node:fs/promises')).readFile(file, 'utf8'));
  expect(data.account).toMatchObject({ email, displayName: 'Nora Neu', role: 'citizen' });

  await page.getByRole('link', { name: 'Konto löschen' }).first().click();
  await expectNoAxeViolations(page);
  await page.getByLabel('Ihr jetziges Passwort').fill('Mein Rad steht im Schuppen');
  await page.getByLabel('Ja, ich möchte mein Konto endgültig löschen.').check();
  await page.getByRole('button', { name: 'Konto endgültig löschen' }).click();
  await expect(page).toHaveURL(/konto-geloescht=1/);
  await page.goto('/konto');
  await expect(page).toHaveURL(/\/anmelden\?redirectTo=/);
});

test('a used TOTP code is refused the second time', async ({ baseURL }) => {
  const code = totpFor('counsellor', 1);
  const signIn = async () => {
    const ctx = await request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL! } });
    await ctx.post('/anmelden', {
      form: { email: DEMO_ACCOUNTS.counsellor.email, password: DEMO_PASSWORD },
      maxRedirects: 0,
    });
    return ctx;
  };
  const first = await signIn();
  const ok = await first.post('/anmelden/zwei-faktor', { form: { code }, maxRedirects: 0 });
  expect(ok.status()).toBe(302);
  expect((await first.get('/team', { maxRedirects: 0 })).status()).toBe(200);

  const second = await signIn();
  const replay = await second.post('/anmelden/zwei-faktor', { form: { code }, maxRedirects: 0 });
  expect(replay.status()).toBe(400);
  expect((await second.get('/team', { maxRedirects: 0 })).status()).toBe(302);
  await first.dispose();
  await second.dispose();
});

test('an admin signs in with TOTP, sees the audit log, and a disabled user is signed out at once', async ({
  page,
  baseURL,
}) => {
  // Seven pages with axe each: about 28 s alone, more on a busy machine.
  test.setTimeout(60_000);
  // The provider owner has an open session…
  const owner = await request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL! } });
  await owner.post('/anmelden', {
    form: { email: DEMO_ACCOUNTS.otherProviderEditor.email, password: DEMO_PASSWORD },
    maxRedirects: 0,
  });
  expect((await owner.get('/anbieterbereich', { maxRedirects: 0 })).status()).toBe(200);

  await signInWithPage(page, 'admin');
  await expect(page).toHaveURL(/\/anmelden\/zwei-faktor/);
  await expectNoAxeViolations(page);
  await page.getByLabel('Bestätigungscode').fill(totpFor('admin', 1));
  await page.getByRole('button', { name: 'Bestätigen' }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expectNoAxeViolations(page);

  for (const [link, heading] of [
    ['Anbieter', 'Bildungsanbieter'],
    ['Einladungen', 'Einladungen'],
    ['Protokoll', 'Protokoll'],
    ['E-Mail-Versand', 'E-Mail-Versand'],
    ['Konten', 'Konten'],
  ] as const) {
    await page
      .getByRole('navigation', { name: 'Verwaltung' })
      .getByRole('link', { name: link, exact: true })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expectNoAxeViolations(page);
  }

  // …until the admin disables the account: the very next request is refused.
  await page.getByLabel('Name oder E-Mail').fill(DEMO_ACCOUNTS.otherProviderEditor.email);
  await page.getByRole('button', { name: 'Filtern' }).click();
  await page.getByRole('button', { name: `${DEMO_ACCOUNTS.otherProviderEditor.name} deaktivieren` }).click();
  await expect(
    page.getByRole('button', { name: `${DEMO_ACCOUNTS.otherProviderEditor.name} wieder aktivieren` }),
  ).toBeVisible();
  const after = await owner.get('/anbieterbereich', { maxRedirects: 0 });
  expect(after.status()).toBe(302);
  expect(after.headers().location).toMatch(/^\/anmelden/);
  await owner.dispose();

  await page.goto('/admin/protokoll?action=admin.user_disabled');
  await expect(page.locator('tbody')).toContainText('admin.user_disabled');
});

test('an invited counsellor reaches no counsellor page before enrolling TOTP; the invitation works once', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await signInWithPage(page, 'admin');
  await page.getByLabel('Bestätigungscode').fill('demo4-ddddd'); // a recovery code: TOTP steps belong to other tests
  await page.getByRole('button', { name: 'Bestätigen' }).click();
  await expect(page).toHaveURL(/\/konto\/zwei-faktor\?recovery=1/);
  await expect(page.getByRole('status')).toContainText('Wiederherstellungscode');
  await page.goto('/admin/einladungen');
  const email = `eingeladen-${Date.now()}@wegweiser.test`;
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Beratung', { exact: true }).check();
  await page.getByRole('button', { name: 'Einladung senden' }).click();
  await expect(page.getByRole('status')).toContainText('Die Einladung ist unterwegs.');
  await expect(page.locator('tbody')).toContainText(email);

  let link = '';
  await expect(async () => {
    await page.goto(`/dev/mails?to=${encodeURIComponent(email)}`);
    await page.getByRole('link', { name: 'Einladung zu Wegweiser' }).click({ timeout: 1000 });
    link = /https?:\/\/\S+\/einladung\?token=\S+/
      .exec(await page.locator('pre').innerText())![0]
      .replace(/^https?:\/\/[^/]+/, '');
  }).toPass({ timeout: 20_000 });
  await page.context().clearCookies();
  await page.goto(link);
  await expectNoAxeViolations(page);
  await page.getByLabel('Name', { exact: true }).fill('Ella Eingeladen');
  await page.getByLabel('Neues Passwort').fill('Beratung ist Teamarbeit');
  await page.getByRole('button', { name: 'Konto anlegen' }).click();
  await expect(page).toHaveURL(/\/anmelden\/zwei-faktor-einrichten/);
  await expectNoAxeViolations(page);
  for (const path of ['/team', '/konto']) {
    const res = await page.request.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(302);
    expect(res.headers().location).toMatch(/^\/anmelden\/zwei-faktor-einrichten/);
  }
  // Enrolment: the key in text, a wrong code refused, the right one shows the recovery codes.
  const key = (await page.locator('.ww-key').innerText()).replace(/\s/g, '');
  await page.getByLabel('6-stelliger Code aus der App').fill('000000');
  await page.getByRole('button', { name: 'Einrichtung abschließen' }).click();
  await expect(page.getByRole('alert')).toContainText('Dieser Code ist falsch');
  const { decodeBase32 } = await import('@oslojs/encoding');
  const { generateTOTP } = await import('@oslojs/otp');
  await page.getByLabel('6-stelliger Code aus der App').fill(generateTOTP(decodeBase32(key), 30, 6));
  await page.getByRole('button', { name: 'Einrichtung abschließen' }).click();
  await expect(page.getByRole('heading', { name: 'Ihre Wiederherstellungscodes' })).toBeVisible();
  await expect(page.locator('.ww-recovery-codes li')).toHaveCount(10);
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Weiter' }).click();
  await expect(page).toHaveURL(/\/team(\?|$)/);
  await expectNoAxeViolations(page);
  const reuse = await page.request.get(link);
  expect(reuse.status()).toBe(410);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  // (axe needs a script in the page: the same pages are audited in the tests with JavaScript.)
  test('sign-in, a wrong password’s error summary and sign-out work as plain forms', async ({ page }) => {
    await page.goto('/anmelden');
    await page.getByLabel('E-Mail-Adresse').fill(DEMO_ACCOUNTS.providerOwner.email);
    await page.getByLabel('Passwort', { exact: true }).fill('nicht das richtige Passwort');
    await page.locator('form#sign-in').getByRole('button', { name: 'Anmelden' }).click();
    await expect(page.getByRole('alert')).toContainText('E-Mail-Adresse oder Passwort stimmen nicht.');
    await expect(page.getByLabel('E-Mail-Adresse')).toHaveValue(DEMO_ACCOUNTS.providerOwner.email);
    await expect(page.getByLabel('Passwort', { exact: true })).toHaveValue('');

    await page.getByLabel('Passwort', { exact: true }).fill(DEMO_PASSWORD);
    await page.locator('form#sign-in').getByRole('button', { name: 'Anmelden' }).click();
    await expect(page).toHaveURL(/\/anbieterbereich$/);
    await expect(page.getByRole('heading', { name: 'Anbieterbereich' })).toBeVisible();
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await expect(page.getByRole('link', { name: 'Anmelden' })).toBeVisible();
  });
});

test('sign-in works with the keyboard alone', async ({ page }) => {
  await page.goto('/anmelden');
  await page.getByLabel('E-Mail-Adresse').focus();
  await typeText(page, DEMO_ACCOUNTS.citizen.email);
  await press(page, 'Tab');
  await typeText(page, DEMO_PASSWORD);
  await press(page, 'Enter');
  await expect(page).toHaveURL(/\/konto$/);
  // The account page's own links and buttons are reachable by Tab.
  await page.getByRole('link', { name: 'E-Mail-Adresse ändern' }).focus();
  await press(page, 'Enter');
  await expect(page.getByRole('heading', { name: 'E-Mail-Adresse ändern' })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('the sign-in and sign-up pages pass axe in every language, Arabic right-to-left', async ({ page }) => {
  test.setTimeout(120_000);
  for (const lng of ['de', 'en', 'tr', 'ar', 'uk', 'ru', 'ls']) {
    for (const path of ['/anmelden', '/registrieren', '/passwort-vergessen']) {
      await page.goto(`${path}?lng=${lng}`);
      await expect(page.locator('html')).toHaveAttribute('dir', lng === 'ar' ? 'rtl' : 'ltr');
      await expectNoAxeViolations(page);
    }
  }
});
