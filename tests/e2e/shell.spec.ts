import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';

const pages = [
  { path: '/', status: 200 },
  { path: '/gibt-es-nicht', status: 404 },
  { path: '/barrierefreiheit', status: 200 },
  { path: '/leichte-sprache', status: 200 },
  { path: '/impressum', status: 200 },
  { path: '/datenschutz', status: 200 },
  { path: '/gebaerdensprache', status: 200 },
];

for (const lng of ['de', 'ar'] as const) {
  for (const { path, status } of pages) {
    test(`${path} in ${lng}: status ${status}, lang and dir right, no axe violations`, async ({ page }) => {
      const response = await page.goto(`${path}?lng=${lng}`);
      expect(response?.status()).toBe(status);
      await expect(page.locator('html')).toHaveAttribute('lang', lng);
      await expect(page.locator('html')).toHaveAttribute('dir', lng === 'ar' ? 'rtl' : 'ltr');
      await expect(page.locator('h1')).toHaveCount(1);
      await expectNoAxeViolations(page);
    });
  }
}

test('the home page is German by default and offers the three ways in', async ({ page }) => {
  const response = await page.goto('/');
  expect(response?.status()).toBe(200);
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Der richtige Kurs, die passende Beratung',
  );
  await expect(page.getByRole('link', { name: 'Angebote durchsuchen' })).toHaveAttribute(
    'href',
    '/angebote?lng=de',
  );
  await expect(page.getByRole('link', { name: 'Orientierung starten' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Beratung finden' })).toBeVisible();
  // The figures come from the seeded database.
  await expect(page.getByText(/Zurzeit [\d.]+ Angebote von \d+ Anbietern/)).toBeVisible();
  await expectNoAxeViolations(page);
});

test('the home page carries the security headers', async ({ page }) => {
  const response = await page.goto('/');
  const headers = response!.headers();
  const csp = headers['content-security-policy'] ?? '';
  expect(csp).toMatch(/script-src 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("base-uri 'none'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['permissions-policy']).toContain('camera=()');
  // Plain HTTP here: HSTS is only sent over HTTPS.
  expect(headers['strict-transport-security']).toBeUndefined();
  // Remix's inline scripts carry the nonce, so the browser runs them.
  const nonce = /'nonce-([^']+)'/.exec(csp)![1];
  const scriptNonces = await page
    .locator('script')
    .evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
  expect(scriptNonces.length).toBeGreaterThan(0);
  for (const n of scriptNonces) expect(n).toBe(nonce);
  await expectNoAxeViolations(page);
});

test('the page hydrates without CSP violations and client navigation keeps the language', async ({
  page,
}) => {
  const violations: string[] = [];
  page.on('console', (msg) => {
    if (/Content Security Policy|Refused to/i.test(msg.text())) violations.push(msg.text());
  });
  await page.goto('/?lng=en');
  await page.waitForFunction(() => (window as unknown as { __remixContext?: unknown }).__remixContext);
  await page
    .getByRole('contentinfo')
    .getByRole('link', { name: /Accessibility/ })
    .click();
  await expect(page).toHaveURL(/\/barrierefreiheit\?lng=en$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  expect(violations).toEqual([]);
  await expectNoAxeViolations(page);
});

test('a language chosen by link is remembered, and the switcher works by keyboard alone', async ({
  page,
}) => {
  await page.goto('/');
  // Skip link first: Tab, Enter → focus lands on the main content.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Zum Inhalt springen' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();

  // Open the language disclosure and pick Arabic without a mouse.
  const summary = page.locator('.ww-lang summary');
  await summary.focus();
  await page.keyboard.press('Enter');
  const arabic = page.getByRole('link', { name: 'العربية' });
  await arabic.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page).toHaveURL(/lng=ar/);

  // Without ?lng= the remembered choice (cookie) applies.
  await page.goto('/impressum');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expectNoAxeViolations(page);
});

test('the 404 page is translated', async ({ page }) => {
  const response = await page.goto('/nirgendwo?lng=en');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page).toHaveTitle(/Page not found/);
  await expectNoAxeViolations(page);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the home page, the language links and the Leichte Sprache page work', async ({ page, browser }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.locator('.ww-lang summary').click();
    await page.getByRole('link', { name: 'Türkçe' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'tr');
    await page
      .getByRole('banner')
      .getByRole('link', { name: /Leichte Sprache/ })
      .click();
    await expect(page).toHaveURL(/\/leichte-sprache\?lng=tr/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Wegweiser in Leichter Sprache');
    // axe itself needs JavaScript: audit the same server-rendered page in a normal tab.
    const context = await browser.newContext({ locale: 'de-DE', javaScriptEnabled: true });
    const audit = await context.newPage();
    await audit.goto(page.url());
    await expectNoAxeViolations(audit);
    await context.close();
  });
});
