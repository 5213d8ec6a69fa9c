import { getSql } from '../../../db/client.server';
import * as q from '../../../db/queries/booking.server';
import { now, todayInBerlin } from '../../utils/clock.server';
import { AppError, statusFor } from '../../utils/errors';
import { localText } from '../../utils/localized';
import { addDays, isValidDate, localParts, startOfWeek, toOffsetIso } from '../../utils/zoned';
import { sharableAssessmentId } from '../assessment/assessment.server';
import { checkBooking } from './abuse.server';
import {
  BookingError,
  bookAppointment,
  findSlots,
  firstFreeSlot,
  type Topic,
  windowDays,
} from './booking.server';
import { type Channel, lastBookableDate, type Slot } from './slots';

/**
 * What the booking pages and the JSON API share: the choices a person has for a topic,
 * the free slots in the API's shape, and one booking path with the anti-abuse checks.
 */
export interface TopicChoice {
  slug: string;
  name: string;
  description: string;
  channels: Channel[];
  slotMinutes: number;
}

export function localizedTopic(topic: Topic, lng: string): TopicChoice {
  return {
    slug: topic.slug,
    name: localText(topic.name, lng)!,
    description: localText(topic.description, lng) ?? '',
    channels: topic.channels,
    slotMinutes: topic.slot_minutes,
  };
}

export async function bookableTopics(lng: string): Promise<TopicChoice[]> {
  return (await q.listTopics(getSql(), { activeOnly: true })).map((t) => localizedTopic(t, lng));
}

/** A topic as a booking choice in `lng`, or null when it is unknown or not bookable now. */
export async function bookableTopic(slug: string | null, lng: string): Promise<TopicChoice | null> {
  const topic = slug ? await q.topicBySlug(getSql(), slug) : undefined;
  return topic?.active ? localizedTopic(topic, lng) : null;
}

export async function activeTopic(slug: string): Promise<Topic> {
  const topic = await q.topicBySlug(getSql(), slug);
  if (!topic?.active) throw new AppError('not_found');
  return topic;
}

export interface PublicSlot {
  start: string;
  end: string;
  channel: Channel;
  office: string | null;
}

export function toPublicSlot(slot: Slot, officeSlugs: Map<number, string>): PublicSlot {
  return {
    start: toOffsetIso(slot.start),
    end: toOffsetIso(slot.end),
    channel: slot.channel,
    office: slot.officeId === null ? null : (officeSlugs.get(slot.officeId) ?? null),
  };
}

export interface SlotRequest {
  topic: Topic;
  channel?: Channel;
  officeSlug?: string;
  language?: string;
  from?: string;
  to?: string;
  exceptAppointment?: number;
  onlyCounsellor?: number;
}

/** Free slots between two local dates (default: the next 14 days from today). */
export async function slotsFor(request: SlotRequest) {
  const sql = getSql();
  const offices = await q.officesForTopic(sql, request.topic.id);
  const officeSlugs = new Map(offices.map((o) => [o.id, o.slug]));
  const office = request.officeSlug ? offices.find((o) => o.slug === request.officeSlug) : undefined;
  if (request.officeSlug && !office) throw new AppError('bad_request', 'office');
  const today = todayInBerlin();
  const from = request.from && request.from > today ? request.from : today;
  const to = request.to ?? addDays(from, 13);
  if (to < from) throw new AppError('bad_request', 'to');
  const search = {
    topic: request.topic,
    channel: request.channel,
    officeId: office?.id,
    language: request.language,
    exceptAppointment: request.exceptAppointment,
    onlyCounsellor: request.onlyCounsellor,
  };
  // At most the booking window: a longer range would only be cut by the engine anyway.
  const lastDay = lastBookableDate(now(), windowDays(request.topic));
  const result = await findSlots(getSql(), { ...search, from, to: to < lastDay ? to : lastDay });
  return {
    ...result,
    from,
    to,
    offices,
    officeSlugs,
    first: () => firstFreeSlot(getSql(), search),
  };
}

export interface SlotWeek {
  from: string;
  to: string;
  /** Monday of the week before / after, when there is one to show. */
  previous: string | null;
  next: string | null;
  slots: PublicSlot[];
  languageAvailable: boolean;
}

function weekBounds(topic: Topic, ab: string | null | undefined) {
  const today = todayInBerlin();
  const from = ab && isValidDate(ab) && ab > today ? ab : today;
  const monday = startOfWeek(from);
  const lastDay = lastBookableDate(now(), windowDays(topic));
  return {
    from,
    to: addDays(monday, 6),
    previous: from > today ? addDays(monday, -7) : null,
    next: addDays(monday, 7) <= lastDay ? addDays(monday, 7) : null,
  };
}

function emptyWeek(topic: Topic, ab: string | null | undefined): SlotWeek {
  return { ...weekBounds(topic, ab), slots: [], languageAvailable: false };
}

/**
 * One week (Monday–Sunday, from today at the earliest) of free slots, as the booking
 * pages show them a week at a time; `ab` is any day of the week wanted.
 */
export async function weekOfSlots(
  request: Omit<SlotRequest, 'from' | 'to'>,
  ab: string | null | undefined,
): Promise<SlotWeek & { firstFree: () => Promise<PublicSlot | null> }> {
  const bounds = weekBounds(request.topic, ab);
  const result = await slotsFor({ ...request, from: bounds.from, to: bounds.to });
  return {
    ...bounds,
    slots: result.slots.map((s) => toPublicSlot(s, result.officeSlugs)),
    languageAvailable: result.languageAvailable,
    firstFree: async () => {
      const first = await result.first();
      return first ? toPublicSlot(first, result.officeSlugs) : null;
    },
  };
}

export interface BookingRequest {
  topic: string;
  channel: Channel;
  office?: string;
  language: string;
  start: Date;
  name: string;
  email?: string;
  phone?: string;
  message?: string;
  locale: string;
  honeypot?: string;
  altcha?: string;
  /** The link token of a finished self-assessment, when the person consented to share it. */
  shareAssessment?: string;
}

export type BookingOutcome =
  | { ok: true; token: string; status: 'booked' | 'pending' }
  | { ok: false; status: 400 | 404 | 409 | 429; reason: string; retryAfter?: number };

/** The one way a person books (page and API): anti-abuse first, then the transaction. */
export async function submitBooking(
  input: BookingRequest,
  meta: { ip: string | null; baseUrl: string },
): Promise<BookingOutcome> {
  const sql = getSql();
  const verdict = await checkBooking(sql, {
    ip: meta.ip,
    email: input.email ?? null,
    honeypot: input.honeypot,
    altcha: input.altcha,
  });
  if (!verdict.ok) {
    return verdict.reason === 'throttled'
      ? { ok: false, status: 429, reason: 'throttled', retryAfter: verdict.retryAfter }
      : { ok: false, status: 400, reason: 'spam' };
  }
  const assessmentId = input.shareAssessment ? await sharableAssessmentId(input.shareAssessment) : undefined;
  if (input.shareAssessment && !assessmentId) return { ok: false, status: 400, reason: 'assessment_unknown' };
  try {
    const booked = await bookAppointment(sql, {
      topicSlug: input.topic,
      channel: input.channel,
      officeSlug: input.office,
      language: input.language,
      start: input.start,
      name: input.name,
      email: input.email ?? null,
      phone: input.phone ?? null,
      message: input.message ?? null,
      locale: input.locale,
      proof: verdict.proof,
      baseUrl: meta.baseUrl,
      assessmentId,
    });
    return { ok: true, token: booked.token, status: booked.status };
  } catch (error) {
    if (error instanceof BookingError) {
      return { ok: false, status: statusFor(error.code) as 400 | 404 | 409, reason: error.reason };
    }
    throw error;
  }
}

export interface SlotCheck {
  state: 'free' | 'taken' | 'invalid';
  topic?: TopicChoice;
  channel?: Channel;
  office?: q.BookableOffice;
  language?: string;
  start?: string;
  end?: string;
  /** When taken: the other free slots of that day, else the first free one. */
  alternatives?: PublicSlot[];
}

/** Whether the slot a link or form names is (still) free; the details page starts here. */
export async function checkSlot(
  params: { topic?: string; channel?: string; office?: string; language?: string; start?: string },
  lng: string,
): Promise<SlotCheck> {
  const topicRow = params.topic ? await q.topicBySlug(getSql(), params.topic) : undefined;
  if (!topicRow?.active) return { state: 'invalid' };
  const topic = localizedTopic(topicRow, lng);
  const channel = topicRow.channels.find((c) => c === params.channel);
  const start = params.start && !Number.isNaN(Date.parse(params.start)) ? new Date(params.start) : undefined;
  const language = params.language && /^[a-z]{2,3}$/.test(params.language) ? params.language : undefined;
  if (!channel || !start || !language) return { state: 'invalid', topic };
  const day = localParts(start).date;
  let result: Awaited<ReturnType<typeof slotsFor>>;
  try {
    result = await slotsFor({
      topic: topicRow,
      channel,
      officeSlug: channel === 'in_person' ? params.office : undefined,
      language,
      from: day,
      to: day,
    });
  } catch (error) {
    if (error instanceof AppError && error.code === 'bad_request') return { state: 'invalid', topic };
    throw error;
  }
  const office = channel === 'in_person' ? result.offices.find((o) => o.slug === params.office) : undefined;
  if (channel === 'in_person' && !office) return { state: 'invalid', topic };
  const base = { topic, channel, office, language };
  const match = result.slots.find((s) => s.start === start.getTime());
  if (match) return { ...base, state: 'free', start: toOffsetIso(match.start), end: toOffsetIso(match.end) };
  const sameDay = result.slots.map((s) => toPublicSlot(s, result.officeSlugs));
  const first = sameDay.length ? undefined : await result.first();
  return {
    ...base,
    state: 'taken',
    alternatives: first ? [toPublicSlot(first, result.officeSlugs)] : sameDay,
  };
}

/** A week of slots an appointment could move to (same topic, channel, office, language). */
export async function moveOptions(row: q.AppointmentRow, ab: string | null) {
  const topic = (await q.topicBySlug(getSql(), row.topic_slug))!;
  const offices = await q.officesForTopic(getSql(), topic.id);
  const officeSlug = offices.find((o) => o.id === row.office_id)?.slug;
  const current = { start: toOffsetIso(row.starts), end: toOffsetIso(row.ends) };
  // An office that no longer offers the topic: nowhere to move to.
  if (row.channel === 'in_person' && !officeSlug) return { current, ...emptyWeek(topic, ab) };
  const week = await weekOfSlots(
    { topic, channel: row.channel, officeSlug, language: row.language, exceptAppointment: row.id },
    ab,
  );
  return { current, ...week, slots: week.slots.filter((s) => s.start !== current.start) };
}
