import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyImport,
  checkUpload,
  discardImport,
  getImport,
  ImportFileRejected,
  type ImportPlan,
} from '../../app/modules/providers/imports.server';
import type { Actor } from '../../app/modules/providers/offers.server';
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
