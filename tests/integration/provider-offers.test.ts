import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchQuerySchema } from '../../app/modules/catalogue/schemas';
import { searchCatalogue } from '../../app/modules/catalogue/search.server';
import {
  type Actor,
  copyRun,
  createOffer,
  duplicate,
  getOwnOffer,
  RunRejected,
  removeRun,
  saveRun,
  setStatus,
  updateOffer,
} from '../../app/modules/providers/offers.server';
import { offerSchema, runSchema } from '../../app/modules/providers/schemas';
import { AppError } from '../../app/utils/errors';
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
