import { expect, type Locator, type Page, test } from '@playwright/test';
import { DEMO_CASE_LINKS } from '../../db/seed/cases';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './support/accounts';
import { expectNoAxeViolations, expectReflow } from './support/axe';
import { press, tick, typeInto } from './support/keyboard';

/**
 * Referrals in a real browser, by keyboard alone: the counsellor refers a measure (refused
 * without the person's consent), the person consents on their own link, the provider
 * sees exactly the consented fields, accepts and marks it completed; the counsellor and
 * the person see each state. axe on every page on the way.
 */
async function activate(target: Locator) {
  await target.focus();
  await target.press('Enter');
}

async function signIn(page: Page, who: 'counsellor' | 'providerOwner', recoveryCode?: string) {
  await page.goto('/anmelden');
  await typeInto(page, 'E-Mail-Adresse', DEMO_ACCOUNTS[who].email);
  await typeInto(page, /^Passwort/, DEMO_PASSWORD);
  await press(page, 'Enter');
  if (recoveryCode) {
    await expect(page).toHaveURL(/\/anmelden\/zwei-faktor/);
    await typeInto(page, 'Bestätigungscode', recoveryCode);
    await press(page, 'Enter');
  }
  await expect(page).not.toHaveURL(/\/anmelden/);
}

/** Chooses an option of a select by arrow keys until its label is `label`. */
async function chooseOption(page: Page, select: Locator, label: string) {
  await select.focus();
  for (let i = 0; i < 200; i++) {
    const current = await select.evaluate(
      (el: HTMLSelectElement) => el.selectedOptions[0]?.textContent ?? '',
    );
    if (current === label) return;
    await press(page, 'ArrowDown');
  }
  throw new Error(`no option ${label}`);
}

test('keyboard only: refer a measure, the person consents on their link, the provider accepts and completes; everyone sees each state', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const purpose = `Platz im Deutschkurs ${Date.now()}`;

  // The provider's name, as its owner sees it.
  const providerContext = await browser.newContext();
  const provider = await providerContext.newPage();
  await signIn(provider, 'providerOwner');
  await provider.goto('/anbieterbereich');
  const providerName = (await provider.locator('dl.ww-facts dd').first().textContent())!.trim();

  // The counsellor prepares a referral of a measure of Nour Al-Sayed's plan in force.
  const counsellorContext = await browser.newContext();
  const page = await counsellorContext.newPage();
  await signIn(page, 'counsellor', 'demo8-kkkkk');
  await page.goto('/team/faelle');
  await activate(page.getByRole('link', { name: /Nour Al-Sayed/ }).first());
  await activate(page.getByRole('link', { name: 'Vermittlung', exact: true }));
  await expect(page.getByRole('heading', { level: 1, name: /^Vermittlung/ })).toBeVisible();
  await expectNoAxeViolations(page);
  const measure = page.getByRole('group', { name: 'Maßnahme' }).getByRole('radio').first();
  await measure.focus();
  await press(page, 'Space');
  await tick(page, 'radio', /Einen Anbieter allgemein/);
  await chooseOption(page, page.getByLabel('Anbieter', { exact: true }), providerName);
  await page.getByRole('textbox', { name: 'Zweck' }).focus();
  await page.keyboard.type(purpose);
  await tick(page, 'checkbox', 'Name und Kontakt');
  await tick(page, 'checkbox', 'Ziel der Maßnahme');
  await activate(page.getByRole('button', { name: 'Vermittlung vorbereiten' }));
  await expect(page.getByText('Die Vermittlung ist vorbereitet.')).toBeVisible();
  const item = page.locator('li', { hasText: purpose });
  const referralId = Number((await item.getAttribute('id'))!.replace('referral-', ''));
  await expect(item).toContainText('wartet auf Einwilligung');
  await expectNoAxeViolations(page);

  // Without consent: refused, and the provider's inbox has nothing.
  await activate(item.getByRole('button', { name: 'Senden (Einwilligung liegt vor)' }));
  await expect(page.getByRole('alert')).toContainText('liegt keine Einwilligung der Person vor');
  await provider.goto('/anbieterbereich/vermittlungen');
  await expect(provider.getByRole('link', { name: `Nr. ${referralId}`, exact: true })).toHaveCount(0);

  // The person consents on their own link.
  const personContext = await browser.newContext();
  const person = await personContext.newPage();
  await person.goto(`/fall/${DEMO_CASE_LINKS.counsellor}?lng=de`);
  const mine = person.locator('li', { hasText: purpose });
  await expect(mine).toContainText('wartet auf Ihre Einwilligung');
  await expectNoAxeViolations(person);
  await activate(mine.getByRole('button', { name: `Ich willige ein: diese Angaben an ${providerName}` }));
  await expect(person.getByText('Ihre Einwilligung ist gespeichert')).toBeVisible();
  await expect(person.locator('li', { hasText: purpose })).toContainText('eingegangen');

  // The provider sees exactly the consented fields, accepts, then marks it completed.
  await provider.goto('/anbieterbereich/vermittlungen');
  await activate(provider.getByRole('link', { name: `Nr. ${referralId}`, exact: true }));
  await expect(
    provider.getByRole('heading', { level: 1, name: `Vermittlung Nr. ${referralId}` }),
  ).toBeVisible();
  const shown = await provider
    .locator('dt[data-category]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-category')));
  expect(shown.sort()).toEqual(['measure_goal', 'name_contact']);
  await expect(provider.getByText('Nour Al-Sayed')).toBeVisible();
  await expectNoAxeViolations(provider);
  await typeInto(provider, 'Beginn am', '02012030');
  await activate(provider.getByRole('button', { name: 'Annehmen (Platz bestätigt)' }));
  await expect(provider.getByText('Gespeichert. Die Beratung ist informiert.')).toBeVisible();
  await expect(provider.locator('dd', { hasText: 'angenommen' })).toBeVisible();
  await page.reload();
  await expect(page.locator('li', { hasText: purpose })).toContainText('angenommen');
  await person.reload();
  await expect(person.locator('li', { hasText: purpose })).toContainText('angenommen');
  await activate(provider.getByRole('button', { name: 'Hat begonnen' }));
  await expect(provider.locator('dd', { hasText: 'begonnen' })).toBeVisible();
  await activate(provider.getByRole('button', { name: 'Abgeschlossen' }));
  await expect(provider.locator('dd', { hasText: 'abgeschlossen' })).toBeVisible();
  await expectNoAxeViolations(provider);
  await page.reload();
  await expect(page.locator('li', { hasText: purpose })).toContainText('abgeschlossen');
  await person.reload();
  await expect(person.locator('li', { hasText: purpose })).toContainText('abgeschlossen');

  // The person's page in Arabic, at 320 px, right to left.
  await person.setViewportSize({ width: 320, height: 800 });
  await person.goto(`/fall/${DEMO_CASE_LINKS.counsellor}?lng=ar`);
  await expect(person.locator('html')).toHaveAttribute('dir', 'rtl');
  await expectNoAxeViolations(person);
  await expectReflow(person);
  await Promise.all([providerContext.close(), counsellorContext.close(), personContext.close()]);
});

test('keyboard only: the counsellor records a case conference; the summary has no name and the person sees the day', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const situation = `Sucht einen Kurs am Vormittag ${Date.now()}`;
  const counsellorContext = await browser.newContext();
  const page = await counsellorContext.newPage();
  await signIn(page, 'counsellor', 'demo1-mmmmm');
  await page.goto('/team/faelle');
  await activate(page.getByRole('link', { name: /Nour Al-Sayed/ }).first());
  await activate(page.getByRole('link', { name: 'Fallkonferenz', exact: true }));
  await expect(page.getByRole('heading', { level: 1, name: /^Fallkonferenz/ })).toBeVisible();
  await expectNoAxeViolations(page);

  // Without the confirmation that it was reviewed, nothing is recorded.
  await activate(page.getByRole('button', { name: 'Zusammenfassung festhalten' }));
  await expect(page.getByRole('alert').first()).toContainText('Bitte bestätigen Sie');

  // The day is today unless changed; the person's page shows it in words.
  const heldOn = await page.getByLabel('Besprochen am').inputValue();
  const heldOnWords = new Intl.DateTimeFormat('de-DE', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${heldOn}T12:00:00Z`));
  await chooseOption(page, page.getByLabel('Altersgruppe'), '25 bis 34');
  await page.getByRole('textbox', { name: /^Situation/ }).focus();
  await page.keyboard.type(situation);
  // The measures' goals come from the plan for review: the counsellor empties them here.
  for (const measure of await page.getByRole('group', { name: 'Maßnahmen' }).getByRole('textbox').all()) {
    await measure.focus();
    await press(page, 'ControlOrMeta+a');
    await press(page, 'Delete');
  }
  await tick(page, 'checkbox', /Ich habe die Zusammenfassung geprüft/);
  await activate(page.getByRole('button', { name: 'Zusammenfassung festhalten' }));
  await expect(page.getByText('Festgehalten. Die Person sieht das Datum auf ihrer Seite.')).toBeVisible();
  const held = page.locator('li', { hasText: situation });
  await expect(held).toContainText('25 bis 34');
  await expect(held).not.toContainText('Nour');
  await expectNoAxeViolations(page);
  // Printed, the page shows the summaries without the header that names the person.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('heading', { level: 1 })).toBeHidden();
  await expect(held).toBeVisible();
  await page.emulateMedia({ media: 'screen' });

  const personContext = await browser.newContext();
  const person = await personContext.newPage();
  await person.goto(`/fall/${DEMO_CASE_LINKS.counsellor}?lng=de`);
  await expect(person.getByText(`Im Team besprochen am ${heldOnWords}`)).toBeVisible();
  await expect(person.getByText(situation)).toHaveCount(0);
  await expectNoAxeViolations(person);
  await Promise.all([counsellorContext.close(), personContext.close()]);
});

test.describe('without JavaScript, at 320 px', () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 320, height: 800 } });

  test('the provider answers a referral and the counsellor’s referral page works; both reflow at 320 px (axe needs a script: these pages are audited in the test above)', async ({
    page,
    browser,
  }) => {
    test.setTimeout(120_000);
    await signIn(page, 'providerOwner');
    await page.goto('/anbieterbereich/vermittlungen');
    await expectReflow(page);
    const row = page.locator('tr', { hasText: 'Antwort bis' }).first();
    await activate(row.getByRole('link'));
    await expect(page.getByRole('heading', { level: 1, name: /^Vermittlung Nr\. \d+$/ })).toBeVisible();
    await expectReflow(page);
    // Rejecting needs a coded reason: the form says so.
    await activate(page.getByRole('button', { name: 'Ablehnen' }));
    await expect(page.getByRole('alert').first()).toContainText('Bitte wählen Sie einen Grund.');
    await typeInto(page, 'Beginn am', '03012030');
    await activate(page.getByRole('button', { name: 'Annehmen (Platz bestätigt)' }));
    await expect(page.getByText('Gespeichert. Die Beratung ist informiert.')).toBeVisible();

    const counsellorContext = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 320, height: 800 },
    });
    const counsellor = await counsellorContext.newPage();
    await signIn(counsellor, 'counsellor', 'demo9-lllll');
    await counsellor.goto('/team/faelle');
    await activate(counsellor.getByRole('link', { name: /Nour Al-Sayed/ }).first());
    await activate(counsellor.getByRole('link', { name: 'Vermittlung', exact: true }));
    await expect(counsellor.getByRole('heading', { level: 1, name: /^Vermittlung/ })).toBeVisible();
    await expectReflow(counsellor);
    await activate(counsellor.getByRole('button', { name: 'Vermittlung vorbereiten' }));
    await expect(counsellor.getByRole('alert').first()).toContainText('Bitte wählen Sie eine Maßnahme.');
    await counsellorContext.close();
  });
});
