import { expect, type Page } from '@playwright/test';

/** Keyboard-only steps for the tests that never click. */
export async function press(page: Page, key: string) {
  await page.keyboard.press(key);
}

/** Ticks a radio button or checkbox by keyboard: focus, then Space. */
export async function tick(page: Page, role: 'radio' | 'checkbox', name: string | RegExp) {
  const box = page.getByRole(role, { name });
  await box.focus();
  await press(page, 'Space');
  await expect(box).toBeChecked();
}

/** One step of a one-question GET form: tick the answer, then Enter sends the form. */
export async function chooseByKeyboard(page: Page, label: string | RegExp) {
  await tick(page, 'radio', label);
  await press(page, 'Enter');
}

/** Types into the field with this label, reached by focus (no click). */
export async function typeInto(page: Page, label: string | RegExp, text: string) {
  await page.getByLabel(label).focus();
  await page.keyboard.type(text);
}

/**
 * Sends the booking's details form by keyboard once the proof-of-work, solved in the
 * background, has finished, then books on the check page that follows.
 */
export async function sendBookingByKeyboard(page: Page) {
  await expect(page.getByText('Schutz vor Spam geprüft.')).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Weiter zur Prüfung' }).focus();
  await press(page, 'Enter');
  await expect(page.getByRole('heading', { name: 'Bitte prüfen Sie Ihre Angaben', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Termin verbindlich buchen' }).focus();
  await press(page, 'Enter');
}
