import type { z } from 'zod';
import { type Db, getSql } from '../../../db/client.server';
import * as a from '../../../db/queries/availability.server';
import * as q from '../../../db/queries/booking.server';
import * as c from '../../../db/queries/counselling.server';
import { listOffices } from '../../../db/queries/counselling.server';
import { now, todayInBerlin } from '../../utils/clock.server';
import { AppError } from '../../utils/errors';
import { addDays, isValidDate, localToInstant, startOfWeek, toOffsetIso } from '../../utils/zoned';
import { inviteStaff } from '../admin/admin.server';
import { audit } from '../audit/audit.server';
import { appointmentFacts, findSlots, manageState, type StaffActor } from './booking.server';
import { type counsellorProfileSchema, OFFICE_STATUSES } from './schemas';
import { colleagueChoices, handOverRow } from './staff.server';

/**
 * The education office's oversight of counselling: the counsellor profiles (is someone
 * able to sign in and see their bookings? topics, languages, offices, this week's load,
 * the next free slot), the requests of counsellors for other topics or offices, and all
 * appointments by day, office and counsellor for the coordinator, who can hand one over.
 *
 * Need-to-know: the lists never show the person's name or contact. Opening them for one
 * appointment is a separate read with a stated reason, written to the audit log (the same
 * rule case files will follow). Every change is audited.
 */
export interface OfficeMeta extends StaffActor {
  baseUrl: string;
}

/** Monday to Sunday of the week that holds `day`, as instants. */
function weekOf(day: string) {
  const first = startOfWeek(day);
  const last = addDays(first, 6);
  return {
    first,
    last,
    from: new Date(localToInstant(first, 0) ?? Date.parse(`${first}T00:00:00Z`)),
    to: new Date(localToInstant(addDays(last, 1), 0) ?? Date.parse(`${addDays(last, 1)}T00:00:00Z`)),
  };
}

/** Each bookable counsellor's first free slot in the next four weeks, over every active topic. */
async function nextFreeSlots(): Promise<Map<number, string>> {
  const sql = getSql();
  const today = todayInBerlin();
  const first = new Map<number, number>();
  for (const topic of await q.listTopics(sql, { activeOnly: true })) {
    const { slots } = await findSlots(sql, { topic, from: today, to: addDays(today, 27) });
    for (const slot of slots)
      for (const id of slot.counsellorIds)
        if (!first.has(id) || first.get(id)! > slot.start) first.set(id, slot.start);
  }
  return new Map([...first].map(([id, start]) => [id, toOffsetIso(start)]));
}

export type AccountState = 'bookable' | 'not_enrolled' | 'disabled' | 'none' | 'inactive';

function accountState(r: c.CounsellorOverviewRow): AccountState {
  if (!r.active) return 'inactive';
  if (r.bookable) return 'bookable';
  if (!r.user_id) return 'none';
  if (r.account_status !== 'active') return 'disabled';
  return 'not_enrolled';
}

export async function counsellorOverview() {
  const sql = getSql();
  const week = weekOf(todayInBerlin());
  const [rows, topics, offices, next] = await Promise.all([
    c.counsellorsOverview(sql, week, now()),
    q.listTopics(sql, { activeOnly: false }),
    listOffices(sql),
    nextFreeSlots(),
  ]);
  return {
    week: { first: week.first, last: week.last },
    counsellors: rows.map((r) => ({
      id: r.id,
      name: r.display_name,
      account: accountState(r),
      email: r.email,
      languages: r.languages,
      topics: topics.filter((t) => r.topic_ids.includes(t.id)).map((t) => t.name),
      offices: offices.filter((o) => r.office_ids.includes(o.id)).map((o) => o.name),
      load: r.load,
      upcoming: r.upcoming,
      nextFree: next.get(r.id) ?? null,
      openRequest: r.open_request,
    })),
  };
}

/** One profile for the admin: its account, what it offers, the open request and the choices. */
export async function counsellorForOffice(id: number) {
  const sql = getSql();
  const week = weekOf(todayInBerlin());
  const [[row], topics, offices, accounts, request] = await Promise.all([
    c.counsellorsOverview(sql, week, now(), id),
    q.listTopics(sql, { activeOnly: false }),
    listOffices(sql),
    c.counsellorAccountsWithoutProfile(sql),
    a.openChangeRequestOf(sql, id),
  ]);
  if (!row) throw new AppError('not_found');
  return {
    counsellor: {
      id: row.id,
      name: row.display_name,
      active: row.active,
      account: accountState(row),
      email: row.email,
      languages: row.languages,
      channels: row.channels,
      topicIds: row.topic_ids,
      officeIds: row.office_ids,
      upcoming: row.upcoming,
    },
    request: request
      ? { id: request.id, topicIds: request.topic_ids, officeIds: request.office_ids, note: request.note }
      : null,
    topics: topics.map((t) => ({ id: t.id, name: t.name })),
    offices: offices.map((o) => ({ id: o.id, name: o.name })),
    accounts: row.user_id
      ? []
      : accounts.map((u) => ({ id: u.id, label: `${u.display_name ?? u.email} (${u.email})` })),
  };
}

async function log(
  db: Parameters<typeof audit>[0],
  meta: StaffActor,
  action: string,
  counsellorId: number,
  detail: Record<string, string | number | boolean | null> = {},
) {
  await audit(db, {
    action,
    actorUserId: meta.userId,
    ip: meta.ip,
    targetType: 'counsellor',
    targetId: counsellorId,
    detail,
  });
}

/** Sets a counsellor's languages, channels, topics, offices and whether the profile is active. */
export async function saveCounsellorByOffice(
  id: number,
  v: z.infer<typeof counsellorProfileSchema>,
  meta: StaffActor,
) {
  const sql = getSql();
  const [topics, offices] = await Promise.all([q.listTopics(sql, { activeOnly: false }), listOffices(sql)]);
  const topicIds = [...new Set(v.topics)].filter((t) => topics.some((x) => x.id === t));
  const officeIds = [...new Set(v.offices)].filter((o) => offices.some((x) => x.id === o));
  await sql.begin(async (tx) => {
    if (!(await c.lockCounsellorProfile(tx, id))) throw new AppError('not_found');
    await a.saveCounsellorProfile(tx, id, {
      languages: [...new Set(v.languages)],
      channels: v.channels,
      topicIds,
      officeIds,
    });
    await c.setCounsellorActive(tx, id, v.active === 'on');
    await log(tx, meta, 'admin.counsellor_updated', id, {
      topics: topicIds.join(','),
      offices: officeIds.join(','),
      languages: [...new Set(v.languages)].join(','),
      channels: v.channels.join(','),
      active: v.active === 'on',
    });
  });
}

/** Links the profile to an existing counsellor account (both must be free). */
export async function linkAccount(id: number, userId: number, meta: StaffActor) {
  await getSql().begin(async (tx) => {
    if (!(await c.lockCounsellorProfile(tx, id))) throw new AppError('not_found');
    if (!(await c.linkProfileToAccount(tx, id, userId))) throw new AppError('conflict', 'account');
    await log(tx, meta, 'admin.counsellor_linked', id, { user: userId });
  });
}

/** Invites someone by e-mail to an account for this profile (linked when they accept). */
export async function inviteForProfile(id: number, email: string, meta: OfficeMeta & { locale: string }) {
  const [row] = await c.counsellorsOverview(getSql(), weekOf(todayInBerlin()), now(), id);
  if (!row) throw new AppError('not_found');
  if (row.user_id) throw new AppError('conflict', 'account');
  await inviteStaff(
    { email, role: 'counsellor', counsellorId: id, locale: meta.locale },
    { adminId: meta.userId, ip: meta.ip ?? null, baseUrl: meta.baseUrl },
  );
}

/** Approving sets the requested topics and offices; either way the decision is logged. */
export async function decideRequest(
  requestId: number,
  decision: 'approved' | 'rejected',
  note: string | null,
  meta: StaffActor,
) {
  await getSql().begin(async (tx) => {
    const request = await a.decideChangeRequest(tx, requestId, { status: decision, by: meta.userId, note });
    if (!request) throw new AppError('not_found');
    if (decision === 'approved') {
      const [current] = await tx<{ languages: string[]; channels: q.ChannelName[] }[]>`
        select languages, channels from counsellors where id = ${request.counsellor_id}`;
      await a.saveCounsellorProfile(tx, request.counsellor_id, {
        languages: current!.languages,
        channels: current!.channels,
        topicIds: request.topic_ids,
        officeIds: request.office_ids,
      });
    }
    await log(tx, meta, `admin.change_request_${decision}`, request.counsellor_id, { request: request.id });
  });
}

/** The open requests, for the list. */
export async function openRequests() {
  return a.openChangeRequests(getSql());
}

// ---- appointments --------------------------------------------------------------------------

export interface AppointmentFilter {
  day?: string | null;
  view?: 'day' | 'week';
  office?: number;
  counsellor?: number;
  status?: string;
}

/** All appointments of a day or week, by office and counsellor: time, topic, channel, state — no person. */
export async function appointmentsOverview(f: AppointmentFilter) {
  const sql = getSql();
  const today = todayInBerlin();
  const date = f.day && isValidDate(f.day) ? f.day : today;
  const view = f.view ?? 'day';
  const first = view === 'week' ? startOfWeek(date) : date;
  const last = view === 'week' ? addDays(first, 6) : date;
  const from = new Date(localToInstant(first, 0) ?? Date.parse(`${first}T00:00:00Z`));
  const to = new Date(localToInstant(addDays(last, 1), 0) ?? Date.parse(`${addDays(last, 1)}T00:00:00Z`));
  const status = OFFICE_STATUSES.find((s) => s === f.status);
  const [rows, offices, counsellors] = await Promise.all([
    c.appointmentsForOffice(sql, { from, to, officeId: f.office, counsellorId: f.counsellor, status }),
    listOffices(sql),
    sql<
      { id: number; display_name: string }[]
    >`select id, display_name from counsellors order by display_name, id`,
  ]);
  const step = view === 'week' ? 7 : 1;
  return {
    date,
    view,
    first,
    last,
    today,
    previous: addDays(first, -step),
    next: addDays(first, step),
    filter: { office: f.office ?? null, counsellor: f.counsellor ?? null, status: status ?? null },
    offices: offices.map((o) => ({ id: o.id, name: o.name })),
    counsellors: counsellors.map((x) => ({ id: x.id, name: x.display_name })),
    appointments: rows.map((r) => ({
      id: r.id,
      start: toOffsetIso(r.starts),
      end: toOffsetIso(r.ends),
      topic: r.topic_name,
      channel: r.channel,
      office: r.office_name,
      counsellor: r.counsellor_name,
      status: r.status,
      language: r.language,
      bookable: r.bookable,
      conflict: r.conflict,
      proposed: r.proposed,
    })),
  };
}

async function appointmentOr404(db: Db, id: number, options: { lock?: boolean } = {}) {
  const row = await q.appointmentById(db, id, options);
  if (!row) throw new AppError('not_found');
  return row;
}

/** One appointment for the coordinator: the facts without the person, and whom it could go to. */
export async function appointmentForOffice(id: number) {
  const sql = getSql();
  const row = await appointmentOr404(sql, id);
  const state = manageState(row);
  const names = await q.counsellorNames(sql, [row.counsellor_id]);
  const facts = appointmentFacts(row, { officeAddress: false });
  return {
    id: row.id,
    state,
    status: row.status,
    counsellor: names.get(row.counsellor_id) ?? null,
    facts: { ...facts, name: null, email: null, phone: null },
    colleagues: state === 'booked' || state === 'pending' ? await colleagueChoices(sql, row) : [],
    erased: Boolean(row.erased_at),
  };
}

/** The coordinator gives an appointment to another counsellor (see `handOverRow`). */
export async function reassign(id: number, to: number, reason: string, meta: OfficeMeta) {
  await getSql().begin(async (tx) => {
    const row = await appointmentOr404(tx, id, { lock: true });
    await handOverRow(tx, row, to, { baseUrl: meta.baseUrl, actor: meta, reason, via: 'admin' });
  });
}

/**
 * The person's name, contact and message, for a stated reason: one audit row per read
 * (who, which appointment, why). Nothing is shown without it.
 */
export async function appointmentDetails(id: number, reason: string, meta: StaffActor) {
  const sql = getSql();
  const row = await appointmentOr404(sql, id);
  await audit(sql, {
    action: 'appointment.details_read',
    actorUserId: meta.userId,
    ip: meta.ip,
    targetType: 'appointment',
    targetId: row.id,
    detail: { reason },
  });
  return {
    name: row.name,
    email: row.email,
    phone: row.phone,
    message: row.message,
    erased: Boolean(row.erased_at),
  };
}
