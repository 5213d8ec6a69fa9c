import { expect, type Locator, type Page, test } from '@playwright/test';
import { DEMO_CASE_LINKS } from '../../db/seed/cases';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './support/accounts';
import { expectNoAxeViolations, expectReflow } from './support/axe';
import { press, tick, typeInto } from './support/keyboard';

/**
 * Case work in a real browser against the real server: the counsellor's main tasks by
 * keyboard alone and without JavaScript, the person's page in Arabic (right to left) at
 * 320 px, and axe on every page on the way.
 */

/** Signs a counsellor in by keyboard: e-mail, Tab, password, Enter; then a recovery code (TOTP steps belong to other tests). */
async function signInByKeyboard(page: Page, who: 'counsellor' | 'counsellor3', recoveryCode: string) {
  await page.goto('/anmelden');
  await typeInto(page, 'E-Mail-Adresse', DEMO_ACCOUNTS[who].email);
  await typeInto(page, /^Passwort/, DEMO_PASSWORD);
  await press(page, 'Enter');
  await expect(page).toHaveURL(/\/anmelden\/zwei-faktor/);
  await typeInto(page, 'Bestätigungscode', recoveryCode);
  await press(page, 'Enter');
  await expect(page).toHaveURL(/\/konto\/zwei-faktor/);
}

/** Presses a button or follows a link by keyboard: focus, then Enter. */
async function activate(target: Locator) {
  await target.focus();
  await target.press('Enter');
}

/** Ticks the n-th radio of this name (several groups share the same answers). */
async function tickNth(page: Page, name: string | RegExp, n: number) {
  const box = page.getByRole('radio', { name, exact: typeof name === 'string' }).nth(n);
  await box.focus();
  await press(page, 'Space');
  await expect(box).toBeChecked();
}

function yesterday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(
    new Date(Date.now() - 86_400_000),
  );
}

test('keyboard only: a held appointment becomes a case with a plan of a catalogue run and an informal resource, the person agrees on their link, a review, closing with codes', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  await signInByKeyboard(page, 'counsellor', 'demo7-ggggg');

  // The appointment of yesterday (demo data): held, then a case instead of short counselling.
  await page.goto(`/team?tag=${yesterday()}&ansicht=tag`);
  await activate(page.getByRole('link', { name: /Emre Beispiel/ }));
  await expect(page.getByRole('heading', { level: 1, name: 'Termin' })).toBeVisible();
  await activate(page.getByRole('button', { name: 'Hat stattgefunden' }));
  await expect(page.getByRole('heading', { name: 'Wie geht es weiter?' })).toBeVisible();
  await expectNoAxeViolations(page);
  await activate(page.getByRole('link', { name: 'Fall eröffnen' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Fall eröffnen' })).toBeVisible();
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Emre Beispiel');
  await expectNoAxeViolations(page);

  // Without the consent ticked: refused, the form shown again, nothing stored.
  await tick(page, 'radio', 'Deutsch und Integration');
  await tick(page, 'radio', 'im Gespräch');
  await activate(page.getByRole('button', { name: 'Fall eröffnen' }));
  await expect(page.getByRole('alert')).toContainText('Ohne die Einwilligung der Person');
  await expectNoAxeViolations(page);
  await tick(page, 'radio', 'Deutsch und Integration');
  await tick(page, 'radio', 'im Gespräch');
  await tick(page, 'checkbox', 'Die Person hat in die Dokumentation eingewilligt.');
  await activate(page.getByRole('button', { name: 'Fall eröffnen' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Der Fall ist eröffnet' })).toBeVisible();
  await expectNoAxeViolations(page);
  const link = (await page.locator('.ww-case-link').textContent())!.trim();
  expect(link).toMatch(/\/fall\/[a-z2-7]{32}\?lng=ar$/);
  await activate(page.getByRole('link', { name: 'Zum Fall' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Fallakte: Emre Beispiel' })).toBeVisible();
  await expectNoAxeViolations(page);
  const caseUrl = page.url();

  // The assessment.
  await activate(page.getByRole('link', { name: 'Einschätzung' }));
  await typeInto(page, 'Anlass der Beratung', 'Möchte als Pflegehelfer arbeiten.');
  await typeInto(page, 'Ziel 1', 'Deutsch B1 für die Pflege');
  await tick(page, 'checkbox', 'Kinderbetreuung');
  await activate(page.getByRole('button', { name: 'Als neue Fassung speichern' }));
  await expect(page.getByText('Gespeichert als Fassung 1.')).toBeVisible();
  await expectNoAxeViolations(page);

  // The plan: a draft with a review date, a catalogue run and an informal resource.
  await activate(page.getByRole('link', { name: 'Förderplan', exact: true }));
  await activate(page.getByRole('button', { name: 'Ersten Entwurf anlegen' }));
  await expect(page.getByRole('heading', { name: 'Fassung 1: Entwurf' })).toBeVisible();
  // Typed into the date field's segments, in the order of the browser's UI language (en-US here).
  await typeInto(page, /^Überprüfung am/, '01152030');
  await expect(page.getByLabel(/^Überprüfung am/)).toHaveValue('2030-01-15');
  await activate(page.getByRole('button', { name: 'Speichern', exact: true }));
  await expect(page.getByText('Überprüfung am 15. Januar 2030')).toBeVisible();
  await typeInto(page, 'Suchbegriff', 'Deutsch');
  await activate(page.getByRole('button', { name: 'Im Katalog suchen' }));
  await expect(page.getByRole('group', { name: /passende Kurstermine?/ })).toBeVisible();
  await expectNoAxeViolations(page);
  const run = page
    .getByRole('group', { name: /passende Kurstermine?/ })
    .getByRole('radio')
    .nth(1);
  const runTitle = (await page.locator(`label[for="${await run.getAttribute('id')}"]`).textContent())!.split(
    ' – ',
  )[0]!;
  await run.focus();
  await press(page, 'Space');
  await typeInto(page, 'Ziel der Maßnahme', 'Deutsch B1 für die Pflege');
  await typeInto(page, 'Die Person', 'Meldet sich zum Kurs an.');
  await activate(page.getByRole('button', { name: 'Maßnahme hinzufügen' }));
  await expect(page.getByRole('heading', { name: /Maßnahme 1: Deutsch B1 für die Pflege/ })).toBeVisible();
  await expect(page.getByRole('link', { name: runTitle.trim() })).toBeVisible();
  await typeInto(page, 'Ziel der Maßnahme', 'Kinderbetreuung am Vormittag');
  await typeInto(page, 'Die Person', 'Fragt die Nachbarin.');
  await typeInto(page, 'Unterstützung aus dem Umfeld', 'Nachbarin, Familienzentrum');
  await activate(page.getByRole('button', { name: 'Maßnahme hinzufügen' }));
  await expect(page.getByRole('heading', { name: /Maßnahme 2: Kinderbetreuung am Vormittag/ })).toBeVisible();
  await expectNoAxeViolations(page);
  // Not in force without the person's agreement.
  await activate(page.getByRole('button', { name: 'Plan in Kraft setzen' }));
  await expect(page.getByRole('alert')).toContainText('Es fehlt die Zustimmung der Person.');
  await activate(page.getByRole('button', { name: 'Der Person zur Zustimmung zeigen' }));
  await expect(page.getByRole('heading', { name: 'Fassung 1: Wartet auf Zustimmung' })).toBeVisible();

  // The person agrees on their own link, in Arabic.
  const personContext = await browser.newContext({ locale: 'ar' });
  const person = await personContext.newPage();
  await person.goto(link);
  await expect(person.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(person.getByRole('heading', { level: 1, name: 'خطة الدعم الخاصة بي' })).toBeVisible();
  await expectNoAxeViolations(person);
  await activate(person.getByRole('button', { name: 'أوافق على هذه الخطة' }));
  await expect(person.getByText('شكرًا. حُفظت موافقتك.')).toBeVisible();

  // In force; a review; closing with codes.
  await page.goto(`${caseUrl}/plan`);
  await activate(page.getByRole('button', { name: 'Plan in Kraft setzen' }));
  await expect(page.getByRole('heading', { name: 'Geltender Plan (Fassung 1)' })).toBeVisible();
  await expectNoAxeViolations(page);
  await activate(page.getByRole('link', { name: 'Überprüfung', exact: true }));
  await tickNth(page, 'Läuft wie geplant', 0);
  await tickNth(page, 'Abgeschlossen', 1);
  await typeInto(page, 'Ergebnis', 'Kurs läuft, Betreuung steht.');
  await activate(page.getByRole('button', { name: 'Überprüfung speichern' }));
  await expect(page.getByText('Die Überprüfung ist gespeichert.')).toBeVisible();
  await expectNoAxeViolations(page);
  await activate(page.getByRole('link', { name: 'Abschluss', exact: true }));
  await tick(page, 'radio', 'Ziele erreicht');
  for (const n of [0, 1, 2]) await tickNth(page, 'Erreicht', n);
  await activate(page.getByRole('button', { name: 'Fall abschließen' }));
  await expect(page.getByText(/Abgeschlossen am .*: Ziele erreicht/)).toBeVisible();
  await expectNoAxeViolations(page);

  // The person sees the closing, the reads of their file, and may give anonymous feedback.
  await person.reload();
  await expect(person.getByRole('heading', { name: 'رأيك' })).toBeVisible();
  await expect(person.getByRole('table')).toContainText('المستشار المسؤول');
  await expectNoAxeViolations(person);
  await personContext.close();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('opening a case needs the consent; the person’s link then shows the case in Arabic, right to left, axe-clean at 320 px', async ({
    page,
    browser,
  }) => {
    test.setTimeout(90_000);
    await signInByKeyboard(page, 'counsellor', 'demo2-hhhhh');
    await page.goto('/team/faelle/neu?kontakt=walk_in&sprache=ar');
    await expect(page.getByRole('heading', { level: 1, name: 'Fall eröffnen' })).toBeVisible();
    // The consent text in the person's language, marked as Arabic. (axe needs a script in the
    // page: these pages are audited in the tests with JavaScript.)
    await expect(
      page.locator('[lang="ar"][dir="rtl"]').getByRole('heading', { name: 'الموافقة على توثيق استشارتك' }),
    ).toBeVisible();
    await page.getByRole('radio', { name: 'Anerkennung ausländischer Abschlüsse' }).check();
    await page.getByRole('radio', { name: 'Ohne Termin vor Ort' }).check();
    await page.getByLabel('Name', { exact: true }).fill('Layla Hassan');
    await page.getByLabel('Sprache für die persönliche Seite').selectOption('ar');
    await page.getByRole('radio', { name: 'auf Papier' }).check();
    await page.getByLabel('Sprache, in der die Person den Text bekommen hat').selectOption('ar');
    const refused = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Fall eröffnen' }).click();
    expect((await refused).status()).toBe(422);
    await expect(page.getByRole('alert')).toContainText('Ohne die Einwilligung der Person');
    await page.getByRole('checkbox', { name: 'Die Person hat in die Dokumentation eingewilligt.' }).check();
    await page.getByRole('button', { name: 'Fall eröffnen' }).click();
    const link = (await page.locator('.ww-case-link').textContent())!.trim();

    // The person's page: without JavaScript as it comes, and with it for axe, at each width.
    for (const [width, javaScriptEnabled] of [
      [320, false],
      [320, true],
      [360, true],
      [1280, true],
    ] as const) {
      const context = await browser.newContext({ javaScriptEnabled, viewport: { width, height: 800 } });
      const person = await context.newPage();
      const response = await person.goto(link);
      expect(response?.headers()['cache-control']).toContain('no-store');
      await expect(person.locator('html')).toHaveAttribute('dir', 'rtl');
      await expect(person.locator('html')).toHaveAttribute('lang', 'ar');
      await expect(person.getByRole('heading', { level: 1, name: 'خطة الدعم الخاصة بي' })).toBeVisible();
      await expect(person.getByText('مرحبًا Layla Hassan', { exact: false })).toBeVisible();
      if (javaScriptEnabled) await expectNoAxeViolations(person);
      await expectReflow(person);
      await context.close();
    }
  });

  test('writing and versioning a plan and recording a review work without JavaScript', async ({ page }) => {
    test.setTimeout(90_000);
    await signInByKeyboard(page, 'counsellor', 'demo3-iiiii');
    await page.goto('/team/faelle?phase=monitoring');
    await page.getByRole('link', { name: 'Nour Al-Sayed' }).click();
    await page.getByRole('link', { name: 'Förderplan', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Geltender Plan (Fassung 2)' })).toBeVisible();
    await page.getByRole('button', { name: 'Neue Fassung anlegen' }).click();
    await expect(page.getByRole('heading', { name: 'Fassung 3: Entwurf' })).toBeVisible();
    await page.getByLabel(/^Überprüfung am/).fill('2030-06-30');
    await page.getByRole('button', { name: 'Speichern', exact: true }).click();
    await page.getByLabel('Ziel der Maßnahme').fill('Berufssprachkurs B2');
    await page.getByLabel('Die Beratung').fill('Klärt die Förderung mit dem Jobcenter.');
    await page.getByRole('button', { name: 'Maßnahme hinzufügen' }).click();
    await expect(
      page.getByRole('heading', { name: /Was sich gegenüber Fassung 2 geändert hat/ }),
    ).toBeVisible();
    await expect(page.getByText('Neue Maßnahme: Berufssprachkurs B2')).toBeVisible();
    await page.getByRole('radio', { name: 'im Gespräch' }).check();
    await page.getByRole('button', { name: 'Zustimmung eintragen' }).click();
    await page.getByRole('button', { name: 'Plan in Kraft setzen' }).click();
    await expect(page.getByRole('heading', { name: 'Geltender Plan (Fassung 3)' })).toBeVisible();
    // Version 2 stays readable as it was.
    await page.getByRole('link', { name: /^Fassung 2 vom/ }).click();
    await expect(page.getByText('Abgelöst')).toBeVisible();
    await expect(page.getByText('Berufssprachkurs B2')).toHaveCount(0);

    await page.goto(page.url().replace(/\/plan\/2$/, '/ueberpruefung'));
    for (const group of await page.getByRole('group').filter({ hasText: 'Läuft wie geplant' }).all())
      await group.getByRole('radio', { name: 'Läuft wie geplant' }).check();
    await page.getByLabel('Ergebnis').fill('Alles auf dem Weg.');
    await page.getByRole('button', { name: 'Überprüfung speichern' }).click();
    await expect(page.getByText('Die Überprüfung ist gespeichert.')).toBeVisible();
  });
});

test('short counselling from the agenda in one screen; the list, the file, a plan version and the demo links pass axe', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signInByKeyboard(page, 'counsellor3', 'demo7-ggggg');
  await page.goto('/team');
  await page.getByRole('link', { name: 'Kurzberatung erfassen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kurzberatung erfassen' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('radio', { name: 'Telefon' }).check();
  await page.getByRole('radio', { name: 'unter 15 Minuten' }).check();
  await page.getByRole('radio', { name: 'Selbsteinschätzung empfohlen' }).check();
  await page.getByRole('button', { name: 'Kurzberatung speichern' }).click();
  await expect(page.getByText('Die Kurzberatung ist gezählt.')).toBeVisible();

  await page.goto('/team/faelle');
  await expect(page.getByRole('link', { name: 'Rania Saleh' })).toBeVisible();
  // beratung3@'s own cases only: none of beratung@'s.
  await expect(page.getByRole('link', { name: 'Nour Al-Sayed' })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Rania Saleh' }).click();
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Förderplan', exact: true }).click();
  await page.getByRole('link', { name: /^Fassung 1 vom/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Förderplan, Fassung 1/ })).toBeVisible();
  await expectNoAxeViolations(page);
  for (const token of Object.values(DEMO_CASE_LINKS)) {
    await page.goto(`/fall/${token}?lng=de`);
    await expect(page.getByRole('heading', { level: 1, name: 'Mein Förderplan' })).toBeVisible();
    await expectNoAxeViolations(page);
  }
});
