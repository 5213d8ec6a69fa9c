import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { simpleParser } from 'mailparser';
import { signInWithPage } from './support/accounts';
import { expectNoAxeViolations } from './support/axe';
import { chooseByKeyboard, press, sendBookingByKeyboard, typeInto } from './support/keyboard';

/**
 * The citizen's booking, in a real browser against the real server with the anti-abuse
 * protections on: by keyboard alone (no click anywhere), and without JavaScript (the
 * booking then waits for the e-mail's confirmation link).
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

test('the whole booking by keyboard alone, with axe on every step; the manage link cancels and frees the slot', async ({
  page,
  request,
}) => {
  await page.goto('/beratung/termin');
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  await expectNoAxeViolations(page);
  await chooseByKeyboard(page, 'Weiterbildung und Umschulung');
  await expect(page.getByText(/Schritt 2 von/)).toBeVisible();
  await expectNoAxeViolations(page);
  await chooseByKeyboard(page, 'Am Telefon');
  await expect(page.getByRole('group', { name: 'In welcher Sprache möchten Sie sprechen?' })).toBeVisible();
  await expectNoAxeViolations(page);
  await chooseByKeyboard(page, 'Deutsch');
  await expect(page.getByRole('heading', { name: /Freie Termine vom/ })).toBeVisible();
  await expectNoAxeViolations(page);

  const first = page.getByRole('link', { name: /^Erster freier Termin/ });
  await first.focus();
  await press(page, 'Enter');
  await expect(page.getByRole('heading', { name: 'Ihre Angaben', level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);

  await typeInto(page, 'Ihr Name', 'Kim Tastatur');
  await typeInto(page, 'E-Mail-Adresse', 'kim.tastatur@example.org');
  await page.getByLabel(/Ich habe die Datenschutzhinweise/).focus();
  await press(page, 'Space');
  await sendBookingByKeyboard(page);

  await expect(page.getByText(/Ihr Termin ist gebucht/)).toBeVisible();
  await expect(page.getByText('Gebucht', { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
  const token = page.url().split('/termin/')[1]!.split('?')[0]!;

  // Move it by keyboard to another free time: one step, the old time is given back.
  const booked = await (await request.get(`/api/v1/counselling/appointments/${token}`)).json();
  const move = page.getByRole('link', { name: 'Termin verschieben' });
  await move.focus();
  await press(page, 'Enter');
  await expect(page.getByRole('heading', { name: 'Termin verschieben', level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);
  const target = page.locator('.ww-slot-list button').first();
  await target.focus();
  await press(page, 'Enter');
  await expect(page.getByText(/Ihr Termin wurde verschoben/)).toBeVisible();
  const state = await (await request.get(`/api/v1/counselling/appointments/${token}`)).json();
  expect(state.state).toBe('booked');
  expect(state.start).not.toBe(booked.start);
  expect(state.sequence).toBe(1);
  const slotsUrl = `/api/v1/counselling/slots?topic=weiterbildung-umschulung&channel=phone&language=de&from=${state.start.slice(0, 10)}&to=${state.start.slice(0, 10)}`;
  const before = (await (await request.get(slotsUrl)).json()).slots.map((s: { start: string }) => s.start);

  const cancel = page.getByRole('button', { name: 'Termin absagen' });
  await cancel.focus();
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

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('booking works; the slot is held until the e-mail’s link confirms it', async ({ page }) => {
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

    await page.getByRole('button', { name: 'Termin verbindlich buchen' }).click();
    await expect(page.getByRole('alert')).toContainText('Bitte geben Sie Ihren Namen an');
    await page.getByLabel('Ihr Name').fill('Nora Ohneskript');
    await page.getByLabel('E-Mail-Adresse').fill('nora.ohneskript@example.org');
    await page.getByLabel(/Ich habe die Datenschutzhinweise/).check();
    await page.getByRole('button', { name: 'Termin verbindlich buchen' }).click();
    await expect(page.getByText(/Bitte bestätigen Sie den Termin über den Link/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Termin bestätigen' })).toHaveCount(0);

    let link = '';
    await expect(async () => {
      const parsed = await simpleParser(latestMail('nora.ohneskript@example.org') ?? '');
      link = /https?:\/\/\S+bestaetigen=[a-z2-7]+/.exec(parsed.text ?? '')?.[0] ?? '';
      expect(link).not.toBe('');
    }).toPass({ timeout: 20_000 });
    await page.goto(link.replace(/^https?:\/\/[^/]+/, ''));
    await page.getByRole('button', { name: 'Termin bestätigen' }).click();
    await expect(page.getByText('Danke, Ihr Termin ist bestätigt.')).toBeVisible();
    await expect(page.getByText('Gebucht', { exact: true })).toBeVisible();
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
