import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ImportResult, importOpenVhs } from '../../app/modules/catalogue/import/apply.server';
import { OpenVhsFormatError, parseOpenVhs } from '../../app/modules/catalogue/import/openvhs';
import { createTestDatabase, type TestDatabase } from '../setup/database';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURES = path.join(ROOT, 'tests/fixtures/berlin-vhs-2025');
const FILES = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.xml'))
  .sort();
const read = (file: string) => readFileSync(path.join(FIXTURES, file), 'utf8');

async function importAll(
  db: TestDatabase,
): Promise<Pick<ImportResult, 'created' | 'updated' | 'archived' | 'rejected' | 'errors'>> {
  const total = { created: 0, updated: 0, archived: 0, rejected: 0, errors: [] as string[] };
  for (const file of FILES) {
    const result = await importOpenVhs(db.sql, parseOpenVhs(read(file)));
    total.created += result.created;
    total.updated += result.updated;
    total.archived += result.archived;
    total.rejected += result.rejected;
    total.errors.push(...result.errors);
  }
  return total;
}

async function counts(db: TestDatabase) {
  const [row] = await db.sql<Record<string, number>[]>`
    select (select count(*) from providers)::int as providers,
           (select count(*) from venues)::int as venues,
           (select count(*) from offers)::int as offers,
           (select count(*) from offers where status = 'published')::int as published,
           (select count(*) from runs)::int as runs,
           (select count(*) from run_sessions)::int as sessions,
           (select count(*) from search_offers)::int as search_offers`;
  return row!;
}

let db: TestDatabase;
let empty: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  empty = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
  await empty?.drop();
});

describe('Open-vhs import of the Berlin VHS files', () => {
  it('imports all 1,681 courses of the twelve files under twelve providers', async () => {
    expect(FILES).toHaveLength(12);
    const started = Date.now();
    const total = await importAll(db);
    const ms = Date.now() - started;
    expect(total).toEqual({ created: 1681, updated: 0, archived: 0, rejected: 0, errors: [] });
    expect(ms).toBeLessThan(60_000);

    const c = await counts(db);
    expect(c).toMatchObject({ providers: 12, offers: 1681, published: 1681, runs: 1681 });
    // Past runs (all of 2025) are imported and searchable; hiding them is the search's job.
    expect(c.search_offers).toBe(1681);
    const [runs] = await db.sql`select count(*)::int as n from search_runs`;
    expect(runs!.n).toBe(1681);

    const providers = await db.sql`
      select slug, status, kind from providers where external_ref = 'vhs-berlin-mitte'`;
    expect(providers).toEqual([{ slug: 'volkshochschule-mitte', status: 'approved', kind: 'vhs' }]);
  });

  it('stores every session at its Berlin wall-clock time, summer time or not', async () => {
    const expected: string[] = [];
    for (const file of FILES) {
      for (const o of parseOpenVhs(read(file)).offers) {
        for (const s of o.run.sessions) expected.push(`${s.starts_at.slice(0, 16).replace('T', ' ')}`);
      }
    }
    // PostgreSQL's own tz database is the reference for our computed offsets.
    const rows = await db.sql<{ local: string }[]>`
      select to_char(starts_at at time zone 'Europe/Berlin', 'YYYY-MM-DD HH24:MI') as local
      from run_sessions`;
    expect(rows.map((r) => r.local).sort()).toEqual(expected.sort());
    const [odd] = await db.sql`
      select count(*)::int as n from run_sessions s join runs r on r.id = s.run_id
      where r.starts_at is null or s.ends_at <= s.starts_at`;
    expect(odd!.n).toBe(0);
  });

  it('places venues by postcode and reuses them across courses', async () => {
    const [v] = await db.sql`
      select count(*)::int as total,
             count(*) filter (where latitude is not null)::int as placed,
             count(*) filter (where postcode between '10115' and '14199'
                              and not (latitude between 52.3 and 52.7 and longitude between 13.0 and 13.8))::int as outside
      from venues`;
    expect(v!.outside).toBe(0);
    expect(v!.placed).toBeGreaterThan(0);
    // Far fewer venues than courses: the repeated <veranstaltungsort> blocks collapse.
    expect(v!.total).toBeLessThan(400);
    const [dup] = await db.sql`
      select count(*)::int as n from (
        select provider_id, name, street, postcode from venues
        group by 1, 2, 3, 4 having count(*) > 1) d`;
    expect(dup!.n).toBe(0);
  });

  it('changes nothing on a second import of the same files', async () => {
    const before = await counts(db);
    const total = await importAll(db);
    expect(total).toEqual({ created: 0, updated: 0, archived: 0, rejected: 0, errors: [] });
    expect(await counts(db)).toEqual(before);
  });

  it('archives a course that left the file, and brings it back when it returns', async () => {
    const file = 'vhs-marzahn-hellersdorf.xml';
    const xml = read(file);
    const first = xml.match(/<veranstaltung>[\s\S]*?<\/veranstaltung>\s*/)![0];
    const guid = first.match(/<guid>([^<]+)<\/guid>/)![1]!;
    const shorter = xml.replace(first, '');

    const result = await importOpenVhs(db.sql, parseOpenVhs(shorter));
    expect(result).toMatchObject({ created: 0, updated: 0, archived: 1, rejected: 0 });
    const [gone] = await db.sql`
      select o.status, (select count(*)::int from search_offers s where s.offer_id = o.id) as searchable
      from offers o where o.external_id = ${guid} and o.provider_id = ${result.providerId}`;
    expect(gone).toEqual({ status: 'archived', searchable: 0 });

    // A partial export (full: false) archives nothing.
    const partial = await importOpenVhs(db.sql, parseOpenVhs(shorter), { full: false });
    expect(partial).toMatchObject({ created: 0, updated: 0, archived: 0 });

    const back = await importOpenVhs(db.sql, parseOpenVhs(xml));
    expect(back).toMatchObject({ created: 0, updated: 1, archived: 0 });
    const [again] = await db.sql`
      select o.status, (select count(*)::int from search_offers s where s.offer_id = o.id) as searchable
      from offers o where o.external_id = ${guid} and o.provider_id = ${result.providerId}`;
    expect(again).toEqual({ status: 'published', searchable: 1 });
  });

  it('updates a changed course and only that one', async () => {
    const file = 'vhs-treptow-koepenick.xml';
    const xml = read(file);
    const first = xml.match(/<veranstaltung>[\s\S]*?<\/veranstaltung>/)![0];
    const changed = first.replace(/<betrag>[^<]*<\/betrag>/, '<betrag>0</betrag>');
    const result = await importOpenVhs(db.sql, parseOpenVhs(xml.replace(first, changed)), { dryRun: true });
    expect(result).toMatchObject({ created: 0, updated: 1, archived: 0 });
    expect(result.plan?.filter((p) => p.action === 'update')).toHaveLength(1);
    expect(result.plan?.filter((p) => p.action === 'unchanged')).toHaveLength(13);

    const touched: number[][] = [];
    const real = await importOpenVhs(db.sql, parseOpenVhs(xml.replace(first, changed)), {
      afterWrite: async (_tx, ids) => {
        touched.push(ids);
      },
    });
    expect(real).toMatchObject({ created: 0, updated: 1, archived: 0 });
    expect(real.plan).toBeUndefined();
    expect(touched).toHaveLength(1);
    expect(touched[0]).toHaveLength(1);
    const guid = first.match(/<guid>([^<]+)<\/guid>/)![1]!;
    const [row] = await db.sql`
      select r.price_cents, o.funding from offers o join runs r on r.offer_id = o.id
      where o.external_id = ${guid} and o.provider_id = ${real.providerId}`;
    expect(row!.price_cents).toBe(0);
    expect(row!.funding).toContain('free');
    // And back to the file as published.
    expect(await importOpenVhs(db.sql, parseOpenVhs(xml))).toMatchObject({ created: 0, updated: 1 });
  });

  it('refuses a malformed file with OpenVhsFormatError', () => {
    const xml = read('vhs-mitte.xml');
    expect(() => parseOpenVhs(xml.slice(0, Math.floor(xml.length / 2)))).toThrow(OpenVhsFormatError);
    expect(() => parseOpenVhs('<?xml version="1.0"?><rss><channel/></rss>')).toThrow(OpenVhsFormatError);
    expect(() => parseOpenVhs('Kurs;Datum\nYoga;2025-05-01')).toThrow(OpenVhsFormatError);
  });

  it('dry-runs vhs-mitte.xml into an empty database without changing it', async () => {
    const result = await importOpenVhs(empty.sql, parseOpenVhs(read('vhs-mitte.xml')), { dryRun: true });
    expect(result).toMatchObject({ created: 244, updated: 0, archived: 0, rejected: 0 });
    expect(result.plan).toHaveLength(244);
    expect(result.plan!.every((p) => p.action === 'create' && p.title.length > 1)).toBe(true);
    expect(await counts(empty)).toMatchObject({ providers: 0, venues: 0, offers: 0, runs: 0, sessions: 0 });
    const [lexicon] = await empty.sql`select count(*)::int as n from search_lexicon`;
    expect(lexicon!.n).toBe(0);
  });

  it('runs as a CLI: one JSON line on stdout, exit code 1 for an unreadable file', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'openvhs-'));
    try {
      const broken = path.join(dir, 'broken.xml');
      await writeFile(broken, '<veranstaltungen><veranstaltung>');
      const run = (files: string[]) =>
        promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/import-openvhs.ts', ...files], {
          cwd: ROOT,
          env: { ...process.env, DATABASE_URL: empty.url, LOG_LEVEL: 'warn' },
        });
      const ok = await run([path.join(FIXTURES, 'vhs-marzahn-hellersdorf.xml')]);
      expect(ok.stdout.trim().split('\n')).toHaveLength(1);
      expect(JSON.parse(ok.stdout)).toEqual({ created: 5, updated: 0, archived: 0, rejected: 0, errors: [] });

      const failed = await run([path.join(FIXTURES, 'vhs-marzahn-hellersdorf.xml'), broken]).catch(
        (e: { code: number; stdout: string }) => e,
      );
      expect('code' in failed && failed.code).toBe(1);
      const line = JSON.parse(failed.stdout);
      expect(line).toMatchObject({ created: 0, updated: 0, archived: 0, rejected: 0 });
      expect(line.errors).toHaveLength(1);
      expect(line.errors[0]).toMatch(/^broken\.xml: Kein gültiges XML/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
