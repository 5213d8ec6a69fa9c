import { expect, type Page, test } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import { press } from './support/keyboard';

/**
 * Where focus is and what is announced after a page changes without a page load (issue
 * 13, item 21). Before the root's route focus, focus stayed on the next page's "Weiter"
 * button and a second Enter skipped a page; nothing told a screen reader that anything
 * had changed. Everything here runs with JavaScript (client-side navigation), by keyboard.
 */

const hydrated = (page: Page) => page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
/** What the root's live region said last (its text lives in a closed shadow root). */
const announcer = (page: Page) => page.locator('#ww-announcer');
const announced = (page: Page, text: string | RegExp) =>
  expect(announcer(page)).toHaveAttribute('data-announcement', text);

/** "Schritt 3 von 7" → 3 */
async function stepNumber(page: Page): Promise<number> {
  const text = await page.getByText(/^Schritt \d+ von \d+$/).textContent();
  return Number(/Schritt (\d+)/.exec(text ?? '')![1]);
}

/**
 * The minimum answer for a page that refused to go on: for every question its error
 * summary names, tick the first choice, by keyboard. Generic on purpose: the
 * questionnaire changes (new versions add questions), the focus rule must not.
 */
async function answerWhatIsMissing(page: Page) {
  const targets = await page
    .getByRole('alert')
    .getByRole('link')
    .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).hash));
  expect(targets.length, 'the error summary names what is missing').toBeGreaterThan(0);
  for (const hash of targets) {
    const choice = page.locator(`${hash} input[type="radio"], ${hash} input[type="checkbox"]`).first();
    await choice.focus();
    await press(page, 'Space');
    await expect(choice).toBeChecked();
  }
}

test('self-assessment by keyboard with JavaScript: after each "Weiter" focus is on the new page’s h1, its title is announced, and no page is skipped', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto('/selbsteinschaetzung');
  await hydrated(page);
  await page.getByRole('button', { name: /beginnen/ }).focus();
  await press(page, 'Enter');

  await expect(page.locator('main h1')).toBeFocused();
  await announced(page, await page.title());
  let step = await stepNumber(page);
  expect(step).toBe(1);
  await expectNoAxeViolations(page);

  const overview = page.getByRole('button', { name: /Abschließen/ });
  const next = page.getByRole('button', { name: 'Weiter', exact: true });
  let refusals = 0;
  while (!(await overview.isVisible())) {
    const before = page.url();
    await next.focus();
    await press(page, 'Enter');
    // Either the next page with focus on its heading, or this page again with its error
    // summary focused. Anything else (focus left on a button) fails here.
    const landed = page.locator('main h1:focus, main [role="alert"]:focus');
    await expect(landed).toHaveCount(1);
    if (page.url() === before) {
      // The same page with an error summary: the summary keeps focus, the heading does not take it.
      await expect(page.getByRole('alert')).toBeFocused();
      refusals += 1;
      expect(refusals, 'a page refused twice after its questions were answered').toBeLessThan(10);
      await answerWhatIsMissing(page);
      continue;
    }
    await expect(page.locator('main h1')).toBeFocused();
    const shown = await stepNumber(page);
    expect(shown, `after step ${step}`).toBe(step + 1);
    step = shown;
    await announced(page, await page.title());
  }
  expect(step).toBeGreaterThanOrEqual(5);
  await expectNoAxeViolations(page);
});

test('a link followed in-page focuses the new page’s h1 and announces its title; the heading is no Tab stop', async ({
  page,
}) => {
  await page.goto('/?lng=de');
  await hydrated(page);
  const link = page.getByRole('contentinfo').getByRole('link', { name: 'Impressum' });
  await link.focus();
  await press(page, 'Enter');
  await expect(page).toHaveURL(/\/impressum\?lng=de$/);
  const heading = page.getByRole('heading', { level: 1, name: 'Impressum' });
  await expect(heading).toBeFocused();
  await expect(heading).toHaveAttribute('tabindex', '-1');
  await announced(page, 'Impressum – Wegweiser');
  // The next Tab goes on from the heading into the page, not back to the top.
  await press(page, 'Tab');
  const next = await page.evaluate(() => {
    const active = document.activeElement;
    return {
      after: Boolean(
        active &&
          document.querySelector('main h1')!.compareDocumentPosition(active) &
            Node.DOCUMENT_POSITION_FOLLOWING,
      ),
    };
  });
  expect(next.after).toBe(true);
  await expectNoAxeViolations(page);
});

test('a status message that appears after an action is announced', async ({ page }) => {
  await page.goto('/passwort-vergessen?lng=de');
  await hydrated(page);
  await page.getByLabel('E-Mail-Adresse').fill(`status-${Date.now()}@wegweiser.test`);
  await page.getByRole('button', { name: 'Link anfordern' }).focus();
  await press(page, 'Enter');
  const notice = page.getByRole('status').filter({ hasText: 'haben wir einen Link dorthin geschickt' });
  await expect(notice).toBeVisible();
  await announced(page, /haben wir einen Link dorthin geschickt/);
  // The page's own text is not doubled for anything that searches it.
  await expect(page.getByText('haben wir einen Link dorthin geschickt')).toHaveCount(1);
  await expectNoAxeViolations(page);
});
