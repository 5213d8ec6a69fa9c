import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPublicOffer, getPublicProvider } from '../../app/modules/catalogue/offers.server';
import { searchQuerySchema } from '../../app/modules/catalogue/schemas';
import { searchCatalogue } from '../../app/modules/catalogue/search.server';
import { todayInBerlin } from '../../app/utils/clock.server';
import { AppError } from '../../app/utils/errors';
import { seedDemoData } from '../../db/seed/seed';
import { createTestDatabase, type TestDatabase } from '../setup/database';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.sql, { seed: 3, offers: 300, baseDate: '2026-11-24' });
});
afterAll(async () => {
  await db.drop();
});

const q = (params: Record<string, string>) => searchQuerySchema.parse(params);

describe('catalogue search module', () => {
  it('records the demand anonymously: normalised query, filters, hit count — no IP, no user', async () => {
    const result = await searchCatalogue(q({ q: '  Deutsch   für Ärzte ', format: 'in_person' }));
    let rows: Record<string, unknown>[] = [];
    for (let i = 0; i < 20 && rows.length === 0; i++) {
      rows = await db.sql`select * from search_log`;
      if (rows.length === 0) await new Promise((r) => setTimeout(r, 50));
    }
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ query: 'deutsch fuer aerzte', hits: result.total, engine: 'postgres' });
    expect(rows[0]!.filters).toEqual({ format: ['in_person'] });
    expect(Object.keys(rows[0]!).sort()).toEqual(['engine', 'filters', 'hits', 'id', 'query', 'searched_at']);
  });

  it('resolves a postcode or a place name, and refuses an unknown place', async () => {
    const byPostcode = await searchCatalogue(q({ near: '34225', radius: '5' }), { log: false });
    expect(byPostcode.location?.label).toBe('34225 Baunatal');
    const byName = await searchCatalogue(q({ near: 'baunatal' }), { log: false });
    expect(byName.location?.label).toBe('Baunatal');
    await expect(searchCatalogue(q({ near: 'Atlantis' }), { log: false })).rejects.toEqual(
      new AppError('location_not_found'),
    );
  });
});

describe('public offer and provider', () => {
  it('shows published offers, hides drafts (404) and says when an offer is gone (410)', async () => {
    const [published] = await db.sql`
      select o.id from offers o join providers p on p.id = o.provider_id
      where o.status = 'published' and p.status = 'approved' limit 1`;
    const view = await getPublicOffer(published!.id);
    expect(view.gone).toBe(false);

    const [draft] = await db.sql`select id from offers where status = 'draft' limit 1`;
    await expect(getPublicOffer(draft!.id)).rejects.toEqual(new AppError('not_found'));

    await db.sql`update offers set status = 'archived' where id = ${published!.id}`;
    expect((await getPublicOffer(published!.id)).gone).toBe(true);
    await expect(getPublicOffer(987654321)).rejects.toEqual(new AppError('not_found'));
  });

  it('hides providers that are not approved', async () => {
    const [pending] = await db.sql`select slug from providers where status = 'pending' limit 1`;
    await expect(getPublicProvider(pending!.slug)).rejects.toEqual(new AppError('not_found'));
    const [approved] =
      await db.sql`select slug from providers where status = 'approved' and kind = 'vhs' limit 1`;
    const view = await getPublicProvider(approved!.slug);
    expect(view.offers.length).toBeGreaterThan(0);
  });

  it('lists on the provider page only offers people can still join, with a next start that lies ahead', async () => {
    const today = todayInBerlin();
    // A provider's offer of each kind, its dates set relative to today.
    const [provider] = await db.sql<{ id: number; slug: string }[]>`
      select id, slug from providers where status = 'approved' and kind = 'vhs' order by id limit 1`;
    const offers = await db.sql<{ id: number }[]>`
      select id from offers where provider_id = ${provider!.id} and status = 'published' order by id limit 3`;
    const [begun, open, ahead] = offers.map((o) => o.id) as [number, number, number];
    await db.sql`update runs set status = 'cancelled' where offer_id in ${db.sql([begun, open, ahead])}`;
    const shift = (days: number) => db.sql`(${today}::date + ${days}::int)`;
    for (const [id, late, from, to] of [
      [begun, false, -20, 30],
      [open, true, -20, 30],
      [ahead, false, 10, 40],
    ] as const) {
      await db.sql`update offers set late_entry = ${late} where id = ${id}`;
      await db.sql`insert into runs (offer_id, starts_on, ends_on) values (${id}, ${shift(from)}, ${shift(to)})`;
    }
    const listed = new Map((await getPublicProvider(provider!.slug)).offers.map((o) => [o.id, o]));
    expect(listed.has(begun)).toBe(false);
    expect(listed.get(open)?.next_start).toBeNull();
    expect((listed.get(ahead)?.next_start ?? '') >= today).toBe(true);
    for (const o of listed.values()) if (o.next_start) expect(o.next_start >= today).toBe(true);
  });

  it('takes an unpublished offer out of the search at once', async () => {
    const before = await searchCatalogue(q({ q: 'Excel' }), { log: false });
    const hit = before.hits[0]!;
    await db.sql.begin(async (tx) => {
      await tx`update offers set status = 'archived' where id = ${hit.id}`;
      await tx`select search_refresh_offers(${[hit.id]}::bigint[])`;
    });
    const after = await searchCatalogue(q({ q: 'Excel', perPage: '100' }), { log: false });
    expect(after.hits.map((h) => h.id)).not.toContain(hit.id);
    expect(after.total).toBe(before.total - 1);
    // Without text too (the in-memory index follows the catalogue's version).
    await new Promise((r) => setTimeout(r, 600));
    const all = await searchCatalogue(q({ perPage: '100', category: hit.category }), { log: false });
    expect(all.hits.map((h) => h.id)).not.toContain(hit.id);
  });

  it('finds a changed title right after the change, and forgets the old word', async () => {
    const hit = (await searchCatalogue(q({ q: 'Yoga' }), { log: false })).hits[0]!;
    const change = async (title: string) =>
      db.sql.begin(async (tx) => {
        await tx`update offers set title = ${title} where id = ${hit.id}`;
        await tx`select search_refresh_offers(${[hit.id]}::bigint[])`;
      });
    await change('Zumba im Quartierszentrum');
    expect(
      (await searchCatalogue(q({ q: 'Quartierszentrum' }), { log: false })).hits.map((h) => h.id),
    ).toEqual([hit.id]);
    await change('Bauchtanz für Anfänger');
    expect((await searchCatalogue(q({ q: 'Quartierszentrum' }), { log: false })).total).toBe(0);
    expect((await searchCatalogue(q({ q: 'Bauchtanz' }), { log: false })).hits.map((h) => h.id)).toEqual([
      hit.id,
    ]);
  });
});
