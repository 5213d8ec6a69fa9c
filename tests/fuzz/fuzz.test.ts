import { chmod, mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../setup/free-port';
import { type ServerProcess, startServer, waitForHealthy } from '../setup/server-process';

/**
 * The fuzz suite (`npm run test:fuzz`, part of `npm test`): property-based requests with
 * fast-check against a real built server and its own embedded PostgreSQL. Every operation of
 * the served OpenAPI document gets its parameters and body generated from the documented
 * schemas, mixed with garbage; the main forms (search, booking steps, sign-in, registration,
 * self-assessment, the provider's offer editor) get their fields the same way. Property: the
 * status is one the operation documents (the API) or a form's usual answers — never a 5xx.
 * It prints the request count and the status histogram (`FUZZ-FIGURES …`).
 *
 * `FUZZ_SEED` replays a run (fast-check prints the seed of a failing one); `FUZZ_SCALE`
 * multiplies the number of runs (default 1: a little over 5,000 requests).
 */
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 2 ** 31;
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
/** Requests of one property run, sent at once: the server sees some concurrency. */
const BATCH = 6;

let dataDir: string;
let baseUrl: string;
let server: ServerProcess;

const histogram = new Map<string, Map<number, number>>();
let total = 0;

// ---- what the server offers to aim at --------------------------------------------------

type Json = Record<string, unknown>;
let openapi: { paths: Record<string, Record<string, Operation>> };
let topics: string[] = [];
const starts: string[] = [];
let offerIds: number[] = [];
const tokens: string[] = [];
let providerCookie = '';

interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, unknown>;
}
interface Parameter {
  name: string;
  in: 'query' | 'path';
  required?: boolean;
  schema: Schema;
}
interface Schema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
}

// ---- generators ------------------------------------------------------------------------

/** Garbage: control characters, odd Unicode, injections, numbers and dates out of range. */
const junk: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\u0007\u001b[0m',
    '\uFEFF',
    '\u202Eevil',
    'null',
    'undefined',
    '-1',
    '0',
    '1e309',
    'NaN',
    '9'.repeat(40),
    '<script>alert(1)</script>',
    "' or 1=1--",
    '%',
    '%00',
    '../../etc/passwd',
    '2026-02-31',
    '2026-1-1',
    '1',
    '2099-01-05',
    '0000-01-01',
    '275760-09-13',
    '2099-01-05T10:00:00+01:00',
    '2027-03-29T09:00:00+99:00',
    'x'.repeat(5000),
  ),
);

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const dateArb = fc
  .date({ min: new Date('2019-01-01T00:00:00Z'), max: new Date('2045-12-31T00:00:00Z'), noInvalidDate: true })
  .map(isoDay);
const instantArb = fc
  .date({ min: new Date('2019-01-01T00:00:00Z'), max: new Date('2045-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

/** A value as the schema documents it. */
function valid(schema: Schema, name = ''): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1_000_000, max: schema.maximum ?? 1_000_000 });
    case 'number':
      return fc.double({ noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(valid(schema.items ?? {}), { maxLength: 4 });
    case 'object':
      return objectOf(schema, valid);
    default:
      if (schema.format === 'date') return dateArb;
      if (schema.format === 'date-time')
        return name === 'start' && starts.length
          ? fc.oneof(fc.constantFrom(...starts), instantArb)
          : instantArb;
      if (schema.format === 'email') return fc.emailAddress();
      if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
      return fc.string({ maxLength: schema.maxLength ?? 60 });
  }
}

/** A documented value, one the server knows where that matters. */
function documented(schema: Schema, name = ''): fc.Arbitrary<unknown> {
  return known(name) ?? valid(schema, name);
}

/** The documented value most of the time, garbage (or a wrong type) otherwise. */
function fuzzed(schema: Schema, name = ''): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: known(name) ?? valid(schema, name) },
    { weight: 2, arbitrary: junk },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  );
}

/** Values the running server knows (topics, slots), so requests get past "unknown". */
function known(name: string): fc.Arbitrary<unknown> | undefined {
  if (name === 'topic' && topics.length) return fc.constantFrom(...topics);
  if (name === 'start' && starts.length) return fc.constantFrom(...starts);
  if (name === 'phone') return fc.constantFrom('+49 561 1234567', '0561 987654', '+4915112345678');
  if (name === 'name') return fc.constantFrom('Ada Muster', 'Ömer Yılmaz', 'Олена Коваль', 'نور');
  if (name === 'language' || name === 'locale') return fc.constantFrom('de', 'en', 'ar', 'tr', 'uk', 'ru');
  if (name === 'office') return fc.constantFrom('mitte', 'rathaus', 'nord', 'x');
  return undefined;
}

function objectOf(schema: Schema, each: (s: Schema, name: string) => fc.Arbitrary<unknown>) {
  const required = new Set(schema.required ?? []);
  const props = Object.entries(schema.properties ?? {});
  return fc
    .tuple(
      ...props.map(([name, s]) =>
        required.has(name)
          ? fc.option(each(s, name), { freq: 12, nil: undefined })
          : fc.option(each(s, name), { freq: 2, nil: undefined }),
      ),
    )
    .map((values) => {
      const out: Json = {};
      props.forEach(([name], i) => {
        if (values[i] !== undefined) out[name] = values[i];
      });
      return out;
    });
}

/** Query parameters as a browser or client would send them (arrays repeated). */
function toParams(values: Json): URLSearchParams {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) {
    for (const x of Array.isArray(v) ? v : [v])
      params.append(k, typeof x === 'string' ? x : JSON.stringify(x));
  }
  return params;
}

// ---- sending and counting --------------------------------------------------------------

interface Sent {
  label: string;
  method: string;
  url: string;
  body?: string | URLSearchParams;
  headers?: Record<string, string>;
}

async function send(r: Sent): Promise<{ status: number; text: string }> {
  const response = await fetch(`${baseUrl}${r.url}`, {
    method: r.method,
    body: r.body,
    headers: r.headers,
    redirect: 'manual',
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  total++;
  const h = histogram.get(r.label) ?? new Map<number, number>();
  h.set(response.status, (h.get(response.status) ?? 0) + 1);
  histogram.set(r.label, h);
  return { status: response.status, text };
}

/** Runs `runs` batches of generated requests; every status must be in `allowed`. */
async function property(label: string, request: fc.Arbitrary<Sent>, allowed: Set<number>, runs: number) {
  await fc.assert(
    fc.asyncProperty(fc.array(request, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
      const answers = await Promise.all(batch.map(send));
      answers.forEach((a, i) => {
        if (!allowed.has(a.status))
          throw new Error(
            `${label}: ${batch[i]!.method} ${batch[i]!.url} ${String(batch[i]!.body ?? '').slice(0, 300)} → ${a.status} ${a.text.slice(0, 300)}`,
          );
      });
    }),
    { numRuns: Math.max(1, Math.round((runs * SCALE) / BATCH)), seed: SEED, endOnFailure: true },
  );
}

/** Statuses every request may get whatever it is: too large (413), throttled (429). */
const ANYWHERE = [413, 429];
/** A form's page, its errors, a redirect; 405 where a generated URL names a page without a form. */
const FORM_ANSWERS = new Set([200, 302, 303, 400, 404, 405, 409, 410, ...ANYWHERE]);

// ---- the server ------------------------------------------------------------------------

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'wegweiser-fuzz-'));
  await chmod(dataDir, 0o755); // the embedded server runs as the `postgres` user when we are root
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  server = startServer({
    DATA_DIR: dataDir,
    PORT: String(port),
    PG_PORT: String(await freePort()),
    SEED_OFFERS: '120',
    LOG_LEVEL: 'warn',
    // Past the proof-of-work and the rate limits, so the requests reach the deep code.
    ANTI_ABUSE: 'off',
  });
  await waitForHealthy(baseUrl, server);
  openapi = await (await fetch(`${baseUrl}/api/v1/openapi.json`)).json();
  topics = (
    (await (await fetch(`${baseUrl}/api/v1/counselling/topics`)).json()) as { topics: { slug: string }[] }
  ).topics.map((t) => t.slug);
  for (const topic of topics.slice(0, 3)) {
    const slots = (await (
      await fetch(`${baseUrl}/api/v1/counselling/slots?topic=${topic}&channel=phone`)
    ).json()) as {
      slots: { start: string }[];
    };
    starts.push(...slots.slots.slice(0, 10).map((s) => s.start));
  }
  const hits = (await (await fetch(`${baseUrl}/api/v1/offers?perPage=50`)).json()) as {
    hits: { id: number }[];
  };
  offerIds = hits.hits.map((h) => h.id);
  // A few real appointments, so reading and cancelling by token reach a row.
  for (const start of starts.slice(0, 3)) {
    const response = await fetch(`${baseUrl}/api/v1/counselling/appointments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        topic: topics[0],
        channel: 'phone',
        language: 'de',
        start,
        name: 'Fuzz Person',
        phone: `+49 561 ${100000 + tokens.length}`,
        consent: true,
      }),
    });
    if (response.status === 201) tokens.push(((await response.json()) as { token: string }).token);
  }
  const signIn = await fetch(`${baseUrl}/anmelden`, {
    method: 'POST',
    body: new URLSearchParams({ email: 'anbieter@wegweiser.test', password: 'Wegweiser-Demo-2026' }),
    redirect: 'manual',
  });
  providerCookie = (signIn.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
}, 240_000);

afterAll(async () => {
  const statuses: Record<string, Record<number, number>> = {};
  const all = new Map<number, number>();
  for (const [label, h] of histogram) {
    statuses[label] = Object.fromEntries(h);
    for (const [s, n] of h) all.set(s, (all.get(s) ?? 0) + n);
  }
  process.stdout.write(
    `FUZZ-FIGURES ${JSON.stringify({ seed: SEED, requests: total, statuses: Object.fromEntries(all), byOperation: statuses })}\n`,
  );
  if (server && server.child.exitCode === null) {
    server.child.kill('SIGTERM');
    await server.exited;
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}, 60_000);

// ---- the properties --------------------------------------------------------------------

describe('issue 15: the 500s found by fuzzing answer 400 (or an empty, documented answer)', () => {
  it.each([
    ['/api/v1/offers?from=1', 400],
    ['/api/v1/offers?to=0', 400],
    ['/api/v1/offers?from=2026-1-1', 400],
    ['/angebote?from=1', 400],
    ['/angebote?to=0', 400],
    ['/angebote?from=2026-1-1', 400],
    ['/api/v1/counselling/slots?topic=deutsch-integration&from=2099-03-29', 400],
    [
      '/beratung/termin/daten?thema=deutsch-integration&kanal=phone&sprache=de&start=2099-01-05T10:00:00%2B01:00',
      400,
    ],
    ['/beratung/termin?thema=deutsch-integration&kanal=phone&sprache=de&ab=2099-01-05', 200],
  ])('GET %s → %i', async (url, status) => {
    const response = await fetch(`${baseUrl}${url}`, { redirect: 'manual' });
    expect(response.status).toBe(status);
    const text = await response.text();
    if (url.startsWith('/api/')) expect(response.headers.get('content-type')).toMatch(/problem\+json/);
    // The search page shows the translated field error, not the error page.
    if (url.startsWith('/angebote')) expect(text).toContain('Bitte geben Sie ein Datum');
  });

  it('a date after the booking window is an empty, documented answer', async () => {
    const response = await fetch(
      `${baseUrl}/api/v1/counselling/slots?topic=deutsch-integration&from=2027-03-29`,
    );
    expect(response.status).toBe(200);
    expect(((await response.json()) as { slots: unknown[] }).slots).toEqual([]);
  });

  it('a booking start outside 2020–2040 is a 400 on the API and the form', async () => {
    const booking = {
      topic: 'deutsch-integration',
      channel: 'phone',
      language: 'de',
      start: '2099-01-05T10:00:00+01:00',
      name: 'Ada Muster',
      phone: '+49 561 123456',
      consent: true,
    };
    const api = await fetch(`${baseUrl}/api/v1/counselling/appointments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(booking),
    });
    expect(api.status).toBe(400);
    const form = await fetch(
      `${baseUrl}/beratung/termin/daten?thema=deutsch-integration&kanal=phone&sprache=de&start=${encodeURIComponent(booking.start)}`,
      {
        method: 'POST',
        body: new URLSearchParams({ ...booking, consent: 'on' }),
        redirect: 'manual',
      },
    );
    expect(form.status).toBe(400);
  });

  it('a NUL in the booking message: 400 on the API, stripped on the form', async () => {
    const booking = {
      topic: topics[0]!,
      channel: 'phone',
      language: 'de',
      start: starts.at(-1)!,
      name: 'Ada Muster',
      phone: '+49 561 654321',
      message: 'Hallo\u0000Welt',
      consent: true,
    };
    const api = await fetch(`${baseUrl}/api/v1/counselling/appointments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(booking),
    });
    expect(api.status).toBe(400);
    expect(await api.text()).toContain('messageInvalid');
    const form = await fetch(
      `${baseUrl}/beratung/termin/daten?thema=${booking.topic}&kanal=phone&sprache=de&start=${encodeURIComponent(booking.start)}`,
      { method: 'POST', body: new URLSearchParams({ ...booking, consent: 'on' }), redirect: 'manual' },
    );
    // The draft is saved and the check page follows.
    expect(form.status).toBe(302);
    expect(form.headers.get('location')).toMatch(/\/beratung\/termin\/pruefen\?entwurf=/);
  });

  it('TRACE is 405 (ADR 013)', async () => {
    // fetch refuses to send TRACE; node:http does.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = http.request(`${baseUrl}/angebote`, { method: 'TRACE' }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(405);
  });

  it('a NUL in the topic of the details page is a 400, not a database error', async () => {
    const response = await fetch(`${baseUrl}/beratung/termin/daten?thema=%00&kanal=phone&sprache=de&start=x`);
    expect(response.status).toBe(400);
  });
});

describe('property: every documented API operation answers a documented status, never 5xx', () => {
  /** Requests per operation; the search gets the most, the exports (megabytes) the fewest. */
  const RUNS: Record<string, number> = {
    searchOffers: 1200,
    getOffer: 300,
    exportOffersJsonLd: 12,
    exportOffersOpenVhs: 12,
    listCounsellingTopics: 150,
    listCounsellingSlots: 500,
    bookCounsellingAppointment: 500,
    getCounsellingAppointment: 150,
    cancelCounsellingAppointment: 150,
    getCounsellingAppointmentCalendar: 150,
    // The provider API (issue 17): without a key every answer must be its documented 401.
    listProviderReferrals: 100,
    setProviderReferralStatus: 100,
  };

  it('covers every operation of the served document', () => {
    const ids = Object.values(openapi.paths).flatMap((p) => Object.values(p).map((o) => o.operationId));
    expect(ids.sort()).toEqual(Object.keys(RUNS).sort());
  });

  it('each operation with generated parameters and bodies', async () => {
    for (const [template, methods] of Object.entries(openapi.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const params = op.parameters ?? [];
        const pathParams = params.filter((p) => p.in === 'path');
        const queryParams = params.filter((p) => p.in === 'query');
        const pathArb = fc.tuple(
          ...pathParams.map((p) =>
            p.name === 'token'
              ? fc.oneof(
                  ...(tokens.length ? [fc.constantFrom(...tokens)] : []),
                  valid(p.schema) as fc.Arbitrary<string>,
                  junk,
                )
              : p.name === 'id'
                ? fc.oneof(...(offerIds.length ? [fc.constantFrom(...offerIds)] : []), fuzzed(p.schema))
                : fuzzed(p.schema),
          ),
        );
        const querySchema = { properties: Object.fromEntries(queryParams.map((p) => [p.name, p.schema])) };
        // Half the requests as documented (they reach the deep code), half with garbage mixed in.
        const queryArb = fc.oneof(objectOf(querySchema, documented), objectOf(querySchema, fuzzed));
        const bodySchema = op.requestBody?.content['application/json']?.schema;
        const bodyArb: fc.Arbitrary<{ body?: string; type?: string }> = bodySchema
          ? fc.oneof(
              {
                weight: 4,
                arbitrary: objectOf(bodySchema, documented).map((b) => ({ body: JSON.stringify(b) })),
              },
              {
                weight: 4,
                arbitrary: objectOf(bodySchema, fuzzed).map((b) => ({ body: JSON.stringify(b) })),
              },
              { weight: 1, arbitrary: fc.jsonValue().map((b) => ({ body: JSON.stringify(b) })) },
              { weight: 1, arbitrary: junk.map((b) => ({ body: b })) },
              { weight: 1, arbitrary: fc.constant({ body: '{"topic":' }) },
              {
                weight: 1,
                arbitrary: objectOf(bodySchema, fuzzed).map((b) => ({
                  body: toParams(b).toString(),
                  type: 'application/x-www-form-urlencoded',
                })),
              },
            )
          : fc.constant({});
        const request = fc.tuple(pathArb, queryArb, bodyArb).map(([values, query, body]): Sent => {
          let p = template;
          pathParams.forEach((param, i) => {
            // An empty segment is another path (the collection), not this operation.
            p = p.replace(`{${param.name}}`, encodeURIComponent(String(values[i])) || '_');
          });
          const qs = toParams(query).toString();
          return {
            label: op.operationId,
            method: method.toUpperCase(),
            url: `/api/v1${p}${qs ? `?${qs}` : ''}`,
            body: body.body,
            headers:
              body.body !== undefined ? { 'Content-Type': body.type ?? 'application/json' } : undefined,
          };
        });
        const allowed = new Set([...Object.keys(op.responses).map(Number), ...ANYWHERE]);
        await property(op.operationId, request, allowed, RUNS[op.operationId] ?? 100);
      }
    }
  }, 300_000);
});

describe('property: the main forms answer with the page, its errors or a redirect, never 5xx', () => {
  const offersQuery = () => {
    const op = openapi.paths['/offers']!.get!;
    const schema = { properties: Object.fromEntries((op.parameters ?? []).map((p) => [p.name, p.schema])) };
    return fc.oneof(objectOf(schema, documented), objectOf(schema, fuzzed));
  };
  // Built inside the tests: the server's topics and slots are known only then.
  const slotQuery = () =>
    fc.record(
      {
        thema: fc.oneof(fc.constantFrom(...topics), junk),
        kanal: fc.oneof(fc.constantFrom('phone', 'video', 'in_person'), junk),
        stelle: fc.oneof(fc.constantFrom('mitte', 'rathaus'), junk),
        sprache: fc.oneof(fc.constantFrom('de', 'ar', 'en'), junk),
        start: fc.oneof(fc.constantFrom(...starts), instantArb, junk),
        ab: fc.oneof(dateArb, junk),
      },
      { requiredKeys: [] },
    );
  const text = (arb: fc.Arbitrary<string>) =>
    fc.oneof({ weight: 3, arbitrary: arb }, { weight: 2, arbitrary: junk });
  const form = (fields: Record<string, fc.Arbitrary<string | string[]>>) =>
    fc.record(fields, { requiredKeys: [] }).map((v) => toParams(v as Json));

  it('the search page', async () => {
    await property(
      'form:/angebote',
      offersQuery().map((q) => ({ label: 'form:/angebote', method: 'GET', url: `/angebote?${toParams(q)}` })),
      new Set([200, 400, 404, ...ANYWHERE]),
      500,
    );
  });

  it('the booking steps', async () => {
    await property(
      'form:/beratung/termin',
      slotQuery().map((q) => ({
        label: 'form:/beratung/termin',
        method: 'GET',
        url: `/beratung/termin?${toParams(q)}`,
      })),
      FORM_ANSWERS,
      300,
    );
    await property(
      'form:/beratung/termin/daten',
      fc
        .tuple(
          slotQuery(),
          fc.boolean(),
          form({
            topic: text(fc.constantFrom(...topics)),
            channel: text(fc.constantFrom('phone', 'video', 'in_person')),
            office: text(fc.constantFrom('mitte')),
            language: text(fc.constantFrom('de', 'ar')),
            start: text(fc.constantFrom(...starts)),
            name: text(fc.constantFrom('Ada Muster', 'نور')),
            email: text(fc.emailAddress()),
            phone: text(fc.constantFrom('+49 561 1234567')),
            message: text(fc.string({ maxLength: 200 })),
            consent: text(fc.constant('on')),
            website: junk,
            altcha: junk,
            assessment: junk,
            shareAssessment: text(fc.constant('on')),
            offer: text(fc.integer({ min: 1, max: 200 }).map(String)),
            draft: junk,
          }),
        )
        .map(([q, post, body]) => ({
          label: 'form:/beratung/termin/daten',
          method: post ? 'POST' : 'GET',
          url: `/beratung/termin/daten?${toParams(q)}`,
          body: post ? body : undefined,
        })),
      FORM_ANSWERS,
      400,
    );
    await property(
      'form:/beratung/termin/pruefen',
      fc.tuple(junk, form({ intent: text(fc.constant('book')) })).map(([entwurf, body]) => ({
        label: 'form:/beratung/termin/pruefen',
        method: 'POST',
        url: `/beratung/termin/pruefen?entwurf=${encodeURIComponent(entwurf)}`,
        body,
      })),
      FORM_ANSWERS,
      120,
    );
  }, 180_000);

  it('sign-in and registration', async () => {
    await property(
      'form:/anmelden',
      form({
        email: text(fc.constantFrom('buerger@wegweiser.test', 'niemand@example.org')),
        password: text(fc.string({ minLength: 1, maxLength: 30 })),
        redirectTo: text(fc.constantFrom('/konto', '//evil.example', 'https://evil.example/')),
      }).map((body) => ({ label: 'form:/anmelden', method: 'POST', url: '/anmelden', body })),
      FORM_ANSWERS,
      150,
    );
    await property(
      'form:/registrieren',
      form({
        kind: text(fc.constantFrom('citizen', 'provider')),
        displayName: text(fc.constantFrom('Ada Muster', 'Олена')),
        email: text(fc.emailAddress()),
        password: text(fc.string({ minLength: 12, maxLength: 40 })),
        organisation: text(fc.string({ maxLength: 60 })),
        providerKind: text(fc.constantFrom('vhs', 'trainer', 'other')),
        consent: text(fc.constant('on')),
      }).map((body) => ({ label: 'form:/registrieren', method: 'POST', url: '/registrieren', body })),
      FORM_ANSWERS,
      150,
    );
  }, 180_000);

  it('the self-assessment: start and answers', async () => {
    const steps = ['situation', 'ziele', 'rahmen', 'sprachen', 'digital', 'gesundheit', 'ueberblick'];
    const answer = fc.oneof(
      fc.constantFrom(
        'none',
        'abitur',
        'employed',
        'german',
        'evening',
        'free',
        'yes',
        'no',
        'basic',
        'a2_routine',
      ),
      fc.array(fc.constantFrom('german', 'evening', 'new_job', 'a1_words'), { maxLength: 3 }),
      junk,
    ) as fc.Arbitrary<string | string[]>;
    await property(
      'form:/selbsteinschaetzung',
      fc
        .tuple(
          fc.oneof(fc.constant('neu'), fc.stringMatching(/^[a-z2-7]{32}$/), junk),
          fc.oneof(fc.constantFrom(...steps), junk),
          form({
            intent: text(fc.constantFrom('next', 'back', 'later', 'finish')),
            consent: text(fc.constant('on')),
            school: answer,
            employment: answer,
            goals: answer,
            times: answer,
            postcode: text(fc.constantFrom('34117', '10115', '00000')),
            radius: answer,
            german: answer,
            other_language: answer,
            digital_information: answer,
            health_needs: answer,
          }),
          fc.boolean(),
        )
        .map(([token, step, body, start]) =>
          start
            ? {
                label: 'form:/selbsteinschaetzung',
                method: 'POST',
                url: '/selbsteinschaetzung',
                body: new URLSearchParams(),
              }
            : {
                label: 'form:/selbsteinschaetzung',
                method: 'POST',
                url: `/selbsteinschaetzung/${encodeURIComponent(token)}/${encodeURIComponent(step)}`,
                body,
              },
        ),
      FORM_ANSWERS,
      400,
    );
  }, 180_000);

  it("the provider's offer editor", async () => {
    expect(providerCookie).not.toBe('');
    const categories = ['deutsch_integration', 'sprachen', 'gesundheit', 'beratung'];
    await property(
      'form:/anbieterbereich/angebote/neu',
      form({
        title: text(fc.string({ minLength: 2, maxLength: 80 })),
        subtitle: text(fc.string({ maxLength: 80 })),
        summary: text(fc.string({ minLength: 10, maxLength: 200 })),
        description: text(fc.string({ maxLength: 400 })),
        category: text(fc.constantFrom(...categories)),
        kind: text(fc.constantFrom('course', 'measure')),
        language: text(fc.constantFrom('de', 'en', 'ar')),
        cefrLevel: text(fc.constantFrom('', 'A1', 'B2')),
        funding: fc.array(text(fc.constantFrom('bildungsgutschein', 'bildungsurlaub', 'azav')), {
          maxLength: 3,
        }),
        targetGroups: text(fc.string({ maxLength: 60 })),
        keywords: text(fc.string({ maxLength: 60 })),
        website: text(fc.webUrl()),
        entryRequirements: fc.array(text(fc.constantFrom('none', 'school_certificate')), { maxLength: 2 }),
        entryCefrLevel: text(fc.constantFrom('', 'A2')),
        lateEntry: text(fc.constant('on')),
        registrationEmail: text(fc.emailAddress()),
        registrationPhone: text(fc.constantFrom('+49 561 1234567')),
        azavMeasureNumber: text(fc.string({ maxLength: 20 })),
        title_en: text(fc.string({ maxLength: 60 })),
      }).map((body) => ({
        label: 'form:/anbieterbereich/angebote/neu',
        method: 'POST',
        url: '/anbieterbereich/angebote/neu',
        body,
        headers: { Cookie: providerCookie },
      })),
      FORM_ANSWERS,
      250,
    );
  }, 180_000);

  it('sent at least 5,000 generated requests', () => {
    expect(total).toBeGreaterThanOrEqual(5_000 * Math.min(SCALE, 1));
  });
});
