import { expect, type Page, test } from '@playwright/test';
import { signInWithPage } from './support/accounts';
import { expectNoAxeViolations, expectReflow } from './support/axe';

/**
 * A provider's large catalogue (issue 14 #15): the demo owner's offers 50 a page with
 * search, filters, order and page links, cards that reflow at 320 px; bulk actions that
 * ask once more and work without JavaScript.
 */

const count = (page: Page) => page.locator('#offers-count');
const cards = (page: Page) => page.locator('.ww-offer-row');

test('the list shows 50 a page, searches, filters, sorts and pages; axe-clean; reflows at 320 px in German and Arabic', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signInWithPage(page, 'providerOwner');
  await expect(page).toHaveURL(/\/anbieterbereich$/);
  await expect(count(page)).toContainText(/^[\d.]+ Angebote, 1 bis 50 auf dieser Seite$/);
  const total = Number((await count(page).innerText()).split(' ')[0]!.replace('.', ''));
  expect(total).toBeGreaterThan(100);
  await expect(cards(page)).toHaveCount(50);
  await expectNoAxeViolations(page);

  // Page 2 by its link; the count says which ones.
  await page
    .getByRole('navigation', { name: /Seiten/ })
    .getByRole('link', { name: 'Seite 2', exact: true })
    .click();
  await expect(page).toHaveURL(/page=2/);
  await expect(count(page)).toContainText('51 bis 100');

  // Search by a word of a title: every card carries it; the filter stays in the address.
  const title = await cards(page).first().locator('.ww-offer-row__title').innerText();
  const word = title.split(/\s+/).find((w) => w.length >= 5) ?? title;
  await page.getByLabel('Titel oder Kursnummer').fill(word);
  await page.getByRole('button', { name: 'Anzeigen' }).click();
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(word).replace(/%20/g, '\\+')}`));
  await expect(page).not.toHaveURL(/page=/);
  // The address changes before the page renders: wait for the filtered list's own link.
  await expect(page.getByRole('link', { name: 'Alle Filter zurücksetzen' })).toBeVisible();
  const titles = await cards(page).locator('.ww-offer-row__title').allInnerTexts();
  expect(titles.length).toBeGreaterThan(0);
  for (const t of titles) expect(t.toLowerCase()).toContain(word.toLowerCase());

  // Archived only, by title: every card says so; the order is A to Z.
  await page.getByRole('link', { name: 'Alle Filter zurücksetzen' }).click();
  await expect(page.getByRole('link', { name: 'Alle Filter zurücksetzen' })).toHaveCount(0);
  await expect(page.getByLabel('Titel oder Kursnummer')).toHaveValue('');
  await page.getByLabel('Status').selectOption('published');
  await page.getByLabel('Sortierung').selectOption('title');
  await page.getByRole('button', { name: 'Anzeigen' }).click();
  await expect(page).toHaveURL(/status=published/);
  await expect(page.getByRole('link', { name: 'Alle Filter zurücksetzen' })).toBeVisible();
  const statuses = await cards(page)
    .locator('dd')
    .filter({ hasText: /^Veröffentlicht/ })
    .count();
  expect(statuses).toBe(await cards(page).count());
  const sorted = await cards(page).locator('.ww-offer-row__title').allInnerTexts();
  expect(sorted).toEqual([...sorted].sort((a, b) => a.localeCompare(b, 'de')));
  // "Next start" never names a past day.
  const today = new Date().toISOString().slice(0, 10);
  const nextStarts = await cards(page)
    .locator('div', { has: page.getByText('Nächster Beginn', { exact: true }) })
    .locator('dd')
    .allInnerTexts();
  for (const text of nextStarts.filter((t) => /\d/.test(t))) {
    const [d, m, y] = text.split('.').map(Number);
    expect(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` >= today).toBe(true);
  }
  await expectNoAxeViolations(page);

  // The confirmation page of a bulk action (nothing changes before its button).
  await page.getByLabel(`${sorted[0]} auswählen`).first().check();
  await page.getByRole('button', { name: 'Weiter zur Bestätigung' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dieses Angebot archivieren?');
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Zurück zur Liste' }).click();
  await expect(page).toHaveURL(/status=published/);

  for (const lng of ['de', 'ar']) {
    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto(`/anbieterbereich?lng=${lng}`);
    await expect(cards(page)).toHaveCount(50);
    await expectReflow(page);
    await expectNoAxeViolations(page);
  }
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('bulk actions ask once more: two ticked drafts archived, then both duplicated for the next term; nothing ticked is explained', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const token = `Sammel${Date.now().toString(36)}`;
    await signInWithPage(page, 'providerOwner');
    for (const n of [1, 2]) {
      await page.goto('/anbieterbereich/angebote/neu');
      await page.getByLabel('Titel', { exact: true }).fill(`${token} Kurs ${n}`);
      await page
        .getByLabel('Kurzbeschreibung', { exact: true })
        .fill('Ein Kurs, den die Sammelaktion archiviert und kopiert.');
      await page.getByLabel('Bereich').selectOption('sprachen');
      await page.getByLabel('Keine formalen Voraussetzungen').check();
      await page.getByRole('button', { name: 'Angebot anlegen und Termin eintragen' }).click();
      await expect(page.getByRole('heading', { name: 'Neuer Termin' })).toBeVisible();
    }

    await page.goto(`/anbieterbereich?q=${token}`);
    await expect(count(page)).toHaveText('2 Angebote, 1 bis 2 auf dieser Seite');
    // Nothing ticked: the confirmation page says so and changes nothing.
    await page.getByRole('button', { name: 'Weiter zur Bestätigung' }).click();
    await expect(page.getByText('Sie haben kein Angebot angekreuzt.')).toBeVisible();
    await page.getByRole('link', { name: 'Zurück zur Liste' }).click();
    await expect(page).toHaveURL(new RegExp(`q=${token}`));

    await page.getByLabel(`${token} Kurs 1 auswählen`).check();
    await page.getByLabel(`${token} Kurs 2 auswählen`).check();
    await page.getByLabel('Was soll passieren?').selectOption('archive');
    await page.getByRole('button', { name: 'Weiter zur Bestätigung' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Diese 2 Angebote archivieren?');
    await expect(page.getByRole('listitem').filter({ hasText: token })).toHaveCount(2);
    await page.getByRole('button', { name: '2 Angebote archivieren' }).click();
    await expect(page.getByRole('status')).toContainText('2 Angebote sind archiviert.');
    await expect(page).toHaveURL(new RegExp(`q=${token}`));
    await expect(cards(page).locator('dd').filter({ hasText: 'Archiviert' })).toHaveCount(2);

    // All the filter finds, copied for the next term: two more drafts.
    await page.getByLabel('Was soll passieren?').selectOption('duplicate');
    await page.getByLabel('Mit welchen Angeboten?').selectOption('alle');
    await page.getByRole('button', { name: 'Weiter zur Bestätigung' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Diese 2 Angebote für das nächste Semester kopieren?',
    );
    await expect(page.getByLabel('Termine verschieben um (Wochen)')).toHaveValue('26');
    await page.getByRole('button', { name: '2 Angebote kopieren' }).click();
    await expect(page.getByRole('status')).toContainText('2 Kopien sind als Entwürfe angelegt.');
    await expect(count(page)).toHaveText('4 Angebote, 1 bis 4 auf dieser Seite');
    await expect(cards(page).locator('dd').filter({ hasText: 'Entwurf' })).toHaveCount(2);
  });
});
