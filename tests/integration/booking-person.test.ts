import ICAL from 'ical.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hashToken } from '../../app/auth/tokens.server';
import { startJobs, stopJobs } from '../../app/jobs/boss.server';
import { sharedForAppointment } from '../../app/modules/assessment/assessment.server';
import {
  appointmentByToken,
  appointmentFacts,
  cancelByCounsellor,
  cancelByToken,
  eraseOldAppointments,
  moveByToken,
  sendDueReminders,
} from '../../app/modules/booking/booking.server';
import { channelSentence } from '../../app/modules/booking/notify.server';
import { action as bookApi } from '../../app/routes/api.v1.counselling.appointments._index';
import { loader as slotsApi } from '../../app/routes/api.v1.counselling.slots';
import { loader as wizardLoader } from '../../app/routes/beratung.termin._index';
import { action as detailsAction } from '../../app/routes/beratung.termin.daten';
import { action as checkAction, loader as checkLoader } from '../../app/routes/beratung.termin.pruefen';
import { loader as teamLoader } from '../../app/routes/team.termine.$id';
import { action as cancelAction } from '../../app/routes/termin.$token.absagen';
import { resetEnvCache } from '../../app/utils/env.server';
import { publishQuestionnaires, readQuestionnaireFiles } from '../../db/reference/questionnaires';
import { enrolCounsellors } from '../setup/counsellors';
import { createTestDatabase, type TestDatabase } from '../setup/database';

/**
 * The person behind a booking, on a real PostgreSQL: one appointment at a time per
 * address (or phone number) even under concurrent requests, the contact rule per
 * channel, the check-your-answers step that holds nothing until "book", the offer a
 * booking is about, what the wizard offers, and the shared self-assessment that ends
 * with the appointment. Two counsellors see people at the same times, so the same slot
 * is there twice. Fixed clock: Saturday 2027-03-20.
 */
let db: TestDatabase;
let counsellorA: number;
let counsellorB: number;
let counsellorUserId: number;
let offerId: number;
const BASE = 'http://localhost';
const NOW = '2027-03-20T10:00:00+01:00';

function setEnv(vars: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
}

const context = (ip = '198.51.100.1') => ({ clientIp: ip }) as never;

async function book(body: Record<string, unknown>, ip?: string) {
  const request = new Request(`${BASE}/api/v1/counselling/appointments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const response = (await bookApi({ request, params: {}, context: context(ip) })) as Response;
  return { status: response.status, body: await response.json() };
}

const booking = (start: string, extra: Record<string, unknown> = {}) => ({
  topic: 'weiterbildung',
  channel: 'phone',
  language: 'de',
  start,
  name: 'Alex Muster',
  email: 'alex@example.org',
  phone: '0561 123456',
  consent: true,
  ...extra,
});

async function activeAt(start: string) {
  return db.sql<{ email: string | null; phone: string | null; counsellor_id: number }[]>`
    select email, phone, counsellor_id from appointments
    where lower(period) = ${start}::timestamptz and status in ('pending', 'booked')`;
}

/** A form post to a route action; a thrown redirect comes back as the response. */
async function post(
  handler: (args: never) => Promise<unknown>,
  path: string,
  form: Record<string, string>,
  params: Record<string, string> = {},
  ip = '198.51.100.50',
): Promise<Response | { status: number; data: Record<string, unknown> }> {
  const request = new Request(`${BASE}${path}`, {
    method: 'POST',
    body: new URLSearchParams(form),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Accept-Language': 'de' },
  });
  try {
    const out = await handler({ request, params, context: context(ip) } as never);
    return asResult(out);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** data() results carry their status in `init`; plain objects are 200. */
function asResult(out: unknown) {
  if (out instanceof Response) return out;
  const d = out as { type?: string; data?: unknown; init?: { status?: number } | null };
  if (d && d.type === 'DataWithResponseInit')
    return { status: d.init?.status ?? 200, data: d.data as Record<string, unknown> };
  return { status: 200, data: out as Record<string, unknown> };
}

const details = (start: string, extra: Record<string, string> = {}) => ({
  topic: 'weiterbildung',
  channel: 'phone',
  language: 'de',
  start,
  name: 'Kim Prüfer',
  email: 'kim@example.org',
  phone: '0561 222333',
  consent: 'on',
  ...extra,
});

beforeAll(async () => {
  db = await createTestDatabase();
  setEnv({ FIXED_NOW: NOW, ANTI_ABUSE: 'off', SMTP_URL: undefined, BOOKING_WINDOW_DAYS: undefined });
  const [topic] = await db.sql<{ id: number }[]>`
    insert into counselling_topics (slug, name, description, slot_minutes, buffer_minutes, min_notice_minutes, window_days)
    values ('weiterbildung', ${db.sql.json({ de: 'Weiterbildung' })}, '{}', 45, 15, 720, 42)
    returning id`;
  const [office] = await db.sql<{ id: number }[]>`
    insert into offices (slug, name, street, postcode, city) values ('stadthaus', 'Stadthaus', 'Markt 1', '34117', 'Kassel')
    returning id`;
  // A: German and Turkish, at the office and by phone, 09:00–12:00. B: German and Arabic,
  // by phone only, 09:30–12:30 (so B's slots start half an hour later). Nobody by video.
  const [a] = await db.sql<{ id: number }[]>`
    insert into counsellors (display_name, languages, channels) values ('Frau A', '{de,tr}', '{in_person,phone}')
    returning id`;
  const [b] = await db.sql<{ id: number }[]>`
    insert into counsellors (display_name, languages, channels) values ('Herr B', '{de,ar}', '{phone}') returning id`;
  counsellorA = a!.id;
  counsellorB = b!.id;
  for (const id of [counsellorA, counsellorB])
    await db.sql`insert into counsellor_topics values (${id}, ${topic!.id})`;
  await db.sql`insert into counsellor_offices values (${counsellorA}, ${office!.id})`;
  for (const weekday of [1, 2, 3, 4, 5, 6, 7]) {
    await db.sql`
      insert into availability_rules (counsellor_id, weekday, starts_at, ends_at, channels, office_id, valid_from)
      values (${counsellorA}, ${weekday}, '09:00', '12:00', '{in_person,phone}', ${office!.id}, '2027-01-01'),
             (${counsellorB}, ${weekday}, '09:30', '12:30', '{phone}', null, '2027-01-01')`;
  }
  const [provider] = await db.sql<{ id: number }[]>`
    insert into providers (slug, name, kind, status) values ('vhs-test', 'VHS Test', 'vhs', 'approved') returning id`;
  const [offer] = await db.sql<{ id: number }[]>`
    insert into offers (provider_id, title, category, status)
    values (${provider!.id}, 'Schweißen für Einsteiger', 'berufliche_weiterbildung', 'published') returning id`;
  offerId = offer!.id;
  const [user] = await db.sql<{ id: number }[]>`
    insert into users (email, display_name, role) values ('a@example.org', 'Frau A', 'counsellor') returning id`;
  counsellorUserId = user!.id;
  await db.sql`update counsellors set user_id = ${counsellorUserId} where id = ${counsellorA}`;
  // Only counsellors who can sign in (second factor enrolled) receive bookings.
  await enrolCounsellors(db.sql);
  await startJobs(db.url, { work: false });
});

afterAll(async () => {
  await stopJobs();
  setEnv({ FIXED_NOW: undefined, ANTI_ABUSE: undefined });
  await db.drop();
});

beforeEach(() => setEnv({ FIXED_NOW: NOW, ANTI_ABUSE: 'off' }));

describe('one appointment at a time per person (item 8)', () => {
  it('20 concurrent bookings by one address of two overlapping times with two counsellors: one 201, the rest 409', async () => {
    // A's 10:00–10:45 and B's 10:30–11:15 overlap; without the rule each would go to one person twice.
    const times = ['2027-03-31T10:00:00+02:00', '2027-03-31T10:30:00+02:00'];
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        book(booking(times[i % 2]!, { email: 'Same.Person@example.org' }), `203.0.113.${i}`),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    expect(statuses.filter((s) => s >= 500)).toHaveLength(0);
    expect(results.filter((r) => r.status === 409).map((r) => r.body.reason)).toContain(
      'overlapping_booking',
    );
    const rows = await db.sql`
      select 1 from appointments where lower(email) = 'same.person@example.org' and status in ('pending', 'booked')`;
    expect(rows).toHaveLength(1);
  });

  it('an overlapping time with another counsellor is refused for the same address or phone number, not for another person', async () => {
    // A: 10:00–10:45 (Monday, before the clocks change); B's 10:30 slot overlaps it.
    expect((await book(booking('2027-03-22T10:00:00+01:00', { email: 'ovl@example.org' }))).status).toBe(201);
    const same = await book(booking('2027-03-22T10:30:00+01:00', { email: 'OVL@example.org' }));
    expect(same).toMatchObject({ status: 409, body: { reason: 'overlapping_booking' } });
    const other = await book(booking('2027-03-22T10:30:00+01:00', { email: 'someone-else@example.org' }));
    expect(other.status).toBe(201);

    // Only a phone number: the number is the person ("0561 44 55 66" is "056144 5566").
    expect(
      (await book(booking('2027-03-23T10:00:00+01:00', { email: undefined, phone: '0561 44 55 66' }))).status,
    ).toBe(201);
    const samePhone = await book(
      booking('2027-03-23T10:30:00+01:00', { email: undefined, phone: '056144 5566' }),
    );
    expect(samePhone).toMatchObject({ status: 409, body: { reason: 'overlapping_booking' } });
  });

  it('moving into the time of one’s other appointment is refused and changes nothing', async () => {
    const first = await book(booking('2027-03-24T09:00:00+01:00', { email: 'mover@example.org' }));
    const second = await book(booking('2027-03-24T11:00:00+01:00', { email: 'mover@example.org' }));
    expect([first.status, second.status]).toEqual([201, 201]);
    // B's 09:30 overlaps the first appointment (09:00–09:45).
    await expect(
      moveByToken(db.sql, second.body.token, new Date('2027-03-24T09:30:00+01:00'), BASE),
    ).rejects.toMatchObject({ reason: 'overlapping_booking' });
    expect((await appointmentByToken(db.sql, second.body.token))!.starts.toISOString()).toBe(
      '2027-03-24T10:00:00.000Z',
    );
    // Another free time that overlaps nothing of theirs: moved.
    await moveByToken(db.sql, second.body.token, new Date('2027-03-24T10:30:00+01:00'), BASE);
  });
});

describe('one contact rule per channel (item 6)', () => {
  it('by phone needs a number, by video an address, in person either; all errors in one answer', async () => {
    const noPhone = await book(booking('2027-03-25T09:00:00+01:00', { phone: undefined }));
    expect(noPhone.status).toBe(400);
    expect(noPhone.body.errors).toEqual([
      { field: 'phone', message: 'counselling:booking.errors.phoneForCall' },
    ]);
    const video = await book(
      booking('2027-03-25T09:00:00+01:00', { channel: 'video', email: undefined, name: '' }),
    );
    expect(video.status).toBe(400);
    // The name's error and the rule's come together, not one after the other.
    expect(video.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'name']);
    const inPerson = await book(
      booking('2027-03-25T09:00:00+01:00', {
        channel: 'in_person',
        office: 'stadthaus',
        email: undefined,
        phone: '0561 777888',
      }),
    );
    expect(inPerson).toMatchObject({ status: 201 });
  });
});

describe('page, mail and calendar file say the same (item 6)', () => {
  async function mailTo(email: string) {
    const [job] = await db.sql<{ text: string; attachments: { content: string }[] }[]>`
      select data->>'text' as text, data->'attachments' as attachments
      from pgboss.job where name = 'mail' and data->>'to' = ${email} order by created_on limit 1`;
    const event = new ICAL.Component(ICAL.parse(job!.attachments[0]!.content)).getFirstSubcomponent(
      'vevent',
    )!;
    return { text: job!.text, description: String(event.getFirstPropertyValue('description')) };
  }

  it('by phone: "we call you at <number>", the number given; in person: the office and its address', async () => {
    const phone = await book(
      booking('2027-04-09T09:00:00+02:00', { email: 'how-phone@example.org', phone: '0561 8765432' }),
    );
    expect(phone.status).toBe(201);
    const sentence = await channelSentence('de', {
      channel: 'phone',
      phone: '0561 8765432',
      email: 'how-phone@example.org',
      office_name: null,
      office_address: null,
    });
    expect(sentence).toBe('am Telefon – wir rufen Sie zur Terminzeit unter 0561 8765432 an');
    const mail = await mailTo('how-phone@example.org');
    expect(mail.text).toContain(sentence);
    expect(mail.description).toContain(sentence);

    const office = await book(
      booking('2027-04-09T10:00:00+02:00', {
        channel: 'in_person',
        office: 'stadthaus',
        email: 'how-office@example.org',
      }),
    );
    expect(office.status).toBe(201);
    const where = await channelSentence('de', {
      channel: 'in_person',
      phone: null,
      email: null,
      office_name: 'Stadthaus',
      office_address: 'Markt 1, 34117 Kassel',
    });
    const officeMail = await mailTo('how-office@example.org');
    expect(officeMail.text).toContain(where);
    expect(officeMail.description).toContain(where);
  });

  it('in Arabic, phone numbers and German names are isolated left to right', async () => {
    const sentence = await channelSentence('ar', {
      channel: 'phone',
      phone: '+49 561 1234',
      email: null,
      office_name: null,
      office_address: null,
    });
    expect(sentence).toContain('\u2066+49 561 1234\u2069');
  });
});

describe('the check-your-answers step (item 5)', () => {
  it('details lead to a check page; nothing is held until "book"; the booking spends the draft once', async () => {
    const day = '2027-03-30T09:30:00+02:00';
    const free = async () => {
      const response = (await slotsApi({
        request: new Request(
          `${BASE}/api/v1/counselling/slots?topic=weiterbildung&from=2027-03-30&to=2027-03-30`,
        ),
        params: {},
        context: context(),
      })) as Response;
      return ((await response.json()).slots as { start: string }[]).map((s) => s.start);
    };
    expect(await free()).toContain(day);

    const sent = await post(
      detailsAction,
      '/beratung/termin/daten',
      details(day, { offer: String(offerId) }),
    );
    expect(sent).toBeInstanceOf(Response);
    const location = (sent as Response).headers.get('Location')!;
    expect(location).toMatch(/^\/beratung\/termin\/pruefen\?entwurf=[a-z2-7]{32}$/);
    const token = new URL(location, BASE).searchParams.get('entwurf')!;
    // Sending the details holds nothing: the time is still offered to everyone.
    expect(await activeAt(day)).toHaveLength(0);
    expect(await free()).toContain(day);
    const [draft] = await db.sql<{ data: Record<string, unknown> }[]>`
      select data from booking_drafts where token_hash = ${hashToken(token)}`;
    expect(draft!.data).toMatchObject({ name: 'Kim Prüfer', phone: '0561 222333', offer: { id: offerId } });

    const page = asResult(
      await checkLoader({
        request: new Request(`${BASE}${location}`, { headers: { 'Accept-Language': 'de' } }),
        params: {},
        context: context(),
      } as never),
    ) as { status: number; data: { check: { free: boolean; how: string; name: string } } };
    expect(page.data.check).toMatchObject({ free: true, name: 'Kim Prüfer' });
    // The same sentence as the mails: we call the number given.
    expect(page.data.check.how).toContain('0561 222333');

    // Two "book" presses at once: one booking, the other finds the draft spent.
    const [one, two] = await Promise.all([
      post(checkAction, location, { intent: 'book' }),
      post(checkAction, location, { intent: 'book' }),
    ]);
    const booked = [one, two].filter((r) => r instanceof Response) as Response[];
    expect(booked).toHaveLength(1);
    expect(booked[0]!.headers.get('Location')).toMatch(/^\/termin\/[a-z2-7]{32}\?neu=1$/);
    expect([one, two].find((r) => !(r instanceof Response))).toMatchObject({
      status: 404,
      data: { error: 'draft_gone' },
    });
    const rows = await activeAt(day);
    expect(rows).toHaveLength(1);
    expect(await db.sql`select 1 from booking_drafts where token_hash = ${hashToken(token)}`).toHaveLength(0);

    // The offer travels to the appointment, for the counsellor's page.
    const manageToken = booked[0]!.headers.get('Location')!.split('/')[2]!.split('?')[0]!;
    const row = (await appointmentByToken(db.sql, manageToken))!;
    expect(appointmentFacts(row, { officeAddress: false }).offer).toEqual({
      id: offerId,
      title: 'Schweißen für Einsteiger',
    });
  });

  it('the details form answers every error at once, with and without the contact rule’s part', async () => {
    const answer = await post(detailsAction, '/beratung/termin/daten', {
      topic: 'weiterbildung',
      channel: 'phone',
      language: 'de',
      start: '2027-03-30T10:30:00+02:00',
      email: 'x@example.org',
    });
    expect(answer).toMatchObject({ status: 400 });
    const errors = (answer as unknown as { data: { error: Record<string, string[]> } }).data.error;
    expect(Object.keys(errors).sort()).toEqual(['consent', 'name', 'phone']);
  });

  it('an unknown offer is left out, not trusted: the draft has none', async () => {
    const sent = (await post(
      detailsAction,
      '/beratung/termin/daten',
      details('2027-03-30T11:30:00+02:00', { offer: '999999', email: 'no-offer@example.org' }),
    )) as Response;
    const token = new URL(sent.headers.get('Location')!, BASE).searchParams.get('entwurf')!;
    const [draft] = await db.sql<{ data: Record<string, unknown> }[]>`
      select data from booking_drafts where token_hash = ${hashToken(token)}`;
    expect(draft!.data.offer).toBeUndefined();
  });

  it('with the protections on: the honeypot refuses the details; no proof and no address books under a tight limit', async () => {
    setEnv({ FIXED_NOW: NOW, ANTI_ABUSE: undefined });
    const honey = await post(
      detailsAction,
      '/beratung/termin/daten',
      details('2027-03-31T09:00:00+02:00', { website: 'http://spam.example' }),
      {},
      '192.0.2.60',
    );
    expect(honey).toMatchObject({
      status: 400,
      data: { error: { '': ['counselling:booking.errors.spam'] } },
    });

    // Without JavaScript (no proof) and without an address there is no mail to confirm by:
    // the same rule as with JavaScript (a phone number suffices), booked, 5 per IP an hour.
    const statuses: number[] = [];
    const times = ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30'];
    for (const [i, time] of times.entries()) {
      const sent = await post(
        detailsAction,
        '/beratung/termin/daten',
        details(`2027-04-0${1 + Math.floor(i / 2)}T${time}:00+02:00`, {
          email: '',
          phone: `0561 90000${i}`,
        }),
        {},
        '192.0.2.61',
      );
      expect(sent).toBeInstanceOf(Response);
      const done = await post(
        checkAction,
        (sent as Response).headers.get('Location')!,
        { intent: 'book' },
        {},
        '192.0.2.61',
      );
      statuses.push(done instanceof Response ? 201 : done.status);
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
    const [row] = await db.sql<{ status: string }[]>`
      select status from appointments where phone = '0561 900000'`;
    expect(row!.status).toBe('booked');
  });

  it('drafts nobody booked are deleted when they run out', async () => {
    const sent = (await post(
      detailsAction,
      '/beratung/termin/daten',
      details('2027-04-05T09:00:00+02:00', { email: 'forgotten@example.org' }),
    )) as Response;
    expect(sent).toBeInstanceOf(Response);
    expect((await db.sql`select 1 from booking_drafts`).length).toBeGreaterThan(0);
    setEnv({ FIXED_NOW: '2027-03-20T11:01:00+01:00' });
    await sendDueReminders(db.sql);
    expect(await db.sql`select 1 from booking_drafts`).toHaveLength(0);
  });
});

describe('what the wizard offers (item 7)', () => {
  async function wizard(query: string, lng = 'ar') {
    const out = asResult(
      await wizardLoader({
        request: new Request(`${BASE}/beratung/termin?${query}&lng=${lng}`),
        params: {},
        context: context(),
      } as never),
    ) as { data: Record<string, unknown> };
    return out.data as {
      channels?: { channel: string; first: { start: string } }[];
      channelsWithout?: string[];
      languages?: { language: string }[];
      suggestedLanguage?: string;
    };
  }

  it('offers only channels and languages with free time, and never pre-selects a language nobody free speaks', async () => {
    const channels = await wizard('thema=weiterbildung');
    expect(channels.channels!.map((c) => c.channel)).toEqual(['in_person', 'phone']);
    expect(channels.channelsWithout).toEqual(['video']);
    // The first free time in person: Sunday morning (12 hours' notice from Saturday 10:00).
    expect(channels.channels![0]!.first.start).toBe('2027-03-21T09:00:00+01:00');

    // In person only A sees people: German and Turkish, no Arabic; German is suggested.
    const inPerson = await wizard('thema=weiterbildung&kanal=in_person&stelle=stadthaus');
    expect(inPerson.languages!.map((l) => l.language).sort()).toEqual(['de', 'tr']);
    expect(inPerson.suggestedLanguage).toBe('de');
    // By phone B speaks Arabic: offered, and chosen for an Arabic reader.
    const phone = await wizard('thema=weiterbildung&kanal=phone');
    expect(phone.languages!.map((l) => l.language).sort()).toEqual(['ar', 'de', 'tr']);
    expect(phone.suggestedLanguage).toBe('ar');
  });

  it('"Beratung zu diesem Angebot" opens with the topic of the offer’s category (when it exists) and keeps the offer', async () => {
    await db.sql`insert into counselling_topics (slug, name, description) values ('weiterbildung-umschulung', ${db.sql.json({ de: 'Weiterbildung und Umschulung' })}, '{}')`;
    const w = (await wizard(`angebot=${offerId}`, 'de')) as unknown as {
      step: string;
      params: { thema?: string; angebot?: string };
      offer?: { title: string };
    };
    expect(w.step).toBe('channel');
    expect(w.params).toMatchObject({ thema: 'weiterbildung-umschulung', angebot: String(offerId) });
    expect(w.offer?.title).toBe('Schweißen für Einsteiger');
    const unknown = (await wizard('angebot=999999', 'de')) as unknown as {
      step: string;
      params: { angebot?: string };
    };
    expect(unknown.step).toBe('topic');
    expect(unknown.params.angebot).toBeUndefined();
  });
});

describe('cancelling ends the sharing of the self-assessment (item 19)', () => {
  let n = 0;
  /** A finished assessment (its stored result is all the counsellor's page reads) and a booking sharing it. */
  async function sharedBooking(start: string) {
    n += 1;
    // A real questionnaire version: the counsellor's page also recommends from the answers.
    await publishQuestionnaires(db.sql, await readQuestionnaireFiles());
    const [latest] = await db.sql<
      { version: number }[]
    >`select max(version) as version from assessment_versions`;
    const version = latest!.version;
    const [assessment] = await db.sql<{ id: number }[]>`
      insert into assessments (token_hash, version, step, result, finished_at)
      values (${`hash-${n}-${Date.now()}`}, ${version}, 'uebersicht',
        ${db.sql.json({ shared: { profile: [{ module: 'sprachen', items: [] }], hints: ['integration_course'] } })}, now())
      returning id`;
    const created = await book(booking(start, { email: `share${n}@example.org` }));
    expect(created.status).toBe(201);
    const row = (await appointmentByToken(db.sql, created.body.token))!;
    await db.sql`
      update appointments set assessment_id = ${assessment!.id}, assessment_shared_at = now() where id = ${row.id}`;
    return { token: created.body.token as string, id: row.id, counsellorId: row.counsellor_id };
  }

  async function counsellorPage(id: number) {
    const auth = {
      user: {
        id: counsellorUserId,
        email: 'a@example.org',
        displayName: 'Frau A',
        role: 'counsellor',
        status: 'active',
        locale: 'de',
        totpEnabled: true,
      },
      session: { id: 's', twoFactorVerified: true },
    };
    return (await teamLoader({
      request: new Request(`${BASE}/team/termine/${id}`),
      params: { id: String(id) },
      context: { auth, clientIp: '127.0.0.1' } as never,
    })) as { assessment: unknown };
  }

  async function sharing(id: number) {
    const [row] = await db.sql<{ assessment_id: number | null; assessment_withdrawn_at: Date | null }[]>`
      select assessment_id, assessment_withdrawn_at from appointments where id = ${id}`;
    return row!;
  }

  it('by the person (after the explicit confirmation), by the counsellor, and when the personal data is erased', async () => {
    // The person's cancellation: only the confirmation page's form cancels.
    const byPerson = await sharedBooking('2027-04-06T09:00:00+02:00');
    expect((await counsellorPage(byPerson.id)).assessment).not.toBeNull();
    const answer = await post(
      cancelAction,
      `/termin/${byPerson.token}/absagen`,
      { intent: 'cancel' },
      {
        token: byPerson.token,
      },
    );
    expect((answer as Response).headers.get('Location')).toBe(`/termin/${byPerson.token}?abgesagt=1`);
    expect((await appointmentByToken(db.sql, byPerson.token))!.status).toBe('cancelled');
    expect((await counsellorPage(byPerson.id)).assessment).toBeNull();
    expect(await sharedForAppointment(byPerson.id, counsellorUserId)).toBeNull();
    expect(await sharing(byPerson.id)).toMatchObject({ assessment_id: null });
    expect((await sharing(byPerson.id)).assessment_withdrawn_at).toBeInstanceOf(Date);

    // The counsellor's cancellation.
    const byCounsellor = await sharedBooking('2027-04-06T10:00:00+02:00');
    expect(await sharedForAppointment(byCounsellor.id, counsellorUserId)).not.toBeNull();
    await cancelByCounsellor(db.sql, byCounsellor.counsellorId, byCounsellor.id, 'Krank', BASE);
    expect(await sharedForAppointment(byCounsellor.id, counsellorUserId)).toBeNull();

    // The manage link's API cancellation too.
    const byApi = await sharedBooking('2027-04-06T11:00:00+02:00');
    expect(await cancelByToken(db.sql, byApi.token, BASE)).toBe('cancelled');
    expect(await sharedForAppointment(byApi.id, counsellorUserId)).toBeNull();

    // Erasing the personal data after the retention period.
    const erased = await sharedBooking('2027-04-07T09:00:00+02:00');
    expect(await sharedForAppointment(erased.id, counsellorUserId)).not.toBeNull();
    setEnv({ FIXED_NOW: '2027-07-10T12:00:00+02:00' });
    await eraseOldAppointments(db.sql);
    expect(await sharedForAppointment(erased.id, counsellorUserId)).toBeNull();
    expect((await sharing(erased.id)).assessment_id).toBeNull();
  });

  it('a post without the confirmation’s own form cancels nothing', async () => {
    const kept = await sharedBooking('2027-04-08T09:00:00+02:00');
    const refused = await post(cancelAction, `/termin/${kept.token}/absagen`, {}, { token: kept.token });
    expect((refused as Response).status).toBe(400);
    expect((await appointmentByToken(db.sql, kept.token))!.status).toBe('booked');
    expect(await sharedForAppointment(kept.id, counsellorUserId)).not.toBeNull();
  });
});
