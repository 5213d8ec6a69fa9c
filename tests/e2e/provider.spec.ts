import { expect, request, test } from '@playwright/test';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, signInWithPage } from './support/accounts';
import { expectNoAxeViolations } from './support/axe';

/**
 * Providers publish: the demo provider creates an offer with a run and publishes it, and
 * the open API finds it by its title within 2 seconds; another provider's staff can't
 * open or change it.
 */
test('a provider creates and publishes an offer; the API finds it within 2 s; other providers are refused', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const title = `Deutsch am Abend Kranichfeld ${Date.now().toString(36)}`;
  await signInWithPage(page, 'providerOwner');
  await expect(page).toHaveURL(/\/anbieterbereich$/);
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'Neues Angebot anlegen' }).click();
  await expectNoAxeViolations(page);
  // Errors first: nothing typed is lost, the summary links to the fields.
  await page.getByLabel('Titel', { exact: true }).fill(title);
  await page.getByRole('button', { name: 'Angebot anlegen und Termin eintragen' }).click();
  await expect(page.getByRole('alert')).toContainText('Geben Sie eine Kurzbeschreibung ein');
  await expect(page.getByLabel('Titel', { exact: true })).toHaveValue(title);
  await expectNoAxeViolations(page);

  await page
    .getByLabel('Kurzbeschreibung', { exact: true })
    .fill('Deutsch für den Alltag, zweimal pro Woche am Abend, kostenlos.');
  await page.getByLabel('Bereich').selectOption('deutsch_integration');
  await page.getByLabel('Sprachniveau (GER)').selectOption('A2');
  await page.getByLabel('Kostenlos').check();
  // An optional English title: shown to English readers of the offer page.
  await page.getByText('Übersetzungen (freiwillig)').click();
  await page.getByLabel('Titel auf Englisch').fill(`${title} in English`);
  // Labels stay in the interface language; only what is typed is in the translation's (issue 13 #24).
  await expect(page.getByLabel('Titel auf Englisch')).toHaveAttribute('lang', 'en');
  await expect(page.getByLabel('Titel auf Arabisch')).toHaveAttribute('lang', 'ar');
  await expect(page.getByLabel('Titel auf Arabisch')).toHaveAttribute('dir', 'rtl');
  const labelLanguage = await page
    .locator('label', { hasText: 'Titel auf Arabisch' })
    .evaluate((label) => label.closest('[lang]')?.getAttribute('lang'));
  expect(labelLanguage).toBe('de');
  // What a person must bring and how to register (issue 14 #20).
  await page.getByLabel('Keine formalen Voraussetzungen').check();
  await page
    .getByLabel('Internetadresse der Anmeldung (freiwillig)')
    .fill('https://anmeldung.example/kranichfeld');
  await page.getByRole('button', { name: 'Angebot anlegen und Termin eintragen' }).click();
  await expect(page.getByRole('heading', { name: 'Neuer Termin' })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByLabel('Erster Tag').fill('2027-02-01');
  await page.getByLabel('Letzter Tag (freiwillig)').fill('2027-03-31');
  await page.getByLabel('Montag').check();
  await page.getByLabel('Mittwoch').check();
  await page.getByLabel('Beginn (Uhrzeit)').fill('18:00');
  await page.getByLabel('Ende (Uhrzeit)').fill('19:30');
  await page.getByLabel('Einer Ihrer Orte').selectOption({ index: 1 });
  await page.getByLabel('Preis in Euro').fill('0');
  await page.getByRole('button', { name: 'Termin speichern' }).click();
  await expect(page.getByRole('status')).toContainText('Der Termin ist gespeichert.');
  await expect(page.getByText('18 Einzeltermine')).toBeVisible();
  await expectNoAxeViolations(page);
  const offerUrl = new URL(page.url());
  const offerId = /\/angebote\/(\d+)/.exec(offerUrl.pathname)![1]!;

  await page.getByRole('link', { name: 'Vorschau ansehen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.locator('.ww-fact--requirements')).toHaveText('keine');
  await expect(page.getByRole('link', { name: 'Online beim Anbieter anmelden' })).toHaveAttribute(
    'href',
    'https://anmeldung.example/kranichfeld',
  );
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Zurück zur Bearbeitung' }).click();

  const api = await request.newContext({ baseURL });
  const search = async () =>
    (await (await api.get(`/api/v1/offers?q=${encodeURIComponent(title)}`)).json()).hits as {
      id: number;
      title: string;
    }[];
  // A draft is not public. (When nothing matches every word, the search widens and lists
  // other offers, so the check is that this one is not among them.)
  expect((await search()).map((h) => h.id)).not.toContain(Number(offerId));

  await page.getByRole('button', { name: 'Veröffentlichen' }).click();
  await expect(page.getByRole('status')).toContainText('veröffentlicht');
  await expect
    .poll(async () => (await search()).map((h) => h.id), { timeout: 2_000, intervals: [100, 200, 300] })
    .toContain(Number(offerId));

  const english = await (await api.get(`/angebote/${offerId}?lng=en`)).text();
  expect(english).toContain(`${title} in English`);

  // Another provider's staff: the edit page and its form action are 404, nothing changes.
  const other = await request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL! } });
  await other.post('/anmelden', {
    form: { email: DEMO_ACCOUNTS.otherProviderOwner.email, password: DEMO_PASSWORD },
    maxRedirects: 0,
  });
  expect((await other.get('/anbieterbereich', { maxRedirects: 0 })).status()).toBe(200);
  expect((await other.get(`/anbieterbereich/angebote/${offerId}`, { maxRedirects: 0 })).status()).toBe(404);
  expect(
    (await other.get(`/anbieterbereich/angebote/${offerId}/vorschau`, { maxRedirects: 0 })).status(),
  ).toBe(404);
  const attack = await other.post(`/anbieterbereich/angebote/${offerId}`, {
    form: { intent: 'status', status: 'archived' },
    maxRedirects: 0,
  });
  expect(attack.status()).toBe(404);
  const edit = await other.post(`/anbieterbereich/angebote/${offerId}/termine/neu`, {
    form: { startsOn: '2027-05-01', format: 'online' },
    maxRedirects: 0,
  });
  expect(edit.status()).toBe(404);
  expect((await search()).map((h) => h.id)).toContain(Number(offerId));

  // Unpublishing takes it out of the search at once.
  await page.getByRole('button', { name: 'Zurück in den Entwurf' }).click();
  await expect(page.getByRole('status')).toContainText('Entwurf');
  expect((await search()).map((h) => h.id)).not.toContain(Number(offerId));
  await other.dispose();
  await api.dispose();
});

test('a provider uploads an Open-vhs file: the dry run lists 244 new offers, confirming imports them', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signInWithPage(page, 'otherProviderOwner');
  await page.getByRole('link', { name: 'Angebote importieren' }).click();
  await expectNoAxeViolations(page);
  // No file: a clear error, not a 500.
  await page.getByRole('button', { name: 'Datei prüfen' }).click();
  await expect(page.getByRole('alert')).toContainText('Wählen Sie eine Datei aus.');
  await page
    .getByLabel('Datei', { exact: true })
    .setInputFiles('tests/fixtures/berlin-vhs-2025/vhs-mitte.xml');
  await page.getByRole('button', { name: 'Datei prüfen' }).click();
  await expect(page.getByRole('heading', { name: 'Ergebnis der Prüfung' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Probelauf' })).toBeVisible();
  // The Berlin files of 2025 lie in the past: the dry run says so (issue 14 #17).
  await expect(
    page.getByRole('status').filter({ hasText: 'Alle 244 Angebote der Datei liegen in der Vergangenheit' }),
  ).toBeVisible();
  await expect(page.locator('.ww-facts dd').first()).toHaveText('244');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: /Import übernehmen/ }).click();
  // …and the confirmation says how many the search shows: none.
  await expect(page.getByRole('status').filter({ hasText: 'Der Import ist übernommen.' })).toContainText(
    'Keines der Angebote ist in der Suche zu finden.',
  );
  await page.getByRole('link', { name: 'Zurück zu den Importen' }).click();
  await expect(page.locator('tbody')).toContainText('Übernommen');
});

test('the organisation and team pages pass axe; an editor reads them but cannot change or invite', async ({
  page,
  browser,
}) => {
  await signInWithPage(page, 'providerOwner');
  await page.goto('/anbieterbereich/organisation');
  await expect(page.getByLabel('Name der Einrichtung')).toBeEnabled();
  await expectNoAxeViolations(page);
  // A certification number without its certifier: the error names the field, nothing typed is lost.
  await page.getByLabel('Zertifikatsnummer').fill('AZAV-4711');
  await page.getByRole('button', { name: 'Änderungen speichern' }).click();
  await expect(page.getByRole('alert')).toContainText('fachkundige Stelle');
  await expect(page.getByLabel('Zertifikatsnummer')).toHaveValue('AZAV-4711');
  await expectNoAxeViolations(page);
  await page.goto('/anbieterbereich/team');
  await expect(page.getByRole('button', { name: 'Einladung senden' })).toBeVisible();
  await expectNoAxeViolations(page);

  const editorContext = await browser.newContext();
  const editor = await editorContext.newPage();
  await signInWithPage(editor, 'providerEditor');
  await editor.goto('/anbieterbereich/organisation');
  await expect(editor.getByLabel('Name der Einrichtung')).toBeDisabled();
  await expect(editor.getByRole('button', { name: 'Änderungen speichern' })).toHaveCount(0);
  await editor.goto('/anbieterbereich/team');
  await expect(editor.getByRole('button', { name: 'Einladung senden' })).toHaveCount(0);
  await expectNoAxeViolations(editor);
  await editorContext.close();
});

test('the admin’s moderation page passes axe and asks for a reason before unpublishing', async ({ page }) => {
  await signInWithPage(page, 'admin');
  await page.getByLabel('Bestätigungscode').fill('demo5-eeeee');
  await page.getByRole('button', { name: 'Bestätigen' }).click();
  await expect(page).toHaveURL(/\/konto\/zwei-faktor/);
  await page.goto('/admin/angebote');
  await expect(page.getByRole('heading', { level: 1, name: 'Angebote prüfen' })).toBeVisible();
  await expectNoAxeViolations(page);
});
