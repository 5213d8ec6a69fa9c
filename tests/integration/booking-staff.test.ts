import ICAL from 'ical.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startJobs, stopJobs } from '../../app/jobs/boss.server';
import {
  appointmentByToken,
  BookingError,
  bookAppointment,
  cancelByCounsellor,
  cancelByToken,
  findSlots,
  moveByToken,
  recordOutcome,
} from '../../app/modules/booking/booking.server';
import {
  appointmentDetails,
  appointmentsOverview,
  counsellorOverview,
  decideRequest,
  linkAccount,
  reassign,
  saveCounsellorByOffice,
} from '../../app/modules/booking/office.server';
import { counsellorProfileSchema } from '../../app/modules/booking/schemas';
import {
  CoverChanged,
  handOverOwn,
  moveOwn,
  ResolutionFailed,
  saveAbsence,
  saveClosureDay,
} from '../../app/modules/booking/staff.server';
import {
  addRule,
  agenda,
  type CounsellorActor,
  removeException,
  removeRule,
  requestProfileChange,
  saveProfile,
} from '../../app/modules/booking/team.server';
import { action as manageAction, loader as manageLoader } from '../../app/routes/termin.$token._index';
import { resetEnvCache } from '../../app/utils/env.server';
import { counsellorForUser, topicBySlug } from '../../db/queries/booking.server';
import { enrolCounsellors } from '../setup/counsellors';
import { createTestDatabase, type TestDatabase } from '../setup/database';

/**
 * The counsellors' and the office's side of booking (issue 14) on a real PostgreSQL, with
 * the real job queue (not worked: mails stay readable in pgboss.job) and a fixed clock,
 * Saturday 2027-03-20. A and B see people by phone every day 09:00–12:00 (A also at the
 * office); C has an account without a second factor, D none: neither is ever booked.
 */
let db: TestDatabase;
const BASE = 'http://localhost';
const NOW = '2027-03-20T10:00:00+01:00';
const ids = { topic: 0, office: 0, A: 0, B: 0, C: 0, D: 0 };
const users = { A: 0, B: 0, C: 0, admin: 0 };

function setEnv(vars: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
}

interface Mail {
  to: string;
  template: string;
  text: string;
  attachments: { content: string; contentType: string }[] | null;
}

async function mailsTo(to: string): Promise<Mail[]> {
  return db.sql<Mail[]>`
    select data->>'to' as "to", data->>'template' as template, data->>'text' as text, data->'attachments' as attachments
    from pgboss.job where name = 'mail' and data->>'to' = ${to} order by created_on, id`;
}

function ics(mail: Mail) {
  const root = new ICAL.Component(ICAL.parse(mail.attachments![0]!.content));
  const event = root.getFirstSubcomponent('vevent')!;
  return {
    method: root.getFirstPropertyValue('method'),
    sequence: Number(event.getFirstPropertyValue('sequence')),
    start: String(event.getFirstPropertyValue('dtstart')),
  };
}

async function audits(action: string, targetId?: number) {
  return db.sql<{ actor_user_id: number | null; detail: Record<string, unknown> }[]>`
    select actor_user_id, detail from audit_log
    where action = ${action} ${targetId === undefined ? db.sql`` : db.sql`and target_id = ${String(targetId)}`}
    order by id`;
}

/** A booking that lands with one counsellor (as if the slot search had picked them). */
async function bookWith(
  counsellorId: number,
  start: string,
  who: string,
  channel: 'phone' | 'in_person' = 'phone',
) {
  const booked = await bookAppointment(db.sql, {
    topicSlug: 'weiterbildung',
    channel,
    officeSlug: channel === 'in_person' ? 'stadthaus' : undefined,
    language: 'de',
    start: new Date(start),
    name: `Person ${who}`,
    email: `${who}@example.org`,
    phone: '0561 123456',
    message: null,
    locale: 'de',
    proof: 'verified',
    onlyCounsellor: counsellorId,
    baseUrl: BASE,
  });
  const row = (await appointmentByToken(db.sql, booked.token))!;
  return { ...booked, row };
}

async function row(id: number) {
  const [r] = await db.sql<
    {
      counsellor_id: number;
      status: string;
      starts: Date;
      sequence: number;
      counsellor_notice: string | null;
    }[]
  >`select counsellor_id, status, lower(period) as starts, sequence, counsellor_notice from appointments where id = ${id}`;
  return r!;
}

async function actorFor(userId: number): Promise<CounsellorActor> {
  const counsellor = (await counsellorForUser(db.sql, userId))!;
  return { user: { id: userId } as never, counsellor, ip: '127.0.0.1' };
}

/** A form post to a route action; a thrown redirect comes back as the response. */
async function post(
  handler: (args: never) => Promise<unknown>,
  path: string,
  form: Record<string, string>,
  params: Record<string, string>,
) {
  const request = new Request(`${BASE}${path}`, {
    method: 'POST',
    body: new URLSearchParams(form),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Accept-Language': 'de' },
  });
  try {
    return await handler({ request, params, context: { clientIp: '198.51.100.9' } } as never);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
  setEnv({ FIXED_NOW: NOW, ANTI_ABUSE: 'off', SMTP_URL: undefined, BOOKING_WINDOW_DAYS: undefined });
  const [topic] = await db.sql<{ id: number }[]>`
    insert into counselling_topics (slug, name, description, slot_minutes, buffer_minutes, min_notice_minutes, window_days)
    values ('weiterbildung', ${db.sql.json({ de: 'Weiterbildung', en: 'Further training' })}, '{}', 45, 15, 720, 42)
    returning id`;
  ids.topic = topic!.id;
  const [office] = await db.sql<{ id: number }[]>`
    insert into offices (slug, name, street, postcode, city) values ('stadthaus', 'Stadthaus', 'Markt 1', '34117', 'Kassel')
    returning id`;
  ids.office = office!.id;
  const make = async (name: string, channels: string) => {
    const [c] = await db.sql<{ id: number }[]>`
      insert into counsellors (display_name, languages, channels) values (${name}, '{de,tr}', ${channels}) returning id`;
    await db.sql`insert into counsellor_topics values (${c!.id}, ${ids.topic})`;
    for (const weekday of [1, 2, 3, 4, 5, 6, 7]) {
      await db.sql`
        insert into availability_rules (counsellor_id, weekday, starts_at, ends_at, channels, office_id, valid_from)
        values (${c!.id}, ${weekday}, '09:00', '12:00', ${channels},
                ${channels.includes('in_person') ? ids.office : null}, '2027-01-01')`;
    }
    return c!.id;
  };
  ids.A = await make('Frau Anders', '{in_person,phone}');
  await db.sql`insert into counsellor_offices values (${ids.A}, ${ids.office})`;
  ids.B = await make('Herr Berger', '{phone}');
  ids.C = await make('Frau Clausen', '{phone}');
  ids.D = await make('Herr Dietz', '{phone}');
  const enrolled = await enrolCounsellors(db.sql, [ids.A, ids.B]);
  users.A = enrolled.get(ids.A)!;
  users.B = enrolled.get(ids.B)!;
  await db.sql`update users set email = 'anders@beratung.example', locale = 'en' where id = ${users.A}`;
  await db.sql`update users set email = 'berger@beratung.example' where id = ${users.B}`;
  // C has an account but never enrolled the second factor; D has none.
  const [c] = await db.sql<{ id: number }[]>`
    insert into users (email, display_name, role) values ('clausen@beratung.example', 'Frau Clausen', 'counsellor') returning id`;
  users.C = c!.id;
  await db.sql`update counsellors set user_id = ${users.C} where id = ${ids.C}`;
  const [admin] = await db.sql<{ id: number }[]>`
    insert into users (email, display_name, role, totp_enabled_at) values ('admin@amt.example', 'Ada', 'admin', now()) returning id`;
  users.admin = admin!.id;
  await startJobs(db.url, { work: false });
});

afterAll(async () => {
  await stopJobs();
  setEnv({ FIXED_NOW: undefined, ANTI_ABUSE: undefined });
  await db.drop();
});

beforeEach(() => setEnv({ FIXED_NOW: NOW, ANTI_ABUSE: 'off' }));

describe('only counsellors who can sign in receive bookings (item 3)', () => {
  it('the slot engine offers nobody without an enrolled account, and the booking refuses them', async () => {
    const topic = (await topicBySlug(db.sql, 'weiterbildung'))!;
    const { slots } = await findSlots(db.sql, { topic, from: '2027-03-22', to: '2027-04-10' });
    const offered = new Set(slots.flatMap((s) => s.counsellorIds));
    expect([...offered].sort()).toEqual([ids.A, ids.B].sort());
    for (const unbookable of [ids.C, ids.D])
      await expect(
        bookWith(unbookable, '2027-03-31T09:00:00+02:00', `nobody-${unbookable}`),
      ).rejects.toMatchObject({
        reason: 'slot_taken',
      });
    // A disabled account stops its profile's bookings at once.
    await db.sql`update users set status = 'disabled' where id = ${users.B}`;
    try {
      const after = await findSlots(db.sql, { topic, from: '2027-03-22', to: '2027-03-22' });
      expect(new Set(after.slots.flatMap((s) => s.counsellorIds))).toEqual(new Set([ids.A]));
    } finally {
      await db.sql`update users set status = 'active' where id = ${users.B}`;
    }
  });

  it('the office sees which profiles can be booked and which are flagged', async () => {
    const { counsellors } = await counsellorOverview();
    const state = new Map(counsellors.map((c) => [c.id, c.account]));
    expect(state.get(ids.A)).toBe('bookable');
    expect(state.get(ids.B)).toBe('bookable');
    expect(state.get(ids.C)).toBe('not_enrolled');
    expect(state.get(ids.D)).toBe('none');
    expect(counsellors.find((c) => c.id === ids.A)!.nextFree).toMatch(/^2027-03-2\dT09:00:00\+01:00$/);
  });
});

describe('counsellors are told (item 4)', () => {
  it('a booking, a move and a cancellation by the person each mail the counsellor in their language, without the person', async () => {
    const booked = await bookWith(ids.A, '2027-03-22T11:00:00+01:00', 'told', 'in_person');
    // onlyCounsellor books like a person here (proof verified): the counsellor is told.
    let sent = await mailsTo('anders@beratung.example');
    expect(sent.map((m) => m.template)).toEqual(['counsellorBooked']);
    expect(sent[0]!.text).toContain('An appointment was booked with you');
    expect(sent[0]!.text).toContain(`${BASE}/team/termine/${booked.id}`);
    expect(sent[0]!.text).not.toMatch(/Person told|told@example/);
    expect((await row(booked.id)).counsellor_notice).toBe('booked');

    await moveByToken(db.sql, booked.token, new Date('2027-03-22T10:00:00+01:00'), BASE);
    sent = await mailsTo('anders@beratung.example');
    expect(sent.at(-1)!.template).toBe('counsellorMoved');
    expect((await row(booked.id)).counsellor_notice).toBe('moved');

    expect(await cancelByToken(db.sql, booked.token, BASE)).toBe('cancelled');
    sent = await mailsTo('anders@beratung.example');
    expect(sent.at(-1)!.template).toBe('counsellorCancelled');
    expect((await row(booked.id)).counsellor_notice).toBe('cancelled');

    // The agenda marks it until the counsellor opens it (or marks all as seen).
    const week = await agenda(ids.A, '2027-03-22', 'week');
    expect(week.attention.map((a) => [a.id, a.notice])).toContainEqual([booked.id, 'cancelled']);
  });

  it('a counsellor booking for a caller gets no mail of their own, and the booking is audited', async () => {
    const before = (await mailsTo('berger@beratung.example')).length;
    const booked = await bookAppointment(db.sql, {
      topicSlug: 'weiterbildung',
      channel: 'phone',
      language: 'de',
      start: new Date('2027-03-22T11:00:00+01:00'),
      name: 'Anrufende Person',
      email: 'caller@example.org',
      phone: '0561 999',
      message: null,
      locale: 'de',
      proof: 'staff',
      bookedBy: users.B,
      onlyCounsellor: ids.B,
      baseUrl: BASE,
    });
    expect((await mailsTo('berger@beratung.example')).length).toBe(before);
    expect(await audits('appointment.booked_for_caller', booked.id)).toEqual([
      expect.objectContaining({ actor_user_id: users.B }),
    ]);
  });
});

describe('an absence over two booked appointments (must show)', () => {
  it('lists both, hands one to a colleague, proposes a new time for the other; both people are mailed; nothing stays double-promised', async () => {
    const first = await bookWith(ids.A, '2027-03-23T09:00:00+01:00', 'first');
    const second = await bookWith(ids.A, '2027-03-23T10:00:00+01:00', 'second');
    // B is busy at 10:00, so the second can't be handed over.
    await bookWith(ids.B, '2027-03-23T10:00:00+01:00', 'busy');
    const actor = { userId: users.A, ip: '127.0.0.1' };
    const absence = {
      starts: new Date('2027-03-23T08:00:00+01:00'),
      ends: new Date('2027-03-23T13:00:00+01:00'),
      note: 'Fortbildung',
    };

    // Step 1: nothing is saved; both appointments are listed with their choices.
    const listed = await saveAbsence(db.sql, ids.A, absence, null, { baseUrl: BASE, actor });
    expect(listed.saved).toBe(false);
    if (listed.saved) return;
    expect(listed.covered.map((c) => c.id)).toEqual([first.id, second.id]);
    expect(listed.covered[0]!.colleagues.map((c) => c.id)).toEqual([ids.B]);
    expect(listed.covered[1]!.colleagues).toEqual([]);
    const proposal = listed.covered[1]!.proposals.find((p) => p.start === '2027-03-24T09:00:00+01:00');
    expect(proposal).toBeDefined();
    expect(await db.sql`select 1 from availability_exceptions where counsellor_id = ${ids.A}`).toHaveLength(
      0,
    );

    // Decisions that don't cover both: nothing happens.
    await expect(
      saveAbsence(db.sql, ids.A, absence, [{ id: first.id, action: 'handover', colleague: ids.B }], {
        baseUrl: BASE,
        actor,
      }),
    ).rejects.toBeInstanceOf(CoverChanged);
    expect(await db.sql`select 1 from availability_exceptions where counsellor_id = ${ids.A}`).toHaveLength(
      0,
    );

    // Step 2: the absence and both decisions, together.
    await saveAbsence(
      db.sql,
      ids.A,
      absence,
      [
        { id: first.id, action: 'handover', colleague: ids.B },
        { id: second.id, action: 'propose', start: new Date(proposal!.start) },
      ],
      { baseUrl: BASE, actor },
    );
    expect(await db.sql`select 1 from availability_exceptions where counsellor_id = ${ids.A}`).toHaveLength(
      1,
    );

    // The first went to B at the same time; its person got the calendar entry again, one SEQUENCE up.
    expect(await row(first.id)).toMatchObject({ counsellor_id: ids.B, status: 'booked', sequence: 1 });
    expect((await row(first.id)).counsellor_notice).toBe('assigned');
    const firstMails = await mailsTo('first@example.org');
    expect(firstMails.map((m) => m.template)).toEqual(['appointmentConfirmed', 'appointmentHandedOver']);
    expect(ics(firstMails[1]!)).toMatchObject({ method: 'REQUEST', sequence: 1 });
    // Privacy: the person hears that someone else counsels them, not who.
    expect(firstMails[1]!.text).not.toContain('Berger');
    expect((await mailsTo('berger@beratung.example')).at(-1)!.template).toBe('counsellorAssigned');

    // The second stays booked at its time until the person answers; the new time is held.
    expect(await row(second.id)).toMatchObject({ counsellor_id: ids.A, status: 'booked', sequence: 0 });
    const secondMails = await mailsTo('second@example.org');
    expect(secondMails.map((m) => m.template)).toEqual(['appointmentConfirmed', 'appointmentProposal']);
    const link = secondMails[1]!.text.match(/\/termin\/([a-z2-7]{32})/)![1]!;
    await expect(bookWith(ids.A, proposal!.start, 'intruder')).rejects.toMatchObject({
      reason: 'slot_taken',
    });

    // Nothing silently double-promised: every appointment of A's in the absence has a proposal
    // out, and the agenda shows it as a conflict.
    const inAbsence = await db.sql<{ id: number; proposed: boolean }[]>`
      select a.id, exists (select 1 from appointment_proposals p where p.appointment_id = a.id) as proposed
      from appointments a
      where a.counsellor_id = ${ids.A} and a.status in ('booked', 'pending')
        and a.period && tstzrange(${absence.starts}, ${absence.ends})`;
    expect(inAbsence).toEqual([{ id: second.id, proposed: true }]);
    const attention = (await agenda(ids.A, '2027-03-23', 'day')).attention.find((a) => a.id === second.id);
    expect(attention).toMatchObject({ conflict: 'absence', proposal: { start: proposal!.start } });

    // The manage page shows the proposal; one press accepts it.
    const page = (await manageLoader({
      request: new Request(`${BASE}/termin/${link}`),
      params: { token: link },
      context: {} as never,
    })) as { proposal: { start: string } | null };
    expect(page.proposal?.start).toBe(proposal!.start);
    const answer = (await post(
      manageAction,
      `/termin/${link}`,
      { intent: 'accept-proposal' },
      { token: link },
    )) as Response;
    expect(answer.headers.get('Location')).toBe(`/termin/${link}?verschoben=1`);
    expect(await row(second.id)).toMatchObject({ counsellor_id: ids.A, status: 'booked', sequence: 1 });
    expect((await row(second.id)).starts.toISOString()).toBe(new Date(proposal!.start).toISOString());
    const moved = (await mailsTo('second@example.org')).at(-1)!;
    expect(moved.template).toBe('appointmentMoved');
    expect(ics(moved)).toMatchObject({ method: 'REQUEST', sequence: 1 });
    expect(
      await db.sql`select 1 from appointment_proposals where appointment_id = ${second.id}`,
    ).toHaveLength(0);
    expect(
      await db.sql`
        select 1 from appointments where counsellor_id = ${ids.A} and status = 'booked'
          and period && tstzrange(${absence.starts}, ${absence.ends})`,
    ).toHaveLength(0);

    // One audit row per change.
    expect(await audits('counsellor.exception_added')).toEqual([
      expect.objectContaining({ actor_user_id: users.A, detail: expect.objectContaining({ covered: 2 }) }),
    ]);
    expect(await audits('appointment.handed_over', first.id)).toHaveLength(1);
    expect(await audits('appointment.time_proposed', second.id)).toHaveLength(1);
    expect(await audits('appointment.proposal_accepted', second.id)).toHaveLength(1);
  });

  it('a decision that can no longer be carried out saves nothing at all', async () => {
    const one = await bookWith(ids.A, '2027-03-25T09:00:00+01:00', 'one');
    const two = await bookWith(ids.A, '2027-03-25T10:00:00+01:00', 'two');
    const actor = { userId: users.A, ip: null };
    const absence = {
      starts: new Date('2027-03-25T08:00:00+01:00'),
      ends: new Date('2027-03-25T12:00:00+01:00'),
      note: null,
    };
    // B takes 09:00 meanwhile: handing the first over to B fails, and the cancel of the second is undone with it.
    await bookWith(ids.B, '2027-03-25T09:00:00+01:00', 'meanwhile');
    const failed = await saveAbsence(
      db.sql,
      ids.A,
      absence,
      [
        { id: one.id, action: 'handover', colleague: ids.B },
        { id: two.id, action: 'cancel', reason: 'Fortbildung' },
      ],
      { baseUrl: BASE, actor },
    ).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(ResolutionFailed);
    expect(failed).toMatchObject({ appointmentId: one.id, reason: 'slot_taken' });
    expect(await row(two.id)).toMatchObject({ status: 'booked', counsellor_id: ids.A });
    expect(await row(one.id)).toMatchObject({ status: 'booked', counsellor_id: ids.A });
    expect(
      await db.sql`select 1 from availability_exceptions where counsellor_id = ${ids.A} and lower(period) = ${absence.starts}`,
    ).toHaveLength(0);
    expect((await mailsTo('two@example.org')).map((m) => m.template)).toEqual(['appointmentConfirmed']);
  });
});

describe('closure days over booked appointments (item 2, admin)', () => {
  it('lists the day’s appointments without hand-over, saves the day with the decisions, and the day is closed', async () => {
    const booked = await bookWith(ids.B, '2027-03-30T11:00:00+02:00', 'closure');
    const actor = { userId: users.admin, ip: null };
    const listed = await saveClosureDay(db.sql, { day: '2027-03-30', name: 'Betriebsausflug' }, null, {
      baseUrl: BASE,
      actor,
    });
    expect(listed.saved).toBe(false);
    if (listed.saved) return;
    expect(listed.covered.map((c) => c.id)).toContain(booked.id);
    expect(listed.covered.every((c) => c.colleagues.length === 0)).toBe(true);
    await saveClosureDay(
      db.sql,
      { day: '2027-03-30', name: 'Betriebsausflug' },
      listed.covered.map((c) => ({
        id: c.id,
        action: 'cancel' as const,
        reason: 'Die Beratung ist geschlossen.',
      })),
      { baseUrl: BASE, actor },
    );
    expect((await row(booked.id)).status).toBe('cancelled');
    expect((await mailsTo('closure@example.org')).at(-1)!.template).toBe('appointmentCancelledByCounsellor');
    const topic = (await topicBySlug(db.sql, 'weiterbildung'))!;
    expect((await findSlots(db.sql, { topic, from: '2027-03-30', to: '2027-03-30' })).slots).toEqual([]);
    expect(await audits('admin.closure_day_added')).toEqual([
      expect.objectContaining({
        actor_user_id: users.admin,
        detail: expect.objectContaining({ covered: 1 }),
      }),
    ]);
  });
});

describe('hand-over and moving on the person’s behalf (item 5)', () => {
  it('hands over to a free colleague: the person is mailed without the name, the calendar entry one SEQUENCE up', async () => {
    const booked = await bookWith(ids.A, '2027-04-01T11:00:00+02:00', 'sick');
    await handOverOwn(db.sql, ids.A, booked.id, ids.B, {
      baseUrl: BASE,
      actor: { userId: users.A, ip: null },
      reason: 'kurzfristig abwesend',
    });
    expect(await row(booked.id)).toMatchObject({
      counsellor_id: ids.B,
      sequence: 1,
      counsellor_notice: 'assigned',
    });
    const mail = (await mailsTo('sick@example.org')).at(-1)!;
    expect(mail.template).toBe('appointmentHandedOver');
    expect(ics(mail)).toMatchObject({ method: 'REQUEST', sequence: 1 });
    expect(mail.text).not.toMatch(/Berger|abwesend/);
    // The fresh link in that mail opens the same appointment, as the first one still does.
    const link = mail.text.match(/\/termin\/([a-z2-7]{32})/)![1]!;
    expect((await appointmentByToken(db.sql, link))!.id).toBe(booked.id);
    expect((await appointmentByToken(db.sql, booked.token))!.id).toBe(booked.id);
    expect(await audits('appointment.handed_over', booked.id)).toEqual([
      expect.objectContaining({ actor_user_id: users.A, detail: expect.objectContaining({ to: ids.B }) }),
    ]);
    // Not A's any more; and nobody can take what isn't theirs, or give it to someone busy.
    await expect(
      handOverOwn(db.sql, ids.A, booked.id, ids.B, {
        baseUrl: BASE,
        actor: { userId: users.A, ip: null },
        reason: 'x',
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
    const busy = await bookWith(ids.A, '2027-04-01T10:00:00+02:00', 'busy-b');
    await bookWith(ids.B, '2027-04-01T10:00:00+02:00', 'busy-b2');
    await expect(
      handOverOwn(db.sql, ids.A, busy.id, ids.B, {
        baseUrl: BASE,
        actor: { userId: users.A, ip: null },
        reason: 'x',
      }),
    ).rejects.toBeInstanceOf(BookingError);
    expect((await row(busy.id)).counsellor_id).toBe(ids.A);
  });

  it('moves it to another of the counsellor’s own times: mailed with SEQUENCE + 1, audited', async () => {
    const booked = await bookWith(ids.A, '2027-04-02T09:00:00+02:00', 'phoned');
    await moveOwn(db.sql, ids.A, booked.id, new Date('2027-04-02T11:00:00+02:00'), {
      baseUrl: BASE,
      actor: { userId: users.A, ip: null },
    });
    expect((await row(booked.id)).starts.toISOString()).toBe('2027-04-02T09:00:00.000Z');
    const mail = (await mailsTo('phoned@example.org')).at(-1)!;
    expect(mail.template).toBe('appointmentMoved');
    expect(ics(mail)).toMatchObject({ method: 'REQUEST', sequence: 1 });
    expect(await audits('appointment.moved', booked.id)).toHaveLength(1);
  });

  it('held and no-show are audited', async () => {
    const booked = await bookWith(ids.A, '2027-03-21T09:00:00+01:00', 'held');
    setEnv({ FIXED_NOW: '2027-03-21T09:30:00+01:00' });
    await recordOutcome(db.sql, ids.A, booked.id, 'held', { userId: users.A, ip: null });
    expect(await audits('appointment.outcome', booked.id)).toEqual([
      expect.objectContaining({ detail: expect.objectContaining({ outcome: 'held' }) }),
    ]);
  });
});

describe('the office oversees appointments (item 9)', () => {
  it('lists them without the person, reassigns with both counsellors told, and opens the details only for a reason, audited', async () => {
    const booked = await bookWith(ids.B, '2027-04-05T09:00:00+02:00', 'office');
    const overview = await appointmentsOverview({ day: '2027-04-05' });
    const listed = overview.appointments.find((a) => a.id === booked.id)!;
    expect(listed).toMatchObject({ counsellor: 'Herr Berger', status: 'booked', bookable: true });
    expect(JSON.stringify(overview)).not.toMatch(/office@example|Person office|0561/);

    await reassign(booked.id, ids.A, 'Urlaubsvertretung', { userId: users.admin, ip: null, baseUrl: BASE });
    expect((await row(booked.id)).counsellor_id).toBe(ids.A);
    expect((await mailsTo('anders@beratung.example')).at(-1)!.template).toBe('counsellorAssigned');
    expect((await mailsTo('berger@beratung.example')).at(-1)!.template).toBe('counsellorUnassigned');
    expect(await audits('appointment.handed_over', booked.id)).toEqual([
      expect.objectContaining({
        actor_user_id: users.admin,
        detail: expect.objectContaining({ via: 'admin' }),
      }),
    ]);

    const details = await appointmentDetails(booked.id, 'Person wegen Vertretung anrufen', {
      userId: users.admin,
      ip: null,
    });
    expect(details).toMatchObject({ name: 'Person office', email: 'office@example.org' });
    expect(await audits('appointment.details_read', booked.id)).toEqual([
      expect.objectContaining({
        actor_user_id: users.admin,
        detail: { reason: 'Person wegen Vertretung anrufen' },
      }),
    ]);
  });
});

describe('topics and offices are the office’s decision (item 8)', () => {
  it('the counsellor sets languages and channels, asks for topics; the admin approves; every change is audited', async () => {
    const actor = await actorFor(users.B);
    await saveProfile(actor, { languages: ['de', 'tr', 'ar'], channels: ['phone'] });
    const [b] = await db.sql<
      { languages: string[] }[]
    >`select languages from counsellors where id = ${ids.B}`;
    expect(b!.languages).toEqual(['de', 'tr', 'ar']);
    expect(await audits('counsellor.profile_updated', ids.B)).toHaveLength(1);

    const [other] = await db.sql<{ id: number }[]>`
      insert into counselling_topics (slug, name, description) values ('sprache', ${db.sql.json({ de: 'Sprache' })}, '{}')
      returning id`;
    await requestProfileChange(actor, {
      topics: [ids.topic, other!.id],
      offices: [ids.office],
      note: 'Ich spreche Arabisch.',
    });
    const topicsOfB = async () =>
      (
        await db.sql<
          { topic_id: number }[]
        >`select topic_id from counsellor_topics where counsellor_id = ${ids.B}`
      )
        .map((r) => r.topic_id)
        .sort();
    // Asked for is not granted.
    expect(await topicsOfB()).toEqual([ids.topic]);
    expect(await audits('counsellor.change_requested', ids.B)).toHaveLength(1);
    const [request] = await db.sql<{ id: number }[]>`
      select id from counsellor_change_requests where counsellor_id = ${ids.B} and status = 'open'`;
    await decideRequest(request!.id, 'approved', null, { userId: users.admin, ip: null });
    expect(await topicsOfB()).toEqual([ids.topic, other!.id].sort());
    expect(await audits('admin.change_request_approved', ids.B)).toHaveLength(1);
    // Decided once.
    await expect(
      decideRequest(request!.id, 'rejected', null, { userId: users.admin, ip: null }),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('adding and removing weekly hours is audited', async () => {
    const actor = await actorFor(users.A);
    await addRule(actor, {
      weekday: 6,
      startsAt: '13:00',
      endsAt: '14:00',
      channels: ['phone'],
      validFrom: '2027-04-01',
    } as never);
    const [rule] = await db.sql<{ id: number }[]>`
      select id from availability_rules where counsellor_id = ${ids.A} and starts_at = '13:00'`;
    await removeRule(actor, rule!.id);
    expect(await audits('counsellor.rule_added', ids.A)).toHaveLength(1);
    expect(await audits('counsellor.rule_removed', ids.A)).toHaveLength(1);
  });
});

describe('the agenda (item 4)', () => {
  it('shows closure days and absences, marks shared self-assessments, and finds the counsellor’s own appointments by name', async () => {
    const mine = await bookWith(ids.A, '2027-04-06T09:00:00+02:00', 'zora');
    await bookWith(ids.B, '2027-04-06T09:00:00+02:00', 'zoran');
    await db.sql`insert into closure_days (day, name) values ('2027-04-08', 'Personalversammlung')`;
    const week = await agenda(ids.A, '2027-04-06', 'week');
    expect(week.days.find((d) => d.date === '2027-04-08')!.closed).toBe('Personalversammlung');
    expect(week.days.find((d) => d.date === '2027-03-28')).toBeUndefined();
    const earlier = await agenda(ids.A, '2027-03-23', 'day');
    expect(earlier.days[0]!.absences).toHaveLength(1);
    // Easter Monday is a public holiday: closed too.
    expect((await agenda(ids.A, '2027-03-29', 'day')).days[0]!.closed).toBeTruthy();

    const found = await agenda(ids.A, null, 'week', 'Person zor');
    expect(found.found!.map((a) => a.id)).toEqual([mine.id]);
    expect(found.found![0]!.shared).toBe(false);
  });
});

describe('audit: the remaining changes of this area (issue 14, item 13 for counsellors and the office)', () => {
  async function lastAuditId(): Promise<number> {
    const [r] = await db.sql<{ id: number }[]>`select coalesce(max(id), 0)::int as id from audit_log`;
    return r!.id;
  }

  /** Runs a step and returns the audit rows it wrote. */
  async function rowsOf(step: () => Promise<unknown>) {
    const before = await lastAuditId();
    await step();
    return db.sql<{ action: string; actor_user_id: number | null; target_type: string; target_id: string }[]>`
      select action, actor_user_id, target_type, target_id from audit_log where id > ${before} order by id`;
  }

  it('cancelling, a declined proposal, removing an absence, the office setting a profile and linking an account: one row each, with actor and record', async () => {
    const actorA = await actorFor(users.A);
    // A proposal out for an appointment in A's absence (these two steps are covered above).
    const booked = await bookWith(ids.A, '2027-04-20T09:00:00+02:00', 'declines');
    const absence = {
      starts: new Date('2027-04-20T08:00:00+02:00'),
      ends: new Date('2027-04-20T12:00:00+02:00'),
      note: null,
    };
    const listed = await saveAbsence(db.sql, ids.A, absence, null, {
      baseUrl: BASE,
      actor: { userId: users.A, ip: null },
    });
    if (listed.saved) throw new Error('the absence covers an appointment');
    await saveAbsence(
      db.sql,
      ids.A,
      absence,
      [{ id: booked.id, action: 'propose', start: new Date(listed.covered[0]!.proposals[0]!.start) }],
      { baseUrl: BASE, actor: { userId: users.A, ip: null } },
    );
    const link = (await mailsTo('declines@example.org')).at(-1)!.text.match(/\/termin\/([a-z2-7]{32})/)![1]!;

    expect(
      await rowsOf(() =>
        post(manageAction, `/termin/${link}`, { intent: 'decline-proposal' }, { token: link }),
      ),
    ).toEqual([
      {
        action: 'appointment.proposal_declined',
        actor_user_id: null,
        target_type: 'appointment',
        target_id: String(booked.id),
      },
    ]);

    const [exception] = await db.sql<{ id: number }[]>`
      select id from availability_exceptions where counsellor_id = ${ids.A} and lower(period) = ${absence.starts}`;
    expect(await rowsOf(() => removeException(actorA, exception!.id))).toEqual([
      {
        action: 'counsellor.exception_removed',
        actor_user_id: users.A,
        target_type: 'counsellor',
        target_id: String(ids.A),
      },
    ]);

    expect(
      await rowsOf(() =>
        cancelByCounsellor(db.sql, ids.A, booked.id, 'Die Beraterin ist erkrankt.', BASE, {
          userId: users.A,
          ip: null,
        }),
      ),
    ).toEqual([
      {
        action: 'appointment.cancelled',
        actor_user_id: users.A,
        target_type: 'appointment',
        target_id: String(booked.id),
      },
    ]);

    const office = { userId: users.admin, ip: '127.0.0.1' };
    expect(
      await rowsOf(() =>
        saveCounsellorByOffice(
          ids.D,
          counsellorProfileSchema.parse({
            languages: ['de', 'ar'],
            channels: ['phone'],
            topics: [String(ids.topic)],
            offices: [],
            active: 'on',
          }),
          office,
        ),
      ),
    ).toEqual([
      {
        action: 'admin.counsellor_updated',
        actor_user_id: users.admin,
        target_type: 'counsellor',
        target_id: String(ids.D),
      },
    ]);

    const [account] = await db.sql<{ id: number }[]>`
      insert into users (email, display_name, role) values ('dietz@beratung.example', 'Herr Dietz', 'counsellor') returning id`;
    expect(await rowsOf(() => linkAccount(ids.D, account!.id, office))).toEqual([
      {
        action: 'admin.counsellor_linked',
        actor_user_id: users.admin,
        target_type: 'counsellor',
        target_id: String(ids.D),
      },
    ]);
    // A refused link (the account is taken now) changes nothing and writes no success row.
    await expect(linkAccount(ids.C, account!.id, office)).rejects.toMatchObject({ code: 'conflict' });
    expect(await audits('admin.counsellor_linked', ids.C)).toEqual([]);
  });

  it('reaching for a colleague’s appointment is not found, and each attempt leaves one denied row naming who and which', async () => {
    const booked = await bookWith(ids.A, '2027-04-22T09:00:00+02:00', 'colleague');
    const actorB = { userId: users.B, ip: null };
    const attempts: (() => Promise<unknown>)[] = [
      () => cancelByCounsellor(db.sql, ids.B, booked.id, 'Nicht meiner.', BASE, actorB),
      () => recordOutcome(db.sql, ids.B, booked.id, 'no_show', actorB),
    ];
    for (const attempt of attempts) {
      const rows = await rowsOf(() => attempt().catch((e: unknown) => e));
      expect(rows).toEqual([
        {
          action: 'appointment.refused',
          actor_user_id: users.B,
          target_type: 'appointment',
          target_id: String(booked.id),
        },
      ]);
    }
    const [row] = await db.sql`select status from appointments where id = ${booked.id}`;
    expect(row!.status).toBe('booked');
  });
});
