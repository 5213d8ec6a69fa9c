import { expect, type Page, test } from '@playwright/test';
import { expectNoAxeViolations, expectReflow } from './support/axe';

/**
 * WCAG 1.4.10 on a phone: every page of the booking — each wizard step, the details form
 * (also with its errors), the check page, the manage page, moving (the week and the
 * confirmation) and the cancel confirmation — needs no horizontal scrolling at 320 CSS px,
 * in German and in Arabic (right to left). Selectors are language-neutral (names of
 * fields, forms), so the same walk runs in both.
 */

/** Measures the page as it is now, and checks it with axe. */
async function check(page: Page, what: string) {
  await test.step(what, async () => {
    await expectReflow(page);
    await expectNoAxeViolations(page);
  });
}

/** One answer of the wizard's current step (the checked one, else the first), then "next". */
async function answer(page: Page, name: string, value?: string) {
  const radios = page.locator(`input[type=radio][name=${name}]`);
  await expect(radios.first()).toBeVisible();
  const wanted = value ? page.locator(`input[type=radio][name=${name}][value=${value}]`) : null;
  if (wanted && (await wanted.count())) await wanted.check();
  else if ((await page.locator(`input[type=radio][name=${name}]:checked`).count()) === 0)
    await radios.first().check();
  await page.locator('form[action="/beratung/termin"] button[type=submit]').click();
}

for (const [lng, topicIndex, slotIndex, phone] of [
  ['de', 3, 2, '0561 1112223'],
  ['ar', 4, 3, '0561 4445556'],
] as const) {
  test(`at 320 px in ${lng}: the whole booking, the manage page, moving and cancelling reflow`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 320, height: 720 });
    await page.goto(`/beratung/termin?lng=${lng}`);
    await expect(page.locator('html')).toHaveAttribute('dir', lng === 'ar' ? 'rtl' : 'ltr');
    await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    await check(page, 'topic');

    await page.locator('input[type=radio][name=thema]').nth(topicIndex).check();
    await page.locator('form[action="/beratung/termin"] button[type=submit]').click();
    await expect(page.locator('input[type=radio][name=kanal]').first()).toBeVisible();
    await check(page, 'channel');

    // In person where offered, so the office step is measured too.
    const inPerson = (await page.locator('input[name=kanal][value=in_person]').count()) > 0;
    await answer(page, 'kanal', 'in_person');
    if (inPerson) {
      await expect(page.locator('input[type=radio][name=stelle]').first()).toBeVisible();
      await check(page, 'office');
      await answer(page, 'stelle');
    }
    await expect(page.locator('input[type=radio][name=sprache]').first()).toBeVisible();
    await check(page, 'language');
    await answer(page, 'sprache');
    await expect(page.locator('#slots-heading')).toBeVisible();
    await check(page, 'slots');

    const slots = page.locator('.ww-slot-list a');
    if ((await slots.count()) <= slotIndex) await page.locator('.ww-week-pager a').last().click();
    await page.locator('.ww-slot-list a').nth(slotIndex).click();
    await expect(page.locator('#booking-name')).toBeVisible();
    await check(page, 'details');

    // All errors at once, then the check page.
    await page.locator('form#booking button[type=submit]').click();
    await expect(page.locator('#booking-error-summary')).toBeVisible();
    await check(page, 'details with errors');
    await page.locator('#booking-name').fill('Reflow Probe');
    await page.locator('#booking-email').fill(`reflow.${lng}.a.very.long.address.for.wrapping@example.org`);
    await page.locator('#booking-phone').fill(phone);
    await page.locator('#booking-consent').check();
    await expect(page.locator('input[name=altcha]')).not.toHaveValue('', { timeout: 20_000 });
    await page.locator('form#booking button[type=submit]').click();
    await expect(page).toHaveURL(/\/beratung\/termin\/pruefen\?entwurf=/);
    await expect(page.locator('dl.ww-check').first()).toBeVisible();
    await check(page, 'check your answers');

    await page.locator('form[action^="/beratung/termin/pruefen"] button[type=submit]').click();
    await expect(page).toHaveURL(/\/termin\/[a-z2-7]{32}\?neu=1/);
    await expect(page.getByRole('status').first()).toBeVisible();
    await check(page, 'manage');
    const manage = new URL(page.url()).pathname;

    await page.goto(`${manage}/verschieben`);
    await expect(page.locator('.ww-slot-list a').first()).toBeVisible();
    await check(page, 'move: the week');
    await page.locator('.ww-slot-list a').first().click();
    await expect(page.locator(`form[action="${manage}/verschieben"]`)).toBeVisible();
    await check(page, 'move: the confirmation');

    await page.goto(`${manage}/absagen`);
    await expect(page.locator(`form[action="${manage}/absagen"]`)).toBeVisible();
    await check(page, 'cancel: the confirmation');
  });
}

test('the Arabic details page is not blank on a phone or a desktop: no page wider than the screen, the form in view', async ({
  page,
  request,
}) => {
  const { slots } = await (await request.get('/api/v1/counselling/slots?topic=deutsch-integration')).json();
  const slot = slots[0] as { start: string; channel: string; office: string | null };
  const query = new URLSearchParams({
    thema: 'deutsch-integration',
    kanal: slot.channel,
    sprache: 'de',
    start: slot.start,
    lng: 'ar',
  });
  if (slot.office) query.set('stelle', slot.office);
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto(`/beratung/termin/daten?${query}`);
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expectReflow(page);
    const field = await page.locator('#booking-name').boundingBox();
    expect(field, 'the first field is rendered').not.toBeNull();
    expect(field!.x).toBeGreaterThanOrEqual(0);
    expect(field!.x + field!.width).toBeLessThanOrEqual(width);
  }
});
