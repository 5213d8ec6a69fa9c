import { expect, test } from '@playwright/test';
import postgres from 'postgres';
import { expectNoAxeViolations } from './support/axe';

// The e2e server's own embedded database (see playwright.config.ts), for picking test records.
const db = () =>
  postgres(`postgres://wegweiser:wegweiser-local@127.0.0.1:${process.env.E2E_PG_PORT ?? 54339}/wegweiser`, {
    max: 1,
  });

async function pick(query: string): Promise<number> {
  const sql = db();
  try {
    const [row] = await sql.unsafe(query);
    return Number(row!.id);
  } finally {
    await sql.end();
  }
}

const PUBLISHED = `select o.id from offers o join providers p on p.id = o.provider_id join runs r on r.offer_id = o.id
  where o.status = 'published' and p.status = 'approved' and r.venue_id is not null order by o.id limit 1`;

for (const lng of ['de', 'ar'] as const) {
  test(`search page in ${lng}: results, facets, no axe violations`, async ({ page }) => {
    const response = await page.goto(`/angebote?q=deutsch&lng=${lng}`);
    expect(response?.status()).toBe(200);
    await expect(page.locator('html')).toHaveAttribute('dir', lng === 'ar' ? 'rtl' : 'ltr');
    await expect(page.locator('.ww-hits > li').first()).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test(`offer page in ${lng}: JSON-LD Course, runs, no axe violations`, async ({ page }) => {
    const id = await pick(PUBLISHED);
    const response = await page.goto(`/angebote/${id}?lng=${lng}`);
    expect(response?.status()).toBe(200);
    const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}');
    expect(ld['@context']).toBe('https://schema.org');
    expect(ld['@type']).toBe('Course');
    expect(ld.name).toBeTruthy();
    expect(ld.provider['@type']).toBe('Organization');
    expect(ld.hasCourseInstance.length).toBeGreaterThan(0);
    expect(ld.hasCourseInstance[0]['@type']).toBe('CourseInstance');
    await expectNoAxeViolations(page);
  });
}

test('search by keyboard: type, press Enter, filter with a facet, open an offer', async ({ page }) => {
  await page.goto('/angebote');
  // Focus handling below happens on client-side navigation, so wait until the page is hydrated.
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  await page.getByLabel('Was suchen Sie?').fill('Integratinskurs');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/q=Integratinskurs/);
  // After a search without a page load, focus moves to the result count.
  await expect(page.locator('#results-heading')).toBeFocused();
  await expect(page.getByText(/Ergebnisse für „integrationskurs“/)).toBeVisible();
  await expect(page.getByRole('link', { name: 'Nur nach „Integratinskurs“ suchen' })).toHaveAttribute(
    'href',
    /exact=1/,
  );
  await expect(page.locator('.ww-hits > li h3').first()).toContainText('Integrationskurs');

  const morning = page.getByRole('checkbox', { name: /Vormittags/ });
  await morning.focus();
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Filter anwenden' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/time=morning/);
  await expect(page.getByRole('checkbox', { name: /Vormittags/ })).toBeChecked();
  // The sibling value keeps its count (disjunctive facets).
  await expect(page.getByRole('checkbox', { name: /Nachmittags|Abends/ }).first()).toBeVisible();

  await page.locator('.ww-hits > li h3 a').first().focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/angebote\/\d+/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Integrationskurs');
  await expectNoAxeViolations(page);
});

test('an empty result explains what to try and offers counselling', async ({ page }) => {
  await page.goto('/angebote?q=yoga&category=berufliche_weiterbildung');
  await expect(page.getByRole('heading', { name: 'Keine passenden Angebote gefunden' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Zur Bildungsberatung' })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('a bad filter value gives a 400 with an error summary linked to the field, keeping the input', async ({
  page,
}) => {
  const response = await page.goto('/angebote?q=excel&from=2026-99-01&near=34117');
  expect(response?.status()).toBe(400);
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('Bitte prüfen Sie Ihre Eingaben');
  await summary.getByRole('link').first().click();
  await expect(page.locator('#f-from')).toBeFocused();
  await expect(page.getByLabel('Was suchen Sie?')).toHaveValue('excel');
  await expect(page.getByLabel('Ort oder Postleitzahl')).toHaveValue('34117');
  await expectNoAxeViolations(page);
});

test('an unknown place is a clear 400, not an error page', async ({ page }) => {
  const response = await page.goto('/angebote?near=Atlantis');
  expect(response?.status()).toBe(400);
  await expect(page.getByRole('alert')).toContainText('Diesen Ort oder diese Postleitzahl kennen wir nicht');
  await expectNoAxeViolations(page);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the search form and the offer page work', async ({ page, browser }) => {
    await page.goto('/angebote');
    await page.getByLabel('Was suchen Sie?').fill('Excel');
    await page.getByLabel('Ort oder Postleitzahl').fill('34117');
    await page.getByRole('button', { name: 'Suchen' }).click();
    await expect(page).toHaveURL(/q=Excel/);
    await expect(page.getByRole('heading', { level: 2, name: /Angebot/ })).toContainText('34117 Kassel');
    await page.locator('.ww-hits > li h3 a').first().click();
    await expect(page.getByRole('heading', { name: 'Termine' })).toBeVisible();
    const context = await browser.newContext({ locale: 'de-DE', javaScriptEnabled: true });
    const audit = await context.newPage();
    await audit.goto(page.url());
    await expectNoAxeViolations(audit);
    await context.close();
  });
});

test('an unknown offer is a translated 404, an archived one a 410 that says so', async ({ page }) => {
  expect((await page.goto('/angebote/99999999?lng=en'))?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  const archived = await pick(`select id from offers where status = 'archived' order by id limit 1`);
  expect((await page.goto(`/angebote/${archived}?lng=de`))?.status()).toBe(410);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dieses Angebot gibt es nicht mehr');
  await expectNoAxeViolations(page);
});

test('provider, orientation and counselling pages pass axe', async ({ page }) => {
  for (const path of [
    '/anbieter/volkshochschule-am-fulda-ufer',
    '/orientierung',
    '/beratung',
    '/beratung?lng=ar',
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expectNoAxeViolations(page);
  }
});

test.describe('JSON API', () => {
  test('search returns hits, facets and the engine, open to other origins', async ({ request }) => {
    const response = await request.get('/api/v1/offers?q=deutschkurs&perPage=5', {
      headers: { Origin: 'https://other-portal.example' },
    });
    expect(response.status()).toBe(200);
    expect(response.headers()['access-control-allow-origin']).toBe('*');
    const body = await response.json();
    expect(Object.keys(body)).toEqual(
      expect.arrayContaining(['total', 'page', 'hits', 'facets', 'engine', 'didYouMean']),
    );
    expect(body.engine).toBe('postgres');
    expect(body.hits).toHaveLength(5);
    expect(body.hits[0].category).toBe('deutsch_integration');
  });

  test('bad parameters give a 400 problem document', async ({ request }) => {
    for (const query of ['radius=abc&near=34117', 'category=astrologie', 'from=2026-02-31x', 'page=0']) {
      const response = await request.get(`/api/v1/offers?${query}`);
      expect(response.status(), query).toBe(400);
      expect(response.headers()['content-type']).toContain('application/problem+json');
      const body = await response.json();
      expect(body).toMatchObject({ status: 400, title: expect.any(String) });
    }
    expect((await request.get('/api/v1/offers/abc')).status()).toBe(400);
    expect((await request.get('/api/v1/offers/99999999')).status()).toBe(404);
  });

  test('one offer, and the OpenAPI document listing both paths', async ({ request }) => {
    const id = await pick(PUBLISHED);
    const offer = await (await request.get(`/api/v1/offers/${id}`)).json();
    expect(offer.id).toBe(id);
    expect(offer.jsonLd['@type']).toBe('Course');
    const doc = await (await request.get('/api/v1/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/offers', '/offers/{id}']));
  });
});
