import { expect, type Page } from '@playwright/test';

/**
 * Keyboard-only steps for the tests that never click.
 *
 * A key sent to a page React has not hydrated yet can be lost: hydration may re-render the
 * focused field (focus falls to the body, an Enter submits nothing) or reset what was ticked.
 * Under CPU load that window is long (issue 15: the language step never advanced). So every
 * key waits until the page it goes to has loaded and, when it runs scripts, is hydrated
 * (root sets `html[data-hydrated]`). A page without JavaScript has nothing to wait for.
 * The state after a key (the next heading, URL, focus) is each test's own assertion.
 */
export async function settled(page: Page) {
  for (let attempt = 0; ; attempt++) {
    try {
      await page.waitForLoadState('load');
      // The Remix context is an inline script: set only where scripts run.
      const scripted = await page.evaluate(() => '__remixContext' in window);
      if (scripted) await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
      return;
    } catch (error) {
      // A navigation replaced the document meanwhile: wait for the new one instead.
      if (attempt >= 3 || !/context was destroyed|navigat/i.test(String(error))) throw error;
    }
  }
}

export async function press(page: Page, key: string) {
  await settled(page);
  await page.keyboard.press(key);
}

/** Types at the focus, once the page is settled. */
export async function typeText(page: Page, text: string) {
  await settled(page);
  await page.keyboard.type(text);
}

/** Ticks a radio button or checkbox by keyboard: focus, then Space. */
export async function tick(page: Page, role: 'radio' | 'checkbox', name: string | RegExp) {
  await settled(page);
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
  await settled(page);
  await page.getByLabel(label).focus();
  await page.keyboard.type(text);
}

/**
 * Sends the booking's details form by keyboard once the proof-of-work, solved in the
 * background, has finished, then books on the check page that follows.
 */
export async function sendBookingByKeyboard(page: Page) {
  await expect(page.getByText('Schutz vor Spam geprüft.')).toBeVisible({ timeout: 20_000 });
  await settled(page);
  await page.getByRole('button', { name: 'Weiter zur Prüfung' }).focus();
  await press(page, 'Enter');
  await expect(page.getByRole('heading', { name: 'Bitte prüfen Sie Ihre Angaben', level: 1 })).toBeVisible();
  await settled(page);
  await page.getByRole('button', { name: 'Termin verbindlich buchen' }).focus();
  await press(page, 'Enter');
}
