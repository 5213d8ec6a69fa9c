import { getSql } from '../../../db/client.server';
import * as q from '../../../db/queries/booking.server';
import { generateToken, hashToken, looksLikeToken } from '../../auth/tokens.server';
import { now, todayInBerlin } from '../../utils/clock.server';
import { AppError, statusFor } from '../../utils/errors';
import { localText } from '../../utils/localized';
import { addDays, isValidDate, localParts, startOfWeek, toOffsetIso } from '../../utils/zoned';
import { sharableAssessmentId } from '../assessment/assessment.server';
import { checkBooking, checkDraftRate, checkRates, type Proof, screenForm } from './abuse.server';
import {
  BookingError,
  bookAppointment,
  findSlots,
  firstFreeSlot,
  precheckPerson,
  type Topic,
  windowDays,
} from './booking.server';
import { topicForCategory } from './offer-topic';
import { instantField, slugField } from './schemas';
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
  // A range that begins after the window has no slots: the search asks for the last day
  // only to learn who speaks the language (a range ending before it begins is an error in
  // PostgreSQL, and the holiday rules have no answer for far years).
  const result =
    from > lastDay
      ? { ...(await findSlots(getSql(), { ...search, from: lastDay, to: lastDay })), slots: [] }
      : await findSlots(getSql(), { ...search, from, to: to < lastDay ? to : lastDay });
  return {
    ...result,
    from,
    to,
    offices,
    officeSlugs,
    first: (skip?: (slot: Slot) => boolean) => firstFreeSlot(getSql(), search, skip),
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
): Promise<SlotWeek & { firstFree: (skipStart?: number) => Promise<PublicSlot | null> }> {
  const bounds = weekBounds(request.topic, ab);
  const result = await slotsFor({ ...request, from: bounds.from, to: bounds.to });
  return {
    ...bounds,
    slots: result.slots.map((s) => toPublicSlot(s, result.officeSlugs)),
    languageAvailable: result.languageAvailable,
    firstFree: async (skipStart) => {
      const first = await result.first((s) => s.start === skipStart);
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
    phone: input.phone ?? null,
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
  // Only a slug reaches the query (a NUL in `thema` was a PostgreSQL error, a 500).
  const slug = slugField.safeParse(params.topic);
  const topicRow = slug.success ? await q.topicBySlug(getSql(), slug.data) : undefined;
  if (!topicRow?.active) return { state: 'invalid' };
  const topic = localizedTopic(topicRow, lng);
  const channel = topicRow.channels.find((c) => c === params.channel);
  // Parsed as the booking parses it: an instant with its offset, in the years booking covers.
  const parsedStart = instantField.safeParse(params.start);
  const start = parsedStart.success ? parsedStart.data : undefined;
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

/**
 * A week of slots an appointment could move to (same topic, channel, office, language),
 * and the first free one overall (never its own time); `onlyCounsellor`: only theirs
 * (a counsellor moving it on the person's behalf).
 */
export async function moveOptions(row: q.AppointmentRow, ab: string | null, onlyCounsellor?: number) {
  const topic = (await q.topicBySlug(getSql(), row.topic_slug))!;
  const offices = await q.officesForTopic(getSql(), topic.id);
  const officeSlug = offices.find((o) => o.id === row.office_id)?.slug;
  const current = { start: toOffsetIso(row.starts), end: toOffsetIso(row.ends) };
  // An office that no longer offers the topic: nowhere to move to.
  if (row.channel === 'in_person' && !officeSlug)
    return { current, ...emptyWeek(topic, ab), firstFree: null };
  const { firstFree, ...week } = await weekOfSlots(
    {
      topic,
      channel: row.channel,
      officeSlug,
      language: row.language,
      exceptAppointment: row.id,
      onlyCounsellor,
    },
    ab,
  );
  return {
    current,
    ...week,
    slots: week.slots.filter((s) => s.start !== current.start),
    firstFree: await firstFree(row.starts.getTime()),
  };
}

/** Whether an appointment could move to this start: a free slot of its kind, not its own time. */
export async function moveTarget(row: q.AppointmentRow, start: string, onlyCounsellor?: number) {
  const at = Date.parse(start);
  if (Number.isNaN(at) || at === row.starts.getTime()) return null;
  const options = await moveOptions(row, localParts(at).date, onlyCounsellor);
  return options.slots.find((s) => Date.parse(s.start) === at) ?? null;
}

// ---- what the wizard offers ---------------------------------------------------------------

/** The first free slot of one choice, as the wizard says it ("next free: Tuesday, 09:00"). */
export interface FirstFree {
  start: string;
  end: string;
}

/**
 * Where a topic has free time in its booking window, from one slot search over the whole
 * window: the first free slot per channel, per office (in person) and per language of a
 * channel and office. The wizard offers only choices that lead to a free slot, and says
 * when the first one is, so nobody walks through empty weeks.
 */
export interface Availability {
  channels: Partial<Record<Channel, FirstFree>>;
  offices: Map<number, FirstFree>;
  languages: (channel: Channel, officeId?: number) => Map<string, FirstFree>;
}

export async function availabilityOf(topic: Topic): Promise<Availability> {
  const today = todayInBerlin();
  const last = lastBookableDate(now(), windowDays(topic));
  const { slots, languagesOf } = await findSlots(getSql(), { topic, from: today, to: last });
  const channels: Partial<Record<Channel, FirstFree>> = {};
  const offices = new Map<number, FirstFree>();
  const languages = new Map<string, Map<string, FirstFree>>();
  // Slots come sorted by start: the first one seen for a choice is its first free one.
  for (const slot of slots) {
    const free = { start: toOffsetIso(slot.start), end: toOffsetIso(slot.end) };
    channels[slot.channel] ??= free;
    if (slot.officeId !== null && !offices.has(slot.officeId)) offices.set(slot.officeId, free);
    const key = `${slot.channel}|${slot.officeId ?? ''}`;
    const byLanguage = languages.get(key) ?? new Map<string, FirstFree>();
    languages.set(key, byLanguage);
    for (const id of slot.counsellorIds)
      for (const language of languagesOf.get(id) ?? [])
        if (!byLanguage.has(language)) byLanguage.set(language, free);
  }
  return {
    channels,
    offices,
    languages: (channel, officeId) => languages.get(`${channel}|${officeId ?? ''}`) ?? new Map(),
  };
}

/** The offer a booking is about: a published one, with the topic that fits its category. */
export async function offerForBooking(id: string | number | undefined | null) {
  const n = typeof id === 'string' ? (/^\d{1,12}$/.test(id) ? Number(id) : null) : id;
  if (!n) return null;
  const offer = await q.offerForBooking(getSql(), n);
  return offer ? { id: offer.id, title: offer.title, topic: topicForCategory(offer.category) } : null;
}

// ---- the check-your-answers step ----------------------------------------------------------

/** How long a draft waits for "book" on the check page; its personal data goes after. */
export const DRAFT_MINUTES = 60;

/** What the details page hands to the check page (stored in `booking_drafts`). */
export interface DraftData {
  topic: string;
  channel: Channel;
  office?: string;
  language: string;
  /** ISO with offset, as the slot links carry it. */
  start: string;
  name: string;
  email?: string;
  phone?: string;
  message?: string;
  /** The language of the pages and mails. */
  locale: string;
  /** A finished self-assessment that may be shared, and whether the person agreed to. */
  assessment?: { id: number; share: boolean };
  offer?: { id: number; title: string };
}

export interface Draft {
  data: DraftData;
  proof: Proof;
  expiresAt: string;
}

export async function loadDraft(token: string | null | undefined): Promise<Draft | null> {
  if (!looksLikeToken(token)) return null;
  const row = await q.draftByTokenHash<DraftData>(getSql(), hashToken(token), now());
  return row ? { data: row.data, proof: row.proof, expiresAt: row.expires_at.toISOString() } : null;
}

export interface DetailsInput {
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
  /** A self-assessment's link token (from the result page), or the one the draft being changed had. */
  assessmentToken?: string;
  shareAssessment: boolean;
  offer?: string;
  /** The draft these details replace (a "change" link from the check page). */
  previousDraft?: string;
}

export type DraftOutcome =
  | { ok: true; token: string }
  | {
      ok: false;
      status: 400 | 409 | 429;
      reason:
        | 'spam'
        | 'throttled'
        | 'slot_taken'
        | 'too_many_bookings'
        | 'overlapping_booking'
        | 'assessment_unknown';
      retryAfter?: number;
      alternatives?: PublicSlot[];
    };

/**
 * The details page's "continue": the form's anti-abuse signs (honeypot, proof-of-work,
 * spent here), whether the slot is still free and the person may book it, then a draft
 * for the check page. Nothing is held yet: the slot is claimed only by "book".
 */
export async function saveDraft(input: DetailsInput, meta: { ip: string | null }): Promise<DraftOutcome> {
  const sql = getSql();
  const screened = await screenForm(sql, { honeypot: input.honeypot, altcha: input.altcha });
  if (!screened.ok) return { ok: false, status: 400, reason: 'spam' };
  const rate = await checkDraftRate(sql, meta.ip);
  if (!rate.ok) return { ok: false, status: 429, reason: 'throttled', retryAfter: rate.retryAfter };

  const previous = input.previousDraft ? await loadDraft(input.previousDraft) : null;
  let assessment = previous?.data.assessment;
  if (input.assessmentToken) {
    const id = await sharableAssessmentId(input.assessmentToken);
    if (id) assessment = { id, share: false };
    else if (input.shareAssessment) return { ok: false, status: 400, reason: 'assessment_unknown' };
  }
  if (assessment) assessment = { id: assessment.id, share: input.shareAssessment };
  const offer = await offerForBooking(input.offer);

  const slot = await checkSlot({ ...input, start: input.start.toISOString() }, input.locale);
  if (slot.state !== 'free') {
    return { ok: false, status: 409, reason: 'slot_taken', alternatives: slot.alternatives };
  }
  const person = { email: input.email ?? null, phone: input.phone ?? null };
  const refused = await precheckPerson(sql, person, {
    starts: new Date(slot.start!),
    ends: new Date(slot.end!),
  });
  if (refused) return { ok: false, status: 409, reason: refused };

  const token = generateToken();
  const data: DraftData = {
    topic: input.topic,
    channel: input.channel,
    office: input.channel === 'in_person' ? input.office : undefined,
    language: input.language,
    start: slot.start!,
    name: input.name,
    email: input.email,
    phone: input.phone,
    message: input.message,
    locale: input.locale,
    assessment,
    offer: offer ? { id: offer.id, title: offer.title } : undefined,
  };
  const at = now();
  await sql.begin(async (tx) => {
    await q.insertDraft(tx, {
      token_hash: hashToken(token),
      data,
      proof: screened.proof,
      expires_at: new Date(at.getTime() + DRAFT_MINUTES * 60_000),
    });
    if (looksLikeToken(input.previousDraft))
      await q.deleteDraftByTokenHash(tx, hashToken(input.previousDraft));
  });
  return { ok: true, token };
}

export type DraftBookingOutcome =
  | { ok: true; token: string; status: 'booked' | 'pending' }
  | {
      ok: false;
      status: 404 | 409 | 429 | 400;
      reason: string;
      retryAfter?: number;
      alternatives?: PublicSlot[];
    };

/** "Book" on the check page: the rate limits, then the booking, which spends the draft. */
export async function bookDraft(
  token: string,
  meta: { ip: string | null; baseUrl: string },
): Promise<DraftBookingOutcome> {
  const sql = getSql();
  const draft = looksLikeToken(token)
    ? await q.draftByTokenHash<DraftData>(sql, hashToken(token), now())
    : undefined;
  if (!draft) return { ok: false, status: 404, reason: 'draft_gone' };
  const d = draft.data;
  const rates = await checkRates(sql, {
    ip: meta.ip,
    email: d.email ?? null,
    phone: d.phone ?? null,
    proof: draft.proof,
  });
  if (!rates.ok) return { ok: false, status: 429, reason: 'throttled', retryAfter: rates.retryAfter };
  try {
    const booked = await bookAppointment(sql, {
      topicSlug: d.topic,
      channel: d.channel,
      officeSlug: d.office,
      language: d.language,
      start: new Date(d.start),
      name: d.name,
      email: d.email ?? null,
      phone: d.phone ?? null,
      message: d.message ?? null,
      locale: d.locale,
      proof: draft.proof,
      baseUrl: meta.baseUrl,
      assessmentId: d.assessment?.share ? d.assessment.id : undefined,
      offerId: d.offer?.id,
      draftId: draft.id,
    });
    return { ok: true, token: booked.token, status: booked.status };
  } catch (error) {
    if (!(error instanceof BookingError)) throw error;
    if (error.reason === 'draft_gone') return { ok: false, status: 404, reason: 'draft_gone' };
    if (error.reason === 'slot_taken') {
      const fresh = await checkSlot(d, d.locale);
      return { ok: false, status: 409, reason: 'slot_taken', alternatives: fresh.alternatives };
    }
    return { ok: false, status: statusFor(error.code) as 400 | 404 | 409, reason: error.reason };
  }
}
