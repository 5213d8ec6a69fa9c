import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoaderFunctionArgs } from '@remix-run/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../app/api/openapi';
import {
  exportResponse,
  streamCatalogueExport,
  streamProviderExport,
} from '../../app/modules/catalogue/export/export.server';
import { importOpenVhs } from '../../app/modules/catalogue/import/apply.server';
import { parseOpenVhs } from '../../app/modules/catalogue/import/openvhs';
import * as jsonLdRoute from '../../app/routes/api.v1.export.offers[.jsonld]';
import * as xmlRoute from '../../app/routes/api.v1.export.offers[.xml]';
import { AppError } from '../../app/utils/errors';
import { type Sql, setSql } from '../../db/client.server';
import { listCatalogueProviderIds, readExportOffers } from '../../db/queries/export.server';
import { seedDemoData } from '../../db/seed/seed';
import { createTestDatabase, type TestDatabase } from '../setup/database';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURES = path.join(ROOT, 'tests/fixtures/berlin-vhs-2025');
const BERLIN = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.xml'))
  .sort();
const BASE = 'https://wegweiser.example';

let db: TestDatabase;
let empty: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  empty = await createTestDatabase();
  // The routes use the process-wide pool: the filled database.
  setSql(db.sql);
  await seedDemoData(db.sql, { offers: 80, baseDate: '2026-11-24' });
  for (const file of BERLIN) {
    const result = await importOpenVhs(db.sql, parseOpenVhs(readFileSync(path.join(FIXTURES, file), 'utf8')));
    expect(result.rejected).toBe(0);
  }
  // Make sure every kind of hidden offer is there: a draft, an archived offer, and published
  // offers of a suspended and of a pending provider.
  const published = await db.sql<{ id: number; provider_id: number }[]>`
    select o.id, o.provider_id from offers o join providers p on p.id = o.provider_id
    where o.status = 'published' and p.status = 'approved' and p.external_ref is null
    order by o.id`;
  await db.sql`update offers set status = 'draft' where id = ${published[0]!.id}`;
  await db.sql`update offers set status = 'archived' where id = ${published[1]!.id}`;
  const [suspended] = await db.sql<{ id: number }[]>`
    update providers set status = 'suspended'
    where id = (select id from providers where external_ref = 'vhs-berlin-marzahn-hellersdorf') returning id`;
  expect(suspended).toBeDefined();
  const [pending] = await db.sql<{ id: number }[]>`
    update providers set status = 'pending'
    where id = (select id from providers where external_ref = 'vhs-berlin-treptow-koepenick') returning id`;
  expect(pending).toBeDefined();
}, 180_000);

afterAll(async () => {
  await db?.drop();
  await empty?.drop();
});

async function publicOfferIds(sql: Sql): Promise<number[]> {
  const rows = await sql<{ id: number }[]>`
    select o.id from offers o join providers p on p.id = o.provider_id
    where o.status = 'published' and p.status = 'approved' order by o.id`;
  return rows.map((r) => r.id);
}

const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);
const idOf = (url: string) => Number(url.slice(url.lastIndexOf('/') + 1));
// The export routes read nothing from the load context.
const context = {} as LoaderFunctionArgs['context'];

describe('public catalogue exports', () => {
  it('holds exactly one schema.org Course per published offer of an approved provider', async () => {
    const [count] = await db.sql<{ n: number }[]>`
      select count(*)::int as n from offers o join providers p on p.id = o.provider_id
      where o.status = 'published' and p.status = 'approved'`;
    const hidden = await db.sql<{ id: number; offer: string; provider: string }[]>`
      select o.id, o.status as offer, p.status as provider from offers o join providers p on p.id = o.provider_id
      where o.status <> 'published' or p.status <> 'approved'`;
    expect(count!.n).toBeGreaterThan(1500);
    // Drafts, archived offers, and published offers of suspended and of pending providers.
    expect(new Set(hidden.map((h) => h.offer))).toEqual(new Set(['draft', 'archived', 'published']));
    expect(new Set(hidden.map((h) => h.provider))).toEqual(new Set(['approved', 'suspended', 'pending']));

    // Small batches: the keyset pagination must neither skip nor repeat an offer.
    const exported = await streamCatalogueExport('jsonld', { baseUrl: BASE, sql: db.sql, batchSize: 37 });
    expect(exported.contentType).toBe('application/ld+json; charset=utf-8');
    const doc = JSON.parse(await new Response(exported.body).text());
    expect(doc['@context']).toBe('https://schema.org');
    const graph = doc['@graph'] as { '@type': string; '@id': string; name: string }[];
    expect(graph).toHaveLength(count!.n);
    expect(graph.every((c) => c['@type'] === 'Course' && c.name.length > 1)).toBe(true);
    const ids = graph.map((c) => idOf(c['@id']));
    expect(new Set(ids).size).toBe(ids.length);
    expect(sorted(ids)).toEqual(await publicOfferIds(db.sql));
    const hiddenIds = new Set(hidden.map((h) => h.id));
    expect(ids.filter((id) => hiddenIds.has(id))).toEqual([]);
  });

  it('reads the catalogue batch by batch, grouped by provider', async () => {
    const seen: number[] = [];
    let batches = 0;
    let providerChanges = 0;
    let lastProvider = 0;
    const done = new Set<number>();
    const providerIds = await listCatalogueProviderIds(db.sql);
    for await (const batch of readExportOffers(db.sql, { kind: 'catalogue' }, providerIds, 50)) {
      batches++;
      expect(batch.length).toBeLessThanOrEqual(50);
      for (const offer of batch) {
        if (offer.provider.id !== lastProvider) {
          // A provider's offers come together: never back to one already finished.
          expect(done.has(offer.provider.id)).toBe(false);
          if (lastProvider) done.add(lastProvider);
          lastProvider = offer.provider.id;
          providerChanges++;
        }
        seen.push(offer.id);
      }
    }
    expect(sorted(seen)).toEqual(await publicOfferIds(db.sql));
    expect(batches).toBeGreaterThan(seen.length / 50);
    expect(providerChanges).toBeGreaterThan(10);
  });

  it('writes the catalogue as one Open-vhs file with a record per scheduled run', async () => {
    const exported = await streamCatalogueExport('xml', { baseUrl: BASE, sql: db.sql, batchSize: 64 });
    expect(exported.contentType).toBe('application/xml; charset=utf-8');
    const xml = await new Response(exported.body).text();
    const parsed = parseOpenVhs(xml);
    expect(parsed.rejected).toEqual([]);
    expect(parsed.provider.externalRef).toBe(BASE);

    const [expected] = await db.sql<{ n: number }[]>`
      select coalesce(sum(greatest(1, (select count(*) from runs r where r.offer_id = o.id and r.status = 'scheduled'))), 0)::int as n
      from offers o join providers p on p.id = o.provider_id
      where o.status = 'published' and p.status = 'approved'`;
    expect(parsed.offers).toHaveLength(expected!.n);
    const offerIds = new Set(parsed.offers.map((o) => Number(o.external_id.split('-')[1])));
    expect(sorted([...offerIds])).toEqual(await publicOfferIds(db.sql));
    // Each record names its provider; there are as many as approved providers with offers.
    const providers = new Set(
      [...xml.matchAll(/<wegweiser:guid>([^<]+)<\/wegweiser:guid>/g)].map((m) => m[1]),
    );
    const [withOffers] = await db.sql<{ n: number }[]>`
      select count(distinct o.provider_id)::int as n from offers o join providers p on p.id = o.provider_id
      where o.status = 'published' and p.status = 'approved'`;
    expect(providers.size).toBe(withOffers!.n);
  });

  it('answers the routes with streamed bodies, the right headers, CORS and nothing for HEAD', async () => {
    const cases = [
      { route: jsonLdRoute, path: 'offers.jsonld', type: 'application/ld+json; charset=utf-8' },
      { route: xmlRoute, path: 'offers.xml', type: 'application/xml; charset=utf-8' },
    ];
    for (const { route, path: file, type } of cases) {
      const url = `http://localhost/api/v1/export/${file}`;
      const response = await route.loader({ request: new Request(url), params: {}, context });
      expect(response.status).toBe(200);
      expect(response.headers.get('Content-Type')).toBe(type);
      expect(response.headers.get('Content-Disposition')).toMatch(
        /^inline; filename="wegweiser-angebote\.(jsonld|xml)"$/,
      );
      expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
      expect(response.headers.get('Cache-Control')).toBe('public, max-age=300');
      expect(response.body).toBeInstanceOf(ReadableStream);
      const text = await response.text();
      expect(text.length).toBeGreaterThan(100_000);
      if (file.endsWith('.jsonld')) {
        const graph = JSON.parse(text)['@graph'];
        expect(graph).toHaveLength((await publicOfferIds(db.sql)).length);
        expect(graph[0]['@id']).toMatch(/^http:\/\/localhost\/angebote\/\d+$/);
      } else {
        expect(parseOpenVhs(text).rejected).toEqual([]);
      }

      const head = await route.loader({ request: new Request(url, { method: 'HEAD' }), params: {}, context });
      expect(head.status).toBe(200);
      expect(head.headers.get('Content-Type')).toBe(type);
      expect(head.body).toBeNull();

      const post = await route.action({ request: new Request(url, { method: 'POST' }), params: {}, context });
      expect(post.status).toBe(405);
      const options = await route.action({
        request: new Request(url, { method: 'OPTIONS' }),
        params: {},
        context,
      });
      expect(options.status).toBe(204);
    }
    const paths = Object.keys(openApiDocument(BASE).paths);
    expect(paths).toEqual(expect.arrayContaining(['/export/offers.jsonld', '/export/offers.xml']));
  });
});

describe('provider exports', () => {
  it('hold every offer of the provider except archived ones, drafts included', async () => {
    const [provider] = await db.sql<{ provider_id: number }[]>`
      select provider_id from offers where status = 'draft' order by id limit 1`;
    const providerId = provider!.provider_id;
    const rows = await db.sql<{ id: number; status: string }[]>`
      select id, status from offers where provider_id = ${providerId} order by id`;
    const expected = rows.filter((r) => r.status !== 'archived').map((r) => r.id);
    expect(rows.some((r) => r.status === 'draft')).toBe(true);

    const exported = await streamProviderExport(providerId, 'jsonld', {
      baseUrl: BASE,
      sql: db.sql,
      batchSize: 3,
    });
    expect(exported.filename).toMatch(/^angebote-[a-z0-9-]+\.jsonld$/);
    const graph = JSON.parse(await new Response(exported.body).text())['@graph'] as { '@id': string }[];
    expect(graph.map((c) => idOf(c['@id']))).toEqual(expected);

    await expect(streamProviderExport(999_999, 'xml', { baseUrl: BASE, sql: db.sql })).rejects.toThrow(
      AppError,
    );

    // As a staff route would answer it: private, no CORS.
    const staff = exportResponse(
      new Request('http://localhost/anbieterbereich/export.xml'),
      await streamProviderExport(providerId, 'xml', { baseUrl: BASE, sql: db.sql }),
      { cors: false, headers: { 'Cache-Control': 'private, no-store' } },
    );
    expect(staff.headers.get('Access-Control-Allow-Origin')).toBeNull();
    expect(staff.headers.get('Content-Disposition')).toMatch(/^inline; filename="angebote-[a-z0-9-]+\.xml"$/);
    expect(parseOpenVhs(await staff.text()).offers.length).toBeGreaterThanOrEqual(expected.length);
  });

  it('round-trips Open-vhs providers: export, import into an empty database, the same offers', async () => {
    const providers = await db.sql<{ id: number; external_ref: string }[]>`
      select id, external_ref from providers where external_ref is not null order by external_ref`;
    expect(providers).toHaveLength(BERLIN.length);
    for (const provider of providers) {
      const exported = await streamProviderExport(provider.id, 'xml', { baseUrl: BASE, sql: db.sql });
      const parsed = parseOpenVhs(await new Response(exported.body).text());
      expect(parsed.rejected).toEqual([]);
      const result = await importOpenVhs(empty.sql, parsed);
      expect(result).toMatchObject({ updated: 0, archived: 0, rejected: 0, errors: [] });
      expect(await snapshot(empty.sql, provider.external_ref)).toEqual(
        await snapshot(db.sql, provider.external_ref),
      );
    }
    const [count] = await empty.sql<{ n: number }[]>`select count(*)::int as n from offers`;
    expect(count!.n).toBe(1681);
    // Imported again, the export changes nothing: the provider's own guids are kept.
    const again = await streamProviderExport(providers[0]!.id, 'xml', { baseUrl: BASE, sql: db.sql });
    const second = await importOpenVhs(empty.sql, parseOpenVhs(await new Response(again.body).text()));
    expect(second).toMatchObject({ created: 0, updated: 0, archived: 0 });
  });

  it('round-trips providers entered here: each run comes back as an offer with the same facts', async () => {
    // The approved demo provider with the most runs (some offers having several), and the one
    // with the most further-training measures.
    const providers = await db.sql<{ id: number }[]>`
      (select o.provider_id as id from offers o join runs r on r.offer_id = o.id
       join providers p on p.id = o.provider_id
       where p.external_ref is null and p.status = 'approved' and o.status <> 'archived'
       group by o.provider_id having count(*) > count(distinct o.id)
       order by count(*) desc, o.provider_id limit 1)
      union
      (select o.provider_id from offers o join providers p on p.id = o.provider_id
       where p.external_ref is null and p.status = 'approved' and o.category = 'berufliche_weiterbildung'
       group by o.provider_id order by count(*) desc, o.provider_id limit 1)`;
    expect(providers).toHaveLength(2);
    // What Open-vhs cannot carry (see app/modules/catalogue/export/openvhs.server.ts): categories
    // outside the DVV areas, and prices of 10,000 € and more, which importers take for typos.
    const carried = (f: RunFacts): RunFacts => ({
      ...f,
      category: f.category === 'berufliche_weiterbildung' ? 'arbeit_beruf_digitales' : f.category,
      price_cents: f.price_cents !== null && f.price_cents >= 1_000_000 ? null : f.price_cents,
    });
    const all: RunFacts[] = [];
    for (const provider of providers) {
      const exported = await streamProviderExport(provider.id, 'xml', { baseUrl: BASE, sql: db.sql });
      const parsed = parseOpenVhs(await new Response(exported.body).text());
      expect(parsed.rejected).toEqual([]);
      const target = await createTestDatabase();
      setSql(db.sql);
      try {
        const before = await runFacts(db.sql, provider.id);
        const result = await importOpenVhs(target.sql, parsed);
        expect(result).toMatchObject({ created: before.length, rejected: 0, errors: [] });
        const [imported] = await target.sql<{ id: number }[]>`select id from providers`;
        expect(await runFacts(target.sql, imported!.id)).toEqual(before.map(carried));
        all.push(...before);
      } finally {
        await target.drop();
      }
    }
    expect(new Set(all.map((f) => f.format))).toEqual(new Set(['in_person', 'online', 'hybrid']));
    expect(all.some((f) => f.category === 'berufliche_weiterbildung')).toBe(true);
    expect(all.some((f) => f.category === 'beratung')).toBe(false);
  });
});

interface RunFacts {
  guid: string;
  title: string;
  category: string;
  language: string;
  cefr_level: string | null;
  starts_on: string | null;
  ends_on: string | null;
  session_count: number | null;
  format: string;
  price_cents: number | null;
  sessions: [string, string][] | null;
}

/**
 * One row per scheduled run (or per offer without one) of the provider's not archived offers:
 * the facts the issue asks an export to keep. Keyed by the run's guid in the export, which is
 * the imported offer's external id.
 */
async function runFacts(sql: Sql, providerId: number): Promise<RunFacts[]> {
  return sql<RunFacts[]>`
    select case when (select count(*) from runs x where x.offer_id = o.id and x.status = 'scheduled') > 1
                then r.external_id else o.external_id end as guid,
           o.title, o.category, o.language, o.cefr_level, r.starts_on::text, r.ends_on::text, r.session_count,
           r.format, r.price_cents,
           (select json_agg(json_build_array(s.starts_at, s.ends_at) order by s.starts_at)
            from run_sessions s where s.run_id = r.id) as sessions
    from offers o left join runs r on r.offer_id = o.id and r.status = 'scheduled'
    where o.provider_id = ${providerId} and o.status <> 'archived'
    order by 1`;
}

/** Everything an Open-vhs import stores about a provider's offers, in one comparable form. */
async function snapshot(sql: Sql, externalRef: string) {
  return sql`
    select o.external_id, o.status, o.course_number, o.title, o.subtitle, o.summary, o.description, o.category,
           o.keywords, o.target_groups, o.language, o.cefr_level, o.funding, o.website, p.name as provider,
           (select json_agg(json_build_object(
                     'external_id', r.external_id, 'starts_on', r.starts_on, 'ends_on', r.ends_on,
                     'session_count', r.session_count, 'weekdays', r.weekdays,
                     'starts_at', r.starts_at, 'ends_at', r.ends_at, 'time_of_day', r.time_of_day,
                     'format', r.format, 'price_cents', r.price_cents, 'price_note', r.price_note,
                     'seats', r.seats, 'status', r.status,
                     'venue', case when v.id is null then null else json_build_object(
                       'name', v.name, 'street', v.street, 'postcode', v.postcode, 'city', v.city,
                       'district', v.district, 'accessible', v.accessible,
                       'latitude', v.latitude, 'longitude', v.longitude) end,
                     'sessions', (select json_agg(json_build_array(s.starts_at, s.ends_at) order by s.starts_at)
                                  from run_sessions s where s.run_id = r.id))
                   order by r.id)
            from runs r left join venues v on v.id = r.venue_id where r.offer_id = o.id) as runs
    from offers o join providers p on p.id = o.provider_id
    where p.external_ref = ${externalRef}
    order by o.external_id`;
}
