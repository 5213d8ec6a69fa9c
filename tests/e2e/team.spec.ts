import { expect, type Page, test } from '@playwright/test';
import { simpleParser } from 'mailparser';
import { signInWithPage } from './support/accounts';
import { expectNoAxeViolations, expectReflow } from './support/axe';
import { press, typeInto } from './support/keyboard';
import { latestMail } from './support/mail';

/**
 * The counsellors' and the office's daily work in the browser (issue 14): cancelling with
 * a reason by keyboard alone, an absence over a booked appointment decided before it is
 * saved (without JavaScript), and the office's pages for counsellors and appointments —
 * each page checked with axe. Recovery codes only (TOTP steps belong to other tests), each
 * used once per account in the whole suite: demo2-bbbbb, demo5-eeeee, demo1-aaaaa and
 * demo4-jjjjj for the counsellor (the others are spent by authz, booking and cases),
 * demo3-iiiii for the admin.
 */
async function signInStaff(page: Page, role: 'counsellor' | 'admin', code: string) {
  await signInWithPage(page, role);
  await page.getByLabel('Bestätigungscode').fill(code);
  await page.getByRole('button', { name: 'Bestätigen' }).click();
  await expect(page).not.toHaveURL(/\/anmelden/);
}

function isoDay(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The Monday of the week `weeks` weeks from now. The demo counsellor works on Tuesdays and
 * Thursdays, so each whole week has slots, and the tests that book take one week each
 * (2 to 5; the booking window is 42 days). A start a number of days ahead instead left, on
 * some weekdays, only Friday to Monday before the window's end: no slot at all.
 */
function weekFrom(weeks: number): string {
  const day = new Date(Date.now() + weeks * 7 * 86_400_000);
  const back = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - back * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Books one of the counsellor's own slots for a caller from `ab` on (weeks apart per
 * test, so parallel tests don't meet), and returns the appointment's id and start.
 */
async function bookForCaller(page: Page, who: { name: string; email: string }, ab: string) {
  await page.goto('/team/termine/neu');
  const topic = await page.locator('#caller-thema option').nth(1).getAttribute('value');
  const channels = await page
    .locator('#caller-kanal option')
    .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
  const channel = channels.includes('phone') ? 'phone' : channels.includes('video') ? 'video' : 'in_person';
  const office =
    channel === 'in_person' ? await page.locator('#caller-stelle option').nth(1).getAttribute('value') : null;
  await page.goto(
    `/team/termine/neu?thema=${topic}&kanal=${channel}${office ? `&stelle=${office}` : ''}&sprache=de&ab=${ab}`,
  );
  for (let i = 0; i < 6 && (await page.locator('a.ww-slot').count()) === 0; i++)
    await page.getByRole('link', { name: 'Nächste Woche' }).click();
  const slot = page.locator('a.ww-slot').first();
  const start = new URL(String(await slot.getAttribute('href')), 'http://x').searchParams.get('start')!;
  await slot.click();
  await page.getByLabel('Name der Person').fill(who.name);
  await page.getByLabel('E-Mail-Adresse der Person').fill(who.email);
  await page.getByLabel('Telefonnummer der Person').fill('0561 987654');
  await page.getByLabel(/Die Person ist einverstanden/).check();
  await page.getByRole('button', { name: 'Termin buchen' }).click();
  await expect(page).toHaveURL(/\/team\/termine\/\d+$/);
  return { id: Number(new URL(page.url()).pathname.split('/').pop()), start };
}

test('keyboard only: a counsellor cancels an appointment with a reason; the person is mailed; the agenda shows it cancelled', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signInStaff(page, 'counsellor', 'demo2-bbbbb');
  const person = { name: 'Tara Tastatur', email: 'tara.tastatur@example.org' };
  const { id, start } = await bookForCaller(page, person, weekFrom(2));
  await page.goto(`/team/termine/${id}`);
  // Item 6: the page speaks to the counsellor about the person.
  await expect(page.getByText('Name der Person', { exact: true })).toBeVisible();
  await expect(page.getByText('Ihr Name', { exact: true })).toHaveCount(0);
  await expectNoAxeViolations(page);

  // Without a reason: the translated error, never a raw key (item 1).
  await page.getByRole('button', { name: 'Absagen und Person benachrichtigen' }).focus();
  await press(page, 'Enter');
  await expect(page.getByRole('alert').first()).toContainText('Bitte nennen Sie einen Grund');
  await expect(page.locator('main')).not.toContainText('booking.errors');
  await expect(page.locator('main')).not.toContainText('[object Object]');
  await expectNoAxeViolations(page);

  await typeInto(page, 'Grund der Absage', 'Die Beraterin ist leider erkrankt.');
  await page.getByRole('button', { name: 'Absagen und Person benachrichtigen' }).focus();
  await press(page, 'Enter');
  await expect(page.locator('dd', { hasText: 'Abgesagt' })).toBeVisible();
  await expect(page.getByText('Die Beraterin ist leider erkrankt.')).toBeVisible();

  await expect(async () => {
    const mail = await simpleParser(latestMail(person.email) ?? '');
    expect(mail.subject).toContain('ausfallen');
    expect(mail.text).toContain('Die Beraterin ist leider erkrankt.');
    expect(mail.attachments[0]?.content.toString()).toContain('METHOD:CANCEL');
  }).toPass({ timeout: 20_000 });

  await page.goto(`/team?tag=${start.slice(0, 10)}&ansicht=tag`);
  await expect(page.getByRole('listitem').filter({ hasText: person.name })).toContainText('Abgesagt');
  await expectNoAxeViolations(page);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('an absence over a booked appointment lists it first and is saved only with a decision for it', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await signInStaff(page, 'counsellor', 'demo5-eeeee');
    const person = { name: 'Abel Abwesend', email: 'abel.abwesend@example.org' };
    const { id, start } = await bookForCaller(page, person, weekFrom(4));
    const day = start.slice(0, 10);

    await page.goto('/team/verfuegbarkeit');
    const form = page.locator('form#exception');
    await form.getByLabel('Von (Tag)').fill(day);
    await form.getByLabel('Von (Uhrzeit)').fill('06:00');
    await form.getByLabel('Bis (Tag)').fill(day);
    await form.getByLabel('Bis (Uhrzeit)').fill('22:00');
    await form.getByRole('button', { name: 'Eintragen' }).click();

    // Step 1: the covered appointments, nothing saved yet.
    await expect(page.getByRole('heading', { name: /Betroffene Termine/ })).toBeVisible();
    await expect(page.getByText('Keine Abwesenheiten oder zusätzlichen Zeiten eingetragen.')).toBeVisible();
    // An undecided appointment: the list again with the error.
    await page.getByRole('button', { name: 'Abwesenheit speichern und Termine regeln' }).click();
    await expect(page.locator('main')).toContainText(
      'Bitte wählen Sie, was mit diesem Termin geschehen soll.',
    );

    const items = page.locator('form#cover fieldset.ww-card');
    const count = await items.count();
    expect(count).toBeGreaterThanOrEqual(1);
    for (let i = 0; i < count; i++) {
      await items.nth(i).getByLabel('Absagen', { exact: true }).check();
      await items
        .nth(i)
        .getByLabel(/Grund der Absage/)
        .fill('Die Beratung fällt wegen Fortbildung aus.');
    }
    await page.getByRole('button', { name: 'Abwesenheit speichern und Termine regeln' }).click();
    await expect(page.getByText('Gespeichert.')).toBeVisible();
    await expect(page.locator('li', { hasText: 'Abwesend' }).first()).toBeVisible();

    await page.goto(`/team/termine/${id}`);
    await expect(page.locator('dd', { hasText: 'Abgesagt' })).toBeVisible();
    await expect(async () => {
      const mail = await simpleParser(latestMail(person.email) ?? '');
      expect(mail.text).toContain('wegen Fortbildung');
    }).toPass({ timeout: 20_000 });

    // The agenda shows the absence on that day.
    await page.goto(`/team?tag=${day}&ansicht=tag`);
    await expect(page.getByText('Abwesend:')).toBeVisible();
  });
  test('an absence over a booked appointment proposes a new time; the person accepts it with one press on the manage link', async ({
    page,
    browser,
    baseURL,
  }) => {
    test.setTimeout(90_000);
    await signInStaff(page, 'counsellor', 'demo4-jjjjj');
    const person = { name: 'Paula Vorschlag', email: 'paula.vorschlag@example.org' };
    const { id, start } = await bookForCaller(page, person, weekFrom(5));
    const day = start.slice(0, 10);

    await page.goto('/team/verfuegbarkeit');
    const form = page.locator('form#exception');
    await form.getByLabel('Von (Tag)').fill(day);
    await form.getByLabel('Von (Uhrzeit)').fill('06:00');
    await form.getByLabel('Bis (Tag)').fill(day);
    await form.getByLabel('Bis (Uhrzeit)').fill('22:00');
    await form.getByRole('button', { name: 'Eintragen' }).click();
    await expect(page.getByRole('heading', { name: /Betroffene Termine/ })).toBeVisible();

    // Ours gets a new time; anything else on that day is cancelled.
    const items = page.locator('form#cover fieldset.ww-card');
    const count = await items.count();
    for (let i = 0; i < count; i++) {
      const item = items.nth(i);
      if ((await item.locator('legend').first().innerText()).includes(start.slice(11, 16))) {
        await item.getByLabel('Der Person einen neuen Termin vorschlagen').check();
        await item
          .getByRole('group', { name: 'Welchen neuen Termin vorschlagen?' })
          .getByRole('radio')
          .first()
          .check();
      } else {
        await item.getByLabel('Absagen', { exact: true }).check();
        await item.getByLabel(/Grund der Absage/).fill('Die Beratung fällt wegen Fortbildung aus.');
      }
    }
    await page.getByRole('button', { name: 'Abwesenheit speichern und Termine regeln' }).click();
    await expect(page.getByText('Gespeichert.')).toBeVisible();

    // Until the person answers, the old time stays booked and is marked as a conflict.
    await page.goto(`/team/termine/${id}`);
    await expect(page.locator('dd', { hasText: 'Gebucht' })).toBeVisible();
    await expect(page.getByText(/Der Person wurde ein neuer Termin vorgeschlagen/)).toBeVisible();

    let link = '';
    await expect(async () => {
      const mail = await simpleParser(latestMail(person.email) ?? '');
      expect(mail.subject).toContain('neuer Termin');
      link = /\/termin\/[a-z0-9]+/.exec(mail.text ?? '')?.[0] ?? '';
      expect(link).not.toBe('');
    }).toPass({ timeout: 20_000 });

    // The person's side: signed out, no JavaScript, one press.
    await page.context().clearCookies();
    await page.goto(link);
    await expect(page.getByRole('heading', { name: 'Neuer Termin vorgeschlagen' })).toBeVisible();
    // axe needs JavaScript: the same page in a second browser context that runs it.
    const withJs = await browser.newContext({ javaScriptEnabled: true, baseURL, locale: 'de-DE' });
    const look = await withJs.newPage();
    await look.goto(link);
    await expect(look.getByRole('button', { name: 'Neuen Termin annehmen' })).toBeVisible();
    await expectNoAxeViolations(look);
    await withJs.close();
    await page.getByRole('button', { name: 'Neuen Termin annehmen' }).click();
    await expect(page.getByText('Ihr Termin wurde verschoben.')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Neuer Termin vorgeschlagen' })).toHaveCount(0);
    await expect(async () => {
      const mail = await simpleParser(latestMail(person.email) ?? '');
      expect(mail.subject).not.toContain('Bitte bestätigen');
      const ics = mail.attachments[0]?.content.toString() ?? '';
      expect(ics).toContain('METHOD:REQUEST');
      expect(Number(/SEQUENCE:(\d+)/.exec(ics)?.[1])).toBeGreaterThanOrEqual(1);
    }).toPass({ timeout: 20_000 });
  });
});

test('the office: counsellors with their accounts flagged, all appointments without names, details only for a reason (also at 320 px and in Arabic)', async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  // An appointment booked by phone number only (booked at once, no proof-of-work needed).
  const topics = (await (await request.get('/api/v1/counselling/topics')).json()).topics as {
    slug: string;
    channels: string[];
  }[];
  const topic = topics.find((t) => t.channels.includes('phone'))!;
  const from = isoDay(35);
  const slots = (
    await (
      await request.get(
        `/api/v1/counselling/slots?topic=${topic.slug}&channel=phone&from=${from}&to=${isoDay(41)}`,
      )
    ).json()
  ).slots as { start: string }[];
  // The last free slot of the range: the booking tests take the first ones of their weeks
  // (week 5 reaches into this range), and the agenda below finds ours by its time.
  const slot = slots.at(-1)!;
  const booked = await request.post('/api/v1/counselling/appointments', {
    data: {
      topic: topic.slug,
      channel: 'phone',
      language: 'de',
      start: slot.start,
      name: 'Vera Verwaltungstest',
      phone: '0561 424242',
      consent: true,
    },
  });
  expect(booked.status()).toBe(201);

  await signInStaff(page, 'admin', 'demo3-iiiii');
  await page.goto('/admin/beratende');
  await expect(page.getByRole('heading', { name: 'Beratende', level: 1 })).toBeVisible();
  // The demo keeps two profiles without an account: flagged, and they get no bookings.
  await expect(page.getByRole('status').filter({ hasText: 'Profile ohne nutzbares Konto' })).toBeVisible();
  await expect(page.getByText('Kein Konto').first()).toBeVisible();
  await expectNoAxeViolations(page);
  await page.locator('.kern-alert a').first().click();
  await expect(page.getByRole('heading', { name: 'Konto', level: 2 })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto(`/admin/termine?tag=${slot.start.slice(0, 10)}`);
  await expect(page.getByRole('heading', { name: 'Alle Termine', level: 1 })).toBeVisible();
  await expect(page.locator('main')).not.toContainText('Vera Verwaltungstest');
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 320, height: 800 });
  await expectReflow(page);
  await page.setViewportSize({ width: 1280, height: 800 });

  const time = slot.start.slice(11, 16);
  await page
    .getByRole('link', { name: new RegExp(`^${time}–`) })
    .first()
    .click();
  await expect(page.getByRole('heading', { name: 'Termin (Verwaltung)' })).toBeVisible();
  await expect(page.locator('main')).not.toContainText('Vera Verwaltungstest');
  await expectNoAxeViolations(page);
  // A reason too short is refused; a real one shows the details (and is logged).
  await page.getByLabel('Grund', { exact: true }).fill('kurz');
  await page.getByRole('button', { name: /Angaben anzeigen/ }).click();
  await expect(page.getByRole('alert').first()).toContainText('10 bis 200 Zeichen');
  await page.getByLabel('Grund', { exact: true }).fill('Person wegen Vertretung anrufen');
  await page.getByRole('button', { name: /Angaben anzeigen/ }).click();
  await expect(page.getByText('Vera Verwaltungstest')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto('/admin/protokoll?action=appointment.details_read');
  await expect(page.locator('main')).toContainText('Person wegen Vertretung anrufen');

  for (const path of ['/admin/termine?lng=ar', '/admin/beratende?lng=ar']) {
    await page.goto(path);
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expectNoAxeViolations(page);
    await page.setViewportSize({ width: 320, height: 800 });
    await expectReflow(page);
    await page.setViewportSize({ width: 1280, height: 800 });
  }
});

test('the counsellor’s pages: agenda with search, appointment with hand-over and move, profile with a request, all axe-clean at 320 px', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signInStaff(page, 'counsellor', 'demo1-aaaaa');
  const { id, start } = await bookForCaller(
    page,
    { name: 'Suse Suchbar', email: 'suse.suchbar@example.org' },
    weekFrom(3),
  );
  await page.goto(`/team/termine/${id}`);
  await expect(
    page.getByRole('heading', { name: 'An eine Kollegin oder einen Kollegen übergeben' }),
  ).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Neue Zeit wählen' }).click();
  await expect(
    page.getByRole('heading', { name: 'Termin für die Person verschieben', level: 1 }),
  ).toBeVisible();
  await expectNoAxeViolations(page);

  // An absence over it: the decision step, checked with axe, then left without saving.
  await page.goto('/team/verfuegbarkeit');
  const form = page.locator('form#exception');
  await form.getByLabel('Von (Tag)').fill(start.slice(0, 10));
  await form.getByLabel('Von (Uhrzeit)').fill('06:00');
  await form.getByLabel('Bis (Tag)').fill(start.slice(0, 10));
  await form.getByLabel('Bis (Uhrzeit)').fill('22:00');
  await form.getByRole('button', { name: 'Eintragen' }).click();
  await expect(page.getByRole('heading', { name: /Betroffene Termine/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 320, height: 800 });
  await expectReflow(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole('link', { name: 'Abbrechen, nichts speichern' }).click();
  await expect(page.getByRole('heading', { name: /Betroffene Termine/ })).toHaveCount(0);

  await page.goto('/team?name=Suse+Such');
  await expect(page.getByText(/Treffer für „Suse Such“: 1/)).toBeVisible();
  await expect(page.getByRole('link', { name: /Suse Suchbar/ }).first()).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto('/team/profil');
  await expect(page.getByRole('heading', { name: 'Themen und Beratungsstellen' })).toBeVisible();
  // Topics and offices are no longer ticked here: they are asked for.
  await page.getByText('Änderung beantragen').click();
  await page.getByRole('button', { name: 'Antrag senden' }).click();
  await expect(page.getByRole('alert').first()).toContainText('Das sind schon Ihre Themen');
  await expectNoAxeViolations(page);

  for (const path of [
    '/team',
    `/team/termine/${id}`,
    '/team/verfuegbarkeit',
    '/team/profil',
    '/team?lng=ar',
  ]) {
    await page.goto(path);
    await page.setViewportSize({ width: 320, height: 800 });
    await expectReflow(page);
    await page.setViewportSize({ width: 1280, height: 800 });
  }
  await expectNoAxeViolations(page);
});
