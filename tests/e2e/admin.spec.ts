import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';
import postgres from 'postgres';
import { operator } from '../../app/config/operator';
import { DEMO_ACCOUNTS, signInWithPage } from './support/accounts';
import { expectNoAxeViolations, expectReflow } from './support/axe';
import { press, typeInto } from './support/keyboard';

/**
 * The education office's tools in the browser: the list of all offers (search, filters,
 * page links, take-down), checking a provider before approving or suspending it, the
 * topic form's messages and the mail status page. One admin sign-in for the file (a
 * recovery code nobody else spends), the tests in order.
 */
const PG_PORT = Number(process.env.E2E_PG_PORT ?? 54339);

test.describe.configure({ mode: 'serial' });

let admin: BrowserContext;
let page: Page;

async function db<T>(run: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(`postgres://wegweiser:wegweiser-local@127.0.0.1:${PG_PORT}/wegweiser`, { max: 1 });
  try {
    return await run(sql);
  } finally {
    await sql.end();
  }
}

test.beforeAll(async ({ browser }: { browser: Browser }) => {
  admin = await browser.newContext({ locale: 'de-DE' });
  page = await admin.newPage();
  await signInWithPage(page, 'admin');
  await page.getByLabel('Bestätigungscode').fill('demo7-ggggg');
  await page.getByRole('button', { name: 'Bestätigen' }).click();
  await expect(page).toHaveURL(/\/konto\/zwei-faktor/);
});

test.afterAll(async () => {
  await admin.close();
});

async function mailText(subject: string, to: string): Promise<string> {
  let text = '';
  await expect(async () => {
    await page.goto(`/dev/mails?to=${encodeURIComponent(to)}`);
    await page.getByRole('link', { name: subject }).first().click({ timeout: 1000 });
    text = await page.locator('pre').innerText();
  }).toPass({ timeout: 20_000 });
  return text;
}

test('the offer list holds every offer: search, filters and page links in the URL, by keyboard', async () => {
  test.setTimeout(60_000);
  await page.goto('/admin/angebote');
  await expect(page.getByRole('heading', { level: 1, name: 'Angebote prüfen' })).toBeVisible();
  const count = page.getByRole('heading', { level: 2, name: /^Gefundene Angebote: / });
  // The whole demo catalogue, not the last 14 days cut at 200.
  const total = Number(((await count.innerText()).match(/: ([\d.]+)/)?.[1] ?? '0').replace(/\./g, ''));
  expect(total).toBeGreaterThanOrEqual(1500);
  await expect(page.locator('.ww-admin-list > li')).toHaveCount(50);
  await expectNoAxeViolations(page);

  // Page links: the second page, then the last.
  const pages = page.getByRole('navigation', { name: 'Seiten' });
  await pages.getByRole('link', { name: 'Seite 2' }).click();
  await expect(page).toHaveURL(/[?&]page=2/);
  await expect(count).toContainText('(hier 51 bis 100)');
  const last = Math.ceil(total / 50);
  await pages.getByRole('link', { name: `Seite ${last}` }).click();
  await expect(pages.locator('[aria-current="page"]')).toContainText(String(last));

  // Search and filters by keyboard: a GET form, its state in the URL.
  await page.goto('/admin/angebote');
  await typeInto(page, 'Titel, Anbieter oder Kursnummer', 'deutsch');
  await page.getByLabel('Status').selectOption({ label: 'Veröffentlicht' });
  await page.getByLabel('Bereich').selectOption({ label: 'Deutsch und Integration' });
  await page.getByLabel('Titel, Anbieter oder Kursnummer').focus();
  await press(page, 'Enter');
  await expect(page).toHaveURL(/q=deutsch/);
  await expect(page).toHaveURL(/status=published/);
  await expect(page).toHaveURL(/category=deutsch_integration/);
  // Wait for the filtered list itself (the address changes before the page has rendered it).
  const facts = page.locator('.ww-admin-list > li > p:first-of-type');
  await expect(facts.first()).toContainText('Veröffentlicht · Deutsch und Integration');
  for (const line of await facts.allInnerTexts())
    expect(line).toContain('Veröffentlicht · Deutsch und Integration');
  const found = Number(((await count.innerText()).match(/: ([\d.]+)/)?.[1] ?? '0').replace(/\./g, ''));
  expect(found).toBeGreaterThan(0);
  expect(found).toBeLessThan(total);

  await page.setViewportSize({ width: 320, height: 640 });
  await expectReflow(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/admin/angebote?lng=ar&status=published');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expectNoAxeViolations(page);
  // The language chosen by link is remembered: back to German for the tests after this one.
  await page.goto('/admin/angebote?lng=de');
});

test('an offer is taken down from the list only with a reason, which its owner and editors receive', async () => {
  const offer = await db(async (sql) => {
    const [row] = await sql<{ id: number; title: string; courseNumber: string }[]>`
      select o.id, o.title, o.course_number as "courseNumber" from offers o
      join provider_members m on m.provider_id = o.provider_id join users u on u.id = m.user_id
      where u.email = ${DEMO_ACCOUNTS.providerOwner.email} and o.status = 'published' and o.course_number is not null
      order by o.id desc limit 1`;
    return row!;
  });
  await page.goto(`/admin/angebote?q=${encodeURIComponent(offer.courseNumber)}`);
  const card = page.locator('.ww-admin-list > li').filter({ hasText: offer.title });
  await expect(card).toHaveCount(1);

  // The form opens by keyboard; without a reason nothing happens but a clear error.
  await card.getByText('Aus der Suche nehmen …').focus();
  await press(page, 'Enter');
  const reason = card.getByLabel('Grund für die Rücknahme (geht per E-Mail an den Anbieter)');
  await expect(reason).toBeVisible();
  await card.getByRole('button', { name: `„${offer.title}“ aus der Suche nehmen` }).click();
  await expect(card.getByRole('alert')).toHaveText('Geben Sie einen Grund an (mindestens 5 Zeichen).');
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page);
  expect((await page.request.get(`/api/v1/offers/${offer.id}`)).status()).toBe(200);

  await reason.fill('Die Kursgebühr fehlt in der Beschreibung.');
  await card.getByRole('button', { name: `„${offer.title}“ aus der Suche nehmen` }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Das Angebot ist aus der Suche genommen.' }),
  ).toBeVisible();
  // The list keeps its search; the offer now says why it is out of the search.
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(offer.courseNumber)}`));
  await expect(card).toContainText('Die Kursgebühr fehlt in der Beschreibung.');
  expect((await page.request.get(`/api/v1/offers/${offer.id}`)).status()).not.toBe(200);

  for (const to of [DEMO_ACCOUNTS.providerOwner.email, DEMO_ACCOUNTS.providerEditor.email]) {
    const text = await mailText('Ihr Angebot wurde aus der Suche genommen', to);
    expect(text, to).toContain('Die Kursgebühr fehlt in der Beschreibung.');
    expect(text, to).toContain(operator.email);
    expect(text, to).not.toContain('antworten Sie auf diese E-Mail');
  }
});

test('a provider is approved after its details were seen and the check confirmed; suspended only with a reason', async () => {
  await page.goto('/admin/anbieter?status=pending');
  const open = page.getByRole('link', { name: /^Angaben von .+ prüfen$/ }).first();
  const name = (await open.innerText()).replace(/^Angaben von (.+) prüfen$/, '$1');
  await open.click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  for (const heading of [
    'Angaben der Einrichtung',
    'Registriert von',
    'Zertifizierung',
    'Mitarbeitende',
    'Entscheidung',
  ])
    await expect(page.getByRole('heading', { level: 2, name: heading })).toBeVisible();
  await expect(page.getByText('Wartet auf Freigabe', { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 320, height: 640 });
  await expectReflow(page);
  await page.setViewportSize({ width: 1280, height: 800 });

  // No one-click approval: without the confirmation, an error summary and nothing else.
  await page.getByRole('button', { name: `${name} freigeben` }).click();
  await expect(page.getByRole('alert')).toContainText('Bestätigen Sie, dass Sie die Angaben geprüft haben.');
  await expect(page.getByText('Wartet auf Freigabe', { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel('Ich habe die Angaben oben geprüft, auch das Zertifikat.').check();
  await page.getByRole('button', { name: `${name} freigeben` }).click();
  await expect(page.getByRole('status').filter({ hasText: `${name} ist freigegeben.` })).toBeVisible();
  await expect(page.getByRole('button', { name: `${name} freigeben` })).toHaveCount(0);

  // Suspending asks for the reason, which the audit log keeps.
  await page.getByRole('button', { name: `${name} sperren` }).click();
  await expect(page.getByRole('alert')).toContainText('Geben Sie einen Grund an (mindestens 5 Zeichen).');
  await page.getByLabel('Grund für die Sperre').fill('Die Angaben zur Einrichtung sind nicht belegt.');
  await page.getByRole('button', { name: `${name} sperren` }).click();
  await expect(page.getByRole('status').filter({ hasText: `${name} ist gesperrt.` })).toBeVisible();
  const id = new URL(page.url()).pathname.split('/').pop();
  await page.goto(`/admin/protokoll?action=admin.provider_suspended&targetType=provider&targetId=${id}`);
  await expect(page.locator('tbody')).toContainText('Die Angaben zur Einrichtung sind nicht belegt.');
  await page.goto(`/admin/protokoll?action=admin.provider_approved&targetType=provider&targetId=${id}`);
  await expect(page.locator('tbody tr')).toHaveCount(1);
  await expect(page.locator('tbody')).toContainText(DEMO_ACCOUNTS.admin.email);
});

test('the topic form: after a refused save the correct one says “saved” and the old error is gone; errors name the range', async ({
  browser,
}) => {
  test.setTimeout(60_000);
  await page.goto('/admin/beratung');
  const topic = page.locator('section.ww-card').first();
  const length = topic.getByLabel('Länge eines Termins (Minuten)');
  const before = await length.inputValue();
  await length.fill('5');
  await topic.getByRole('button', { name: /^Speichern/ }).click();
  await expect(topic.getByRole('alert').first()).toContainText('zwischen 10 und 240 Minuten');
  await expectNoAxeViolations(page);
  await length.fill(before);
  await topic.getByRole('button', { name: /^Speichern/ }).click();
  await expect(topic.getByRole('status')).toHaveText('Gespeichert.');
  await expect(topic.getByRole('alert')).toHaveCount(0);
  await expect(topic.getByText('zwischen 10 und 240 Minuten')).toHaveCount(0);
  await expectNoAxeViolations(page);

  // The same without JavaScript: plain form posts.
  const plain = await browser.newContext({
    storageState: await admin.storageState(),
    javaScriptEnabled: false,
  });
  const noJs = await plain.newPage();
  await noJs.goto('/admin/beratung');
  const form = noJs.locator('section.ww-card').first();
  await form.getByLabel('Buchbar für die nächsten … Tage').fill('400');
  await form.getByRole('button', { name: /^Speichern/ }).click();
  await expect(noJs.locator('section.ww-card').first()).toContainText('zwischen 1 und 365 Tagen');
  await noJs.locator('section.ww-card').first().getByLabel('Buchbar für die nächsten … Tage').fill('60');
  await noJs
    .locator('section.ww-card')
    .first()
    .getByRole('button', { name: /^Speichern/ })
    .click();
  await expect(noJs.locator('section.ww-card').first().getByRole('status')).toHaveText('Gespeichert.');
  await expect(noJs.locator('section.ww-card').first()).not.toContainText('zwischen 1 und 365 Tagen');
  await plain.close();
});

test('/admin/mails names every template in words, never by its key', async () => {
  await page.goto('/admin/mails');
  await expect(page.getByRole('heading', { level: 1, name: 'E-Mail-Versand' })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'Angebot zurückgenommen' }).first()).toBeVisible();
  const names = await page.getByRole('rowheader').allInnerTexts();
  expect(names.length).toBeGreaterThan(0);
  expect(names.filter((n) => /^[a-z]+[A-Z][A-Za-z]*$/.test(n.trim()))).toEqual([]);
  await expectNoAxeViolations(page);
});
