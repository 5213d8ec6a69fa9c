import { expect, test } from '@playwright/test';
import { DEMO_ACCOUNTS, signInWithPage } from './support/accounts';
import { expectNoAxeViolations, expectReflow } from './support/axe';

/**
 * The team (issue 14 #16): removing a member and handing the ownership over each ask once
 * more on a page of their own (axe-clean, 320 px), and cancelling changes nothing. The
 * changes themselves, the sessions that end and the audit rows are covered by
 * tests/integration/provider-organisation.test.ts (the demo editor stays for the other tests).
 */
test('the owner’s remove and transfer steps ask once more; cancelling keeps the member; an editor may only leave', async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const editor = DEMO_ACCOUNTS.providerEditor.name;
  await signInWithPage(page, 'providerOwner');
  await page.goto('/anbieterbereich/team');
  await page.getByRole('link', { name: `${editor} entfernen` }).click();
  await expect(page.getByRole('heading', { name: `${editor} aus dem Team entfernen?` })).toBeVisible();
  await expect(page.getByRole('button', { name: `Ja, ${editor} entfernen` })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 320, height: 800 });
  await expectReflow(page);
  await page.getByRole('link', { name: 'Abbrechen' }).click();
  await expect(page.getByRole('heading', { name: `${editor} aus dem Team entfernen?` })).toHaveCount(0);
  await expect(page.getByRole('link', { name: `${editor} entfernen` })).toBeVisible();

  await page.getByRole('link', { name: `Verantwortung an ${editor} übergeben` }).click();
  await expect(page.getByRole('heading', { name: `Verantwortung an ${editor} übergeben?` })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Abbrechen' }).click();
  await expect(page.getByRole('link', { name: `${editor} entfernen` })).toBeVisible();

  // The editor manages nobody: no remove or transfer links, only "leave" (asked once more too).
  const context = await browser.newContext();
  const other = await context.newPage();
  await signInWithPage(other, 'providerEditor');
  await other.goto('/anbieterbereich/team');
  await expect(other.getByRole('link', { name: /entfernen$/ })).toHaveCount(0);
  await other.getByRole('link', { name: 'Einrichtung verlassen' }).click();
  await expect(other.getByRole('heading', { name: 'Einrichtung verlassen?' })).toBeVisible();
  await expectNoAxeViolations(other);
  await context.close();
});
