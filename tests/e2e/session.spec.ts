import { createHash } from 'node:crypto';
import { type BrowserContext, expect, type Page, request, test } from '@playwright/test';
import postgres from 'postgres';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, signInWithPage } from './support/accounts';
import { expectNoAxeViolations, expectReflow } from './support/axe';
import { press } from './support/keyboard';

/**
 * Staff sessions end after 30 idle minutes (WCAG 2.2.1: warned before, able to extend by
 * keyboard, told afterwards), sign-ins that stopped at the second factor are listed
 * apart, and signing out leaves nothing of the signed-in pages in the tab.
 *
 * The browser's clock is Playwright's (fast-forwarded); the server's idle time is made
 * by moving this one session's last request back in the e2e database. Only the session
 * behind this test's cookie is touched: other tests sign in as the same demo accounts.
 */
const PG_PORT = Number(process.env.E2E_PG_PORT ?? 54339);

async function withDb<T>(run: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(`postgres://wegweiser:wegweiser-local@127.0.0.1:${PG_PORT}/wegweiser`, { max: 1 });
  try {
    return await run(sql);
  } finally {
    await sql.end();
  }
}

/** The database id of the browser's session: the SHA-256 of the cookie's token. */
async function sessionId(context: BrowserContext): Promise<string> {
  const cookie = (await context.cookies()).find((c) => c.name === '__Host-ww_session');
  if (!cookie) throw new Error('not signed in');
  return createHash('sha256').update(cookie.value).digest('hex');
}

/** As if this session's last request had been 31 minutes ago. */
async function idleOnServer(context: BrowserContext) {
  const id = await sessionId(context);
  const aged = await withDb(
    (sql) =>
      sql`update sessions set last_seen_at = now() - interval '31 minutes' where id = ${id} returning 1`,
  );
  expect(aged).toHaveLength(1);
}

/** A provider's staff member (a staff session without a second factor), on a page loaded afresh. */
async function providerPage(page: Page, path = '/anbieterbereich') {
  await signInWithPage(page, 'otherProviderOwner');
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

test('staff are warned two minutes before the idle sign-out, stay signed in by keyboard, and are told afterwards why they were signed out', async ({
  page,
}) => {
  await page.clock.install();
  await providerPage(page, '/konto');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  const dialog = page.getByRole('alertdialog', { name: 'Sie werden in 2 Minuten abgemeldet' });

  // 27 minutes: nothing yet.
  await page.clock.fastForward('27:00');
  await expect(dialog).toBeHidden();
  // 28 minutes: the warning, with the focus on "Angemeldet bleiben".
  await page.clock.fastForward('01:05');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('fast 30 Minuten nicht aktiv');
  const stay = dialog.getByRole('button', { name: 'Angemeldet bleiben' });
  await expect(stay).toBeFocused();
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 320, height: 640 });
  await expectReflow(page);

  // Enter keeps the session: a small POST, and the dialog closes.
  const extended = page.waitForResponse(
    (r) => r.url().endsWith('/sitzung') && r.request().method() === 'POST',
  );
  await press(page, 'Enter');
  expect((await extended).status()).toBe(204);
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/\/konto$/);

  // The clock starts again: the next warning comes 28 minutes after the extension.
  await page.clock.fastForward('27:00');
  await expect(dialog).toBeHidden();
  await page.clock.fastForward('01:05');
  await expect(dialog).toBeVisible();

  // This time nobody answers: when the time is up the server has ended the session, and
  // the page goes to the sign-in page, which says why.
  await idleOnServer(page.context());
  await page.clock.fastForward('02:10');
  await expect(page).toHaveURL(/\/anmelden\?redirectTo=%2Fkonto/);
  await expect(page.getByRole('status')).toContainText(
    'Sie wurden nach 30 Minuten ohne Aktivität abgemeldet',
  );
  await expectNoAxeViolations(page);
  // Once: the flag went with that answer.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Anmelden', level: 1 })).toBeVisible();
  await expect(page.getByText('ohne Aktivität abgemeldet')).toHaveCount(0);
});

test('a citizen gets no idle warning (their session has no idle limit)', async ({ page }) => {
  await page.clock.install();
  await signInWithPage(page, 'citizen');
  await page.goto('/konto');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await page.clock.fastForward('29:00');
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  // (axe needs a script in the page: the sign-in page with the message is audited above.)
  test('the first request after 30 idle minutes leads to the sign-in page, which says why', async ({
    page,
  }) => {
    await providerPage(page, '/anbieterbereich/organisation');
    await idleOnServer(page.context());
    await page.goto('/anbieterbereich/organisation');
    await expect(page).toHaveURL(/\/anmelden\?redirectTo=%2Fanbieterbereich%2Forganisation/);
    await expect(page.getByRole('status')).toContainText(
      'Sie wurden nach 30 Minuten ohne Aktivität abgemeldet',
    );
    // Signing in again leads back to where the person was.
    await page.getByLabel('E-Mail-Adresse').fill(DEMO_ACCOUNTS.otherProviderOwner.email);
    await page.getByLabel('Passwort', { exact: true }).fill(DEMO_PASSWORD);
    await page.locator('form#sign-in').getByRole('button', { name: 'Anmelden' }).click();
    await expect(page).toHaveURL(/\/anbieterbereich\/organisation$/);
  });
});

test('signing out loads a fresh document: nothing of the signed-in page stays in the tab, and “back” needs a sign-in', async ({
  page,
}) => {
  await providerPage(page, '/konto');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  const email = DEMO_ACCOUNTS.otherProviderOwner.email;
  await expect(page.locator('main')).toContainText(email);
  // The account page's data is in the router's memory (the page's own context)…
  expect(
    await page.evaluate(() => JSON.stringify((window as { __remixContext?: unknown }).__remixContext)),
  ).toContain(email);
  await page.evaluate(() => {
    (window as { stillTheSameDocument?: boolean }).stillTheSameDocument = true;
  });

  await page.getByRole('banner').getByRole('button', { name: 'Abmelden' }).click();
  await expect(page).toHaveURL(/\/\?abgemeldet=1$/);
  await expect(page.getByRole('banner').getByRole('link', { name: 'Anmelden' })).toBeVisible();
  // …and gone after sign-out: a new document, whose context knows nothing of the account.
  expect(
    await page.evaluate(() => (window as { stillTheSameDocument?: boolean }).stillTheSameDocument),
  ).toBeUndefined();
  expect(
    await page.evaluate(() => JSON.stringify((window as { __remixContext?: unknown }).__remixContext)),
  ).not.toContain(email);
  await page.goBack();
  await expect(page).toHaveURL(/\/anmelden\?redirectTo=%2Fkonto/);
  await expect(page.locator('main')).not.toContainText(email);
});

test('/konto lists a sign-in that stopped at the second factor apart from the working sessions', async ({
  page,
  baseURL,
}) => {
  await signInWithPage(page, 'admin');
  // A recovery code: TOTP steps belong to other tests.
  await page.getByLabel('Bestätigungscode').fill('demo2-hhhhh');
  await page.getByRole('button', { name: 'Bestätigen' }).click();
  await expect(page).toHaveURL(/\/konto\/zwei-faktor/);

  // Someone who knows the password, but not the second factor.
  const stranger = await request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL! } });
  const halfway = await stranger.post('/anmelden', {
    form: { email: DEMO_ACCOUNTS.admin.email, password: DEMO_PASSWORD },
    maxRedirects: 0,
  });
  expect(halfway.headers().location).toMatch(/^\/anmelden\/zwei-faktor/);

  await page.goto('/konto');
  const unfinished = page.getByRole('region', { name: 'Nicht abgeschlossene Anmeldungen' });
  await expect(unfinished).toContainText('zweiter Faktor fehlt');
  await expect(unfinished.getByRole('listitem').first()).toBeVisible();
  // The working sessions' list has this one, and no line of a half-finished sign-in.
  const sessions = page.getByRole('region', { name: 'Angemeldete Sitzungen' });
  await expect(sessions).toContainText('diese Sitzung');
  await expectNoAxeViolations(page);
  await stranger.dispose();
});
