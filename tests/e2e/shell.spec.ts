import { expect, type Page, test } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import { press } from './support/keyboard';

/** The language in the `lng` cookie (Remix stores it as base64 JSON), or undefined without one. */
function rememberedLanguage(cookies: { name: string; value: string }[]): string | undefined {
  const cookie = cookies.find((c) => c.name === 'lng');
  return cookie ? JSON.parse(Buffer.from(decodeURIComponent(cookie.value), 'base64').toString()) : undefined;
}

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

test('following links with ?lng= remembers nothing; the language chosen in the switcher is remembered, by keyboard alone', async ({
  page,
  context,
}) => {
  const languageCookie = async () => rememberedLanguage(await context.cookies());
  await page.goto('/?lng=ar');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  // Internal links all carry ?lng=: following them shows Arabic but sets no cookie.
  await page
    .getByRole('contentinfo')
    .getByRole('link', { name: /Impressum/ })
    .click();
  await expect(page).toHaveURL(/\/impressum\?lng=ar$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  expect(await languageCookie()).toBeUndefined();
  // Without ?lng= (and without a page it came from) the browser's language applies.
  await page.goto('/datenschutz');
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');

  // Skip link first: Tab, Enter → focus lands on the main content.
  await press(page, 'Tab');
  await expect(page.getByRole('link', { name: 'Zum Inhalt springen' })).toBeFocused();
  await press(page, 'Enter');
  await expect(page.locator('main')).toBeFocused();

  // Open the language disclosure and choose Arabic without a mouse.
  const summary = page.locator('.ww-lang summary');
  await summary.focus();
  await press(page, 'Enter');
  const arabic = page.getByRole('button', { name: 'العربية' });
  await arabic.focus();
  await press(page, 'Enter');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  // Back on the same page, in the chosen language, with the choice remembered.
  await expect(page).toHaveURL(/\/datenschutz\?lng=ar$/);
  expect(await languageCookie()).toBe('ar');
  await expect(page.locator('.ww-lang button[value="ar"]')).toHaveAttribute('aria-current', 'true');

  // Without ?lng= the remembered choice (cookie) applies.
  await page.goto('/impressum');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expectNoAxeViolations(page);
});

test('the language switcher refuses an unknown language and never sends anyone to another site', async ({
  request,
}) => {
  const form = (lng: string, to: string) => ({ form: { lng, to }, maxRedirects: 0 });
  const refused = await request.post('/sprache', form('xx', '/impressum'));
  expect(refused.status()).toBe(400);
  expect(await refused.text()).toBe('Diese Sprache gibt es auf Wegweiser nicht.');
  const away = await request.post('/sprache', form('en', '//evil.example/x'));
  expect(away.status()).toBe(303);
  expect(away.headers().location).toBe('/?lng=en');
  const back = await request.post('/sprache', form('tr', '/angebote?q=deutsch&lng=de'));
  expect(back.headers().location).toBe('/angebote?q=deutsch&lng=tr');
  expect(back.headers()['set-cookie']).toMatch(
    /^lng=[^;]+; Max-Age=31536000; Path=\/; HttpOnly; SameSite=Lax$/,
  );
  expect(rememberedLanguage([{ name: 'lng', value: back.headers()['set-cookie']!.split(/[=;]/)[1]! }])).toBe(
    'tr',
  );
  expect((await request.post('/sprache', form('xx', '/'))).headers()['set-cookie']).toBeUndefined();
});

test('a link without ?lng= keeps the language of the page it was followed from', async ({ page }) => {
  await page.goto('/beratung?lng=ar');
  // "Book an appointment" is a plain link without a language.
  await page.locator('main a[href="/beratung/termin"]').click();
  await expect(page).toHaveURL(/\/beratung\/termin$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
});

/**
 * In a right-to-left page the groups of a phone number must stay in their order: the
 * number's first digit is drawn left of its last (Arabic showed "0000000 0561").
 */
async function expectPhonesInOrder(page: Page) {
  const phones = page.locator('main a[href^="tel:"]');
  expect(await phones.count()).toBeGreaterThan(0);
  for (const phone of await phones.all()) {
    await expect(phone).toHaveAttribute('href', /^tel:\+?\d+$/);
    const order = await phone.evaluate((a) => {
      const text = a.firstChild as Text;
      const at = (i: number) => {
        const range = document.createRange();
        range.setStart(text, i);
        range.setEnd(text, i + 1);
        return range.getBoundingClientRect().left;
      };
      return { text: text.data, firstLeftOfLast: at(0) < at(text.data.length - 1) };
    });
    expect(order.firstLeftOfLast, `${order.text} in order on ${page.url()}`).toBe(true);
  }
}

test('phone numbers are links and read in order in Arabic', async ({ page }) => {
  for (const path of ['/beratung', '/impressum', '/barrierefreiheit', '/leichte-sprache']) {
    await page.goto(`${path}?lng=ar`);
    await expectPhonesInOrder(page);
  }
});

test('the accessibility statement names the law, the enforcement procedure, the contacts, its dates and each known problem with reason and alternative', async ({
  page,
}) => {
  await page.goto('/barrierefreiheit?lng=de');
  const main = page.getByRole('main');
  await expect(main).toContainText('Hessisches Behinderten-Gleichstellungsgesetz (HessBGG)');
  await expect(main).toContainText('Hessische Verordnung über barrierefreie Informationstechnik (HVBIT)');
  await expect(main).toContainText('teilweise vereinbar');
  await expect(main).toContainText(/erstellt und zuletzt am \d+\. \w+ \d{4} überprüft/);
  const issues = page.locator('.ww-issues > li');
  expect(await issues.count()).toBeGreaterThan(0);
  for (const issue of await issues.all()) {
    await expect(issue).toContainText('Grund:');
    await expect(issue).toContainText('Alternative:');
  }
  await expect(main.getByRole('link', { name: 'barrierefreiheit@wegweiser.example' })).toHaveAttribute(
    'href',
    'mailto:barrierefreiheit@wegweiser.example',
  );
  await expect(main.locator('a[href^="tel:"]')).toHaveCount(1);
  await expect(page.getByRole('heading', { name: 'Durchsetzungsverfahren' })).toBeVisible();
  await expect(main).toContainText(
    'Durchsetzungs- und Überwachungsstelle für barrierefreie Informationstechnik',
  );
  await expect(main.getByRole('link', { name: /Durchsetzungsverfahren beantragen/ })).toHaveAttribute(
    'href',
    /^https:\/\/lbit\.hessen\.de\//,
  );
  await expectNoAxeViolations(page);
});

test('the Leichte Sprache page links to the search, the self-assessment, the booking and the statement in Leichte Sprache, with lists and contact links', async ({
  page,
}) => {
  await page.goto('/leichte-sprache?lng=de');
  const easy = page.locator('main [lang="de-x-ls"]');
  for (const [name, href] of [
    ['Hier suchen Sie einen Kurs.', '/angebote?lng=ls'],
    ['Hier finden Sie heraus: Was passt zu mir?', '/selbsteinschaetzung?lng=ls'],
    ['Hier machen Sie einen Termin für eine Beratung.', '/beratung/termin?lng=ls'],
    ['Hier lesen Sie die Erklärung zur Barriere-Freiheit in Leichter Sprache.', '/barrierefreiheit?lng=ls'],
  ] as const) {
    await expect(easy.getByRole('link', { name })).toHaveAttribute('href', href);
  }
  expect(await easy.getByRole('list').count()).toBeGreaterThanOrEqual(3);
  await expect(easy.locator('a[href^="mailto:"]')).toHaveCount(1);
  await expect(easy.locator('a[href^="tel:"]')).toHaveCount(1);
  await easy.getByRole('link', { name: /Erklärung zur Barriere-Freiheit/ }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de-x-ls');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Erklärung zur Barriere-Freiheit');
});

test('German terms in another language are marked as German', async ({ page }) => {
  await page.goto('/?lng=ar');
  await expect(
    page
      .getByRole('banner')
      .getByRole('link', { name: /Leichte Sprache/ })
      .locator('span[lang="de"]'),
  ).toHaveText('Leichte Sprache');
  await page.goto('/anbieter/volkshochschule-am-fulda-ufer?lng=ar');
  await expect(page.locator('main hgroup + p')).toHaveAttribute('lang', 'de');
  await page.goto('/impressum?lng=ar');
  await expect(page.getByRole('heading', { level: 1 }).locator('span[lang="de"]')).toHaveText('Impressum');
  // The page's title has no marks in it.
  await expect(page).toHaveTitle('بيانات الناشر (Impressum) – Wegweiser');
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
  test('the home page, the language choice and the Leichte Sprache page work', async ({ page, browser }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.locator('.ww-lang summary').click();
    await page.getByRole('button', { name: 'Türkçe' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'tr');
    expect(rememberedLanguage(await page.context().cookies())).toBe('tr');
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

  test('the home page has a search box that leads to the results', async ({ page, browser }) => {
    await page.goto('/?lng=de');
    const search = page.getByRole('search');
    await search.getByLabel('Was möchten Sie lernen?').fill('Deutsch');
    await search.getByRole('button', { name: 'Suchen' }).click();
    await expect(page).toHaveURL(/\/angebote\?lng=de&q=Deutsch$/);
    await expect(page.locator('.ww-hits > li').first()).toBeVisible();
    const context = await browser.newContext({ locale: 'de-DE', javaScriptEnabled: true });
    const audit = await context.newPage();
    await audit.goto(new URL('/?lng=de', page.url()).href);
    await expectNoAxeViolations(audit);
    await context.close();
  });
});
