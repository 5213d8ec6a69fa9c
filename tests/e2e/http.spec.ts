import http from 'node:http';
import { type APIRequestContext, expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';

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

// --- Reliability (issue 15) ---

/** Sends `bytes` of zeros (streamed, never held in memory) and resolves with the status once the answer's head arrives. */
function postHuge(
  baseURL: string,
  path: string,
  bytes: number,
  headers: Record<string, string>,
): Promise<{ status: number; ms: number; contentType: string }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const chunk = Buffer.alloc(64 * 1024);
    let sent = 0;
    let answered = false;
    const req = http.request(`${baseURL}${path}`, { method: 'POST', headers }, (res) => {
      answered = true;
      res.resume();
      resolve({
        status: res.statusCode ?? 0,
        ms: Date.now() - started,
        contentType: res.headers['content-type'] ?? '',
      });
    });
    // The server closes the connection after its 413: writing further fails, which is expected.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && sent < bytes) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered) req.end();
    };
    pump();
  });
}

async function residentMemory(request: APIRequestContext): Promise<number> {
  const text = await (await request.get('/metrics')).text();
  return Number(/^process_resident_memory_bytes (\d+)$/m.exec(text)![1]);
}

test('a 100 MB body gets 413 within a second, before it is read, and the server keeps its memory', async ({
  request,
  baseURL,
}) => {
  const before = await residentMemory(request);
  const MB100 = 100 * 1024 * 1024;
  const answers = await Promise.all([
    postHuge(baseURL!, '/api/v1/counselling/appointments', MB100, {
      'Content-Type': 'application/json',
      'Content-Length': String(MB100),
    }),
    // Five form posts at once, as in the report; two of them chunked (no length to go by).
    ...[0, 1, 2].map(() =>
      postHuge(baseURL!, '/beratung/termin/daten', MB100, {
        'Content-Type': 'application/x-www-form-urlencoded',
        'Content-Length': String(MB100),
      }),
    ),
    ...[0, 1].map(() =>
      postHuge(baseURL!, '/registrieren', MB100, {
        'Content-Type': 'application/x-www-form-urlencoded',
        'Transfer-Encoding': 'chunked',
      }),
    ),
  ]);
  for (const answer of answers) {
    expect(answer.status).toBe(413);
    expect(answer.ms).toBeLessThan(1000);
  }
  expect(answers[0]!.contentType).toContain('application/problem+json');
  expect(answers[1]!.contentType).toContain('text/html');
  // Meanwhile the server answers everyone else.
  expect((await request.get('/healthz/ready')).status()).toBe(200);
  const after = await residentMemory(request);
  expect(after - before).toBeLessThan(50 * 1024 * 1024);
});

test('a form just over 64 kB gets the translated 413 page, accessible, right-to-left in Arabic', async ({
  page,
}) => {
  await page.goto('/beratung?lng=ar');
  // A plain form post from the browser, as without JavaScript.
  await page.evaluate(() => {
    const form = document.createElement('form');
    form.method = 'post';
    form.action = '/beratung/termin/daten?lng=ar';
    const field = document.createElement('textarea');
    field.name = 'message';
    field.value = 'x'.repeat(70 * 1024);
    form.append(field);
    document.body.append(form);
    form.submit();
  });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('البيانات كبيرة جدًا');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expectNoAxeViolations(page);
});

test('OPTIONS is answered without a body everywhere, with Allow (and CORS on the open API)', async ({
  request,
}) => {
  const exportOptions = await request.fetch('/api/v1/export/offers.xml', { method: 'OPTIONS' });
  expect(exportOptions.status()).toBe(204);
  expect((await exportOptions.body()).length).toBe(0);
  expect(exportOptions.headers().allow).toBe('GET, HEAD, OPTIONS');
  expect(exportOptions.headers()['access-control-allow-origin']).toBe('*');
  const page = await request.fetch('/angebote', { method: 'OPTIONS' });
  expect(page.status()).toBe(204);
  expect((await page.body()).length).toBe(0);
  expect(page.headers().allow).toBe('GET, HEAD, POST, OPTIONS');
  expect(page.headers()['access-control-allow-origin']).toBeUndefined();
});

test('TRACE gets 405 with Allow, never a 500', async ({ request }) => {
  const api = await request.fetch('/api/v1/offers', { method: 'TRACE' });
  expect(api.status()).toBe(405);
  expect(api.headers().allow).toBe('GET, HEAD, OPTIONS');
  expect(api.headers()['content-type']).toContain('application/problem+json');
  const page = await request.fetch('/angebote', { method: 'TRACE' });
  expect(page.status()).toBe(405);
  expect(page.headers()['content-type']).toContain('text/html');
});

test('liveness and readiness for the balancer, metrics for operators only', async ({ request }) => {
  const live = await request.get('/healthz/live');
  expect(live.status()).toBe(200);
  expect(await live.json()).toEqual({ status: 'ok' });
  const ready = await request.get('/healthz/ready');
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toMatchObject({
    status: 'ok',
    database: { status: 'ok' },
    search: { ready: true },
  });

  await request.get('/angebote');
  const metrics = await request.get('/metrics');
  expect(metrics.status()).toBe(200);
  expect(metrics.headers()['content-type']).toContain('text/plain; version=0.0.4');
  const text = await metrics.text();
  expect(text).toMatch(
    /^wegweiser_http_requests_total\{method="GET",route="\/angebote",status="200"\} \d+$/m,
  );
  expect(text).toMatch(/^wegweiser_db_up 1$/m);
  expect(text).toMatch(/^wegweiser_search_index_version \d+$/m);
  expect(text).toMatch(/^wegweiser_jobs_failed_24h|^# TYPE wegweiser_jobs_failed_24h gauge$/m);
  expect(text).toMatch(/^wegweiser_db_pool_connections\{state="idle"\} \d+$/m);
  // Through a proxy it is nobody's business.
  const proxied = await request.get('/metrics', { headers: { 'X-Forwarded-For': '203.0.113.7' } });
  expect(proxied.status()).toBe(404);
});

test('no page contains a NUL byte (German, Arabic, Ukrainian and Turkish offer pages among them)', async ({
  request,
}) => {
  test.setTimeout(120_000);
  const ids: number[] = [];
  for (const page of [1, 2]) {
    const found = await (await request.get(`/api/v1/offers?perPage=100&page=${page}`)).json();
    ids.push(...(found.hits as { id: number }[]).map((h) => h.id));
  }
  expect(ids.length).toBeGreaterThan(100);
  const paths = [
    ...ids.map((id, i) => `/angebote/${id}?lng=${['ar', 'de', 'uk', 'tr'][i % 4]}`),
    ...['/', '/angebote', '/beratung', '/orientierung', '/selbsteinschaetzung', '/impressum'].flatMap((p) =>
      ['de', 'ar', 'ru', 'ls'].map((lng) => `${p}?lng=${lng}`),
    ),
  ];
  const withNul: string[] = [];
  for (const path of paths) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    if ((await response.body()).includes(0)) withNul.push(path);
  }
  expect(withNul).toEqual([]);
});
