import type { AppLoadContext } from '@remix-run/node';
import type { z } from 'zod';
import { getSql } from '../../../db/client.server';
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
import { bookAppointment } from './booking.server';
import { weekOfSlots } from './public.server';
import type { exceptionSchema, profileSchema, ruleSchema, staffBookingSchema } from './schemas';

/**
 * The counsellors' side: their agenda, their weekly availability and exceptions, their
 * profile. Every function takes the counsellor's own id, found from the signed-in user;
 * another counsellor's records are never reachable (not found).
 */
export interface CounsellorActor {
  user: CurrentUser;
  counsellor: q.CounsellorProfileRow;
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
  return { user, counsellor };
}

export interface AgendaDay {
  date: string;
  appointments: {
    id: number;
    start: string;
    end: string;
    topic: Record<string, string>;
    channel: q.ChannelName;
    office: string | null;
    name: string | null;
    status: q.AppointmentStatus;
    language: string;
  }[];
}

/** A day or a week (Monday to Sunday) of the counsellor's appointments, by local day. */
export async function agenda(counsellorId: number, day: string | null, view: 'day' | 'week') {
  const today = todayInBerlin();
  const date = day && isValidDate(day) ? day : today;
  const first = view === 'week' ? startOfWeek(date) : date;
  const last = view === 'week' ? addDays(first, 6) : date;
  const from = new Date(localToInstant(first, 0) ?? Date.parse(`${first}T00:00:00Z`));
  const to = new Date(localToInstant(addDays(last, 1), 0) ?? Date.parse(`${addDays(last, 1)}T00:00:00Z`));
  const rows = await q.counsellorAgenda(getSql(), counsellorId, from, to);
  const days: AgendaDay[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) days.push({ date: d, appointments: [] });
  for (const r of rows) {
    const d = localParts(r.starts).date;
    days
      .find((x) => x.date === d)
      ?.appointments.push({
        id: r.id,
        start: toOffsetIso(r.starts),
        end: toOffsetIso(r.ends),
        topic: r.topic_name,
        channel: r.channel,
        office: r.office_name,
        name: r.name,
        status: r.status,
        language: r.language,
      });
  }
  const step = view === 'week' ? 7 : 1;
  return {
    date,
    view,
    first,
    last,
    today,
    days,
    previous: addDays(first, -step),
    next: addDays(first, step),
  };
}

function ownOffice(actor: CounsellorActor, officeId: number | undefined): number | null {
  if (officeId === undefined) return null;
  if (!actor.counsellor.office_ids.includes(officeId)) throw new AppError('bad_request', 'office');
  return officeId;
}

export async function addRule(actor: CounsellorActor, v: z.infer<typeof ruleSchema>) {
  const inPerson = v.channels.includes('in_person');
  await a.insertRule(getSql(), actor.counsellor.id, {
    weekday: v.weekday,
    startsAt: v.startsAt,
    endsAt: v.endsAt,
    channels: v.channels,
    officeId: inPerson ? ownOffice(actor, v.office) : null,
    validFrom: v.validFrom,
    validTo: v.validTo ?? null,
  });
}

export async function addException(actor: CounsellorActor, v: z.infer<typeof exceptionSchema>) {
  const starts = localToInstant(v.fromDay, parseTime(v.fromTime));
  const ends = localToInstant(v.toDay, parseTime(v.toTime));
  if (starts === null || ends === null || ends <= starts) throw new AppError('bad_request', 'toTime');
  const extra = v.kind === 'extra';
  await a.insertException(getSql(), actor.counsellor.id, {
    kind: v.kind,
    starts: new Date(starts),
    ends: new Date(ends),
    channels: extra ? v.channels : [],
    officeId: extra && v.channels.includes('in_person') ? ownOffice(actor, v.office) : null,
    note: v.note ?? null,
  });
}

export async function removeRule(actor: CounsellorActor, id: number) {
  if (!(await a.deleteRule(getSql(), actor.counsellor.id, id))) throw new AppError('not_found');
}

export async function removeException(actor: CounsellorActor, id: number) {
  if (!(await a.deleteException(getSql(), actor.counsellor.id, id))) throw new AppError('not_found');
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

export async function saveProfile(actor: CounsellorActor, v: z.infer<typeof profileSchema>) {
  const sql = getSql();
  const { topics, offices } = await profileChoices();
  const topicIds = v.topics.filter((id) => topics.some((t) => t.id === id));
  const officeIds = v.offices.filter((id) => offices.some((o) => o.id === id));
  await sql.begin((tx) =>
    a.saveCounsellorProfile(tx, actor.counsellor.id, {
      languages: [...new Set(v.languages)],
      channels: v.channels,
      topicIds,
      officeIds,
    }),
  );
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
    onlyCounsellor: actor.counsellor.id,
    baseUrl: meta.baseUrl,
  });
  return booked.id;
}
