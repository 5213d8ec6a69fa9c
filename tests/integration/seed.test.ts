import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyRows } from '../../db/seed/copy';
import { seedDemoData } from '../../db/seed/seed';
import { createTestDatabase, type TestDatabase } from '../setup/database';

let a: TestDatabase;
let b: TestDatabase;
let c: TestDatabase;
beforeAll(async () => {
  a = await createTestDatabase();
  b = await createTestDatabase();
  c = await createTestDatabase();
});
afterAll(async () => {
  await a.drop();
  await b.drop();
  await c.drop();
});

const options = { seed: 11, offers: 400, baseDate: '2026-11-24' };

async function fingerprint(db: TestDatabase) {
  return db.sql`
    select o.title, o.category, o.status, o.keywords, o.target_groups, o.entry_requirements, o.subtitle,
           md5(o.description) as description, p.slug, count(r.id)::int as runs, min(r.starts_on)::text as first,
           array_agg(r.weekdays::text || r.price_cents::text || coalesce(v.name, '') order by r.external_id) as run_rows,
           (select count(*)::int from run_sessions s join runs sr on sr.id = s.run_id where sr.offer_id = o.id) as sessions
    from offers o join providers p on p.id = o.provider_id
    left join runs r on r.offer_id = o.id left join venues v on v.id = r.venue_id
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

  it('writes the same catalogue in batches, and a stopped batched seed resumes where it stopped', async () => {
    const lines: string[] = [];
    // The seed stops (as a crash would) once the first batch is committed.
    await expect(
      seedDemoData(c.sql, {
        ...options,
        batchOffers: 150,
        progress: (line) => {
          lines.push(line);
          if (line.startsWith('offers 150 ')) throw new Error('stopped');
        },
      }),
    ).rejects.toThrow('stopped');
    const [partial] = await c.sql<{ n: number }[]>`select count(*)::int as n from offers`;
    expect(partial!.n).toBe(150);

    const resumed = await seedDemoData(c.sql, {
      ...options,
      batchOffers: 150,
      progress: (l) => lines.push(l),
    });
    expect(resumed.seeded).toBe(true);
    expect(lines).toContain('resuming at offer 150 of 400');
    expect(resumed.counts).toEqual((await seedDemoData(a.sql, options)).counts);
    expect(await fingerprint(c)).toEqual(await fingerprint(a));
    const [progress] = await c.sql`select 1 from app_meta where key = 'demo_seed_progress'`;
    expect(progress).toBeUndefined();
    // Searchable like the one-transaction seed.
    const [search] = await c.sql<{ n: number }[]>`select count(*)::int as n from search_offers`;
    const [expected] = await a.sql<{ n: number }[]>`select count(*)::int as n from search_offers`;
    expect(search!.n).toBe(expected!.n);
  });

  it('reads back through COPY exactly what was written', async () => {
    const rows = [
      [
        1,
        'tab\there, line\nbreak, back\\slash \\N',
        ['a,b', '{x}', 'say "hi"', 'NULL', 'c\\d', ''],
        null,
        true,
      ],
      [2, '', [], { k: 'ä"ß\t' }, false],
      [3, null, null, null, null],
    ] as const;
    const back = await a.sql.begin(async (tx) => {
      await tx`create temp table copied (n int, t text, a text[], j jsonb, b boolean) on commit drop`;
      await copyRows(tx, 'copied', ['n', 't', 'a', 'j', 'b'], rows);
      return tx`select n, t, a, j, b from copied order by n`;
    });
    expect(back.map((r) => [r.n, r.t, r.a, r.j, r.b])).toEqual(rows);
  });
});
