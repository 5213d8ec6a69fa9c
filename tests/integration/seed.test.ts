import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../db/seed/seed';
import { createTestDatabase, type TestDatabase } from '../setup/database';

let a: TestDatabase;
let b: TestDatabase;
beforeAll(async () => {
  a = await createTestDatabase();
  b = await createTestDatabase();
});
afterAll(async () => {
  await a.drop();
  await b.drop();
});

const options = { seed: 11, offers: 400, baseDate: '2026-11-24' };

async function fingerprint(db: TestDatabase) {
  return db.sql`
    select o.title, o.category, o.status, p.slug, count(r.id)::int as runs, min(r.starts_on)::text as first
    from offers o join providers p on p.id = o.provider_id left join runs r on r.offer_id = o.id
    group by o.id, p.slug order by o.external_id`;
}

describe('demo seed', () => {
  it('fills the catalogue and the counselling set-up in the demo region', async () => {
    const result = await seedDemoData(a.sql, options);
    expect(result.seeded).toBe(true);
    expect(result.counts).toMatchObject({ offers: 400, topics: 6, offices: 3, counsellors: 12 });
    expect(result.counts.providers).toBeGreaterThanOrEqual(35);
    // Every venue sits in the city or county of Kassel.
    const [far] = await a.sql`
      select count(*)::int as n from venues
      where latitude not between 51.1 and 51.7 or longitude not between 9.0 and 9.8`;
    expect(far!.n).toBe(0);
    // Session times are Europe/Berlin wall-clock times, whatever the offset that day.
    const [odd] = await a.sql`
      select count(*)::int as n from run_sessions s join runs r on r.id = s.run_id
      where (s.starts_at at time zone 'Europe/Berlin')::time <> r.starts_at`;
    expect(odd!.n).toBe(0);
  });

  it('does nothing on a second run (no duplicates after a restart)', async () => {
    const before = await seedDemoData(a.sql, options);
    expect(before.seeded).toBe(false);
    const again = await seedDemoData(a.sql, options);
    expect(again.counts).toEqual(before.counts);
  });

  it('gives the same data for the same seed in another database', async () => {
    await seedDemoData(b.sql, options);
    expect(await fingerprint(b)).toEqual(await fingerprint(a));
  });
});
