import { type APIRequestContext, expect, request, test } from '@playwright/test';
import { signedInRequest } from './support/accounts';

/**
 * Cache headers (issue 19, ADR 018): the anonymous public pages may be kept by a shared
 * cache for a few seconds and vary on nothing a cookie holds; every page of a signed-in
 * person is `private, no-store`; the other anonymous pages are nobody's to share.
 */
const PUBLIC_CACHE_CONTROL = 'public, max-age=10, stale-while-revalidate=30';

let offerId = 0;
let providerSlug = '';
let anon: APIRequestContext;

const publicPages = () => [
  '/',
  '/angebote',
  '/angebote?q=deutsch',
  `/angebote/${offerId}`,
  `/anbieter/${providerSlug}`,
  '/orientierung',
  '/beratung',
];

test.beforeAll(async ({ baseURL }) => {
  anon = await request.newContext({ baseURL: baseURL! });
  const hits = await (await anon.get('/api/v1/offers?q=deutsch')).json();
  offerId = hits.hits[0].id;
  providerSlug = hits.hits[0].provider.slug;
});

test.afterAll(async () => {
  await anon.dispose();
});

test('every anonymous public page may be cached briefly, with an ETag and without Vary: Cookie', async () => {
  for (const path of publicPages()) {
    for (const lng of [null, 'de', 'ar']) {
      const url = lng ? `${path}${path.includes('?') ? '&' : '?'}lng=${lng}` : path;
      const response = await anon.get(url, { maxRedirects: 0 });
      expect(response.status(), url).toBe(200);
      const headers = response.headers();
      expect(headers['cache-control'], url).toBe(PUBLIC_CACHE_CONTROL);
      expect(headers.etag, url).toMatch(/^W\/"[\w-]+"$/);
      expect(headers['set-cookie'], url).toBeUndefined();
      const vary = (headers.vary ?? '').toLowerCase();
      expect(vary, url).not.toContain('cookie');
      // The language is in the URL; without it, the browser's language chose it.
      if (lng) expect(vary, url).not.toContain('accept-language');
      else expect(vary, url).toContain('accept-language');
    }
  }
});

test('a current copy is confirmed with 304, without a new CSP nonce for the stored page', async () => {
  const first = await anon.get('/angebote?q=deutsch&lng=de');
  const etag = first.headers().etag!;
  // Rendered again (another nonce), the same content has the same validator.
  const again = await anon.get('/angebote?q=deutsch&lng=de');
  expect(again.headers().etag).toBe(etag);
  const revalidated = await anon.get('/angebote?q=deutsch&lng=de', { headers: { 'If-None-Match': etag } });
  expect(revalidated.status()).toBe(304);
  expect(revalidated.headers()['content-security-policy']).toBeUndefined();
  expect((await revalidated.body()).length).toBe(0);
  const other = await anon.get('/angebote?q=englisch&lng=de', { headers: { 'If-None-Match': etag } });
  expect(other.status()).toBe(200);
});

test('anonymous pages with forms, steps or a chosen language are not shared', async ({ baseURL }) => {
  for (const path of [
    '/beratung/termin',
    '/selbsteinschaetzung',
    '/anmelden',
    '/registrieren',
    '/gibt-es-nicht',
  ]) {
    const response = await anon.get(path, { maxRedirects: 0 });
    expect(response.headers()['cache-control'], path).toBe('private, no-cache');
  }
  // The language from the switcher's cookie, or from the page one came from: the visitor's own.
  const chosen = await anon.get('/angebote', { headers: { Cookie: 'lng=uk' } });
  expect(chosen.headers()['cache-control']).toBe('private, no-cache');
  const referred = await anon.get('/angebote', { headers: { Referer: `${baseURL}/beratung?lng=ar` } });
  expect(referred.headers()['cache-control']).toBe('private, no-cache');
});

test('every page of a signed-in person is private, no-store — the public ones too', async ({ baseURL }) => {
  const pages = {
    citizen: [
      '/konto',
      '/konto/selbsteinschaetzungen',
      '/konto/email',
      '/konto/passwort',
      '/konto/loeschen',
      '/konto/zwei-faktor',
      '/konto/faelle',
      '/konto/daten.json',
    ],
    providerOwner: [
      '/anbieterbereich',
      '/anbieterbereich/angebote/neu',
      '/anbieterbereich/organisation',
      '/anbieterbereich/team',
      '/anbieterbereich/import',
    ],
  } as const;
  for (const [role, own] of Object.entries(pages) as [keyof typeof pages, readonly string[]][]) {
    const ctx = await signedInRequest(baseURL!, role);
    for (const path of [...own, ...publicPages(), '/beratung/termin']) {
      const response = await ctx.get(path, { maxRedirects: 0 });
      expect(response.status(), `${role} ${path}`).toBe(200);
      // The data download sets its own `no-store` (no cache at all keeps it either).
      if (path.endsWith('.json')) expect(response.headers()['cache-control'], path).toBe('no-store');
      else expect(response.headers()['cache-control'], `${role} ${path}`).toBe('private, no-store');
    }
    await ctx.dispose();
  }
});
