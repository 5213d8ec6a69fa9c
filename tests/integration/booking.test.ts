import ICAL from 'ical.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { solveChallenge } from '../../app/components/altcha-field';
import { startJobs, stopJobs } from '../../app/jobs/boss.server';
import { createAltchaChallenge } from '../../app/modules/booking/altcha.server';
import {
  appointmentByToken,
  cancelByCounsellor,
  confirmByToken,
  eraseOldAppointments,
  moveByToken,
  ownAppointment,
  recordOutcome,
  sendDueReminders,
} from '../../app/modules/booking/booking.server';
import { action as bookApi } from '../../app/routes/api.v1.counselling.appointments._index';
import {
  loader as tokenApi,
  action as tokenApiAction,
} from '../../app/routes/api.v1.counselling.appointments.$token';
import { loader as slotsApi } from '../../app/routes/api.v1.counselling.slots';
import { loader as topicsApi } from '../../app/routes/api.v1.counselling.topics';
import { resetEnvCache } from '../../app/utils/env.server';
import { enrolCounsellors } from '../setup/counsellors';
import { createTestDatabase, type TestDatabase } from '../setup/database';

/**
 * Booking on a real PostgreSQL through the API's own handlers, with the real job queue
 * (not worked, so mails stay readable in pgboss.job) and a fixed clock: Saturday
 * 2027-03-20, a week before the spring daylight-saving change.
 */
let db: TestDatabase;
let counsellorId: number;
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

async function getJson(handler: typeof slotsApi, path: string, params: Record<string, string> = {}) {
  const response = (await handler({
    request: new Request(`${BASE}${path}`),
    params,
    context: context(),
  })) as Response;
  return { status: response.status, body: await response.json(), response };
}

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

async function mails(email: string) {
  return db.sql<
    { template: string; text: string; attachments: { content: string; contentType: string }[] | null }[]
  >`
    select data->>'template' as template, data->>'text' as text, data->'attachments' as attachments
    from pgboss.job where name = 'mail' and data->>'to' = ${email} order by created_on, id`;
}

function parseIcs(text: string) {
  const root = new ICAL.Component(ICAL.parse(text));
  const event = root.getFirstSubcomponent('vevent')!;
  return {
    method: root.getFirstPropertyValue('method'),
    uid: String(event.getFirstPropertyValue('uid')),
    sequence: Number(event.getFirstPropertyValue('sequence')),
    status: event.getFirstPropertyValue('status'),
    tzid: event.getFirstProperty('dtstart')!.getParameter('tzid'),
  };
}

async function slotStarts(from: string, to = from, channel = 'phone'): Promise<string[]> {
  const { body } = await getJson(
    slotsApi,
    `/api/v1/counselling/slots?topic=weiterbildung&channel=${channel}&from=${from}&to=${to}`,
  );
  return body.slots.map((s: { start: string }) => s.start);
}

beforeAll(async () => {
  db = await createTestDatabase();
  setEnv({ FIXED_NOW: NOW, ANTI_ABUSE: 'off', SMTP_URL: undefined, BOOKING_WINDOW_DAYS: undefined });
  const [topic] = await db.sql<{ id: number }[]>`
    insert into counselling_topics (slug, name, description, slot_minutes, buffer_minutes, min_notice_minutes, window_days)
    values ('weiterbildung', ${db.sql.json({ de: 'Weiterbildung', en: 'Further training' })}, '{}', 45, 15, 720, 42)
    returning id`;
  const [office] = await db.sql<{ id: number }[]>`
    insert into offices (slug, name, street, postcode, city) values ('stadthaus', 'Stadthaus', 'Markt 1', '34117', 'Kassel')
    returning id`;
  const [counsellor] = await db.sql<{ id: number }[]>`
    insert into counsellors (display_name, languages, channels) values ('Frau Beraterin', '{de,tr}', '{in_person,phone}')
    returning id`;
  counsellorId = counsellor!.id;
  await db.sql`insert into counsellor_topics values (${counsellorId}, ${topic!.id})`;
  await db.sql`insert into counsellor_offices values (${counsellorId}, ${office!.id})`;
  // Every day 09:00–12:00, by phone or at the office.
  for (const weekday of [1, 2, 3, 4, 5, 6, 7]) {
    await db.sql`
      insert into availability_rules (counsellor_id, weekday, starts_at, ends_at, channels, office_id, valid_from)
      values (${counsellorId}, ${weekday}, '09:00', '12:00', '{in_person,phone}', ${office!.id}, '2027-01-01')`;
  }
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

describe('the API', () => {
  it('lists the topics with their channels', async () => {
    const { status, body } = await getJson(topicsApi, '/api/v1/counselling/topics');
    expect(status).toBe(200);
    expect(body.topics).toEqual([
      expect.objectContaining({
        slug: 'weiterbildung',
        name: 'Weiterbildung',
        channels: ['in_person', 'phone', 'video'],
      }),
    ]);
  });

  it('keeps the local times across the daylight-saving change; the offsets go from +01:00 to +02:00', async () => {
    const { status, body } = await getJson(
      slotsApi,
      '/api/v1/counselling/slots?topic=weiterbildung&channel=phone&from=2027-03-26&to=2027-03-30',
    );
    expect(status).toBe(200);
    const byDay = new Map<string, string[]>();
    for (const s of body.slots as { start: string; end: string; channel: string; office: string | null }[]) {
      expect(s.channel).toBe('phone');
      expect(s.office).toBeNull();
      byDay.set(s.start.slice(0, 10), [...(byDay.get(s.start.slice(0, 10)) ?? []), s.start.slice(11)]);
    }
    // Karfreitag (03-26) and Ostermontag (03-29) are public holidays everywhere: no slots.
    expect([...byDay.keys()]).toEqual(['2027-03-27', '2027-03-28', '2027-03-30']);
    expect(byDay.get('2027-03-27')).toEqual(['09:00:00+01:00', '10:00:00+01:00', '11:00:00+01:00']);
    expect(byDay.get('2027-03-28')).toEqual(['09:00:00+02:00', '10:00:00+02:00', '11:00:00+02:00']);
    expect(byDay.get('2027-03-30')).toEqual(['09:00:00+02:00', '10:00:00+02:00', '11:00:00+02:00']);
  });

  it('answers bad parameters and bodies with 400 problem documents, never a 500', async () => {
    const bad = await getJson(
      slotsApi,
      '/api/v1/counselling/slots?topic=weiterbildung&channel=fax&from=2027-13-01',
    );
    expect(bad.status).toBe(400);
    expect(bad.response.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body.errors.map((e: { parameter: string }) => e.parameter).sort()).toEqual([
      'channel',
      'from',
    ]);
    expect((await getJson(slotsApi, '/api/v1/counselling/slots?topic=gibt-es-nicht')).status).toBe(404);
    const noConsent = await book(
      booking('2027-03-30T09:00:00+02:00', { consent: false, email: 'x', phone: undefined }),
    );
    expect(noConsent.status).toBe(400);
    // All at once: the consent, the address's format and the phone channel's number.
    expect(noConsent.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'consent',
      'email',
      'phone',
    ]);
    const request = new Request(`${BASE}/api/v1/counselling/appointments`, { method: 'POST', body: '{nope' });
    expect(((await bookApi({ request, params: {}, context: context() })) as Response).status).toBe(400);
    // A time that is not on the grid is not a slot.
    expect((await book(booking('2027-03-30T09:20:00+02:00'))).status).toBe(409);
  });
});

describe('no double booking, ever', () => {
  it('100 concurrent requests for one slot: one 201, 99 × 409, no 5xx, one active row', async () => {
    const start = '2027-03-31T10:00:00+02:00';
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        book(booking(start, { email: `person${i}@example.org` }), `203.0.113.${i}`),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(99);
    expect(statuses.filter((s) => s >= 500)).toHaveLength(0);
    const [row] = await db.sql<{ n: number }[]>`
      select count(*)::int as n from appointments
      where lower(period) = ${start}::timestamptz and status in ('pending', 'booked')`;
    expect(row!.n).toBe(1);
    expect((await slotStarts('2027-03-31')).includes(start)).toBe(false);
  });

  it('the database refuses an overlapping row even if the application were wrong', async () => {
    const attempt = db.sql`
      insert into appointments (counsellor_id, topic_id, channel, period, blocked, language, name, email)
      select ${counsellorId}, id, 'phone', tstzrange('2027-03-31T10:30:00+02:00', '2027-03-31T11:15:00+02:00'),
             tstzrange('2027-03-31T10:30:00+02:00', '2027-03-31T11:30:00+02:00'), 'de', 'X', 'x@example.org'
      from counselling_topics limit 1`;
    await expect(attempt).rejects.toMatchObject({ code: '23P01' });
  });
});

describe('the manage link', () => {
  it('cancelling frees the slot; the cancellation mail’s calendar file has METHOD:CANCEL, the same UID and a higher SEQUENCE', async () => {
    const start = '2027-04-01T09:00:00+02:00';
    const created = await book(booking(start, { email: 'cancel@example.org' }));
    expect(created.status).toBe(201);
    expect(created.body.manageUrl).toBe(`${BASE}/termin/${created.body.token}`);
    expect(await slotStarts('2027-04-01')).not.toContain(start);

    const token = created.body.token as string;
    const del = (await tokenApiAction({
      request: new Request(`${BASE}/api/v1/counselling/appointments/${token}`, { method: 'DELETE' }),
      params: { token },
      context: context(),
    })) as Response;
    expect(del.status).toBe(200);
    expect(await slotStarts('2027-04-01')).toContain(start);

    const [confirmation, cancellation] = await mails('cancel@example.org');
    expect(confirmation!.template).toBe('appointmentConfirmed');
    expect(cancellation!.template).toBe('appointmentCancelled');
    const first = parseIcs(confirmation!.attachments![0]!.content);
    const last = parseIcs(cancellation!.attachments![0]!.content);
    expect(first).toMatchObject({
      method: 'REQUEST',
      status: 'CONFIRMED',
      tzid: 'Europe/Berlin',
      sequence: 0,
    });
    expect(last).toMatchObject({ method: 'CANCEL', status: 'CANCELLED', uid: first.uid });
    expect(last.sequence).toBeGreaterThan(first.sequence);
    expect(cancellation!.attachments![0]!.contentType).toContain('method=CANCEL');

    // The link still works and tells the state; so does the calendar file.
    const state = await getJson(tokenApi, `/api/v1/counselling/appointments/${token}`, { token });
    expect(state.body).toMatchObject({ state: 'cancelled', start });
    const ics = (await tokenApi({
      request: new Request(`${BASE}/api/v1/counselling/appointments/${token}.ics`),
      params: { token: `${token}.ics` },
      context: context(),
    })) as Response;
    expect(parseIcs(await ics.text()).method).toBe('CANCEL');
    expect((await getJson(tokenApi, '/x', { token: 'a'.repeat(32) })).status).toBe(404);
  });

  it('moving takes the new slot and frees the old one in one step; a taken target changes nothing', async () => {
    const created = await book(booking('2027-04-02T09:00:00+02:00', { email: 'move@example.org' }));
    const other = await book(booking('2027-04-02T11:00:00+02:00', { email: 'other@example.org' }));
    const token = created.body.token as string;
    await expect(
      moveByToken(db.sql, token, new Date('2027-04-02T11:00:00+02:00'), BASE),
    ).rejects.toMatchObject({
      reason: 'slot_taken',
    });
    expect((await appointmentByToken(db.sql, token))!.starts.toISOString()).toBe('2027-04-02T07:00:00.000Z');

    await moveByToken(db.sql, token, new Date('2027-04-02T10:00:00+02:00'), BASE);
    const moved = (await appointmentByToken(db.sql, token))!;
    expect(moved.starts.toISOString()).toBe('2027-04-02T08:00:00.000Z');
    expect(moved.sequence).toBe(1);
    expect(await slotStarts('2027-04-02')).toEqual(['2027-04-02T09:00:00+02:00']);
    const sent = await mails('move@example.org');
    expect(sent.map((m) => m.template)).toEqual(['appointmentConfirmed', 'appointmentMoved']);
    expect(parseIcs(sent[1]!.attachments![0]!.content)).toMatchObject({ method: 'REQUEST', sequence: 1 });
    expect(other.status).toBe(201);
  });

  it('a counsellor’s cancellation carries the reason; outcomes only once the appointment began', async () => {
    const created = await book(
      booking('2027-04-05T09:00:00+02:00', { email: 'counsellor-cancel@example.org' }),
    );
    const row = (await appointmentByToken(db.sql, created.body.token))!;
    await expect(recordOutcome(db.sql, counsellorId, row.id, 'held')).rejects.toMatchObject({
      reason: 'not_bookable',
    });
    await expect(cancelByCounsellor(db.sql, counsellorId + 999, row.id, 'Krank', BASE)).rejects.toMatchObject(
      {
        code: 'not_found',
      },
    );
    // Another counsellor's appointment is refused as not found, for reading and for changes.
    const [other] = await db.sql<{ id: number }[]>`
      insert into counsellors (display_name) values ('Herr Anderer') returning id`;
    await expect(ownAppointment(db.sql, other!.id, row.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(cancelByCounsellor(db.sql, other!.id, row.id, 'Nicht meiner', BASE)).rejects.toMatchObject({
      code: 'not_found',
    });
    await cancelByCounsellor(db.sql, counsellorId, row.id, 'Die Beraterin ist krank.', BASE);
    const [, mail] = await mails('counsellor-cancel@example.org');
    expect(mail!.template).toBe('appointmentCancelledByCounsellor');
    expect(mail!.text).toContain('Die Beraterin ist krank.');
  });
});

describe('reminders and retention', () => {
  it('sends a reminder once, 24 hours ahead, never after a cancellation', async () => {
    const kept = await book(booking('2027-04-06T09:00:00+02:00', { email: 'remind@example.org' }));
    const cancelled = await book(booking('2027-04-06T10:00:00+02:00', { email: 'no-remind@example.org' }));
    await tokenApiAction({
      request: new Request(`${BASE}/x`, { method: 'DELETE' }),
      params: { token: cancelled.body.token },
      context: context(),
    });
    setEnv({ FIXED_NOW: '2027-04-05T08:00:00+02:00' });
    expect(await sendDueReminders(db.sql)).toBe(0);
    setEnv({ FIXED_NOW: '2027-04-05T09:30:00+02:00' });
    expect(await sendDueReminders(db.sql)).toBe(1);
    expect(await sendDueReminders(db.sql)).toBe(0);
    expect((await mails('remind@example.org')).map((m) => m.template)).toEqual([
      'appointmentConfirmed',
      'appointmentReminder',
    ]);
    expect((await mails('no-remind@example.org')).map((m) => m.template)).not.toContain(
      'appointmentReminder',
    );
    expect(kept.status).toBe(201);
  });

  it('erases the personal data 90 days after the appointment and keeps the anonymous row', async () => {
    const created = await book(
      booking('2027-04-07T09:00:00+02:00', { email: 'erase@example.org', message: 'Hallo' }),
    );
    setEnv({ FIXED_NOW: '2027-07-05T12:00:00+02:00' });
    await eraseOldAppointments(db.sql);
    expect((await appointmentByToken(db.sql, created.body.token))!.email).toBe('erase@example.org');
    setEnv({ FIXED_NOW: '2027-07-07T12:00:00+02:00' });
    expect(await eraseOldAppointments(db.sql)).toBeGreaterThanOrEqual(1);
    const row = (await appointmentByToken(db.sql, created.body.token))!;
    expect(row).toMatchObject({
      name: null,
      email: null,
      phone: null,
      message: null,
      topic_slug: 'weiterbildung',
    });
    expect(row.erased_at).not.toBeNull();
  });
});

describe('abuse, with the protections on', () => {
  beforeEach(() => setEnv({ FIXED_NOW: NOW, ANTI_ABUSE: undefined }));

  it('a solved proof-of-work books; without one a booking with an address is only held until confirmed by e-mail; a replay gets no credit', async () => {
    const challenge = await createAltchaChallenge(db.sql);
    const altcha = (await solveChallenge(challenge))!;
    const solved = await book(
      booking('2027-04-08T09:00:00+02:00', { email: 'pow@example.org', altcha }),
      '192.0.2.10',
    );
    expect(solved).toMatchObject({ status: 201, body: { status: 'booked' } });
    const replay = await book(
      booking('2027-04-08T10:00:00+02:00', { email: 'pow2@example.org', altcha }),
      '192.0.2.10',
    );
    expect(replay).toMatchObject({ status: 201, body: { status: 'pending' } });
    const [pendingMail] = await mails('pow2@example.org');
    expect(pendingMail!.template).toBe('appointmentPending');
    // Only the e-mail's link confirms: the manage token alone (what a bot gets back) does not.
    const link = new URL(/http:\/\/localhost\/termin\/\S+/.exec(pendingMail!.text)![0]);
    const token = link.pathname.split('/').at(-1)!;
    expect(token).toBe(replay.body.token);
    expect(await confirmByToken(db.sql, token, replay.body.token, BASE)).toBe('wrong_code');
    expect(await confirmByToken(db.sql, token, link.searchParams.get('bestaetigen')!, BASE)).toBe('booked');
    expect((await mails('pow2@example.org')).map((m) => m.template)).toEqual([
      'appointmentPending',
      'appointmentConfirmed',
    ]);
    // Without an address there is no mail to confirm by: the same rule as with the proof
    // (by phone, a number suffices), booked, under the tighter limit for such bookings.
    const noEmail = await book(
      booking('2027-04-08T11:00:00+02:00', { email: undefined, phone: '0561 99999' }),
      '192.0.2.10',
    );
    expect(noEmail).toMatchObject({ status: 201, body: { status: 'booked' } });
  });

  it('the honeypot, at most 3 future bookings per address, and a rate limit per IP', async () => {
    const honey = await book({ ...booking('2027-04-09T09:00:00+02:00'), website: 'x' }, '192.0.2.20');
    // The API has no honeypot field; the schema ignores it, so this books (pending, no proof).
    expect(honey.status).toBe(201);
    for (const time of ['10:00', '11:00']) {
      expect(
        (await book(booking(`2027-04-09T${time}:00+02:00`, { email: 'alex@example.org' }), '192.0.2.21'))
          .status,
      ).toBe(201);
    }
    const fourth = await book(
      booking('2027-04-12T09:00:00+02:00', { email: 'alex@example.org' }),
      '192.0.2.22',
    );
    expect(fourth).toMatchObject({ status: 409, body: { reason: 'too_many_bookings' } });

    let throttled = 0;
    for (let i = 0; i < 22; i++) {
      const r = await book(
        booking('2027-04-13T09:00:00+02:00', { email: `flood${i}@example.org`, consent: true }),
        '192.0.2.99',
      );
      if (r.status === 429) throttled++;
    }
    expect(throttled).toBeGreaterThanOrEqual(2);
  });
});
