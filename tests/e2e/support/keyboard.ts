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
