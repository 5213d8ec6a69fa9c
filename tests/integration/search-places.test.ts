import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cataloguePlaces } from '../../db/queries/search.server';
import { createTestDatabase, type TestDatabase } from '../setup/database';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  // One offer with 40,000 runs at 30 venues in 30 districts (and one venue in a town that is
  // no district): enough runs that a NOT IN over every run's district no longer fits a
  // hash in the smallest work_mem.
  const [provider] = await db.sql<{ id: number }[]>`
    insert into providers (slug, name, kind, status) values ('viele-orte', 'Viele Orte', 'vhs', 'approved')
    returning id::int as id`;
  const venues = await db.sql<{ id: number }[]>`
    insert into venues (provider_id, name, street, postcode, city, district, latitude, longitude)
    select ${provider!.id}, 'Ort ' || i, 'Weg ' || i, '34117', case when i = 0 then 'Baunatal' else 'Kassel' end,
           case when i = 0 then null else 'Bezirk ' || i end, 51.3, 9.5
    from generate_series(0, 30) i returning id::int as id`;
  const [offer] = await db.sql<{ id: number }[]>`
    insert into offers (provider_id, title, category, status)
    values (${provider!.id}, 'Deutsch überall', 'deutsch_integration', 'published') returning id::int as id`;
  await db.sql`
    insert into runs (offer_id, venue_id, starts_on)
    select ${offer!.id}, (${venues.map((v) => v.id)}::bigint[])[1 + i % 31], date '2026-12-01'
    from generate_series(1, 40000) i`;
  await db.sql`select search_refresh_offers(${[offer!.id]}::bigint[])`;
});
afterAll(async () => {
  await db.drop();
});

describe('catalogue places at scale', () => {
  it('lists the districts and the other towns of a large catalogue in one pass', async () => {
    const places = await db.sql.begin(async (tx) => {
      // The smallest memory and a deadline: a plan that compares every run with every run
      // (the NOT IN over all runs' districts did at a million offers) cannot finish in time.
      await tx`set local work_mem = '64kB'`;
      await tx`set local statement_timeout = '5s'`;
      return cataloguePlaces(tx);
    });
    expect(places.districts).toHaveLength(30);
    expect(places.districts[0]).toBe('Bezirk 1');
    expect(places.cities).toEqual(['Baunatal', 'Kassel']);
  });
});
