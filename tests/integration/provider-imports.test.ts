import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchQuerySchema } from '../../app/modules/catalogue/schemas';
import { searchCatalogue } from '../../app/modules/catalogue/search.server';
import {
  applyImport,
  checkUpload,
  discardImport,
  getImport,
  ImportFileRejected,
  type ImportPlan,
} from '../../app/modules/providers/imports.server';
import type { Actor } from '../../app/modules/providers/offers.server';
import { todayInBerlin } from '../../app/utils/clock.server';
import { AppError } from '../../app/utils/errors';
import { createTestDatabase, type TestDatabase } from '../setup/database';

/**
 * A provider's import in the browser, on a real PostgreSQL: the dry run lists what would
 * happen and changes nothing; confirming imports once; the same file again changes nothing.
 */
let db: TestDatabase;
let mitte: string;
let actor: Actor;
let stranger: Actor;

beforeAll(async () => {
  db = await createTestDatabase();
  mitte = await readFile('tests/fixtures/berlin-vhs-2025/vhs-mitte.xml', 'utf8');
  const [a] = await db.sql<{ id: number }[]>`
    insert into providers (slug, name, kind, status) values ('neue-vhs', 'Neue Volkshochschule', 'vhs', 'approved') returning id`;
  const [b] = await db.sql<{ id: number }[]>`
    insert into providers (slug, name, kind, status) values ('andere', 'Anderer Anbieter', 'other', 'approved') returning id`;
  const users = await db.sql<{ id: number }[]>`
    insert into users (email, role) values ('import-a@example.org', 'provider'), ('import-b@example.org', 'provider')
    returning id`;
  actor = { userId: users[0]!.id, providerId: a!.id, ip: null };
  stranger = { userId: users[1]!.id, providerId: b!.id, ip: null };
});

afterAll(async () => {
  await db.drop();
});

const offers = async () => (await db.sql`select count(*)::int as n from offers`)[0]!.n as number;

describe('browser import', () => {
  it('checks vhs-mitte.xml for a new provider: 244 to create, nothing changed until confirmed', async () => {
    const before = await offers();
    const id = await checkUpload(actor, {
      filename: 'vhs-mitte.xml',
      content: mitte,
      format: 'openvhs',
      fullImport: false,
    });
    const row = await getImport(actor, id);
    const plan = row.plan as unknown as ImportPlan;
    expect(plan.created).toBe(244);
    expect(plan.items.filter((i) => i.action === 'create')).toHaveLength(244);
    expect(row.status).toBe('checked');
    expect(await offers()).toBe(before);
    // The file's own provider (<ersteller>) is not created: the import goes to the uploader's provider.
    expect(await db.sql`select 1 from providers where external_ref is not null`).toHaveLength(0);

    const result = await applyImport(actor, id);
    expect(result.created).toBe(244);
    expect(await offers()).toBe(before + 244);
    const [mine] =
      await db.sql`select count(*)::int as n from offers where provider_id = ${actor.providerId}`;
    expect(mine!.n).toBe(244);
    await expect(applyImport(actor, id)).rejects.toEqual(new AppError('conflict', 'import_done'));
    expect((await getImport(actor, id)).status).toBe('applied');
  });

  it('finds nothing to do in the same file a second time', async () => {
    const id = await checkUpload(actor, {
      filename: 'vhs-mitte.xml',
      content: mitte,
      format: 'openvhs',
      fullImport: true,
    });
    const plan = (await getImport(actor, id)).plan as unknown as ImportPlan;
    expect([plan.created, plan.updated, plan.archived, plan.unchanged]).toEqual([0, 0, 0, 244]);
    await discardImport(actor, id);
    expect((await getImport(actor, id)).status).toBe('discarded');
    const rows = await db.sql`
      select actor_user_id as actor from audit_log where action = 'import.discarded' and target_id = ${String(id)}`;
    expect(rows).toEqual([{ actor: actor.userId }]);
  });

  it('rejects malformed and empty files with a reason, and keeps another provider out', async () => {
    const bad = (content: string) =>
      checkUpload(actor, { filename: 'x.xml', content, format: 'openvhs', fullImport: false }).catch(
        (e: unknown) => e,
      );
    const broken = await bad('<export><ersteller><guid>1</guid>');
    expect(broken).toBeInstanceOf(ImportFileRejected);
    expect((broken as ImportFileRejected).reason).toBe('format');
    expect(((await bad('   ')) as ImportFileRejected).reason).toBe('empty');
    expect(((await bad('a'.repeat(10 * 1024 * 1024 + 1))) as ImportFileRejected).reason).toBe('tooLarge');
    const id = await checkUpload(actor, {
      filename: 'vhs-mitte.xml',
      content: mitte,
      format: 'openvhs',
      fullImport: false,
    });
    await expect(getImport(stranger, id)).rejects.toEqual(new AppError('not_found'));
    await expect(applyImport(stranger, id)).rejects.toEqual(new AppError('not_found'));
    await expect(discardImport(stranger, id)).rejects.toEqual(new AppError('not_found'));
    const refused = await db.sql`
      select outcome, actor_user_id as actor from audit_log
       where action = 'provider.refused' and target_type = 'import' and target_id = ${String(id)}`;
    expect(refused).toEqual([1, 2, 3].map(() => ({ outcome: 'denied', actor: stranger.userId })));
  });
});

describe('other formats', () => {
  it('checks and applies a CSV file made from the template, and a JSON-LD course', async () => {
    const { CSV_TEMPLATE } = await import('../../app/modules/catalogue/import/csv');
    const csvId = await checkUpload(actor, {
      filename: 'vorlage.csv',
      content: CSV_TEMPLATE,
      format: 'csv',
      fullImport: false,
    });
    expect(((await getImport(actor, csvId)).plan as unknown as ImportPlan).created).toBe(1);
    expect((await applyImport(actor, csvId)).created).toBe(1);

    const course = {
      '@context': 'https://schema.org',
      '@type': 'Course',
      identifier: 'kurs-4711',
      name: 'Englisch für den Beruf B1',
      description: 'Englisch am Arbeitsplatz: E-Mails, Telefonate, Besprechungen.',
      inLanguage: 'en',
      hasCourseInstance: {
        '@type': 'CourseInstance',
        courseMode: 'online',
        startDate: '2027-02-01',
        endDate: '2027-04-26',
      },
    };
    const jsonId = await checkUpload(actor, {
      filename: 'kurs.jsonld',
      content: JSON.stringify(course),
      format: 'jsonld',
      fullImport: false,
    });
    expect(((await getImport(actor, jsonId)).plan as unknown as ImportPlan).created).toBe(1);
    await applyImport(actor, jsonId);
    const [offer] =
      await db.sql`select title, language from offers where provider_id = ${actor.providerId} and external_id = 'kurs-4711'`;
    expect(offer).toEqual({ title: 'Englisch für den Beruf B1', language: 'en' });

    const bad = await checkUpload(actor, {
      filename: 'x.csv',
      content: 'Spalte;Unbekannt\n1;2',
      format: 'csv',
      fullImport: false,
    }).catch((e: unknown) => e);
    expect((bad as ImportFileRejected).reason).toBe('format');
    const unknown = await checkUpload(actor, {
      filename: 'x.pdf',
      content: '%PDF',
      format: 'pdf',
      fullImport: false,
    }).catch((e: unknown) => e);
    expect((unknown as ImportFileRejected).reason).toBe('unsupported');
  });
});

describe('large files', () => {
  it('checks and applies a 10 MB Open-vhs file (about 1,400 courses)', async () => {
    // Six copies of the Berlin Mitte records under new ids, just under the 10 MB limit.
    const start = mitte.indexOf('<veranstaltung>');
    const end = mitte.lastIndexOf('</openvhs:veranstaltungen>');
    const records = mitte.slice(start, end);
    let body = '';
    for (let copy = 1; copy <= 6; copy++)
      body += records.replace(/(<veranstaltung>\s*<guid>)([^<]+)/g, `$1big-${copy}-$2`);
    const big = `${mitte.slice(0, start)}${body}</openvhs:veranstaltungen>\n`;
    expect(Buffer.byteLength(big)).toBeGreaterThan(9.5 * 1024 * 1024);
    expect(Buffer.byteLength(big)).toBeLessThanOrEqual(10 * 1024 * 1024);
    const id = await checkUpload(actor, {
      filename: 'gross.xml',
      content: big,
      format: 'openvhs',
      fullImport: false,
    });
    expect(((await getImport(actor, id)).plan as unknown as ImportPlan).created).toBe(6 * 244);
    expect((await applyImport(actor, id)).created).toBe(6 * 244);
  });
});

describe('imports that tell the truth (issue 14 #17, #18)', () => {
  let own: Actor;
  let pending: Actor;
  const day = (offset: number) => todayInBerlin(new Date(Date.now() + offset * 86_400_000));
  const csv = (...rows: [string, string, string][]) =>
    `Kennung;Titel;Kurzbeschreibung;Bereich;Beginn;Format\n${rows
      .map(([id, title, start]) => `${id};${title};Ein Kurs zum Ausprobieren.;gesundheit;${start};online`)
      .join('\n')}\n`;
  const check = async (who: Actor, content: string, format = 'auto') => {
    const id = await checkUpload(who, { filename: 'datei', content, format, fullImport: false });
    return { id, plan: (await getImport(who, id)).plan as unknown as ImportPlan };
  };
  const found = async (title: string) =>
    (await searchCatalogue(searchQuerySchema.parse({ q: title }), { log: false })).hits.some(
      (h) => h.title === title,
    );

  beforeAll(async () => {
    const [a] = await db.sql<{ id: number }[]>`
      insert into providers (slug, name, kind, status) values ('vhs-zeit', 'VHS Zeitreise', 'vhs', 'approved') returning id`;
    const [b] = await db.sql<{ id: number }[]>`
      insert into providers (slug, name, kind, status) values ('neu-wartend', 'Wartender Anbieter', 'other', 'pending') returning id`;
    const users = await db.sql<{ id: number }[]>`
      insert into users (email, role) values ('zeit@example.org', 'provider'), ('wartend@example.org', 'provider')
      returning id`;
    own = { userId: users[0]!.id, providerId: a!.id, ip: null };
    pending = { userId: users[1]!.id, providerId: b!.id, ip: null };
  });

  it('counts the courses that lie in the past; the confirmation says how many the search shows', async () => {
    const past = await check(
      own,
      csv(
        ['P-1', 'Pilates Rückblick eins', day(-40)],
        ['P-2', 'Pilates Rückblick zwei', day(-3)],
        ['P-3', 'Pilates Rückblick drei', day(-400)],
      ),
    );
    expect(past.plan).toMatchObject({ created: 3, total: 3, past: 3, searchable: 0 });
    expect(past.plan.items.every((i) => i.past === true)).toBe(true);
    const applied = await applyImport(own, past.id);
    expect(applied).toMatchObject({ created: 3, total: 3, past: 3, searchable: 0 });
    expect((await getImport(own, past.id)).result).toMatchObject({ searchable: 0, total: 3, past: 3 });
    expect(await found('Pilates Rückblick eins')).toBe(false);

    // Mixed: one ahead (today counts as ahead), one begun yesterday.
    const mixed = await check(
      own,
      csv(['M-1', 'Qigong Vorschau heute', day(0)], ['M-2', 'Qigong Vorschau gestern', day(-1)]),
    );
    expect(mixed.plan).toMatchObject({ total: 2, past: 1, searchable: 1 });
    expect(mixed.plan.items.map((i) => [i.externalId, i.past ?? false])).toEqual([
      ['M-1', false],
      ['M-2', true],
    ]);
    expect(await applyImport(own, mixed.id)).toMatchObject({ searchable: 1, past: 1 });
    expect(await found('Qigong Vorschau heute')).toBe(true);
    expect(await found('Qigong Vorschau gestern')).toBe(false);

    // A provider still waiting for approval: nothing is searchable, whatever the dates.
    const waiting = await check(pending, csv(['W-1', 'Tai Chi Zukunft', day(30)]));
    expect(waiting.plan).toMatchObject({ total: 1, past: 0, searchable: 0 });
  });

  it('reads an XML file uploaded with CSV chosen as Open-vhs, and says so', async () => {
    const { plan } = await check(own, mitte, 'csv');
    expect(plan).toMatchObject({ format: 'openvhs', chosenFormat: 'csv', created: 244, past: 244 });
    const json = JSON.stringify({
      '@context': 'https://schema.org',
      '@type': 'Course',
      identifier: 'json-1',
      name: 'Französisch Anfang',
      hasCourseInstance: { '@type': 'CourseInstance', courseMode: 'online', startDate: day(20) },
    });
    const asJson = await check(own, json, 'openvhs');
    expect(asJson.plan).toMatchObject({
      format: 'jsonld',
      chosenFormat: 'openvhs',
      created: 1,
      searchable: 1,
    });
    const auto = await check(own, json);
    expect(auto.plan.format).toBe('jsonld');
    expect(auto.plan.chosenFormat).toBeUndefined();
  });

  it('names where a cut-off XML file ends, in a code the page translates', async () => {
    const cut = mitte.slice(0, 100_000);
    const error = (await check(own, cut, 'csv').catch((e: unknown) => e)) as ImportFileRejected;
    expect(error).toBeInstanceOf(ImportFileRejected);
    expect(error.reason).toBe('format');
    expect(error.code).toBe('xmlTruncated');
    expect(error.format).toBe('openvhs');
    expect(error.chosen).toBe('csv');
    const lines = cut.trimEnd().split('\n');
    expect(error.params).toEqual({
      line: lines.length,
      column: lines.at(-1)!.length,
      element: expect.stringMatching(/^[a-z_:]+$/),
    });
    expect(error.params.line).toBeGreaterThan(1);
  });

  it('names rejected records by title and guid', async () => {
    const { plan } = await check(
      own,
      'Kennung;Titel;Beginn;Format\nR-1;Aquarell für Einsteiger;31.02.2027;online\nR-2;Ölmalerei;01.03.2027;online\n',
    );
    expect(plan.rejected).toBe(1);
    expect(plan.rejections).toEqual([
      {
        ref: 'R-1',
        guid: 'R-1',
        title: 'Aquarell für Einsteiger',
        reason: expect.stringContaining('Ungültiges Beginndatum „31.02.2027“'),
      },
    ]);
  });
});
