import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchQuerySchema } from '../../app/modules/catalogue/schemas';
import { searchCatalogue } from '../../app/modules/catalogue/search.server';
import {
  type Actor,
  applyBulk,
  copyRun,
  createOffer,
  duplicate,
  getOwnOffer,
  listOwnOffers,
  MAX_BULK,
  previewBulk,
  RunRejected,
  removeRun,
  saveRun,
  setStatus,
  updateOffer,
} from '../../app/modules/providers/offers.server';
import { offerListSchema, offerSchema, runSchema } from '../../app/modules/providers/schemas';
import { todayInBerlin } from '../../app/utils/clock.server';
import { AppError } from '../../app/utils/errors';
import { addDays } from '../../app/utils/zoned';
import { seedDemoData } from '../../db/seed/seed';
import { createTestDatabase, type TestDatabase } from '../setup/database';

/**
 * Provider staff keep their offers, on a real PostgreSQL with the real search engine:
 * drafts stay out of the search, a published offer is found at once, an unpublished one
 * leaves at once, and no provider touches another provider's offer.
 */
let db: TestDatabase;
let own: Actor;
let other: Actor;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.sql, { seed: 5, offers: 120, baseDate: '2026-11-24' });
  const providers = await db.sql<
    { id: number }[]
  >`select id from providers where status = 'approved' order by id limit 2`;
  own = { userId: 1, providerId: providers[0]!.id, ip: null };
  other = { userId: 2, providerId: providers[1]!.id, ip: null };
});

afterAll(async () => {
  await db.drop();
});

const offerInput = (title: string) =>
  offerSchema.parse({
    title,
    summary: 'Ein Abendkurs für Menschen, die ihr Deutsch im Beruf verbessern möchten.',
    category: 'deutsch_integration',
    language: 'de',
    cefrLevel: 'B1',
    funding: ['free'],
    targetGroups: 'Berufstätige, Zugewanderte',
  });

const weeklyRun = (extra: Record<string, unknown> = {}) =>
  runSchema.parse({
    startsOn: '2027-01-12',
    endsOn: '2027-03-30',
    weekdays: ['2', '4'],
    startsAt: '18:00',
    endsAt: '19:30',
    format: 'in_person',
    venueName: 'Stadtteilzentrum Nord',
    venuePostcode: '34127',
    venueCity: 'Kassel',
    venueAccessible: 'yes',
    price: '0',
    ...extra,
  });

async function findsByTitle(title: string) {
  const result = await searchCatalogue(searchQuerySchema.parse({ q: title }), { log: false });
  return result.hits.some((h) => h.title === title);
}

describe('offers of a provider', () => {
  it('keeps a draft out of the search; publishing makes it findable at once, unpublishing removes it at once', async () => {
    const title = 'Deutsch im Beruf Abendkurs Zwiebelturm';
    const id = await createOffer(own, offerInput(title));
    await expect(setStatus(own, id, 'published', true)).rejects.toEqual(new AppError('conflict', 'no_runs'));
    await saveRun(own, id, null, weeklyRun());
    expect(await findsByTitle(title)).toBe(false);

    await expect(setStatus(own, id, 'published', false)).rejects.toEqual(
      new AppError('conflict', 'provider_not_approved'),
    );
    await setStatus(own, id, 'published', true);
    expect(await findsByTitle(title)).toBe(true);

    const changed = 'Deutsch im Beruf Abendkurs Wetterhahn';
    await updateOffer(own, id, offerInput(changed));
    expect(await findsByTitle(changed)).toBe(true);

    await setStatus(own, id, 'draft', true);
    expect(await findsByTitle(changed)).toBe(false);
    await setStatus(own, id, 'published', true);
    await setStatus(own, id, 'archived', true);
    expect(await findsByTitle(changed)).toBe(false);
  });

  it('makes the weekly sessions, adds the new venue with a point, copies and removes runs', async () => {
    const id = await createOffer(own, offerInput('Sessions-Test Kurs'));
    const runId = await saveRun(own, id, null, weeklyRun());
    const { offer } = await getOwnOffer(own, id);
    const run = offer.runs.find((r) => r.id === runId)!;
    // Tuesdays (12) and Thursdays (11) from 12 January to 30 March 2027.
    expect(run.sessions).toHaveLength(23);
    expect(run.time_of_day).toBe('evening');
    expect(run.venue?.name).toBe('Stadtteilzentrum Nord');
    expect(run.venue?.latitude).toBeGreaterThan(51);
    // After the change to summer time (28 March) the wall-clock time stays 18:00.
    const last = new Date(run.sessions.at(-1)!.starts_at);
    expect(last.toISOString()).toBe('2027-03-30T16:00:00.000Z');

    const copy = await copyRun(own, id, runId);
    expect((await getOwnOffer(own, id)).offer.runs).toHaveLength(2);
    await removeRun(own, id, copy);
    expect((await getOwnOffer(own, id)).offer.runs).toHaveLength(1);
  });

  it('takes typed single dates and names the lines it cannot read', async () => {
    const id = await createOffer(own, offerInput('Einzeltermine Kurs'));
    const runId = await saveRun(
      own,
      id,
      null,
      weeklyRun({
        weekdays: [],
        startsAt: '',
        endsAt: '',
        sessions: '12.02.2027 09:00-12:00\n2027-02-05 09:00–12:00',
      }),
    );
    const run = (await getOwnOffer(own, id)).offer.runs.find((r) => r.id === runId)!;
    expect(run.sessions).toHaveLength(2);
    expect([run.starts_on, run.ends_on, run.starts_at]).toEqual(['2027-02-05', '2027-02-12', '09:00']);
    expect(run.time_of_day).toBe('morning');
    const error = await saveRun(
      own,
      id,
      null,
      weeklyRun({ sessions: 'nächsten Dienstag\n2027-02-12 09:00-12:00\n31.02.2027 10:00-11:00' }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunRejected);
    expect((error as RunRejected).fieldErrors.sessions).toEqual(['provider:errors.sessionLines|1, 3']);
  });

  it('gives a venue added in the editor its district from the postcode, so the district filter finds its runs (issue 14 #19)', async () => {
    // A postcode whose venues carry a district other than the place's name (a Kassel quarter).
    const [known] = await db.sql<{ postcode: string; district: string }[]>`
      select v.postcode, v.district from venues v
      where v.district is not null and v.district <> v.city and v.postcode is not null
      group by v.postcode, v.district order by count(*) desc, v.postcode limit 1`;
    expect(known).toBeDefined();
    const title = 'Bezirkskurs Laternenweg';
    const id = await createOffer(own, offerInput(title));
    const runId = await saveRun(
      own,
      id,
      null,
      weeklyRun({ venueName: 'Laternenhaus', venuePostcode: known!.postcode, venueCity: 'Kassel' }),
    );
    const run = (await getOwnOffer(own, id)).offer.runs.find((r) => r.id === runId)!;
    expect(run.venue?.district).toBe(known!.district);
    await setStatus(own, id, 'published', true);
    const inDistrict = await searchCatalogue(
      searchQuerySchema.parse({ q: title, district: known!.district }),
      { log: false },
    );
    expect(inDistrict.hits.map((h) => h.title)).toEqual([title]);

    // No venue there yet: the postcode's place, as the demo data names towns of the county.
    const [erfurt] = await db.sql<{ place: string }[]>`
      select place from postcodes where zipcode = '99084' order by id limit 1`;
    const far = await saveRun(
      own,
      id,
      null,
      weeklyRun({ venueName: 'Haus am Anger', venuePostcode: '99084', venueCity: 'Erfurt' }),
    );
    expect((await getOwnOffer(own, id)).offer.runs.find((r) => r.id === far)!.venue?.district).toBe(
      erfurt!.place,
    );
  });

  it('gives typed dates their weekdays: a Saturday workshop is on a weekend (issue 14 #21)', async () => {
    const title = 'Samstagswerkstatt Hobelbank';
    const id = await createOffer(own, offerInput(title));
    const runId = await saveRun(
      own,
      id,
      null,
      weeklyRun({ weekdays: [], startsAt: '', endsAt: '', sessions: '2027-02-13 10:00-16:00' }),
    );
    const run = (await getOwnOffer(own, id)).offer.runs.find((r) => r.id === runId)!;
    expect(run.weekdays).toEqual([6]);
    expect([run.starts_on, run.ends_on, run.starts_at, run.ends_at]).toEqual([
      '2027-02-13',
      '2027-02-13',
      '10:00',
      '16:00',
    ]);
    await setStatus(own, id, 'published', true);
    const weekend = await searchCatalogue(searchQuerySchema.parse({ q: title, time: 'weekend' }), {
      log: false,
    });
    expect(weekend.hits.map((h) => h.title)).toEqual([title]);
  });

  it('migration 0028 fills in the district of older editor venues and the weekdays of typed dates', async () => {
    const title = 'Altbestand Mühlrad';
    const id = await createOffer(own, offerInput(title));
    const runId = await saveRun(
      own,
      id,
      null,
      weeklyRun({ weekdays: [], startsAt: '', endsAt: '', sessions: '2027-02-14 10:00-16:00' }),
    );
    await setStatus(own, id, 'published', true);
    // As the editor left them before: no district, no weekdays.
    const [old] = await db.sql<{ venueId: number }[]>`
      update runs set weekdays = '{}' where id = ${runId} returning venue_id as "venueId"`;
    await db.sql`update venues set district = null where id = ${old!.venueId}`;
    await db.sql`select search_refresh_offers(array[${id}]::bigint[])`;
    const [expected] = await db.sql<{ district: string }[]>`
      select district from venues where postcode = '34127' and district is not null
      group by district order by count(*) desc, district limit 1`;

    const migration = await readFile('db/migrations/0028_venue_districts_and_typed_weekdays.sql', 'utf8');
    await db.sql.begin((tx) => tx.unsafe(migration));
    const [run] = await db.sql<{ weekdays: number[]; district: string | null }[]>`
      select r.weekdays, v.district from runs r join venues v on v.id = r.venue_id where r.id = ${runId}`;
    expect(run).toEqual({ weekdays: [7], district: expected?.district ?? 'Kassel' });
    const [row] = await db.sql<{ district: string | null; weekend: boolean }[]>`
      select district, weekend from search_runs where run_id = ${runId}`;
    expect(row).toEqual({ district: run!.district, weekend: true });
  });

  it('duplicates for the next term: a draft with runs shifted by whole weeks at the same wall-clock time', async () => {
    const id = await createOffer(own, offerInput('Semesterkurs Winter'));
    await saveRun(
      own,
      id,
      null,
      weeklyRun({ startsOn: '2026-12-01', endsOn: '2026-12-15', weekdays: ['2'] }),
    );
    const copyId = await duplicate(own, id, 26, ' (Kopie)');
    const { offer } = await getOwnOffer(own, copyId);
    expect(offer.status).toBe('draft');
    expect(offer.title).toBe('Semesterkurs Winter (Kopie)');
    expect(offer.runs[0]!.starts_on).toBe('2027-06-01');
    expect(offer.runs[0]!.sessions).toHaveLength(3);
    // 18:00 in Berlin in June is 16:00 UTC (in December it was 17:00 UTC).
    expect(new Date(offer.runs[0]!.sessions[0]!.starts_at).toISOString()).toBe('2027-06-01T16:00:00.000Z');
  });

  it('refuses every action on another provider’s offer as not found, and another provider’s venue', async () => {
    const id = await createOffer(own, offerInput('Nur für den eigenen Anbieter'));
    const runId = await saveRun(own, id, null, weeklyRun());
    const notFound = new AppError('not_found');
    await expect(getOwnOffer(other, id)).rejects.toEqual(notFound);
    await expect(updateOffer(other, id, offerInput('Gekapert'))).rejects.toEqual(notFound);
    await expect(setStatus(other, id, 'published', true)).rejects.toEqual(notFound);
    await expect(saveRun(other, id, null, weeklyRun())).rejects.toEqual(notFound);
    await expect(saveRun(other, id, runId, weeklyRun())).rejects.toEqual(notFound);
    await expect(copyRun(other, id, runId)).rejects.toEqual(notFound);
    await expect(removeRun(other, id, runId)).rejects.toEqual(notFound);
    await expect(duplicate(other, id, 0, '')).rejects.toEqual(notFound);
    const [row] = await db.sql`select title, status from offers where id = ${id}`;
    expect(row).toEqual({ title: 'Nur für den eigenen Anbieter', status: 'draft' });
    // Answered "not found", yet each attempt is on record for the office: one row per refusal,
    // naming who tried and which offer (issue 14 #13).
    const refused = await db.sql<{ outcome: string; actor: number; provider: number }[]>`
      select outcome, actor_user_id as actor, (detail->>'provider')::int as provider from audit_log
       where action = 'provider.refused' and target_type = 'offer' and target_id = ${String(id)}`;
    expect(refused).toHaveLength(8);
    for (const r of refused)
      expect(r).toEqual({ outcome: 'denied', actor: other.userId, provider: other.providerId });

    const [foreignVenue] = await db.sql<
      { id: number }[]
    >`select id from venues where provider_id = ${other.providerId} limit 1`;
    await expect(
      saveRun(own, id, null, weeklyRun({ venueId: String(foreignVenue!.id) })),
    ).rejects.toBeInstanceOf(RunRejected);
  });
});

describe('form validation', () => {
  it('explains bad run input by field', () => {
    const result = runSchema.safeParse({
      startsOn: '2027-02-30',
      endsOn: '2027-01-01',
      startsAt: '25:00',
      format: 'in_person',
      price: '12,345',
      seats: '-1',
    });
    expect(result.success).toBe(false);
    const fields = Object.keys(result.error!.flatten().fieldErrors).sort();
    expect(fields).toEqual(['price', 'seats', 'startsAt', 'startsOn']);
  });
});

describe('missing fields', () => {
  it('name every missing required field with a message of ours, never zod’s default', () => {
    const offer = offerSchema.safeParse({});
    const run = runSchema.safeParse({});
    const messages = [
      ...Object.values(offer.error!.flatten().fieldErrors).flat(),
      ...Object.values(run.error!.flatten().fieldErrors).flat(),
    ];
    expect(messages.length).toBeGreaterThan(3);
    for (const m of messages) expect(m).toMatch(/^provider:errors\./);
  });
});

describe('translations', () => {
  it('keeps optional translations of title and summary, and a duplicate keeps them too', async () => {
    const input = offerSchema.parse({
      title: 'Deutsch für den Alltag',
      summary: 'Ein Kurs für alle, die im Alltag besser Deutsch sprechen möchten.',
      category: 'deutsch_integration',
      language: 'de',
      title_en: 'German for everyday life',
      summary_en: 'A course for everyone who wants to speak better German in everyday life.',
      title_uk: 'Німецька для повсякдення',
      summary_tr: '',
    });
    expect(input.translations).toEqual({
      en: {
        title: 'German for everyday life',
        summary: 'A course for everyone who wants to speak better German in everyday life.',
      },
      uk: { title: 'Німецька для повсякдення' },
    });
    const id = await createOffer(own, input);
    expect((await getOwnOffer(own, id)).offer.translations).toEqual(input.translations);
    const copy = await duplicate(own, id, 0, ' (Kopie)');
    expect((await getOwnOffer(own, copy)).offer.translations.en?.title).toBe('German for everyday life');
  });
});

describe('entry requirements and registration (issue 14 #20)', () => {
  it('keeps what an offer requires and how to register, and a run’s deadline, units and seat state', async () => {
    const input = offerSchema.parse({
      title: 'Vorbereitung auf die Meisterprüfung Teil III',
      summary: 'Berufsbegleitend zum Meisterbrief, mit Prüfungsvorbereitung an der Kammer.',
      category: 'berufliche_weiterbildung',
      language: 'de',
      funding: ['aufstiegs_bafoeg', 'bildungsgutschein', 'azav'],
      entryRequirements: ['vocational_qualification', 'professional_experience'],
      entryCefrLevel: 'B2',
      entryNote: 'Gesellenbrief bitte zum Beratungsgespräch mitbringen.',
      lateEntry: 'on',
      registrationUrl: 'https://www.beispiel-bildung.example/anmelden',
      registrationEmail: 'Anmeldung@Beispiel-Bildung.example',
      registrationPhone: '0561 123456-20',
      registrationNote: 'Die Anmeldung ist verbindlich.',
      azavMeasureNumber: '962/0815/2027',
    });
    const id = await createOffer(own, input);
    const runId = await saveRun(
      own,
      id,
      null,
      weeklyRun({
        registrationDeadline: '2027-01-05',
        teachingUnits: '120',
        seatsStatus: 'few',
        seats: '16',
      }),
    );
    const { offer } = await getOwnOffer(own, id);
    expect(offer).toMatchObject({
      entry_requirements: ['vocational_qualification', 'professional_experience'],
      entry_cefr_level: 'B2',
      entry_note: 'Gesellenbrief bitte zum Beratungsgespräch mitbringen.',
      late_entry: true,
      registration_url: 'https://www.beispiel-bildung.example/anmelden',
      registration_email: 'anmeldung@beispiel-bildung.example',
      registration_phone: '0561 123456-20',
      registration_note: 'Die Anmeldung ist verbindlich.',
      azav_measure_number: '962/0815/2027',
    });
    expect(offer.runs.find((r) => r.id === runId)).toMatchObject({
      registration_deadline: '2027-01-05',
      teaching_units: 120,
      seats_status: 'few',
      seats: 16,
    });

    // "None" is an empty list, nothing ticked is "not stated".
    await updateOffer(own, id, offerSchema.parse({ ...offerInputFields(), entryRequirements: ['none'] }));
    expect((await getOwnOffer(own, id)).offer.entry_requirements).toEqual([]);
    await updateOffer(own, id, offerSchema.parse(offerInputFields()));
    expect((await getOwnOffer(own, id)).offer.entry_requirements).toBeNull();

    // The next term's copy keeps the facts and the units, moves the deadline, forgets how full it was.
    await updateOffer(own, id, input);
    const copy = await duplicate(own, id, 26, ' (Kopie)');
    const copied = (await getOwnOffer(own, copy)).offer;
    expect(copied).toMatchObject({
      entry_cefr_level: 'B2',
      late_entry: true,
      azav_measure_number: '962/0815/2027',
    });
    expect(copied.runs[0]).toMatchObject({
      registration_deadline: '2027-07-06',
      teaching_units: 120,
      seats_status: null,
    });
  });

  it('explains contradictions and bad values with the provider’s own messages', () => {
    const offer = offerSchema.safeParse({
      ...offerInputFields(),
      entryRequirements: ['none', 'school_certificate'],
      entryCefrLevel: 'D1',
      registrationUrl: 'anmeldung.example',
      registrationEmail: 'keine-adresse',
      registrationPhone: 'bitte anrufen',
      azavMeasureNumber: '962/1/2027',
    });
    expect(offer.success).toBe(false);
    expect(offer.error!.flatten().fieldErrors).toMatchObject({
      registrationUrl: ['provider:errors.websiteInvalid'],
      registrationEmail: ['provider:errors.emailInvalid'],
      registrationPhone: ['provider:errors.phoneInvalid'],
    });
    expect(offer.error!.flatten().fieldErrors.entryCefrLevel).toEqual(['provider:errors.levelInvalid']);
    // The cross-field rules speak once the fields themselves are valid.
    const crossed = offerSchema.safeParse({
      ...offerInputFields(),
      entryRequirements: ['none', 'school_certificate'],
      azavMeasureNumber: '962/1/2027',
    });
    expect(crossed.error!.flatten().fieldErrors).toEqual({
      entryRequirements: ['provider:errors.requirementsNoneAndSome'],
      azavMeasureNumber: ['provider:errors.measureNumberWithoutAzav'],
    });
    const run = runSchema.safeParse({
      startsOn: '2027-01-12',
      endsOn: '2027-03-30',
      format: 'online',
      registrationDeadline: '2027-04-01',
      teachingUnits: '0',
      seatsStatus: 'halb',
    });
    expect(run.error!.flatten().fieldErrors).toMatchObject({
      teachingUnits: ['provider:errors.teachingUnitsInvalid'],
      seatsStatus: ['provider:errors.seatsStatusInvalid'],
    });
    const late = runSchema.safeParse({
      startsOn: '2027-01-12',
      endsOn: '2027-03-30',
      format: 'online',
      registrationDeadline: '2027-04-01',
    });
    expect(late.error!.flatten().fieldErrors).toEqual({
      registrationDeadline: ['provider:errors.deadlineAfterEnd'],
    });
  });
});

function offerInputFields() {
  return {
    title: 'Ein Kurs mit Voraussetzungen',
    summary: 'Ein Kurs, an dem man erst nach einer Ausbildung teilnehmen kann.',
    category: 'berufliche_weiterbildung',
    language: 'de',
  };
}

describe('the offer list of a large catalogue, and bulk actions (issue 14 #15)', () => {
  let vhs: Actor;
  const today = todayInBerlin();
  const list = (query: Record<string, string> = {}) =>
    listOwnOffers(vhs.providerId, offerListSchema.parse(query));

  beforeAll(async () => {
    const [p] = await db.sql<{ id: number }[]>`
      insert into providers (slug, name, kind, status) values ('listen-vhs', 'Listen-VHS', 'vhs', 'approved') returning id`;
    vhs = { userId: 3, providerId: p!.id, ip: null };
    // 120 offers: "Kurs 001" … "Kurs 120", course numbers K-001 …, every 4th a draft, every 10th archived.
    await db.sql`
      insert into offers (provider_id, title, course_number, category, status, updated_at)
      select ${vhs.providerId}, 'Kurs ' || lpad(i::text, 3, '0'), 'K-' || lpad(i::text, 3, '0'),
             case when i % 2 = 0 then 'sprachen' else 'gesundheit' end,
             case when i % 10 = 0 then 'archived' when i % 4 = 0 then 'draft' else 'published' end,
             timestamptz '2026-06-01 12:00+02' + (i || ' hours')::interval
      from generate_series(1, 120) i`;
  });

  async function offerId(title: string) {
    const [row] = await db.sql<{ id: number }[]>`
      select id from offers where provider_id = ${vhs.providerId} and title = ${title}`;
    return row!.id;
  }

  it('shows 50 a page, the last change first, and counts all the filter finds', async () => {
    const first = await list();
    expect(first.total).toBe(120);
    expect(first.pages).toBe(3);
    expect(first.offers).toHaveLength(50);
    expect(first.offers[0]!.title).toBe('Kurs 120');
    const third = await list({ page: '3' });
    expect(third.offers.map((o) => o.title)).toHaveLength(20);
    expect(third.offers.at(-1)!.title).toBe('Kurs 001');
    // Past the last page: nothing, but the count stays (the page offers a way back).
    const past = await list({ page: '9' });
    expect(past.offers).toEqual([]);
    expect(past.total).toBe(120);
  });

  it('searches title and course number, takes % and _ literally, and never lists another provider’s offers', async () => {
    expect((await list({ q: 'K-042' })).offers.map((o) => o.title)).toEqual(['Kurs 042']);
    expect((await list({ q: 'kurs 11' })).total).toBe(10); // 110–119, case-insensitive
    expect((await list({ q: '%' })).total).toBe(0);
    expect((await list({ q: 'Kurs_0' })).total).toBe(0);
    const { offers } = await listOwnOffers(own.providerId, offerListSchema.parse({}));
    expect(offers.some((o) => o.title.startsWith('Kurs 0'))).toBe(false);
  });

  it('filters by status (also waiting for review and taken down), category and last change', async () => {
    expect((await list({ status: 'archived' })).total).toBe(12);
    expect((await list({ status: 'draft' })).total).toBe(120 / 4 - 6);
    expect((await list({ status: 'published' })).total).toBe(120 - 12 - 24);
    expect((await list({ category: 'sprachen' })).total).toBe(60);
    expect((await list({ category: 'sprachen', status: 'archived' })).total).toBe(12);
    // updated_at: 2026-06-01 12:00 + i hours, so from 2026-06-05 (Berlin midnight) on: i ≥ 84.
    expect((await list({ since: '2026-06-05' })).total).toBe(120 - 83);
    const review = await offerId('Kurs 004');
    const down = await offerId('Kurs 008');
    await db.sql`update offers set review_requested_at = now() where id = ${review}`;
    await db.sql`update offers set moderation_note = 'Falsche Angaben' where id = ${down}`;
    expect((await list({ status: 'review' })).offers.map((o) => o.title)).toEqual(['Kurs 004']);
    const takenDown = await list({ status: 'taken_down' });
    expect(takenDown.offers.map((o) => [o.title, o.takenDown])).toEqual([['Kurs 008', true]]);
    await db.sql`update offers set review_requested_at = null, moderation_note = null where id in (${review}, ${down})`;
  });

  it('names the next start from today on, never a past date, and filters and sorts by it', async () => {
    const past = await offerId('Kurs 001');
    const soon = await offerId('Kurs 002');
    const later = await offerId('Kurs 003');
    await db.sql`
      insert into runs (offer_id, starts_on, ends_on) values
        (${past}, ${addDays(today, -30)}, ${addDays(today, -1)}),
        (${soon}, ${addDays(today, -3)}, ${addDays(today, -3)}),
        (${soon}, ${addDays(today, 10)}, ${addDays(today, 40)}),
        (${later}, ${addDays(today, 200)}, ${addDays(today, 230)})`;
    const rows = (await list({ q: 'Kurs 00' })).offers;
    const next = Object.fromEntries(rows.map((o) => [o.title, o.nextStart]));
    expect(next['Kurs 001']).toBeNull();
    expect(next['Kurs 002']).toBe(addDays(today, 10));
    expect(next['Kurs 003']).toBe(addDays(today, 200));
    expect((await list({ next: 'soon' })).offers.map((o) => o.title)).toEqual(['Kurs 002']);
    expect((await list({ next: 'quarter' })).offers.map((o) => o.title)).toEqual(['Kurs 002']);
    expect((await list({ next: 'later' })).offers.map((o) => o.title)).toEqual(['Kurs 003']);
    expect((await list({ next: 'any' })).total).toBe(2);
    expect((await list({ next: 'none' })).total).toBe(118);
    expect((await list({ sort: 'next' })).offers.slice(0, 2).map((o) => o.title)).toEqual([
      'Kurs 002',
      'Kurs 003',
    ]);
  });

  it('sorts titles the German way and course numbers in order', async () => {
    const a = await offerId('Kurs 101');
    const b = await offerId('Kurs 102');
    await db.sql`update offers set title = 'Ärger im Büro?' where id = ${a}`;
    await db.sql`update offers set title = 'Zeichnen' where id = ${b}`;
    const byTitle = (await list({ sort: 'title', page: '3' })).offers.map((o) => o.title);
    expect(byTitle.at(-1)).toBe('Zeichnen');
    expect((await list({ sort: 'title' })).offers[0]!.title).toBe('Ärger im Büro?');
    expect((await list({ sort: 'number' })).offers.slice(0, 3).map((o) => o.courseNumber)).toEqual([
      'K-001',
      'K-002',
      'K-003',
    ]);
    await db.sql`update offers set title = 'Kurs 101' where id = ${a}`;
    await db.sql`update offers set title = 'Kurs 102' where id = ${b}`;
  });

  it('refuses a filter value that is none of ours (the page answers 400)', () => {
    for (const query of [
      { status: 'deleted' },
      { sort: 'price' },
      { page: '0' },
      { since: '2026-02-30' },
      { next: 'x' },
    ])
      expect(offerListSchema.safeParse(query).success).toBe(false);
    expect(offerListSchema.parse({ status: '', q: '  ', since: '' })).toEqual({ sort: 'changed', page: 1 });
  });

  it('a bulk action asks first: a stranger’s offer anywhere in the selection is not found, nothing changes', async () => {
    const mine = await offerId('Kurs 005');
    const [foreign] = await db.sql<{ id: number }[]>`
      select id from offers where provider_id = ${other.providerId} and status = 'published' limit 1`;
    await expect(previewBulk(vhs, 'archive', { ids: [mine, foreign!.id] })).rejects.toEqual(
      new AppError('not_found'),
    );
    await expect(applyBulk(vhs, 'archive', [mine, foreign!.id])).rejects.toEqual(new AppError('not_found'));
    const refused = await db.sql`
      select detail->>'bulk' as bulk from audit_log
       where action = 'provider.refused' and actor_user_id = ${vhs.userId} and target_id = ${String(foreign!.id)}`;
    expect(refused).toEqual([{ bulk: 'archive' }, { bulk: 'archive' }]);
    const rows =
      await db.sql`select id, status from offers where id in (${mine}, ${foreign!.id}) order by id`;
    expect(rows.map((r) => r.status)).toEqual(['published', 'published']);
  });

  it('archives the ticked offers in one go: each leaves the search, already archived ones stay, one audit row each', async () => {
    const title = 'Bulk Archiv Fledermausflügel';
    const published = await createOffer(vhs, offerInput(title));
    await saveRun(vhs, published, null, weeklyRun());
    await setStatus(vhs, published, 'published', true);
    expect(await findsByTitle(title)).toBe(true);
    const draft = await offerId('Kurs 012');
    const archived = await offerId('Kurs 010');
    const preview = await previewBulk(vhs, 'archive', { ids: [published, draft, archived] });
    expect(preview.changed.map((o) => o.id)).toEqual([published, draft]);
    expect(preview.unchanged.map((o) => o.id)).toEqual([archived]);
    const before = new Date();
    expect(await applyBulk(vhs, 'archive', [published, draft, archived])).toEqual({
      changed: 2,
      unchanged: 1,
    });
    const statuses =
      await db.sql`select id, status from offers where id in (${published}, ${draft}) order by id`;
    expect(statuses.map((r) => r.status)).toEqual(['archived', 'archived']);
    expect(await findsByTitle(title)).toBe(false);
    const audits = await db.sql`
      select action, actor_user_id, target_type, target_id, detail from audit_log
      where at >= ${before} and target_type = 'offer' order by target_id::bigint`;
    expect(audits).toEqual(
      [published, draft]
        .sort((x, y) => x - y)
        .map((id) => ({
          action: 'offer.archived',
          actor_user_id: vhs.userId,
          target_type: 'offer',
          target_id: String(id),
          detail: { bulk: true },
        })),
    );
  });

  it('unpublishes: published offers become drafts, a request for review is withdrawn, drafts stay', async () => {
    const published = await offerId('Kurs 013');
    const waiting = await offerId('Kurs 016'); // a draft waiting for review
    const draft = await offerId('Kurs 024');
    await db.sql`update offers set review_requested_at = now() where id = ${waiting}`;
    const before = new Date();
    expect(await applyBulk(vhs, 'unpublish', [published, waiting, draft])).toEqual({
      changed: 2,
      unchanged: 1,
    });
    const rows = await db.sql<{ status: string; review: boolean }[]>`
      select status, review_requested_at is not null as review from offers
      where id in (${published}, ${waiting}) order by id`;
    expect(rows).toEqual([
      { status: 'draft', review: false },
      { status: 'draft', review: false },
    ]);
    const [row] = await db.sql<{ n: number }[]>`
      select count(*)::int as n from audit_log
      where at >= ${before} and action = 'offer.draft' and actor_user_id = ${vhs.userId}
        and target_id in (${String(published)}, ${String(waiting)})`;
    expect(row!.n).toBe(2);
  });

  it('duplicates all the filter finds for the next term: drafts with shifted runs, the originals unchanged', async () => {
    const query = offerListSchema.omit({ page: true }).parse({ q: 'Kurs 00', next: 'any' });
    const preview = await previewBulk(vhs, 'duplicate', { filter: query });
    const ids = preview.changed.map((o) => o.id);
    expect(preview.changed.map((o) => o.title).sort()).toEqual(['Kurs 002', 'Kurs 003']);
    const before = new Date();
    expect(await applyBulk(vhs, 'duplicate', ids, 26)).toEqual({ changed: 2, unchanged: 0 });
    const copies = await db.sql<{ id: number; title: string; status: string; starts: string }[]>`
      select o.id, o.title, o.status, min(r.starts_on)::text as starts from offers o join runs r on r.offer_id = o.id
      where o.provider_id = ${vhs.providerId} and o.title in ('Kurs 002', 'Kurs 003') and o.id <> all(${ids}::bigint[])
      group by o.id order by o.title`;
    expect(copies.map((c) => [c.title, c.status])).toEqual([
      ['Kurs 002', 'draft'],
      ['Kurs 003', 'draft'],
    ]);
    // Every scheduled run is copied 26 weeks later (Kurs 002's past single day too).
    expect(copies[0]!.starts).toBe(addDays(addDays(today, -3), 182));
    expect(copies[1]!.starts).toBe(addDays(addDays(today, 200), 182));
    const audits = await db.sql`
      select target_id, detail from audit_log where at >= ${before} and action = 'offer.duplicated' order by id`;
    expect(audits.map((a) => a.target_id).sort()).toEqual(copies.map((c) => String(c.id)).sort());
    expect(audits.every((a) => a.detail.bulk === true && a.detail.shiftWeeks === 26)).toBe(true);
  });

  it('refuses more than a thousand offers at once', async () => {
    await db.sql`
      insert into offers (provider_id, title, category, status)
      select ${vhs.providerId}, 'Massenkurs ' || i, 'sprachen', 'draft' from generate_series(1, ${MAX_BULK + 1}) i`;
    const query = offerListSchema.omit({ page: true }).parse({ q: 'Massenkurs' });
    await expect(previewBulk(vhs, 'archive', { filter: query })).rejects.toEqual(
      new AppError('conflict', 'bulk_too_many'),
    );
    await db.sql`delete from offers where provider_id = ${vhs.providerId} and title like 'Massenkurs %'`;
  });
});
