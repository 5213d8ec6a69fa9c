import { expect, test } from '@playwright/test';
import postgres from 'postgres';
import { expectNoAxeViolations } from './support/axe';
import { press } from './support/keyboard';

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
  await press(page, 'Enter');
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
  await press(page, 'Space');
  await page.getByRole('button', { name: 'Filter anwenden' }).focus();
  await press(page, 'Enter');
  await expect(page).toHaveURL(/time=morning/);
  // The URL changes before React has shown the filtered list: the page's focus move to the
  // result count is the sign that it has (focusing a hit earlier loses it to that move).
  await expect(page.locator('#results-heading')).toBeFocused();
  await expect(page.getByRole('checkbox', { name: /Vormittags/ })).toBeChecked();
  // The sibling value keeps its count (disjunctive facets).
  await expect(page.getByRole('checkbox', { name: /Nachmittags|Abends/ }).first()).toBeVisible();

  await page.locator('.ww-hits > li h3 a').first().focus();
  await press(page, 'Enter');
  await expect(page).toHaveURL(/\/angebote\/\d+/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Integrationskurs');
  await expectNoAxeViolations(page);
});

test('a page past the last one says so and links to the first and the last page (404, like the API)', async ({
  page,
  request,
}) => {
  // The issue's case: one page of Yoga offers; page 2 showed "11 offers" and an empty list.
  const yoga = await (await request.get('/api/v1/offers?q=Yoga')).json();
  expect(yoga.total).toBeGreaterThan(0);
  expect(yoga.total).toBeLessThanOrEqual(yoga.perPage);
  expect((await page.goto('/angebote?q=Yoga&page=2&lng=de'))?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Seite 2 gibt es nicht' })).toBeVisible();
  await expect(page.getByText('Die Ergebnisse reichen nur bis Seite 1.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Zur ersten Seite' })).toHaveAttribute(
    'href',
    /q=Yoga&page=1&lng=de/,
  );
  await expect(page.getByRole('link', { name: /Zur letzten Seite/ })).toHaveCount(0);
  await expectNoAxeViolations(page);

  const { total, perPage } = await (await request.get('/api/v1/offers?q=deutsch')).json();
  const last = Math.ceil(total / perPage);
  expect(last).toBeGreaterThan(1);
  expect((await page.goto('/angebote?q=deutsch&page=999&lng=de'))?.status()).toBe(404);
  await expect(page.getByRole('link', { name: `Zur letzten Seite (Seite ${last})` })).toHaveAttribute(
    'href',
    new RegExp(`page=${last}&`),
  );
  await page.getByRole('link', { name: `Zur letzten Seite (Seite ${last})` }).click();
  await expect(page.locator('.ww-hits > li').first()).toBeVisible();
  await expect(page.getByText(`Seite ${last} von ${last}`)).toBeVisible();

  // The API answers the same way, and says where the last page is.
  const api = await request.get('/api/v1/offers?q=Yoga&page=2');
  expect(api.status()).toBe(404);
  expect(api.headers()['content-type']).toContain('application/problem+json');
  expect(await api.json()).toMatchObject({ status: 404, total: yoga.total, lastPage: 1 });
  expect((await request.get(`/api/v1/offers?q=deutsch&page=${last}`)).status()).toBe(200);
});

test('the radius and sort selects have KERN’s select frame', async ({ page }) => {
  await page.goto('/angebote?q=deutsch&lng=de');
  for (const label of ['Umkreis', 'Sortieren nach']) {
    const select = page.getByLabel(label);
    await expect(select).toHaveClass(/kern-form-input__select/);
    await expect(select.locator('xpath=..')).toHaveClass('kern-form-input__select-wrapper');
  }
});

test('distances use one unit word per language', async ({ page }) => {
  await page.goto('/angebote?q=deutsch&near=34117&radius=10&lng=ar');
  const main = page.getByRole('main');
  await expect(page.locator('#results-heading')).toContainText('10 كم');
  await expect(main.locator('.ww-hit__facts').first()).toContainText('كم');
  expect(await main.innerText()).not.toMatch(/\bkm\b/);
  expect(await page.getByLabel('نطاق البحث').locator('option').allTextContents()).toEqual([
    '2 كم',
    '5 كم',
    '10 كم',
    '25 كم',
    '50 كم',
  ]);
});

test.describe('on a phone, without JavaScript', () => {
  test.use({ viewport: { width: 360, height: 740 }, javaScriptEnabled: false });
  test('the filters wait behind one control that counts them, and the results come first', async ({
    page,
    browser,
  }) => {
    await page.goto('/angebote?q=deutsch&category=deutsch_integration&time=evening&lng=de');
    const toggle = page.locator('.ww-filters > summary');
    await expect(toggle).toHaveText('Filter (2 aktiv)');
    await expect(page.getByRole('checkbox', { name: /Vormittags/ })).toBeHidden();
    // Before: the first result began about 3,900 px down, below 41 open checkboxes.
    const first = await page.locator('.ww-hits > li').first().boundingBox();
    expect(first!.y).toBeLessThan(1300);
    // One column: the search box, the one filter control, then the results.
    const [query, control, results] = await Promise.all(
      [page.locator('#f-q'), toggle, page.locator('#results-heading')].map((l) => l.boundingBox()),
    );
    expect(query!.y).toBeLessThan(control!.y);
    expect(control!.y).toBeLessThan(results!.y);

    await toggle.click();
    await page.getByRole('checkbox', { name: /Vormittags/ }).check();
    await page.getByRole('button', { name: 'Filter anwenden' }).click();
    await expect(page).toHaveURL(/time=morning/);
    await expect(page.locator('.ww-filters > summary')).toHaveText('Filter (3 aktiv)');
    const context = await browser.newContext({
      locale: 'de-DE',
      javaScriptEnabled: true,
      viewport: { width: 360, height: 740 },
    });
    const audit = await context.newPage();
    await audit.goto(page.url());
    await expectNoAxeViolations(audit);
    await context.close();
  });

  test('on a wide screen the filters stay beside the results', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto('/angebote?q=deutsch&lng=de');
    await expect(page.locator('.ww-filters > summary')).toBeHidden();
    await expect(page.getByRole('checkbox', { name: /Vormittags/ })).toBeVisible();
    const filters = await page.getByRole('heading', { name: 'Filter', exact: true }).boundingBox();
    const results = await page.locator('#results-heading').boundingBox();
    expect(filters!.x).toBeLessThan(results!.x);
  });
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
  // Four pages with axe, one of them a provider with all its offers: more than 30 s on a busy machine.
  test.setTimeout(60_000);
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

test.describe('what people type (issue 18), without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  const examples: [string, string | null][] = [
    ['Yoga am Wochenende', 'Am Wochenende'],
    ['Englisch für Anfänger', 'Anfänger (A1–A2)'],
    ['Kochkurs', null],
    ['Hilfe bei der Bewerbung', null],
    ['Excel online', 'Online'],
    ['Deutsch B2 für den Beruf', 'Niveau B2'],
    ['deutschkurs 34117 Kassel', '34117 Kassel'],
    ['Almanca kursu', null],
    ['German course in the evening', 'Abends'],
  ];
  for (const [q, chip] of examples) {
    test(`"${q}" finds offers${chip ? `, with the chip "${chip}"` : ''}`, async ({ page }) => {
      const response = await page.goto(`/angebote?q=${encodeURIComponent(q)}&lng=de`);
      expect(response?.status()).toBe(200);
      await expect(page.locator('.ww-hits > li').first()).toBeVisible();
      const chips = page.locator('.ww-chips');
      if (chip) await expect(chips.getByRole('link', { name: `Filter entfernen: ${chip}` })).toBeVisible();
      else await expect(chips).toHaveCount(0);
    });
  }

  test('a chip is a link that removes its filter', async ({ page }) => {
    await page.goto('/angebote?q=deutschkurs+abends&lng=de');
    // Not "corrected" to "abend": abends is a time of day, and every hit has an evening run.
    await expect(page.getByText('Sie hatten')).toHaveCount(0);
    const hits = page.locator('.ww-hits > li');
    await expect(hits.first()).toBeVisible();
    for (const hit of await hits.all()) await expect(hit).toContainText('Abends');
    await page.getByRole('link', { name: 'Filter entfernen: Abends' }).click();
    await expect(page).toHaveURL(/q=deutschkurs(&|$)/);
    await expect(page.locator('.ww-chips')).toHaveCount(0);
    await expect(page.getByLabel('Was suchen Sie?')).toHaveValue('deutschkurs');
  });

  for (const [lng, q, note] of [
    ['ar', 'دورة لغة ألمانية', 'عناوين الدورات باللغة الألمانية'],
    ['ru', 'курсы немецкого языка', 'Названия курсов — на немецком'],
    ['uk', 'курси німецької мови', 'Назви курсів — німецькою'],
    ['tr', 'Almanca kursu akşam', 'Kurs adları Almancadır'],
    ['en', 'German course in the evening', 'Course titles are in German'],
  ] as const) {
    test(`${lng}: "${q}" finds German courses and says which German words were searched`, async ({
      browser,
    }) => {
      const context = await browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(`/angebote?q=${encodeURIComponent(q)}&lng=${lng}`);
      const searched = page.locator('#searched-words');
      await expect(searched).toContainText(note);
      await expect(searched.locator('span[lang="de"]')).toContainText('Deutschkurs');
      await expect(page.locator('.ww-hits > li').first()).toBeVisible();
      await context.close();
      // The page with JavaScript: axe-clean, also with the chips and the note.
      const audited = await browser.newContext({ javaScriptEnabled: true });
      const audit = await audited.newPage();
      await audit.goto(`/angebote?q=${encodeURIComponent(q)}&lng=${lng}`);
      await expectNoAxeViolations(audit);
      await audited.close();
    });
  }

  test('the API says what it understood', async ({ request }) => {
    const body = await (
      await request.get(`/api/v1/offers?q=${encodeURIComponent('Yoga am Wochenende')}`)
    ).json();
    expect(body.total).toBeGreaterThan(0);
    expect(body.understood).toEqual([
      expect.objectContaining({ kind: 'time', values: ['weekend'], words: 'am Wochenende', query: 'Yoga' }),
    ]);
    expect(body.searched).toEqual({ words: ['Yoga'], translated: false });
    for (const hit of body.hits) expect(hit.run.weekend).toBe(true);
    const arabic = await (
      await request.get(`/api/v1/offers?q=${encodeURIComponent('دورة لغة ألمانية')}`)
    ).json();
    expect(arabic.searched.translated).toBe(true);
    expect(arabic.hits[0].category).toBe('deutsch_integration');
  });
});
