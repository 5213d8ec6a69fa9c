import { expect, type Page, request, test } from '@playwright/test';

/**
 * A page carries the translations it uses (issue 19, ADR 018): hydration fetches none from
 * /locales/, and a page reached later by client-side navigation still shows its texts, never
 * the raw keys while its namespace loads.
 */

let offerId = 0;

test.beforeAll(async ({ baseURL }) => {
  const api = await request.newContext({ baseURL: baseURL! });
  offerId = (await (await api.get('/api/v1/offers?q=deutsch')).json()).hits[0].id;
  await api.dispose();
});

/** Every request to /locales/ the page makes, from now on. */
function localeRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/locales/')) urls.push(new URL(r.url()).pathname);
  });
  return urls;
}

const hydrated = (page: Page) => page.locator('html[data-hydrated]').waitFor({ state: 'attached' });

for (const lng of ['de', 'en', 'ar'] as const) {
  test(`in ${lng}, the home, search, offer and counselling pages hydrate without fetching translations`, async ({
    page,
  }) => {
    for (const path of ['/', '/angebote?q=deutsch', `/angebote/${offerId}`, '/beratung']) {
      const fetched = localeRequests(page);
      await page.goto(`${path}${path.includes('?') ? '&' : '?'}lng=${lng}`);
      await hydrated(page);
      expect(fetched, `${path} in ${lng}`).toEqual([]);
      const inline = JSON.parse((await page.locator('script#page-translations').textContent()) ?? 'null') as {
        lng: string;
        ns: string[];
      } | null;
      expect(inline?.lng).toBe(lng);
      expect(inline?.ns).toContain('common');
      page.removeAllListeners('request');
    }
  });
}

test('a page reached by client-side navigation shows its texts, never raw keys while they load', async ({
  page,
}) => {
  // The home page uses only `common`; the counselling page needs `counselling`, fetched on the way.
  await page.goto('/?lng=en');
  await hydrated(page);
  const fetched = localeRequests(page);
  // Every text the page shows from now on.
  await page.evaluate(() => {
    const w = window as unknown as { texts: string[]; sameDocument: boolean };
    w.texts = [];
    w.sameDocument = true;
    const collect = (node: Node) => {
      if (node.nodeType === Node.TEXT_NODE) w.texts.push((node.textContent ?? '').trim());
      for (const child of node.childNodes) collect(child);
    };
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'characterData') collect(r.target);
        for (const added of r.addedNodes) collect(added);
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });

  await page.locator('main a[href^="/beratung?"]').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Education counselling (Bildungsberatung)',
  );
  await expect(page).toHaveURL(/\/beratung\?lng=en$/);
  // Still the same document (a client-side navigation), which loaded the namespace it needed.
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(
    true,
  );
  expect(fetched).toContain('/locales/en/counselling.json');
  // A text not translated shows as its key ("title", "officesHeading"): none may have shown.
  const keys = new Set<string>();
  const flatten = (value: unknown, prefix: string) => {
    if (typeof value === 'string') keys.add(prefix.replace(/_(zero|one|two|few|many|other)$/, ''));
    else for (const [k, v] of Object.entries(value as object)) flatten(v, prefix ? `${prefix}.${k}` : k);
  };
  flatten(await (await page.request.get('/locales/en/counselling.json')).json(), '');
  const texts = await page.evaluate(() => (window as unknown as { texts: string[] }).texts);
  expect(texts.length).toBeGreaterThan(10);
  expect(texts.filter((text) => keys.has(text))).toEqual([]);
});
