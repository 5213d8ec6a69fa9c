import { type Db, inTransaction, type Sql, type Tx } from '../../../db/client.server';
import * as q from '../../../db/queries/booking.server';
import { generateToken, hashToken, looksLikeToken } from '../../auth/tokens.server';
import { now, todayInBerlin } from '../../utils/clock.server';
import { isExclusionViolation } from '../../utils/db-errors';
import { getEnv } from '../../utils/env.server';
import { AppError } from '../../utils/errors';
import { addDays, localParts, toOffsetIso } from '../../utils/zoned';
import { audit, refuseAsNotFound } from '../audit/audit.server';
import { type GermanState, holidayDates, isGermanState } from './holidays';
import {
  type AppointmentMail,
  type CounsellorEvent,
  sendAppointmentMail,
  tellCounsellor,
} from './notify.server';
import { type Channel, freeCounsellorsAt, freeSlots, type Slot } from './slots';

/**
 * Booking, moving and cancelling counselling appointments. The slot engine decides what
 * to offer; PostgreSQL's exclusion constraint decides who gets a contested slot: each
 * candidate counsellor is tried in a savepoint, and a refused insert means "taken".
 */
export type BookingErrorReason =
  | 'slot_taken'
  | 'too_many_bookings'
  | 'overlapping_booking'
  | 'office_required'
  | 'not_bookable'
  | 'too_late'
  | 'unknown_topic'
  | 'draft_gone';

export class BookingError extends AppError {
  constructor(public readonly reason: BookingErrorReason) {
    super(
      reason === 'unknown_topic' ? 'not_found' : reason === 'office_required' ? 'bad_request' : 'conflict',
      reason,
    );
  }
}

/** At most this many future appointments per e-mail address, or phone number without one (spam and hoarding). */
export const MAX_FUTURE_PER_EMAIL = 3;
/** How long an unconfirmed booking (made without the proof-of-work) holds its slot. */
export const HOLD_MINUTES = 30;
export const DEFAULT_STATE: GermanState = 'BE';

export type Topic = q.TopicParamsRow;

export function windowDays(topic: Topic): number {
  return getEnv().BOOKING_WINDOW_DAYS ?? topic.window_days;
}

export async function holidayState(db: Db): Promise<GermanState> {
  return stateOrDefault((await q.bookingSettings(db)).state);
}

/** The Land whose public holidays close the offices: the one set, else the default. */
function stateOrDefault(state: string | null | undefined): GermanState {
  return state && isGermanState(state) ? state : DEFAULT_STATE;
}

export interface SlotSearch {
  topic: Topic;
  from: string;
  to: string;
  channel?: Channel;
  officeId?: number;
  language?: string;
  exceptAppointment?: number;
  onlyCounsellor?: number;
}

export interface SlotResult {
  slots: Slot[];
  /** Whether some counsellor of the topic speaks the language asked for (then only their slots are shown). */
  languageAvailable: boolean;
  /** The languages each counsellor of the topic speaks. */
  languagesOf: Map<number, readonly string[]>;
}

/**
 * The engine's input for one topic between two local dates, from one statement: rules,
 * exceptions, busy times and closed days (public holidays of the Land and closure days).
 */
async function engineInput(
  db: Db,
  topic: Topic,
  from: string,
  to: string,
  options: { exceptAppointment?: number; onlyCounsellor?: number; minNotice?: boolean } = {},
) {
  // Instants a day either side of the local dates: the engine cuts to the exact local days.
  const fromInstant = new Date(Date.parse(`${from}T00:00:00Z`) - 86_400_000);
  const toInstant = new Date(Date.parse(`${addDays(to, 2)}T00:00:00Z`));
  const at = now();
  const data = await q.engineData(db, topic.id, fromInstant, toInstant, {
    exceptAppointment: options.exceptAppointment,
    onlyCounsellor: options.onlyCounsellor,
    at,
    days: [from, to],
  });
  const closed = holidayDates(from, to, stateOrDefault(data.state));
  for (const day of data.closed) closed.add(day);
  return {
    at,
    data,
    input: {
      topic: {
        slotMinutes: topic.slot_minutes,
        bufferMinutes: topic.buffer_minutes,
        minNoticeMinutes: options.minNotice === false ? 0 : topic.min_notice_minutes,
        windowDays: windowDays(topic),
        channels: topic.channels,
      },
      counsellors: data.counsellors,
      rules: data.rules.map((r) => ({
        counsellorId: r.counsellor_id,
        weekday: r.weekday,
        startsAt: r.starts_at,
        endsAt: r.ends_at,
        channels: r.channels,
        officeId: r.office_id,
        validFrom: r.valid_from,
        validTo: r.valid_to,
      })),
      exceptions: data.exceptions.map((e) => ({
        counsellorId: e.counsellor_id,
        kind: e.kind,
        start: e.starts,
        end: e.ends,
        channels: e.channels,
        officeId: e.office_id,
      })),
      busy: data.busy.map((b) => ({
        counsellorId: b.counsellor_id,
        start: b.starts,
        end: b.ends,
      })),
      closedDays: closed,
    },
  };
}

export async function findSlots(db: Db, search: SlotSearch): Promise<SlotResult> {
  const { at, data, input } = await engineInput(db, search.topic, search.from, search.to, {
    exceptAppointment: search.exceptAppointment,
    onlyCounsellor: search.onlyCounsellor,
    // A counsellor booking one of their own slots for a caller is on the phone now.
    minNotice: !search.onlyCounsellor,
  });
  const slots = freeSlots({
    ...input,
    now: at,
    query: {
      from: search.from,
      to: search.to,
      channel: search.channel,
      officeId: search.officeId,
      language: search.language,
    },
  });
  const languageAvailable = Boolean(
    search.language && data.counsellors.some((c) => c.languages.includes(search.language!)),
  );
  // Someone who asks for Arabic needs an Arabic-speaking counsellor: show only theirs when there are any.
  return {
    slots: languageAvailable ? slots.filter((s) => s.languageMatch) : slots,
    languageAvailable,
    languagesOf: new Map(data.counsellors.map((c) => [c.id, c.languages])),
  };
}

/**
 * Colleagues who could take an appointment at its very time (same topic, channel, office
 * and language; see `freeCounsellorsAt`), least loaded first, without `exclude`.
 */
export async function freeColleagues(
  db: Db,
  row: q.AppointmentRow,
  exclude: readonly number[] = [row.counsellor_id],
): Promise<number[]> {
  const topic = (await q.topicBySlug(db, row.topic_slug))!;
  const day = localParts(row.starts).date;
  const { input } = await engineInput(db, topic, day, day, { exceptAppointment: row.id });
  // As the booking does: the language counts when somebody of the topic speaks it.
  const spoken = input.counsellors.some((c) => c.languages.includes(row.language));
  return freeCounsellorsAt(input, {
    start: row.starts.getTime(),
    end: row.ends.getTime(),
    blockedUntil: row.ends.getTime() + topic.buffer_minutes * 60_000,
    channel: row.channel,
    officeId: row.office_id,
    language: spoken ? row.language : undefined,
  }).filter((id) => !exclude.includes(id));
}

/** The first free slots from today on, a week at a time, up to the end of the booking window. */
export async function firstFreeSlot(
  db: Db,
  search: Omit<SlotSearch, 'from' | 'to'>,
  skip: (slot: Slot) => boolean = () => false,
): Promise<Slot | undefined> {
  const today = todayInBerlin();
  const last = addDays(today, windowDays(search.topic));
  for (let from = today; from <= last; from = addDays(from, 14)) {
    const { slots } = await findSlots(db, { ...search, from, to: addDays(from, 13) });
    const first = slots.find((s) => !skip(s));
    if (first) return first;
  }
  return undefined;
}

export interface BookingInput {
  topicSlug: string;
  channel: Channel;
  /** The office's slug, for in person. */
  officeSlug?: string;
  language: string;
  start: Date;
  name: string;
  email: string | null;
  phone: string | null;
  message: string | null;
  /** The language of the pages and mails. */
  locale: string;
  /**
   * verified: the proof-of-work was solved; none: it wasn't (no JavaScript) — a booking
   * with an e-mail address then holds the slot until confirmed by the mailed link, one
   * with only a phone number is booked (see abuse.server.ts); staff: a counsellor books
   * for a caller.
   */
  proof: 'verified' | 'none' | 'staff';
  bookedBy?: number;
  /** The counsellor's client address when they book for a caller (audit log). */
  actorIp?: string | null;
  onlyCounsellor?: number;
  baseUrl: string;
  /** Set only when the person ticked the consent to share their self-assessment. */
  assessmentId?: number;
  /** The offer the person asked about (a published one, checked by the caller). */
  offerId?: number;
  /** The check page's draft this booking spends: deleted in the same transaction. */
  draftId?: number;
}

/** Who books, for the per-person checks: the address, else the phone number. */
export function contactOf(person: { email: string | null; phone: string | null }): q.Contact | null {
  if (person.email) return { email: person.email };
  if (person.phone) return { phone: person.phone };
  return null;
}

/**
 * The checks per person, inside the booking's (or move's) transaction under a lock on
 * the person, so two requests at once can't both pass: at most 3 future appointments
 * (not for counsellors booking for a caller), and none at the same time as another.
 */
async function checkPerson(
  tx: Tx,
  contact: q.Contact | null,
  period: { starts: Date; ends: Date },
  options: { cap: boolean; exceptAppointment?: number },
) {
  if (!contact) return;
  const at = now();
  await q.lockContact(tx, contact);
  if (options.cap && (await q.futureBookingsFor(tx, contact, at)) >= MAX_FUTURE_PER_EMAIL)
    throw new BookingError('too_many_bookings');
  if (await q.overlapsFor(tx, contact, period, at, options.exceptAppointment))
    throw new BookingError('overlapping_booking');
}

/** The person's checks for moving their appointment (no cap: it is already one of theirs). */
export async function checkPersonFor(tx: Tx, row: q.AppointmentRow, period: { starts: Date; ends: Date }) {
  await checkPerson(tx, contactOf(row), period, { cap: false, exceptAppointment: row.id });
}

/**
 * The same checks before anything is held, for the details page: so the person hears
 * about them with the other errors, not only after "book" (the booking checks again).
 */
export async function precheckPerson(
  db: Db,
  person: { email: string | null; phone: string | null },
  period: { starts: Date; ends: Date },
): Promise<'too_many_bookings' | 'overlapping_booking' | null> {
  const contact = contactOf(person);
  if (!contact) return null;
  const at = now();
  if ((await q.futureBookingsFor(db, contact, at)) >= MAX_FUTURE_PER_EMAIL) return 'too_many_bookings';
  if (await q.overlapsFor(db, contact, period, at)) return 'overlapping_booking';
  return null;
}

export interface Booked {
  token: string;
  id: number;
  status: 'booked' | 'pending';
}

function sameSlot(slot: Slot, start: Date, channel: Channel, officeId: number | null): boolean {
  return (
    slot.start === start.getTime() &&
    slot.channel === channel &&
    (channel !== 'in_person' || slot.officeId === officeId)
  );
}

export interface Period {
  starts: Date;
  ends: Date;
  /** The end plus the topic's buffer: what the counsellor can't give anyone else. */
  blockedUntil: Date;
}

/**
 * Tries each candidate counsellor in a savepoint; the exclusion constraint refuses one
 * whose time is taken by another appointment. Under the candidates' locks (and the shared
 * closure-day lock) it first checks what the constraint can't see: an absence, a time
 * proposed to someone else, a closure day, an account that can no longer sign in.
 */
export async function claimSlot<T>(
  tx: Tx,
  candidates: number[],
  period: Period,
  attempt: (counsellorId: number) => Promise<T>,
  exceptAppointment?: number,
): Promise<T> {
  await q.lockClosures(tx, 'shared');
  await q.lockCounsellors(tx, candidates);
  for (const counsellorId of candidates) {
    if (!(await q.counsellorFree(tx, counsellorId, period, exceptAppointment))) continue;
    try {
      return (await tx.savepoint(() => attempt(counsellorId))) as T;
    } catch (error) {
      if (!isExclusionViolation(error)) throw error;
    }
  }
  throw new BookingError('slot_taken');
}

/**
 * The slot a booking or move asks for, re-derived inside the transaction (so it is on the
 * grid and free as far as committed data says), with overdue holds on it expired first.
 */
async function slotToClaim(
  tx: Db,
  topic: Topic,
  start: Date,
  where: {
    channel: Channel;
    officeId: number | null;
    language: string;
    exceptAppointment?: number;
    onlyCounsellor?: number;
  },
) {
  const day = localParts(start).date;
  const { slots } = await findSlots(tx, {
    topic,
    from: day,
    to: day,
    channel: where.channel,
    officeId: where.officeId ?? undefined,
    language: where.language,
    exceptAppointment: where.exceptAppointment,
    onlyCounsellor: where.onlyCounsellor,
  });
  const slot = slots.find((s) => sameSlot(s, start, where.channel, where.officeId));
  if (!slot) throw new BookingError('slot_taken');
  await q.expireStaleHolds(tx, now(), { counsellorIds: slot.counsellorIds });
  return {
    ...slot,
    /** The end of the time the counsellor gives away: the slot plus the topic's buffer. */
    blockedUntil: new Date(slot.end + topic.buffer_minutes * 60_000),
  };
}

/** Mails the person about their appointment as it now is (re-read after the change). */
export async function mailAbout(
  tx: Db,
  id: number,
  template: AppointmentMail,
  link: string | null,
  extra?: Parameters<typeof sendAppointmentMail>[4],
) {
  await sendAppointmentMail(tx, (await q.appointmentById(tx, id))!, template, link, extra);
}

/**
 * A further manage link for a mail sent after staff changed the appointment: only hashes
 * are kept, so the first link can't be sent again. It works as long as the appointment.
 */
export async function issueManageLink(tx: Db, appointmentId: number, baseUrl: string): Promise<string> {
  const token = generateToken();
  await q.insertAppointmentLink(tx, appointmentId, hashToken(token));
  return manageUrl(baseUrl, token);
}

/** Tells the appointment's counsellor (as it now is) what someone else did. */
export async function tellItsCounsellor(
  tx: Db,
  id: number,
  event: CounsellorEvent,
  options: { baseUrl: string; previous?: { starts: Date; ends: Date }; counsellorId?: number },
) {
  const row = (await q.appointmentById(tx, id))!;
  await tellCounsellor(tx, options.counsellorId ?? row.counsellor_id, row, event, options);
}

export async function bookAppointment(db: Db, input: BookingInput): Promise<Booked> {
  const topic = await q.topicBySlug(db, input.topicSlug);
  if (!topic?.active) throw new BookingError('unknown_topic');
  const officeId =
    input.channel === 'in_person'
      ? (await q.officesForTopic(db, topic.id)).find((o) => o.slug === input.officeSlug)?.id
      : null;
  if (officeId === undefined) throw new BookingError('office_required');
  const token = generateToken();
  // Without the proof-of-work, only the e-mail's own link may confirm the booking.
  const pending = input.proof === 'none' && Boolean(input.email);
  const confirmToken = pending ? generateToken() : null;
  const run = async (tx: Tx): Promise<Booked> => {
    // The draft first: a second "book" of the same draft waits here, then finds it gone.
    if (input.draftId !== undefined && !(await q.deleteDraft(tx, input.draftId)))
      throw new BookingError('draft_gone');
    // The person before the slot: their lock serialises their requests from here on.
    await checkPerson(
      tx,
      contactOf(input),
      { starts: input.start, ends: new Date(input.start.getTime() + topic.slot_minutes * 60_000) },
      { cap: input.proof !== 'staff' },
    );
    const slot = await slotToClaim(tx, topic, input.start, {
      channel: input.channel,
      officeId,
      language: input.language,
      onlyCounsellor: input.onlyCounsellor,
    });
    const at = now();
    const period = {
      starts: new Date(slot.start),
      ends: new Date(slot.end),
      blockedUntil: slot.blockedUntil,
    };
    const { id } = await claimSlot(tx, slot.counsellorIds, period, (counsellorId) =>
      q.insertAppointment(tx, {
        counsellor_id: counsellorId,
        topic_id: topic.id,
        channel: input.channel,
        office_id: slot.officeId,
        starts: new Date(slot.start),
        ends: new Date(slot.end),
        blocked_until: slot.blockedUntil,
        status: pending ? 'pending' : 'booked',
        hold_until: pending ? new Date(at.getTime() + HOLD_MINUTES * 60_000) : null,
        language: input.language,
        locale: input.locale,
        name: input.name,
        email: input.email,
        phone: input.phone,
        message: input.message,
        manage_token_hash: hashToken(token),
        confirm_token_hash: confirmToken ? hashToken(confirmToken) : null,
        booked_by: input.bookedBy ?? null,
        reminder_sent_at: reminderNotNeeded(slot.start, at),
        assessment_id: input.assessmentId ?? null,
        offer_id: input.offerId ?? null,
      }),
    );
    const link = manageUrl(input.baseUrl, token);
    if (confirmToken) await mailAbout(tx, id, 'appointmentPending', `${link}?bestaetigen=${confirmToken}`);
    else await mailAbout(tx, id, 'appointmentConfirmed', link);
    // The counsellor hears of a booking once it stands (a held one at its confirmation);
    // one they made for a caller themselves needs no mail.
    if (!pending && input.proof !== 'staff')
      await tellItsCounsellor(tx, id, 'booked', { baseUrl: input.baseUrl });
    if (input.proof === 'staff' && input.bookedBy)
      await audit(tx, {
        action: 'appointment.booked_for_caller',
        actorUserId: input.bookedBy,
        ip: input.actorIp,
        targetType: 'appointment',
        targetId: id,
      });
    return { token, id, status: pending ? 'pending' : 'booked' };
  };
  return inTransaction(db, run);
}

/** A booking less than 24 hours ahead gets no reminder: the confirmation is recent enough. */
export function reminderNotNeeded(start: number, at: Date): Date | null {
  return start - at.getTime() <= 24 * 3600_000 ? at : null;
}

export function manageUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/termin/${token}`;
}

export type ManageState = 'pending' | 'booked' | 'cancelled' | 'expired' | 'past';

/** What a manage link shows: the appointment's state, never an error for an old link. */
export function manageState(a: q.AppointmentRow, at: Date = now()): ManageState {
  if (a.status === 'cancelled') return 'cancelled';
  if (a.status === 'expired' || (a.status === 'pending' && a.hold_until && a.hold_until < at))
    return 'expired';
  if (a.ends.getTime() <= at.getTime() || a.status === 'held' || a.status === 'no_show') return 'past';
  return a.status === 'pending' ? 'pending' : 'booked';
}

/**
 * What both appointment pages (the manage link's and the counsellor's) show of an
 * appointment, with times as local ISO; the person's page adds the office's address.
 */
export function appointmentFacts(row: q.AppointmentRow, options: { officeAddress: boolean }) {
  return {
    topic: row.topic_name,
    channel: row.channel,
    office:
      row.office_name && options.officeAddress
        ? `${row.office_name}, ${row.office_address}`
        : row.office_name,
    start: toOffsetIso(row.starts),
    end: toOffsetIso(row.ends),
    language: row.language,
    name: row.name,
    email: row.email,
    phone: row.phone,
    offer: row.offer_id && row.offer_title ? { id: row.offer_id, title: row.offer_title } : null,
  };
}

/** The method of the appointment's calendar file: one that no longer stands cancels it. */
export function calendarMethod(state: ManageState): 'REQUEST' | 'CANCEL' {
  return state === 'cancelled' || state === 'expired' ? 'CANCEL' : 'REQUEST';
}

export async function appointmentByToken(db: Db, token: string): Promise<q.AppointmentRow | undefined> {
  if (!looksLikeToken(token)) return undefined;
  return q.appointmentByTokenHash(db, hashToken(token));
}

async function lockByToken(tx: Db, token: string): Promise<q.AppointmentRow> {
  const row = looksLikeToken(token)
    ? await q.appointmentByTokenHash(tx, hashToken(token), { lock: true })
    : undefined;
  if (!row) throw new AppError('not_found');
  return row;
}

/** Confirms a booking made without the proof-of-work, by the link mailed to the person. */
export async function confirmByToken(
  db: Db,
  token: string,
  confirmToken: string,
  baseUrl: string,
): Promise<ManageState | 'wrong_code'> {
  return inTransaction(db, async (tx) => {
    const row = await lockByToken(tx, token);
    const state = manageState(row);
    if (state !== 'pending') return state;
    if (!looksLikeToken(confirmToken) || hashToken(confirmToken) !== row.confirm_token_hash)
      return 'wrong_code';
    await q.setAppointmentStatus(tx, row.id, 'booked');
    await mailAbout(tx, row.id, 'appointmentConfirmed', manageUrl(baseUrl, token));
    await tellItsCounsellor(tx, row.id, 'booked', { baseUrl });
    return 'booked';
  });
}

/** Cancels by the person's link. Cancelling twice, or too late, just reports the state. */
export async function cancelByToken(db: Db, token: string, baseUrl: string): Promise<ManageState> {
  return inTransaction(db, async (tx) => {
    const row = await lockByToken(tx, token);
    const state = manageState(row);
    if (state !== 'booked' && state !== 'pending') return state;
    await q.deleteProposal(tx, row.id);
    await q.setAppointmentStatus(tx, row.id, 'cancelled', { cancelledBy: 'person', bumpSequence: true });
    await mailAbout(tx, row.id, 'appointmentCancelled', manageUrl(baseUrl, token));
    // An unconfirmed hold was never announced to the counsellor: nothing to take back.
    if (state === 'booked') await tellItsCounsellor(tx, row.id, 'cancelled', { baseUrl });
    return 'cancelled';
  });
}

/**
 * Moves a locked, booked appointment to another slot of the same topic, channel, office
 * and language, in the caller's transaction: the row is updated in place, so the old time
 * is freed only when the new one was taken; a refused move leaves everything as it was.
 * The current counsellor keeps it if free (a move shouldn't change who the person talks
 * to); `onlyCounsellor` narrows to one (a counsellor moving their own appointment). A
 * time proposed to the person ends with the move. The person is mailed the new time.
 */
export async function moveRow(
  tx: Tx,
  row: q.AppointmentRow,
  start: Date,
  options: { baseUrl: string; link: string; onlyCounsellor?: number },
): Promise<{ counsellorId: number }> {
  if (manageState(row) !== 'booked') throw new BookingError('too_late');
  const topic = (await q.topicBySlug(tx, row.topic_slug))!;
  await q.deleteProposal(tx, row.id);
  const slot = await slotToClaim(tx, topic, start, {
    channel: row.channel,
    officeId: row.office_id,
    language: row.language,
    exceptAppointment: row.id,
    onlyCounsellor: options.onlyCounsellor,
  });
  await checkPerson(
    tx,
    contactOf(row),
    { starts: new Date(slot.start), ends: new Date(slot.end) },
    { cap: false, exceptAppointment: row.id },
  );
  const candidates = [
    ...slot.counsellorIds.filter((id) => id === row.counsellor_id),
    ...slot.counsellorIds.filter((id) => id !== row.counsellor_id),
  ];
  const period = { starts: new Date(slot.start), ends: new Date(slot.end), blockedUntil: slot.blockedUntil };
  const counsellorId = await claimSlot(
    tx,
    candidates,
    period,
    async (id) => {
      await q.moveAppointmentRow(tx, row.id, {
        counsellor_id: id,
        starts: period.starts,
        ends: period.ends,
        blocked_until: period.blockedUntil,
        reminder_sent_at: reminderNotNeeded(slot.start, now()),
      });
      return id;
    },
    row.id,
  );
  await mailAbout(tx, row.id, 'appointmentMoved', options.link);
  return { counsellorId };
}

/**
 * After a move someone else made: the counsellor who has it now hears of the new time;
 * when it went to another counsellor, the one before is told it is no longer theirs.
 */
export async function tellAboutMove(
  tx: Tx,
  row: q.AppointmentRow,
  counsellorId: number,
  options: { baseUrl: string; event?: 'moved' | 'proposal_accepted' },
) {
  const previous = { starts: row.starts, ends: row.ends };
  if (counsellorId === row.counsellor_id)
    await tellItsCounsellor(tx, row.id, options.event ?? 'moved', { baseUrl: options.baseUrl, previous });
  else {
    await tellItsCounsellor(tx, row.id, 'unassigned', {
      baseUrl: options.baseUrl,
      previous,
      counsellorId: row.counsellor_id,
    });
    await tellItsCounsellor(tx, row.id, 'assigned', { baseUrl: options.baseUrl, previous });
  }
}

/** Moves by the person's link (see `moveRow`). */
export async function moveByToken(db: Db, token: string, start: Date, baseUrl: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    const row = await lockByToken(tx, token);
    const { counsellorId } = await moveRow(tx, row, start, { baseUrl, link: manageUrl(baseUrl, token) });
    await tellAboutMove(tx, row, counsellorId, { baseUrl });
  });
}

// ---- counsellors -----------------------------------------------------------------------

/**
 * A counsellor's own appointment; another counsellor's is refused as not found. Given who
 * asked, the refusal is audited (on its own connection: the caller's transaction is rolled
 * back by the error), so reaching for a colleague's appointment leaves a trace.
 */
export async function ownAppointment(
  db: Db,
  counsellorId: number,
  id: number,
  options: { lock?: boolean; who?: StaffActor } = {},
) {
  const row = await q.appointmentById(db, id, { lock: options.lock });
  if (!row || row.counsellor_id !== counsellorId) {
    if (options.who) await refuseAsNotFound(options.who, 'appointment.refused', { type: 'appointment', id });
    throw new AppError('not_found');
  }
  return row;
}

/** Who at the office changed an appointment, for the audit log. */
export interface StaffActor {
  userId: number;
  ip?: string | null;
}

/**
 * Cancels a locked appointment on the office's side, with a reason the person is mailed
 * (and a link to book again); a time proposed to them ends with it.
 */
export async function cancelRow(
  tx: Tx,
  row: q.AppointmentRow,
  reason: string,
  options: { baseUrl: string; actor?: StaffActor; via?: string },
) {
  const state = manageState(row);
  if (state !== 'booked' && state !== 'pending') throw new BookingError('too_late');
  await q.deleteProposal(tx, row.id);
  await q.setAppointmentStatus(tx, row.id, 'cancelled', {
    cancelledBy: 'counsellor',
    cancelReason: reason,
    bumpSequence: true,
  });
  await mailAbout(tx, row.id, 'appointmentCancelledByCounsellor', `${options.baseUrl}/beratung/termin`);
  if (options.actor)
    await audit(tx, {
      action: 'appointment.cancelled',
      actorUserId: options.actor.userId,
      ip: options.actor.ip,
      targetType: 'appointment',
      targetId: row.id,
      detail: { via: options.via ?? 'appointment' },
    });
}

export async function cancelByCounsellor(
  db: Db,
  counsellorId: number,
  id: number,
  reason: string,
  baseUrl: string,
  actor?: StaffActor,
) {
  await inTransaction(db, async (tx) => {
    const row = await ownAppointment(tx, counsellorId, id, { lock: true, who: actor });
    await cancelRow(tx, row, reason, { baseUrl, actor });
  });
}

/** Whether held / no-show may be recorded: once a booked appointment has begun (and to correct it). */
export function outcomeRecordable(a: Pick<q.AppointmentRow, 'status' | 'starts'>, at: Date = now()): boolean {
  return ['booked', 'held', 'no_show'].includes(a.status) && a.starts.getTime() <= at.getTime();
}

export async function recordOutcome(
  db: Db,
  counsellorId: number,
  id: number,
  outcome: 'held' | 'no_show',
  actor?: StaffActor,
) {
  await inTransaction(db, async (tx) => {
    const row = await ownAppointment(tx, counsellorId, id, { lock: true, who: actor });
    if (!outcomeRecordable(row)) throw new BookingError('not_bookable');
    await q.setAppointmentStatus(tx, row.id, outcome);
    if (actor)
      await audit(tx, {
        action: 'appointment.outcome',
        actorUserId: actor.userId,
        ip: actor.ip,
        targetType: 'appointment',
        targetId: row.id,
        detail: { outcome },
      });
  });
}

// ---- jobs ------------------------------------------------------------------------------

/** Every few minutes: reminders now due (each sent once), holds and drafts that ran out. */
export async function sendDueReminders(db: Sql): Promise<number> {
  return db.begin(async (tx) => {
    const at = now();
    await q.expireStaleHolds(tx, at);
    await q.purgeExpiredDrafts(tx, at);
    const due = await q.claimDueReminders(tx, at);
    // The reminder carries no manage link: only the link's hash is kept, so it points to the confirmation mail.
    for (const { id } of due) await mailAbout(tx, id, 'appointmentReminder', null);
    return due.length;
  });
}

export async function eraseOldAppointments(db: Db): Promise<number> {
  return q.erasePersonalData(db, getEnv().APPOINTMENT_RETENTION_DAYS, now());
}
