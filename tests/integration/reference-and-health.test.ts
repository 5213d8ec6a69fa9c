import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkHealth, markSearchReady } from '../../app/modules/health/health.server';
import { loadReferenceData } from '../../db/reference/load';
import { createTestDatabase, type TestDatabase } from '../setup/database';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

describe('reference data', () => {
  it('holds the German postcodes with coordinates, loaded once', async () => {
    const [{ n }] = (await db.sql`select count(*)::int as n from postcodes`) as unknown as [{ n: number }];
    expect(n).toBeGreaterThan(20_000);
    const [kassel] =
      await db.sql`select place, state, latitude, longitude from postcodes where zipcode = '34117'`;
    expect(kassel).toMatchObject({ place: 'Kassel', state: 'Hessen' });
    expect(kassel!.latitude).toBeCloseTo(51.3, 0);
    expect(await loadReferenceData(db.sql)).toEqual({ postcodes: 0, questionnaires: [] });
  });

  it('keeps German text search working (UTF-8 cluster, German stemming, unaccent)', async () => {
    const [row] = await db.sql`
      select to_tsvector('german', 'Weiterbildungen für Übersetzerinnen') @@ plainto_tsquery('german', 'weiterbildung') as hit,
             unaccent('Übersetzerin') as folded`;
    expect(row).toEqual({ hit: true, folded: 'Ubersetzerin' });
  });
});

describe('health', () => {
  it('is not ready before the search index is loaded, and ready after', async () => {
    const before = await checkHealth();
    expect(before.status).toBe('degraded');
    expect(before.database.status).toBe('ok');
    expect(before.search).toEqual({ engine: 'postgres', ready: false });

    markSearchReady();
    const health = await checkHealth();
    expect(health.status).toBe('ok');
    expect(health.database.status).toBe('ok');
    expect(health.search).toEqual({ engine: 'postgres', ready: true });
  });
});
