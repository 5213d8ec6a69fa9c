import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { simpleParser } from 'mailparser';
import postgres from 'postgres';
import { signInWithPage } from './support/accounts';
import { expectNoAxeViolations } from './support/axe';
import { chooseByKeyboard, press, typeInto } from './support/keyboard';

/**
 * The citizen's booking, in a real browser against the real server with the anti-abuse
 * protections on: by keyboard alone (no click anywhere), and without JavaScript (a
 * booking with an address then waits for the e-mail's confirmation link). Booking, moving
 * and cancelling each end on a page that asks once more.
 */

/** The newest mail to an address from the server's .eml outbox (demo mode writes files). */
function latestMail(to: string): string | undefined {
  const dir = path.resolve('.data/e2e/mail');
  const files = readdirSync(dir).sort().reverse();
  for (const file of files) {
    const text = readFileSync(path.join(dir, file), 'utf8');
    if (text.includes(`To: ${to}`)) return text;
  }
  return undefined;
}

test('the whole booking by keyboard alone, with axe on every step; moving and cancelling each ask once more', async ({
  page,
  request,
}) => {
  // Axe on eleven pages and a proof-of-work: more than the default 30 s on a busy machine.
  test.setTimeout(120_000);
  await page.goto('/beratung/termin');
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  await expect(page).toHaveTitle('Thema wählen – Termin buchen – Wegweiser');
  await expectNoAxeViolations(page);
  await chooseByKeyboard(page, 'Weiterbildung und Umschulung');
  await expect(page.getByText('Beratungstermin buchen – Schritt 2 von 7')).toBeVisible();
  await expect(page).toHaveTitle('Art der Beratung wählen – Termin buchen – Wegweiser');
  await expectNoAxeViolations(page);
  await chooseByKeyboard(page, 'Am Telefon');
  await expect(page.getByRole('group', { name: 'In welcher Sprache möchten Sie sprechen?' })).toBeVisible();
  // By phone there is no office to choose: step 3 is skipped, and the count says so.
  await expect(page.getByText('Beratungstermin buchen – Schritt 4 von 7')).toBeVisible();
  await expect(page.getByText(/Schritt 3, die Wahl der Beratungsstelle, entfällt/)).toBeVisible();
  await expectNoAxeViolations(page);
  await chooseByKeyboard(page, 'Deutsch');
  await expect(page.getByRole('heading', { name: /Freie Termine vom/ })).toBeVisible();
  await expect(page.getByText('Beratungstermin buchen – Schritt 5 von 7')).toBeVisible();
  await expectNoAxeViolations(page);

  const first = page.getByRole('link', { name: /^Erster freier Termin/ });
  await first.focus();
  await press(page, 'Enter');
  await expect(page.getByRole('heading', { name: 'Ihre Angaben', level: 1 })).toBeVisible();
  await expect(page.getByText('Beratungstermin buchen – Schritt 6 von 7')).toBeVisible();
  await expectNoAxeViolations(page);

  await typeInto(page, 'Ihr Name', 'Kim Tastatur');
  await typeInto(page, /^E-Mail-Adresse/, 'kim.tastatur@example.org');
  await typeInto(page, 'Telefonnummer, unter der wir Sie anrufen', '0561 3344556');
  await page.getByLabel(/Ich habe die Datenschutzhinweise/).focus();
  await press(page, 'Space');
  await expect(page.getByText('Schutz vor Spam geprüft.')).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Weiter zur Prüfung' }).focus();
  await press(page, 'Enter');

  // Check your answers: nothing is booked yet.
  await expect(page.getByRole('heading', { name: 'Bitte prüfen Sie Ihre Angaben', level: 1 })).toBeVisible();
  await expect(page).toHaveTitle('Angaben prüfen – Termin buchen – Wegweiser');
  await expect(page.getByText('Beratungstermin buchen – Schritt 7 von 7')).toBeVisible();
  await expect(page.getByText(/wir rufen Sie zur Terminzeit unter 0561 3344556 an/i)).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Termin verbindlich buchen' }).focus();
  await press(page, 'Enter');

  // The status message is a status region, so it is announced.
  await expect(page.getByRole('status').filter({ hasText: 'Ihr Termin ist gebucht' })).toBeVisible();
  await expect(page.getByText('Gebucht', { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
  const token = page.url().split('/termin/')[1]!.split('?')[0]!;
  const api = async () => (await request.get(`/api/v1/counselling/appointments/${token}`)).json();

  // Moving: choosing a time only asks; the appointment stays until the confirmation.
  const booked = await api();
  await page.getByRole('link', { name: 'Termin verschieben' }).focus();
  await press(page, 'Enter');
  await expect(page.getByRole('heading', { name: 'Termin verschieben', level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.locator('.ww-slot-list a').first().focus();
  await press(page, 'Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Termin vom .* auf .* verschieben\?$/);
  await expectNoAxeViolations(page);
  expect((await api()).start).toBe(booked.start);
  await page.getByRole('button', { name: 'Ja, Termin verschieben' }).focus();
  await press(page, 'Enter');
  await expect(page.getByText(/Ihr Termin wurde verschoben/)).toBeVisible();
  const state = await api();
  expect(state.state).toBe('booked');
  expect(state.start).not.toBe(booked.start);
  expect(state.sequence).toBe(1);
  const slotsUrl = `/api/v1/counselling/slots?topic=weiterbildung-umschulung&channel=phone&language=de&from=${state.start.slice(0, 10)}&to=${state.start.slice(0, 10)}`;
  const before = (await (await request.get(slotsUrl)).json()).slots.map((s: { start: string }) => s.start);

  // Cancelling: the manage page's button only asks, on a page of its own.
  await page.getByRole('link', { name: 'Termin absagen' }).focus();
  await press(page, 'Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    /^Wollen Sie den Termin am .* wirklich absagen\?$/,
  );
  await expectNoAxeViolations(page);
  expect((await api()).state).toBe('booked');
  await page.getByRole('button', { name: 'Ja, Termin absagen' }).focus();
  await press(page, 'Enter');
  await expect(page.getByText(/Ihr Termin ist abgesagt/)).toBeVisible();
  await expectNoAxeViolations(page);
  const after = (await (await request.get(slotsUrl)).json()).slots.map((s: { start: string }) => s.start);
  // Freed: offered again (unless another counsellor still had it free anyway).
  expect(after).toContain(state.start);
  expect(after.length).toBeGreaterThanOrEqual(before.length);

  // The cancellation mail carries the calendar file with METHOD:CANCEL.
  await expect(async () => {
    const parsed = await simpleParser(latestMail('kim.tastatur@example.org') ?? '');
    expect(parsed.subject).toContain('abgesagt');
    expect(parsed.attachments[0]?.content.toString()).toContain('METHOD:CANCEL');
  }).toPass({ timeout: 20_000 });
});

test('the booking pages pass axe in Arabic, right to left', async ({ page }) => {
  await page.goto('/beratung/termin?lng=ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expectNoAxeViolations(page);
  await page.goto('/beratung/termin?lng=ar&thema=deutsch-integration&kanal=video&sprache=ar');
  await expectNoAxeViolations(page);
});

test('"Beratung zu diesem Angebot" opens the booking with the offer’s topic and keeps the offer to the details', async ({
  page,
}) => {
  const offer = await pickOffer('deutsch_integration');
  await page.goto(`/angebote/${offer.id}`);
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  await page.getByRole('link', { name: 'Beratung zu diesem Angebot' }).focus();
  await press(page, 'Enter');
  await expect(page).toHaveURL(new RegExp(`/beratung/termin\\?angebot=${offer.id}`));
  // The topic that fits the category is chosen: the wizard starts at step 2.
  await expect(page.getByText('Beratungstermin buchen – Schritt 2 von 7')).toBeVisible();
  const choices = page.locator('.ww-choices');
  await expect(choices).toContainText('Deutsch- und Integrationskurse');
  await expect(choices.locator('dd[lang="de"]')).toHaveText(offer.title);
  await expectNoAxeViolations(page);
  await page.locator('input[name=kanal]').first().check();
  await page.getByRole('button', { name: 'Weiter' }).click();
  await chooseFirstUntilSlots(page);
  await page.locator('.ww-slot-list a').first().click();
  await expect(page.getByRole('heading', { name: 'Ihre Angaben', level: 1 })).toBeVisible();
  await expect(page.locator('.ww-choices dd[lang="de"]')).toHaveText(offer.title);
});

/** A published offer of an approved provider in a category, from the e2e server's database. */
async function pickOffer(category: string): Promise<{ id: number; title: string }> {
  const sql = postgres(
    `postgres://wegweiser:wegweiser-local@127.0.0.1:${process.env.E2E_PG_PORT ?? 54339}/wegweiser`,
    { max: 1 },
  );
  try {
    const [row] = await sql<{ id: number; title: string }[]>`
      select o.id, o.title from offers o join providers p on p.id = o.provider_id
      where o.status = 'published' and p.status = 'approved' and o.category = ${category}
      order by o.id limit 1`;
    return { id: Number(row!.id), title: row!.title };
  } finally {
    await sql.end();
  }
}

/** Through the wizard's remaining questions with the first answer each, to the week of slots. */
async function chooseFirstUntilSlots(page: Page) {
  for (let i = 0; i < 3; i++) {
    if (await page.locator('.ww-slot-list').count()) return;
    const radios = page.locator('form[action="/beratung/termin"] input[type=radio]');
    if ((await radios.count()) === 0) break;
    if ((await page.locator('form[action="/beratung/termin"] input[type=radio]:checked').count()) === 0)
      await radios.first().check();
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.waitForLoadState('load');
  }
  if ((await page.locator('.ww-slot-list a').count()) === 0)
    await page
      .getByRole('link', { name: /^Zur Woche mit dem ersten freien Termin|^Nächste Woche/ })
      .first()
      .click();
  await expect(page.locator('.ww-slot-list a').first()).toBeVisible();
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('booking works: details, check, book; the slot is held until the e-mail’s link confirms it, and that page confirms without asking again', async ({
    page,
  }) => {
    test.setTimeout(60_000);
    await page.goto('/beratung/termin');
    await page.getByRole('radio', { name: 'Deutsch- und Integrationskurse' }).check();
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.getByRole('radio', { name: 'Vor Ort' }).check();
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.getByRole('radio', { name: /Stadthaus/ }).check();
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.getByRole('radio', { name: 'Deutsch' }).check();
    await page.getByRole('button', { name: 'Weiter' }).click();
    // The last slot of the week shown, away from the other test's first free slot.
    const slots = page.locator('.ww-slot-list a');
    if ((await slots.count()) === 0) await page.getByRole('link', { name: 'Nächste Woche' }).click();
    await page.locator('.ww-slot-list a').last().click();

    // One round of errors: name, the contact rule and the consent together.
    await page.getByRole('button', { name: 'Weiter zur Prüfung' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Bitte prüfen Sie Ihre Angaben' });
    await expect(summary).toContainText('Bitte geben Sie Ihren Namen an');
    await expect(summary).toContainText('Bitte geben Sie eine E-Mail-Adresse oder eine Telefonnummer an');
    await expect(summary).toContainText(
      'Bitte bestätigen Sie, dass Sie die Datenschutzhinweise gelesen haben',
    );
    await page.getByLabel('Ihr Name').fill('Nora Ohneskript');
    await page.getByLabel(/^E-Mail-Adresse/).fill('nora.ohneskript@example.org');
    await page.getByLabel(/Ich habe die Datenschutzhinweise/).check();
    await page.getByRole('button', { name: 'Weiter zur Prüfung' }).click();

    await expect(
      page.getByRole('heading', { name: 'Bitte prüfen Sie Ihre Angaben', level: 1 }),
    ).toBeVisible();
    await expect(
      page.getByText(/Bitte bestätigen Sie den Termin damit innerhalb von 30 Minuten/),
    ).toBeVisible();
    // "Change" leads back with the answers filled in.
    await page.getByRole('link', { name: /^ändern\s*: Ihr Name$/ }).click();
    await expect(page.getByLabel('Ihr Name')).toHaveValue('Nora Ohneskript');
    await page.getByLabel(/Ich habe die Datenschutzhinweise/).check();
    await page.getByRole('button', { name: 'Weiter zur Prüfung' }).click();
    await page.getByRole('button', { name: 'Termin verbindlich buchen' }).click();

    await expect(page.getByText(/Bitte bestätigen Sie den Termin über den Link in der E-Mail/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Termin bestätigen' })).toHaveCount(0);

    let link = '';
    await expect(async () => {
      const parsed = await simpleParser(latestMail('nora.ohneskript@example.org') ?? '');
      link = /https?:\/\/\S+bestaetigen=[a-z2-7]+/.exec(parsed.text ?? '')?.[0] ?? '';
      expect(link).not.toBe('');
    }).toPass({ timeout: 20_000 });
    await page.goto(link.replace(/^https?:\/\/[^/]+/, ''));
    // Reached through the mail's link: confirm here, not "confirm through the mail".
    await expect(page.getByText(/Bitte bestätigen Sie Ihren Termin jetzt/)).toBeVisible();
    await expect(page.getByText(/über den Link in der E-Mail/)).toHaveCount(0);
    await page.getByRole('button', { name: 'Termin bestätigen' }).click();
    await expect(page.getByText('Danke, Ihr Termin ist bestätigt.')).toBeVisible();
    await expect(page.getByText('Gebucht', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Termin bestätigen' })).toHaveCount(0);
    // The link opened again later says the same, and asks for nothing.
    await page.goto(link.replace(/^https?:\/\/[^/]+/, ''));
    await expect(page.getByText('Danke, Ihr Termin ist bestätigt.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Termin bestätigen' })).toHaveCount(0);
  });

  test('moving and cancelling each need a second, explicit confirmation', async ({ page, request }) => {
    // By phone with only a number: no mail to confirm by, so it is booked at once.
    await page.goto('/beratung/termin');
    await page.getByRole('radio', { name: 'Berufliche Orientierung' }).check();
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.getByRole('radio', { name: 'Am Telefon' }).check();
    await page.getByRole('button', { name: 'Weiter' }).click();
    await chooseFirstUntilSlots(page);
    await page.locator('.ww-slot-list a').nth(1).click();
    await page.getByLabel('Ihr Name').fill('Ole Zweimal');
    await page.getByLabel('Telefonnummer, unter der wir Sie anrufen').fill('0561 5566778');
    await page.getByLabel(/Ich habe die Datenschutzhinweise/).check();
    await page.getByRole('button', { name: 'Weiter zur Prüfung' }).click();
    await page.getByRole('button', { name: 'Termin verbindlich buchen' }).click();
    await expect(page.getByText('Gebucht', { exact: true })).toBeVisible();
    const token = page.url().split('/termin/')[1]!.split('?')[0]!;
    const api = async () => (await request.get(`/api/v1/counselling/appointments/${token}`)).json();
    const booked = await api();

    await page.getByRole('link', { name: 'Termin verschieben' }).click();
    await page.locator('.ww-slot-list a').first().click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/verschieben\?$/);
    expect(await api()).toMatchObject({ state: 'booked', start: booked.start, sequence: 0 });
    // "Choose another time" goes back without moving.
    await page.getByRole('link', { name: 'Eine andere Zeit wählen' }).click();
    await expect(page.getByRole('heading', { name: 'Termin verschieben', level: 1 })).toBeVisible();
    expect(await api()).toMatchObject({ start: booked.start, sequence: 0 });
    await page.locator('.ww-slot-list a').first().click();
    await page.getByRole('button', { name: 'Ja, Termin verschieben' }).click();
    await expect(page.getByText(/Ihr Termin wurde verschoben/)).toBeVisible();
    const moved = await api();
    expect(moved.start).not.toBe(booked.start);
    expect(moved.sequence).toBe(1);

    await page.getByRole('link', { name: 'Termin absagen' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/wirklich absagen\?$/);
    expect((await api()).state).toBe('booked');
    // "No, keep it" keeps it.
    await page.getByRole('link', { name: 'Nein, Termin behalten' }).click();
    expect((await api()).state).toBe('booked');
    await page.getByRole('link', { name: 'Termin absagen' }).click();
    await page.getByRole('button', { name: 'Ja, Termin absagen' }).click();
    await expect(page.getByText(/Ihr Termin ist abgesagt/)).toBeVisible();
    expect((await api()).state).toBe('cancelled');
  });
});

async function signInStaff(page: Page, role: 'counsellor' | 'admin') {
  await signInWithPage(page, role);
  // A recovery code: TOTP steps belong to other tests.
  await page.getByLabel('Bestätigungscode').fill('demo6-fffff');
  await page.getByRole('button', { name: 'Bestätigen' }).click();
  await expect(page).toHaveURL(/\/konto\/zwei-faktor/);
}

test('counsellors: agenda, hours (a bad rule refused, a good one added), profile and booking for a caller pass axe', async ({
  page,
}) => {
  await signInStaff(page, 'counsellor');
  await page.goto('/team');
  await expect(page.getByRole('heading', { name: 'Meine Termine', level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto('/team/verfuegbarkeit');
  await expectNoAxeViolations(page);
  const rule = page.locator('form#rule');
  await rule.getByLabel('Wochentag').selectOption({ label: 'Samstag' });
  await rule.getByLabel('Von (Uhrzeit)').fill('10:00');
  await rule.getByLabel('Bis (Uhrzeit)').fill('12:00');
  await rule.getByRole('button', { name: 'Sprechzeit hinzufügen' }).click();
  await expect(page.getByRole('alert')).toContainText('mindestens eine Art der Beratung');
  await page.locator('form#rule').getByLabel('Am Telefon').check();
  await page.locator('form#rule').getByRole('button', { name: 'Sprechzeit hinzufügen' }).click();
  await expect(page.getByRole('cell', { name: 'Samstag', exact: true })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto('/team/profil');
  await expectNoAxeViolations(page);
  await page.goto('/team/termine/neu');
  await expectNoAxeViolations(page);
});

test('admins: the counselling set-up passes axe', async ({ page }) => {
  await signInStaff(page, 'admin');
  await page.goto('/admin/beratung');
  await expect(page.getByRole('heading', { name: 'Einstellungen der Beratung' })).toBeVisible();
  await expectNoAxeViolations(page);
});
