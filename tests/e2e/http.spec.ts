import { expect, test } from '@playwright/test';

// Plain HTTP checks (no page to audit with axe here: these responses are not HTML pages).

test('a POST with a foreign Origin is refused with 403', async ({ request }) => {
  const foreign = await request.post('/', { headers: { Origin: 'https://evil.example' }, form: { a: '1' } });
  expect(foreign.status()).toBe(403);
  expect(foreign.headers()['content-type']).toContain('application/problem+json');
});

test('a POST from our own origin passes the Origin check', async ({ request, baseURL }) => {
  const own = await request.post('/', { headers: { Origin: baseURL! }, form: { a: '1' } });
  // The home page has no action: Remix answers 405, which shows the request got past the check.
  expect(own.status()).toBe(405);
});

test('/healthz reports the database and the search engine', async ({ request }) => {
  const response = await request.get('/healthz');
  expect(response.status()).toBe(200);
  expect(response.headers()['cache-control']).toBe('no-store');
  const body = await response.json();
  expect(body).toMatchObject({ status: 'ok', database: { status: 'ok' }, search: { engine: 'postgres' } });
});

test('translations are served for the browser', async ({ request }) => {
  const response = await request.get('/locales/ar/common.json');
  expect(response.status()).toBe(200);
  expect((await response.json()).skipLink).toBeTruthy();
  expect((await request.get('/locales/xx/common.json')).status()).toBe(404);
});
