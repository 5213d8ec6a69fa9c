import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';
import { signedInRequest, signInWithPage } from './support/accounts';
import { expectNoAxeViolations, expectReflow } from './support/axe';

/**
 * Planning (issue 20) in the browser: the planner's reports over the demo's two years,
 * axe-clean with a chart and a table per section and no value from 1 to 4 in any cell;
 * the filter form without JavaScript; 320 px in German and Arabic; the exports; the
 * admin sees the same figures; a provider's own statistics page. One planner sign-in for
 * the file (a recovery code nobody else spends).
 */
test.describe.configure({ mode: 'serial' });

const REPORTS = [
  'ungedeckter-bedarf',
  'angebot',
  'bedarf-und-angebot',
  'beratung',
  'selbsteinschaetzung',
  'faelle-und-vermittlungen',
];
/** Reports whose anonymous records keep no area: with an area chosen they say so instead. */
const REGION_ONLY = new Set(['faelle-und-vermittlungen']);

let planner: BrowserContext;
let page: Page;

test.beforeAll(async ({ browser }: { browser: Browser }) => {
  planner = await browser.newContext({ locale: 'de-DE' });
  page = await planner.newPage();
  await signInWithPage(page, 'planner');
  await page.getByLabel('Bestätigungscode').fill('demo1-aaaaa');
  await page.getByRole('button', { name: 'Bestätigen' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/anmelden'));
});

test.afterAll(async () => {
  await planner.close();
});

/** The table cells (not headers) whose whole text is a number from 1 to 4. */
async function smallCells(p: Page): Promise<string[]> {
  return p
    .locator('table td')
    .evaluateAll((cells) =>
      cells
        .map((c) => (c.textContent ?? '').trim())
        .filter((text) => /^[1-4]$/.test(text) || /^[1-4] /.test(text)),
    );
}

test('the planner starts at /planung and reads every report: chart and table, no value from 1 to 4, axe-clean', async () => {
  test.setTimeout(120_000);
  await page.goto('/planung');
  await expect(page.getByRole('heading', { level: 1, name: 'Planung' })).toBeVisible();
  await expectNoAxeViolations(page);
  for (const slug of REPORTS) {
    for (const query of ['', '?gebiet=mitte', '?zeitraum=2026-Q1']) {
      const res = await page.goto(`/planung/${slug}${query}`);
      expect(res?.status(), `${slug}${query}`).toBe(200);
      if (REGION_ONLY.has(slug) && query.includes('gebiet')) {
        await expect(page.getByText('Diese Zahlen gibt es nur für die ganze Region')).toBeVisible();
        continue;
      }
      await expect(page.locator('main table').first()).toBeVisible();
      expect(await smallCells(page), `${slug}${query}`).toEqual([]);
      if (query === '') {
        // Every chart has its text alternative, and its table beside it.
        const figures = page.locator('main figure');
        expect(await figures.count()).toBeGreaterThan(0);
        for (const caption of await page.locator('main figure figcaption').allInnerTexts())
          expect(caption).toContain('Alle Werte stehen in der Tabelle.');
        await expectNoAxeViolations(page);
      }
    }
  }
  // Small numbers are there to hide: the marks show.
  await page.goto('/planung/ungedeckter-bedarf');
  await expect(page.locator('table td', { hasText: '< 5' }).first()).toBeVisible();
  await page.goto('/planung/definitionen');
  await expect(page.getByRole('heading', { level: 2, name: 'Für alle Berichte' })).toBeVisible();
  await expect(page.getByText('Kleine Zahlen', { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('the period and area form works without JavaScript, and a bad period is a 400 with its message', async ({
  browser,
}) => {
  const noJs = await browser.newContext({
    javaScriptEnabled: false,
    locale: 'de-DE',
    storageState: await planner.storageState(),
  });
  const p = await noJs.newPage();
  await p.goto('/planung/beratung');
  await p.getByLabel('Zeitraum', { exact: true }).selectOption('2026-Q1');
  await p.locator('#f-area').selectOption('mitte');
  await p.getByRole('button', { name: 'Anzeigen' }).first().click();
  await expect(p).toHaveURL(/zeitraum=2026-Q1/);
  await expect(p).toHaveURL(/gebiet=mitte/);
  await expect(p.getByText('1. Quartal 2026 · Mitte')).toBeVisible();
  const bad = await p.goto('/planung/beratung?zeitraum=2026-13');
  expect(bad?.status()).toBe(400);
  await expect(p.getByText('Diesen Zeitraum gibt es nicht.', { exact: false }).first()).toBeVisible();
  await noJs.close();
});

test('reports reflow at 320 px in German and Arabic (right to left), also in forced colours', async () => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 320, height: 800 });
  for (const lng of ['de', 'ar']) {
    for (const slug of ['ungedeckter-bedarf', 'beratung']) {
      await page.goto(`/planung/${slug}?lng=${lng}`);
      await expect(page.locator('html')).toHaveAttribute('dir', lng === 'ar' ? 'rtl' : 'ltr');
      await expect(page.locator('main table').first()).toBeAttached();
      await expectReflow(page);
      await expectNoAxeViolations(page);
    }
  }
  await page.emulateMedia({ forcedColors: 'active' });
  await page.goto('/planung/beratung?lng=ar');
  await expectReflow(page);
  await page.emulateMedia({ forcedColors: 'none' });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/planung?lng=de');
});

test('exports: CSV with a BOM and German or English headers, JSON with period, Stand, version and rule; the admin gets the same', async ({
  baseURL,
}) => {
  test.setTimeout(60_000);
  const csv = await page.request.get('/planung/export/beratung.csv?zeitraum=2026-Q1&sprache=de');
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toContain('text/csv');
  const text = (await csv.body()).toString('utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  expect(text).toContain('Bericht;Zeitraum;Gebiet;Stand;Definitionsversion');
  const en = (
    await (await page.request.get('/planung/export/beratung.csv?zeitraum=2026-Q1&sprache=en')).body()
  ).toString('utf8');
  expect(en).toContain('report,period,area,as_of,definition_version');
  const json = await (await page.request.get('/planung/export/beratung.json?zeitraum=2026-Q1')).json();
  expect(json.period.code).toBe('2026-Q1');
  expect(json.asOf.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(json.definitionVersion).toBe('2');
  expect(json.suppression.rule).toContain('k≥5');

  const admin = await signedInRequest(baseURL!, 'admin', 'demo1-aaaaa');
  for (const slug of REPORTS) {
    const url = `/planung/export/${slug}.json?zeitraum=2025&sprache=en`;
    const [a, b] = await Promise.all([admin.get(url), page.request.get(url)]);
    expect(a.status()).toBe(200);
    // Same figures for both roles (the live supply report may differ only in nothing: same catalogue).
    expect(await a.json()).toEqual(await b.json());
  }
  await admin.dispose();
});

test('cases and referrals: cases, closures, referrals pooled under "other providers", no value from 1 to 4, axe-clean in German and Arabic at 320 px', async () => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  const res = await page.goto('/planung/faelle-und-vermittlungen?zeitraum=2025');
  expect(res?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1, name: 'Fälle und Vermittlungen' })).toBeVisible();
  for (const name of [
    'Fälle je Monat',
    'Gründe für den Abschluss',
    'Erreichte Ziele je Fallart',
    'Vermittlungen nach Anbieter',
    'Neutralität der Vermittlung',
  ])
    await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
  await expect(
    page.locator('table:has(#byProvider-table)').getByRole('rowheader', { name: 'Andere Anbieter' }),
  ).toBeVisible();
  // The neutrality monitor: each provider's share of referrals beside its share of fitting offers.
  const neutrality = page.locator('table:has(#neutrality-table)');
  await expect(neutrality.getByRole('columnheader', { name: 'Anteil an den Vermittlungen' })).toBeVisible();
  await expect(
    neutrality.getByRole('columnheader', { name: 'Anteil an den passenden Angeboten' }),
  ).toBeVisible();
  await expect(neutrality.getByRole('rowheader', { name: 'Andere Anbieter' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Grund für den Abschluss' })).toBeVisible();
  expect(await smallCells(page)).toEqual([]);
  await expectNoAxeViolations(page);
  // The gap reports in the unmet demand, the short counselling in the counselling report.
  await page.goto('/planung/ungedeckter-bedarf?zeitraum=2025');
  await expect(
    page.getByRole('heading', { level: 2, name: 'Kein passendes Angebot: nach Kategorie' }),
  ).toBeVisible();
  expect(await smallCells(page)).toEqual([]);
  await page.goto('/planung/beratung?zeitraum=2025');
  await expect(page.getByRole('heading', { level: 2, name: 'Kurzberatungen ohne Termin' })).toBeVisible();
  expect(await smallCells(page)).toEqual([]);
  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto('/planung/faelle-und-vermittlungen?zeitraum=2025&lng=ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1, name: 'الحالات والإحالات' })).toBeVisible();
  expect(await smallCells(page)).toEqual([]);
  await expectReflow(page);
  await expectNoAxeViolations(page);
  await page.goto('/planung/faelle-und-vermittlungen?zeitraum=2025&lng=de');
  await page.setViewportSize({ width: 1280, height: 900 });
});

test("a provider reads its own offers' figures, suppressed like every report", async ({ browser }) => {
  test.setTimeout(90_000);
  const ctx = await browser.newContext({ locale: 'de-DE' });
  const p = await ctx.newPage();
  await signInWithPage(p, 'providerOwner');
  await p.goto('/anbieterbereich');
  await p.getByRole('link', { name: 'Statistik zu Ihren Angeboten' }).click();
  await expect(p.getByRole('heading', { level: 1, name: 'Statistik zu Ihren Angeboten' })).toBeVisible();
  await expect(p.getByRole('heading', { level: 2, name: 'Ihre Angebote' })).toBeVisible();
  expect(await smallCells(p)).toEqual([]);
  await expectNoAxeViolations(p);
  const csv = await p.request.get('/anbieterbereich/statistik/export/statistik.csv?sprache=de');
  expect(csv.status()).toBe(200);
  await ctx.close();
});
