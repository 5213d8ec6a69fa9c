import { expect, type Page, test } from '@playwright/test';
import postgres from 'postgres';
import { expectNoAxeViolations, expectReflow } from './support/axe';

/**
 * WCAG 1.4.10 (reflow) over every public page at 320 CSS px, in German and in Arabic
 * (issue 13, item 3 and "Must show"). The booking wizard, details form and manage page
 * have their own sweep (booking), the self-assessment steps theirs (assessment).
 */

const PG_PORT = Number(process.env.E2E_PG_PORT ?? 54339);

async function publishedOfferId(): Promise<number> {
  const sql = postgres(`postgres://wegweiser:wegweiser-local@127.0.0.1:${PG_PORT}/wegweiser`, { max: 1 });
  try {
    const [row] = await sql`
      select o.id from offers o join providers p on p.id = o.provider_id
      where o.status = 'published' and p.status = 'approved'
        and exists (select 1 from runs r where r.offer_id = o.id and r.venue_id is not null)
      order by o.id limit 1`;
    return Number(row!.id);
  } finally {
    await sql.end();
  }
}

const PAGES: { name: string; path: string | (() => Promise<string>); status?: number }[] = [
  { name: 'home', path: '/' },
  { name: 'search with results', path: '/angebote?q=deutsch' },
  {
    name: 'search with several filters',
    path: '/angebote?q=deutsch&near=34117&radius=25&category=deutsch_integration&time=evening&format=in_person&sort=start',
  },
  { name: 'search past the last page', path: '/angebote?q=deutsch&page=999', status: 404 },
  { name: 'offer', path: async () => `/angebote/${await publishedOfferId()}` },
  { name: 'provider', path: '/anbieter/volkshochschule-am-fulda-ufer' },
  { name: 'orientation', path: '/orientierung' },
  { name: 'counselling', path: '/beratung' },
  { name: 'accessibility statement', path: '/barrierefreiheit' },
  { name: 'Leichte Sprache', path: '/leichte-sprache' },
  { name: 'imprint', path: '/impressum' },
  { name: 'privacy notice', path: '/datenschutz' },
  { name: 'sign language', path: '/gebaerdensprache' },
  { name: 'not found', path: '/gibt-es-nicht', status: 404 },
  { name: 'sign-in', path: '/anmelden' },
  { name: 'sign-up', path: '/registrieren' },
  { name: 'forgotten password', path: '/passwort-vergessen' },
  { name: 'self-assessment start', path: '/selbsteinschaetzung' },
];

/**
 * What `scrollWidth` misses: in a right-to-left page, text that sticks out on the left is
 * not scrollable but simply cut off. Every visible line of text must lie inside the viewport.
 */
async function expectNothingCutOff(page: Page) {
  const cut = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !node.textContent?.trim() || parent.closest('.kern-sr-only, .ww-skip-link')) continue;
      if (!parent.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true })) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of Array.from(range.getClientRects())) {
        if (rect.width > 0 && (rect.left < -1 || rect.right > width + 1)) {
          out.push(
            `"${node.textContent.trim().slice(0, 40)}" (${Math.round(rect.left)}–${Math.round(rect.right)})`,
          );
          break;
        }
      }
    }
    return out.slice(0, 5);
  });
  expect(cut, `text cut off on ${page.url()}`).toEqual([]);
}

test.use({ viewport: { width: 320, height: 640 } });
// Long pages (a provider with all its offers) take axe a while on a busy machine.
test.describe.configure({ timeout: 60_000 });

for (const lng of ['de', 'ar'] as const) {
  for (const { name, path, status = 200 } of PAGES) {
    test(`${name} in ${lng} reflows at 320 px`, async ({ page }) => {
      const url = typeof path === 'string' ? path : await path();
      const response = await page.goto(`${url}${url.includes('?') ? '&' : '?'}lng=${lng}`);
      expect(response?.status()).toBe(status);
      await expect(page.locator('html')).toHaveAttribute('dir', lng === 'ar' ? 'rtl' : 'ltr');
      await expectReflow(page);
      await expectNothingCutOff(page);
      // Language marks of German terms never show as text.
      expect(await page.locator('body').innerText()).not.toMatch(/<\/?de>/);
      await expectNoAxeViolations(page);
    });
  }

  test(`the open filter panel in ${lng} reflows at 320 px`, async ({ page }) => {
    await page.goto(`/angebote?q=deutsch&category=deutsch_integration&lng=${lng}`);
    await page.locator('.ww-filters > summary').click();
    await expect(page.locator('.ww-filters input[type="checkbox"]').first()).toBeVisible();
    await expectReflow(page);
    await expectNothingCutOff(page);
    await expectNoAxeViolations(page);
  });
}
