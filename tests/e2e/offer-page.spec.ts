import { expect, request, test } from '@playwright/test';
import postgres from 'postgres';
import { expectNoAxeViolations, expectReflow } from './support/axe';

/**
 * The offer page tells the truth (issue 13 #10–#12): funding and price never contradict,
 * the price note is not repeated, seats say total and state, "how to register" is there,
 * the "questions?" box stays out of the footer, and started runs are marked.
 */

// The e2e server's own embedded database (see playwright.config.ts), for picking test records.
const db = () =>
  postgres(`postgres://wegweiser:wegweiser-local@127.0.0.1:${process.env.E2E_PG_PORT ?? 54339}/wegweiser`, {
    max: 1,
  });

async function rows<T>(query: string): Promise<T[]> {
  const sql = db();
  try {
    return (await sql.unsafe(query)) as unknown as T[];
  } finally {
    await sql.end();
  }
}

const PUBLIC = `o.status = 'published' and p.status = 'approved'`;

test('no offer page of the catalogue calls a run free that costs something, or repeats its price note', async ({
  baseURL,
}) => {
  test.setTimeout(240_000);
  // Every public offer with at least one run that costs money (most of the demo catalogue).
  const offers = await rows<{ id: number }>(`
    select distinct o.id from offers o join providers p on p.id = o.provider_id join runs r on r.offer_id = o.id
    where ${PUBLIC} and r.status = 'scheduled' and (r.price_cents > 0 or r.price_cents is null)
    order by o.id`);
  expect(offers.length).toBeGreaterThan(500);
  const api = await request.newContext({ baseURL });
  const problems: string[] = [];
  let pricedRuns = 0;
  const check = async (id: number) => {
    // React separates text nodes with empty comments: gone, the page reads as people see it.
    const html = (await (await api.get(`/angebote/${id}?lng=de`)).text()).replace(/<!--.*?-->/g, '');
    if (/Preis auf Anfrage\s*\(\s*(<[^>]+>)*\s*Preis auf Anfrage/i.test(html))
      problems.push(`${id}: doubled price note`);
    // The key facts (funding among them) never say "free" on a page with a priced run: only a
    // run's price of 0 does.
    const facts = html.match(/<section aria-labelledby="facts">([\s\S]*?)<\/section>/)?.[1];
    if (facts === undefined) problems.push(`${id}: no key facts`);
    else if (/kostenlos/i.test(facts)) problems.push(`${id}: the key facts say free`);
    for (const section of html.split('<section class="ww-run').slice(1)) {
      const run = section.slice(0, section.indexOf('</section>'));
      const cents = Number(run.match(/data-price-cents="(\d+)"/)?.[1] ?? 'NaN');
      if (cents > 0) {
        pricedRuns++;
        if (/kostenlos|kostet nichts/i.test(run)) problems.push(`${id}: a run of ${cents / 100} € says free`);
      }
    }
  };
  // A few requests at a time: the server renders each page.
  for (let i = 0; i < offers.length; i += 6)
    await Promise.all(offers.slice(i, i + 6).map((o) => check(o.id)));
  await api.dispose();
  expect(problems).toEqual([]);
  expect(pricedRuns).toBeGreaterThan(500);
});

test('an offer with Bildungsgutschein and a price: funding as a possibility, seats, units, how to register; axe-clean, no overlap, reflows at 320 px in German and Arabic', async ({
  page,
}) => {
  test.setTimeout(60_000);
  const [offer] = await rows<{ id: number; azav: string }>(`
    select o.id, o.azav_measure_number as azav from offers o join providers p on p.id = o.provider_id
    where ${PUBLIC} and 'azav' = any(o.funding) and o.registration_url is not null
      and exists (select 1 from runs r where r.offer_id = o.id and r.price_cents > 0 and r.seats > 0
                  and r.teaching_units > 0 and r.ends_on >= current_date)
    order by o.id limit 1`);
  await page.goto(`/angebote/${offer!.id}?lng=de`);
  const facts = page.locator('section[aria-labelledby="facts"]');
  await expect(facts).toContainText('Kann mit Bildungsgutschein gefördert werden');
  await expect(facts).toContainText(offer!.azav);
  await expect(facts).not.toContainText(/kostenlos/i);
  await expect(facts.getByText('Voraussetzungen', { exact: true })).toBeVisible();
  await expect(page.locator('.ww-run').first()).toContainText(/\d+ Plätze insgesamt/);
  await expect(page.locator('.ww-run').first()).toContainText(/Unterrichtseinheiten \(je 45 Minuten\)/);
  const register = page.locator('section[aria-labelledby="register"]');
  await expect(register.getByRole('heading', { name: 'So melden Sie sich an' })).toBeVisible();
  await expect(register.getByRole('link', { name: 'Online beim Anbieter anmelden' })).toHaveAttribute(
    'href',
    /^https:\/\//,
  );
  await expectNoAxeViolations(page);

  // The "questions?" box ends above the footer, on a wide screen and on a phone.
  for (const width of [1280, 320]) {
    await page.setViewportSize({ width, height: 800 });
    const ask = await page.locator('.ww-ask').boundingBox();
    const footer = await page.locator('footer').boundingBox();
    expect(ask!.y + ask!.height, `at ${width} px`).toBeLessThanOrEqual(footer!.y);
  }
  await expectReflow(page);
  await page.goto(`/angebote/${offer!.id}?lng=ar`);
  await expect(page.locator('section[aria-labelledby="register"] h2')).toHaveText('كيفية التسجيل');
  await expectReflow(page);
  await expectNoAxeViolations(page);
});

test('without registration facts the page sends people to the provider, and says when joining later is possible', async ({
  page,
}) => {
  const [offer] = await rows<{ id: number; phone: string }>(`
    select o.id, p.phone from offers o join providers p on p.id = o.provider_id
    where ${PUBLIC} and o.late_entry and o.registration_url is null and o.registration_email is null
      and o.registration_phone is null and o.registration_note is null and p.phone is not null
      and exists (select 1 from runs r where r.offer_id = o.id and r.status = 'scheduled')
    order by o.id limit 1`);
  await page.goto(`/angebote/${offer!.id}`);
  const register = page.locator('section[aria-labelledby="register"]');
  await expect(register).toContainText('Melden Sie sich direkt beim Anbieter an:');
  await expect(register.getByRole('link', { name: offer!.phone })).toHaveAttribute('href', /^tel:\d+$/);
  await expect(register).toContainText('Ein Einstieg ist auch nach Kursbeginn möglich.');
  await expectNoAxeViolations(page);
});

test('a course under way that people can still join is found by default and marked, on the hit and the page; one that cannot is not', async ({
  page,
}) => {
  const [joinable] = await rows<{ id: number; title: string }>(`
    select o.id, o.title from offers o join providers p on p.id = o.provider_id join runs r on r.offer_id = o.id
    where ${PUBLIC} and o.late_entry and r.status = 'scheduled' and r.starts_on < current_date and r.ends_on >= current_date
      and not exists (select 1 from runs x where x.offer_id = o.id and x.status = 'scheduled' and x.starts_on >= current_date)
    order by o.id limit 1`);
  const [closed] = await rows<{ id: number; title: string }>(`
    select o.id, o.title from offers o join providers p on p.id = o.provider_id join runs r on r.offer_id = o.id
    where ${PUBLIC} and not o.late_entry and r.status = 'scheduled' and r.starts_on < current_date and r.ends_on >= current_date
      and not exists (select 1 from runs x where x.offer_id = o.id and x.status = 'scheduled' and x.starts_on >= current_date)
    order by o.id limit 1`);
  // Found without ticking "also started": marked as joinable.
  await page.goto(`/angebote?q=${encodeURIComponent(joinable!.title)}&exact=1&perPage=100`);
  // The offer's own link, not one of /angebote/<id>0…9 (the search may list similar titles too).
  const linkTo = (p: typeof page, id: number) =>
    p.locator(`a[href$="/angebote/${id}"], a[href*="/angebote/${id}?"]`);
  const hit = page.locator('.ww-hits > li', { has: linkTo(page, joinable!.id) });
  await expect(hit).toContainText('Hat schon begonnen – Einstieg möglich');
  await expectNoAxeViolations(page);
  await hit.getByRole('link').first().click();
  await expect(page.locator('.ww-run__started').first()).toHaveText('Hat schon begonnen – Einstieg möglich');

  // Not found by default; with the box ticked it is, and says it has begun.
  const closedHit = (p: typeof page) => p.locator('.ww-hits > li', { has: linkTo(p, closed!.id) });
  await page.goto(`/angebote?q=${encodeURIComponent(closed!.title)}&exact=1&perPage=100`);
  await expect(page.locator('main')).toBeVisible();
  await expect(closedHit(page)).toHaveCount(0);
  await page.goto(`/angebote?q=${encodeURIComponent(closed!.title)}&exact=1&perPage=100&past=1`);
  await expect(closedHit(page)).toContainText('Dieser Kurs hat schon begonnen.');
});
