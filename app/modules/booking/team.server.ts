import type { AppLoadContext } from '@remix-run/node';
import type { z } from 'zod';
import { type Db, getSql } from '../../../db/client.server';
import * as a from '../../../db/queries/availability.server';
import * as q from '../../../db/queries/booking.server';
import { listOffices } from '../../../db/queries/counselling.server';
import { type CurrentUser, requirePermission } from '../../auth/guard.server';
import type { Permission } from '../../auth/permissions';
import { isLanguage, supportedLanguages } from '../../i18n';
import { now, todayInBerlin } from '../../utils/clock.server';
import { AppError } from '../../utils/errors';
import {
  addDays,
  isValidDate,
  localParts,
  localToInstant,
  parseTime,
  startOfWeek,
  toOffsetIso,
} from '../../utils/zoned';
import { audit, refuseAsNotFound } from '../audit/audit.server';
import { bookAppointment, holidayState, manageState } from './booking.server';
import { publicHolidays } from './holidays';
import { moveOptions, weekOfSlots } from './public.server';
import type {
  changeRequestSchema,
  exceptionSchema,
  profileSchema,
  ruleSchema,
  staffBookingSchema,
} from './schemas';
import { colleagueChoices, coveredChoices, resolutionsOf, saveAbsence } from './staff.server';

/**
 * The counsellors' side: their agenda, their weekly availability and exceptions, their
 * profile. Every function takes the counsellor's own id, found from the signed-in user;
 * another counsellor's records are never reachable (not found).
 */
export interface CounsellorActor {
  user: CurrentUser;
  counsellor: q.CounsellorProfileRow;
  /** The client's address, for the audit log (stored only as a keyed hash). */
  ip: string | null;
}

export async function requireCounsellor(
  request: Request,
  context: AppLoadContext,
  permission: Permission,
): Promise<CounsellorActor> {
  const user = await requirePermission(request, context, permission);
  const counsellor = await q.counsellorForUser(getSql(), user.id);
  // A counsellor account without a profile yet (an admin links it): nothing to show or change.
  if (!counsellor) throw new Response('no counsellor profile', { status: 404 });
  return { user, counsellor, ip: context.clientIp ?? null };
}

export interface AgendaItem {
  id: number;
  start: string;
  end: string;
  topic: Record<string, string>;
  channel: q.ChannelName;
  office: string | null;
  name: string | null;
  status: q.AppointmentStatus;
  language: string;
  /** New or changed by someone else since the counsellor last opened it. */
  notice: q.CounsellorNotice | null;
  /** The person shares their self-assessment. */
  shared: boolean;
  /** Still booked into an absence or a closure day. */
  conflict: 'absence' | 'closure' | null;
  /** A new time proposed to the person, not yet answered. */
  proposal: { start: string; end: string } | null;
}

export interface AgendaDay {
  date: string;
  /** The service is closed (a public holiday or a closure day), with the day's name. */
  closed: string | null;
  /** The counsellor's absences touching the day. */
  absences: { start: string; end: string; note: string | null }[];
  appointments: AgendaItem[];
}

function agendaItem(r: q.AgendaRow): AgendaItem {
  return {
    id: r.id,
    start: toOffsetIso(r.starts),
    end: toOffsetIso(r.ends),
    topic: r.topic_name,
    channel: r.channel,
    office: r.office_name,
    name: r.name,
    status: r.status,
    language: r.language,
    notice: r.counsellor_notice,
    shared: r.shared,
    conflict: r.conflict,
    proposal: r.proposal_starts
      ? { start: toOffsetIso(r.proposal_starts), end: toOffsetIso(r.proposal_ends!) }
      : null,
  };
}

/**
 * A day or a week (Monday to Sunday) of the counsellor's appointments by local day, with
 * the days the service is closed and the counsellor's absences; above it what needs their
 * eye wherever it is (new or changed appointments, ones still booked into an absence or a
 * closure day); or, with `name`, their appointments whose person's name matches.
 */
export async function agenda(counsellorId: number, day: string | null, view: 'day' | 'week', name?: string) {
  const sql = getSql();
  const today = todayInBerlin();
  const date = day && isValidDate(day) ? day : today;
  const first = view === 'week' ? startOfWeek(date) : date;
  const last = view === 'week' ? addDays(first, 6) : date;
  const from = new Date(localToInstant(first, 0) ?? Date.parse(`${first}T00:00:00Z`));
  const to = new Date(localToInstant(addDays(last, 1), 0) ?? Date.parse(`${addDays(last, 1)}T00:00:00Z`));
  const search = name?.trim().slice(0, 100) || null;
  const [rows, attention, absences, closures, state, found] = await Promise.all([
    q.counsellorAgenda(sql, counsellorId, from, to),
    q.counsellorAttention(sql, counsellorId, now()),
    q.absencesBetween(sql, counsellorId, from, to),
    q.closureDaysBetween(sql, first, last),
    holidayState(sql),
    search ? q.searchCounsellorAppointments(sql, counsellorId, search) : Promise.resolve(null),
  ]);
  const holidays = new Map(
    [...new Set([first.slice(0, 4), last.slice(0, 4)])]
      .flatMap((year) => publicHolidays(Number(year), state))
      .map((h) => [h.date, h.name]),
  );
  const days: AgendaDay[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) {
    const dayStart = localToInstant(d, 0) ?? Date.parse(`${d}T00:00:00Z`);
    const dayEnd = localToInstant(addDays(d, 1), 0) ?? dayStart + 86_400_000;
    days.push({
      date: d,
      closed: closures.find((c) => c.day === d)?.name ?? holidays.get(d) ?? null,
      absences: absences
        .filter((x) => x.starts.getTime() < dayEnd && dayStart < x.ends.getTime())
        .map((x) => ({ start: toOffsetIso(x.starts), end: toOffsetIso(x.ends), note: x.note })),
      appointments: [],
    });
  }
  for (const r of rows) {
    const d = localParts(r.starts).date;
    days.find((x) => x.date === d)?.appointments.push(agendaItem(r));
  }
  const step = view === 'week' ? 7 : 1;
  return {
    date,
    view,
    first,
    last,
    today,
    days,
    attention: attention.map(agendaItem),
    search,
    found: found?.map(agendaItem) ?? null,
    previous: addDays(first, -step),
    next: addDays(first, step),
  };
}

/** The counsellor saw these notices (or all of them). */
export async function markSeen(actor: CounsellorActor, ids?: number[]) {
  await q.clearCounsellorNotices(getSql(), actor.counsellor.id, ids);
}

/** Another counsellor's appointment (or none): not found, and the attempt on record. */
function refusedAppointment(actor: CounsellorActor, id: number): Promise<never> {
  return refuseAsNotFound({ userId: actor.user.id, ip: actor.ip }, 'appointment.refused', {
    type: 'appointment',
    id,
  });
}

/** One audit row per change of a counsellor's hours, absences or profile. */
async function logChange(
  db: Db,
  actor: CounsellorActor,
  action: string,
  detail: Record<string, string | number | boolean | null> = {},
) {
  await audit(db, {
    action,
    actorUserId: actor.user.id,
    ip: actor.ip,
    targetType: 'counsellor',
    targetId: actor.counsellor.id,
    detail,
  });
}

function ownOffice(actor: CounsellorActor, officeId: number | undefined): number | null {
  if (officeId === undefined) return null;
  if (!actor.counsellor.office_ids.includes(officeId)) throw new AppError('bad_request', 'office');
  return officeId;
}

export async function addRule(actor: CounsellorActor, v: z.infer<typeof ruleSchema>) {
  const inPerson = v.channels.includes('in_person');
  const officeId = inPerson ? ownOffice(actor, v.office) : null;
  await getSql().begin(async (tx) => {
    const id = await a.insertRule(tx, actor.counsellor.id, {
      weekday: v.weekday,
      startsAt: v.startsAt,
      endsAt: v.endsAt,
      channels: v.channels,
      officeId,
      validFrom: v.validFrom,
      validTo: v.validTo ?? null,
    });
    await logChange(tx, actor, 'counsellor.rule_added', { rule: id });
  });
}

/**
 * Extra hours are saved at once. An absence over booked appointments is saved only
 * together with a decision for each of them (see `saveAbsence`): without decisions
 * (`decided` unset) the covered appointments come back to be listed.
 */
export async function addException(
  actor: CounsellorActor,
  v: z.infer<typeof exceptionSchema>,
  meta: { baseUrl: string },
) {
  const starts = localToInstant(v.fromDay, parseTime(v.fromTime));
  const ends = localToInstant(v.toDay, parseTime(v.toTime));
  if (starts === null || ends === null || ends <= starts) throw new AppError('bad_request', 'toTime');
  if (v.kind === 'absence')
    return saveAbsence(
      getSql(),
      actor.counsellor.id,
      { starts: new Date(starts), ends: new Date(ends), note: v.note ?? null },
      v.decided ? resolutionsOf(v.resolutions ?? []) : null,
      { baseUrl: meta.baseUrl, actor: { userId: actor.user.id, ip: actor.ip } },
    );
  const officeId = v.channels.includes('in_person') ? ownOffice(actor, v.office) : null;
  await getSql().begin(async (tx) => {
    const id = await a.insertException(tx, actor.counsellor.id, {
      kind: 'extra',
      starts: new Date(starts),
      ends: new Date(ends),
      channels: v.channels,
      officeId,
      note: v.note ?? null,
    });
    await logChange(tx, actor, 'counsellor.exception_added', { exception: id, kind: 'extra' });
  });
  return { saved: true as const };
}

/** The appointments an absence with these values would cover, with the choices for each. */
export async function absenceCover(actor: CounsellorActor, v: z.infer<typeof exceptionSchema>) {
  const starts = localToInstant(v.fromDay, parseTime(v.fromTime));
  const ends = localToInstant(v.toDay, parseTime(v.toTime));
  if (starts === null || ends === null || ends <= starts || v.kind !== 'absence') return [];
  return coveredChoices(getSql(), {
    counsellorId: actor.counsellor.id,
    starts: new Date(starts),
    ends: new Date(ends),
  });
}

export async function removeRule(actor: CounsellorActor, id: number) {
  await getSql().begin(async (tx) => {
    if (!(await a.deleteRule(tx, actor.counsellor.id, id))) throw new AppError('not_found');
    await logChange(tx, actor, 'counsellor.rule_removed', { rule: id });
  });
}

export async function removeException(actor: CounsellorActor, id: number) {
  await getSql().begin(async (tx) => {
    if (!(await a.deleteException(tx, actor.counsellor.id, id))) throw new AppError('not_found');
    await logChange(tx, actor, 'counsellor.exception_removed', { exception: id });
  });
}

export async function availability(actor: CounsellorActor) {
  const sql = getSql();
  const [rules, exceptions, offices] = await Promise.all([
    a.rulesOf(sql, actor.counsellor.id),
    a.exceptionsOf(sql, actor.counsellor.id, now()),
    listOffices(sql),
  ]);
  return {
    rules,
    exceptions: exceptions.map((e) => ({ ...e, starts: toOffsetIso(e.starts), ends: toOffsetIso(e.ends) })),
    offices: offices
      .filter((o) => actor.counsellor.office_ids.includes(o.id))
      .map((o) => ({ id: o.id, name: o.name })),
    today: todayInBerlin(),
  };
}

// The languages people ask for most here, beyond the portal's own.
const LANGUAGES = [
  ...new Set([
    ...supportedLanguages.filter((l) => l !== 'ls'),
    'fa',
    'pl',
    'fr',
    'es',
    'ku',
    'ti',
    'it',
    'ro',
    'bg',
    'sq',
  ]),
];

/** The languages a counsellor can tick: the list above and any they already speak. */
export function languageChoices(own: readonly string[]): string[] {
  return [...new Set([...LANGUAGES, ...own])];
}

export async function profileChoices() {
  const sql = getSql();
  const [topics, offices] = await Promise.all([q.listTopics(sql, { activeOnly: false }), listOffices(sql)]);
  return {
    topics: topics.map((t) => ({ id: t.id, name: t.name })),
    offices: offices.map((o) => ({ id: o.id, name: o.name })),
  };
}

/**
 * The counsellor's own part of the profile: the languages they counsel in and the
 * channels they offer. Topics and offices are the office's decision (a request).
 */
export async function saveProfile(actor: CounsellorActor, v: z.infer<typeof profileSchema>) {
  await getSql().begin(async (tx) => {
    await a.saveCounsellorLanguages(tx, actor.counsellor.id, {
      languages: [...new Set(v.languages)],
      channels: v.channels,
    });
    await logChange(tx, actor, 'counsellor.profile_updated', {
      languages: [...new Set(v.languages)].join(','),
      channels: v.channels.join(','),
    });
  });
}

/** The counsellor's open request for other topics or offices, if any. */
export async function openChangeRequest(actor: CounsellorActor) {
  return a.openChangeRequestOf(getSql(), actor.counsellor.id);
}

/**
 * Asks the office for other topics or offices (replacing an open request). Unknown ids
 * are dropped; asking for what one already has is no request.
 */
export async function requestProfileChange(actor: CounsellorActor, v: z.infer<typeof changeRequestSchema>) {
  const { topics, offices } = await profileChoices();
  const topicIds = [...new Set(v.topics.filter((id) => topics.some((t) => t.id === id)))].sort(
    (x, y) => x - y,
  );
  const officeIds = [...new Set(v.offices.filter((id) => offices.some((o) => o.id === id)))].sort(
    (x, y) => x - y,
  );
  const same = (x: number[], y: number[]) => x.length === y.length && x.every((id, i) => id === y[i]);
  if (same(topicIds, actor.counsellor.topic_ids) && same(officeIds, actor.counsellor.office_ids))
    throw new AppError('bad_request', 'unchanged');
  await getSql().begin(async (tx) => {
    const id = await a.upsertChangeRequest(tx, actor.counsellor.id, {
      topicIds,
      officeIds,
      note: v.note ?? null,
      by: actor.user.id,
    });
    await logChange(tx, actor, 'counsellor.change_requested', { request: id });
  });
}

/** The counsellor's own free slots for a caller (no minimum notice: they are on the phone now). */
export async function callerSlots(
  actor: CounsellorActor,
  params: { thema?: string; kanal?: string; stelle?: string; sprache?: string; ab?: string },
) {
  const sql = getSql();
  const topics = (await q.listTopics(sql, { activeOnly: true })).filter((t) =>
    actor.counsellor.topic_ids.includes(t.id),
  );
  const offices = (await listOffices(sql)).filter((o) => actor.counsellor.office_ids.includes(o.id));
  const topic = topics.find((t) => t.slug === params.thema);
  const channel = actor.counsellor.channels.find((c) => c === params.kanal);
  const office = offices.find((o) => o.slug === params.stelle);
  const language = params.sprache && /^[a-z]{2,3}$/.test(params.sprache) ? params.sprache : undefined;
  const choices = {
    topics: topics.map((t) => ({ slug: t.slug, name: t.name })),
    channels: actor.counsellor.channels,
    offices: offices.map((o) => ({ slug: o.slug, name: o.name })),
    languages: actor.counsellor.languages,
  };
  if (!topic || !channel || !language || (channel === 'in_person' && !office)) return { choices, week: null };
  const { firstFree: _, ...week } = await weekOfSlots(
    { topic, channel, officeSlug: office?.slug, language, onlyCounsellor: actor.counsellor.id },
    params.ab,
  );
  return { choices, week };
}

export async function bookForCaller(
  actor: CounsellorActor,
  v: z.infer<typeof staffBookingSchema>,
  meta: { baseUrl: string },
): Promise<number> {
  const booked = await bookAppointment(getSql(), {
    topicSlug: v.topic,
    channel: v.channel,
    officeSlug: v.office,
    language: v.language,
    start: v.start,
    name: v.name,
    email: v.email ?? null,
    phone: v.phone ?? null,
    message: v.message ?? null,
    // Mails in the caller's language when we ship it, else German.
    locale: isLanguage(v.language) ? v.language : 'de',
    proof: 'staff',
    bookedBy: actor.user.id,
    actorIp: actor.ip,
    onlyCounsellor: actor.counsellor.id,
    baseUrl: meta.baseUrl,
  });
  return booked.id;
}

/**
 * One of the counsellor's own appointments for its page (another's is not found), with
 * its agenda markers; opening it counts as seeing what was new about it.
 */
export async function ownAppointmentPage(actor: CounsellorActor, id: number) {
  const sql = getSql();
  const row = await q.agendaRowById(sql, id);
  if (!row || row.counsellor_id !== actor.counsellor.id) return refusedAppointment(actor, id);
  if (row.counsellor_notice) await q.clearCounsellorNotices(sql, actor.counsellor.id, [row.id]);
  const state = manageState(row);
  return {
    row,
    item: agendaItem(row),
    state,
    colleagues: state === 'booked' || state === 'pending' ? await colleagueChoices(sql, row) : [],
  };
}

/** The counsellor's own free times the appointment could move to (same topic, channel, office, language). */
export async function ownMoveOptions(actor: CounsellorActor, id: number, ab: string | null) {
  const sql = getSql();
  const row = await q.appointmentById(sql, id);
  if (!row || row.counsellor_id !== actor.counsellor.id) return refusedAppointment(actor, id);
  return {
    row,
    options: manageState(row) === 'booked' ? await moveOptions(row, ab, actor.counsellor.id) : null,
  };
}
