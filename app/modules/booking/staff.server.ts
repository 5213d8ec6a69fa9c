import type { z } from 'zod';
import { type Db, getSql, inTransaction, type Tx } from '../../../db/client.server';
import * as a from '../../../db/queries/availability.server';
import * as q from '../../../db/queries/booking.server';
import { now, todayInBerlin } from '../../utils/clock.server';
import { isExclusionViolation } from '../../utils/db-errors';
import { AppError } from '../../utils/errors';
import { addDays, localParts, toOffsetIso } from '../../utils/zoned';
import { audit } from '../audit/audit.server';
import {
  BookingError,
  cancelRow,
  checkPersonFor,
  findSlots,
  freeColleagues,
  issueManageLink,
  mailAbout,
  manageState,
  manageUrl,
  moveRow,
  ownAppointment,
  type Period,
  reminderNotNeeded,
  type StaffActor,
  tellAboutMove,
  tellItsCounsellor,
} from './booking.server';
import type { resolutionSchema } from './schemas';
import type { Slot } from './slots';

/**
 * What the office does to appointments beyond booking and cancelling: hand one over to a
 * colleague, move it on the person's behalf, propose a new time when its counsellor is
 * away or the office is closed — and enter an absence or a closure day only together
 * with a decision for every appointment it covers, in one transaction, so nothing is
 * left silently double-promised (ADR 009, issue 14).
 */

// ---- hand-over ---------------------------------------------------------------------------

/**
 * Gives a locked appointment to a colleague who is free at its very time (same topic,
 * channel, office, language): the person is mailed that their counsellor changed — not
 * who it is now (see ADR 009) — with the calendar entry again (SEQUENCE + 1) and a fresh
 * manage link; the colleague is told and sees it marked on their agenda; when the office
 * does it, the counsellor it is taken from is told too.
 */
export async function handOverRow(
  tx: Tx,
  row: q.AppointmentRow,
  to: number,
  options: { baseUrl: string; actor: StaffActor; reason: string; via: 'counsellor' | 'admin' | 'absence' },
) {
  const state = manageState(row);
  if (state !== 'booked' && state !== 'pending') throw new BookingError('too_late');
  if (to === row.counsellor_id) throw new BookingError('not_bookable');
  await q.lockCounsellors(tx, [to]);
  // Read under the lock: whatever the colleague was given meanwhile is seen here.
  if (!(await freeColleagues(tx, row)).includes(to)) throw new BookingError('slot_taken');
  const blockedUntil = await blockedEnd(tx, row);
  if (!(await q.counsellorFree(tx, to, { starts: row.starts, ends: row.ends, blockedUntil }, row.id)))
    throw new BookingError('slot_taken');
  try {
    await tx.savepoint((sp) => q.assignAppointmentRow(sp, row.id, to));
  } catch (error) {
    if (isExclusionViolation(error)) throw new BookingError('slot_taken');
    throw error;
  }
  await q.deleteProposal(tx, row.id);
  await mailAbout(tx, row.id, 'appointmentHandedOver', await issueManageLink(tx, row.id, options.baseUrl));
  await tellItsCounsellor(tx, row.id, 'assigned', { baseUrl: options.baseUrl });
  if (options.via === 'admin')
    await tellItsCounsellor(tx, row.id, 'unassigned', {
      baseUrl: options.baseUrl,
      counsellorId: row.counsellor_id,
    });
  await audit(tx, {
    action: 'appointment.handed_over',
    actorUserId: options.actor.userId,
    ip: options.actor.ip,
    targetType: 'appointment',
    targetId: row.id,
    detail: { from: row.counsellor_id, to, via: options.via, reason: options.reason },
  });
}

async function blockedEnd(tx: Db, row: q.AppointmentRow): Promise<Date> {
  const topic = (await q.topicBySlug(tx, row.topic_slug))!;
  return new Date(row.ends.getTime() + topic.buffer_minutes * 60_000);
}

/** The colleagues an appointment could go to, by name, least loaded first. */
export async function colleagueChoices(db: Db, row: q.AppointmentRow, exclude?: number[]) {
  const ids = await freeColleagues(db, row, exclude);
  const names = await q.counsellorNames(db, ids);
  return ids.map((id) => ({ id, name: names.get(id) ?? String(id) }));
}

/** A counsellor hands one of their own appointments to a colleague (a sick day). */
export async function handOverOwn(
  db: Db,
  counsellorId: number,
  id: number,
  to: number,
  options: { baseUrl: string; actor: StaffActor; reason: string },
) {
  await inTransaction(db, async (tx) => {
    const row = await ownAppointment(tx, counsellorId, id, { lock: true, who: options.actor });
    await handOverRow(tx, row, to, { ...options, via: 'counsellor' });
  });
}

// ---- moving on the person's behalf -----------------------------------------------------

/**
 * The counsellor moves their own appointment to another of their own free times (the
 * person asked on the phone): mailed with the calendar entry updated (SEQUENCE + 1).
 */
export async function moveOwn(
  db: Db,
  counsellorId: number,
  id: number,
  start: Date,
  options: { baseUrl: string; actor: StaffActor },
) {
  await inTransaction(db, async (tx) => {
    const row = await ownAppointment(tx, counsellorId, id, { lock: true, who: options.actor });
    const link = await issueManageLink(tx, row.id, options.baseUrl);
    await moveRow(tx, row, start, { baseUrl: options.baseUrl, link, onlyCounsellor: counsellorId });
    await audit(tx, {
      action: 'appointment.moved',
      actorUserId: options.actor.userId,
      ip: options.actor.ip,
      targetType: 'appointment',
      targetId: row.id,
      detail: { from: row.starts.toISOString(), to: start.toISOString() },
    });
  });
}

// ---- proposing a new time ---------------------------------------------------------------

/**
 * Proposes a new time to the person of a locked, booked appointment: the old time stays
 * booked until they accept; the new one is held for them (a proposal row, which the slot
 * engine counts as taken) with the counsellor the free slot has — the appointment's own
 * first, if free. The person gets a mail with a link to the manage page, where one press
 * accepts it.
 */
export async function proposeRow(
  tx: Tx,
  row: q.AppointmentRow,
  start: Date,
  options: { baseUrl: string; actor: StaffActor; via: 'absence' | 'closure' | 'appointment' },
) {
  if (manageState(row) !== 'booked') throw new BookingError('too_late');
  await q.deleteProposal(tx, row.id);
  const topic = (await q.topicBySlug(tx, row.topic_slug))!;
  const day = localParts(start).date;
  const { slots } = await findSlots(tx, {
    topic,
    from: day,
    to: day,
    channel: row.channel,
    officeId: row.office_id ?? undefined,
    language: row.language,
    exceptAppointment: row.id,
  });
  const slot = slots.find(
    (s) =>
      s.start === start.getTime() &&
      s.channel === row.channel &&
      (row.channel !== 'in_person' || s.officeId === row.office_id),
  );
  if (!slot || slot.start === row.starts.getTime()) throw new BookingError('slot_taken');
  const candidates = [
    ...slot.counsellorIds.filter((id) => id === row.counsellor_id),
    ...slot.counsellorIds.filter((id) => id !== row.counsellor_id),
  ];
  const period: Period = {
    starts: new Date(slot.start),
    ends: new Date(slot.end),
    blockedUntil: new Date(slot.end + topic.buffer_minutes * 60_000),
  };
  await q.lockClosures(tx, 'shared');
  await q.lockCounsellors(tx, candidates);
  let given: number | undefined;
  for (const id of candidates) {
    if (!(await q.counsellorFree(tx, id, period, row.id, { appointments: true }))) continue;
    try {
      await tx.savepoint((sp) =>
        q.insertProposal(sp, {
          appointmentId: row.id,
          counsellorId: id,
          starts: period.starts,
          ends: period.ends,
          blockedUntil: period.blockedUntil,
          by: options.actor.userId,
        }),
      );
      given = id;
      break;
    } catch (error) {
      if (!isExclusionViolation(error)) throw error;
    }
  }
  if (given === undefined) throw new BookingError('slot_taken');
  await mailAbout(tx, row.id, 'appointmentProposal', await issueManageLink(tx, row.id, options.baseUrl), {
    proposed: { starts: period.starts, ends: period.ends },
  });
  await audit(tx, {
    action: 'appointment.time_proposed',
    actorUserId: options.actor.userId,
    ip: options.actor.ip,
    targetType: 'appointment',
    targetId: row.id,
    detail: { start: period.starts.toISOString(), counsellor: given, via: options.via },
  });
}

/**
 * The new times to offer for one appointment: the first free ones from its own day on
 * (with a colleague, during the absence), and the first one with its own counsellor after
 * the absence or closure day (a person keeps their counsellor where possible). Never the
 * covered time itself.
 */
async function proposalChoices(
  db: Db,
  row: q.AppointmentRow,
  avoid: { counsellorId?: number; starts?: Date; ends?: Date; day?: string },
  count = 3,
): Promise<{ start: string; end: string }[]> {
  if (row.status !== 'booked') return [];
  const topic = (await q.topicBySlug(db, row.topic_slug))!;
  const today = todayInBerlin();
  const own = localParts(row.starts).date;
  const from = own > today ? own : today;
  const { slots } = await findSlots(db, {
    topic,
    from,
    to: addDays(from, 27),
    channel: row.channel,
    officeId: row.office_id ?? undefined,
    language: row.language,
    exceptAppointment: row.id,
  });
  const during = (s: Slot) =>
    Boolean(avoid.starts && avoid.ends && s.start < avoid.ends.getTime() && avoid.starts.getTime() < s.end);
  // Before the absence is saved the engine still counts the absent counsellor in: a slot
  // only they have inside the absence isn't one.
  const usable = (s: Slot) => {
    if (s.start === row.starts.getTime()) return false;
    if (avoid.day && localParts(s.start).date === avoid.day) return false;
    if (during(s) && s.counsellorIds.every((id) => id === avoid.counsellorId)) return false;
    return true;
  };
  const candidates = slots.filter(usable);
  const withOwn = candidates.find(
    (s) =>
      s.counsellorIds.includes(row.counsellor_id) &&
      !during(s) &&
      (!avoid.ends || s.start >= avoid.ends.getTime()) &&
      (!avoid.day || localParts(s.start).date > avoid.day),
  );
  const chosen = [...candidates.slice(0, withOwn ? count - 1 : count), ...(withOwn ? [withOwn] : [])];
  return [...new Map(chosen.map((s) => [s.start, s])).values()]
    .sort((x, y) => x.start - y.start)
    .map((s) => ({ start: toOffsetIso(s.start), end: toOffsetIso(s.end) }));
}

export type ProposalAnswer = 'accepted' | 'declined' | 'gone';

/**
 * The person answers a proposed time on their manage page. Accepting moves the
 * appointment to it in one transaction (the held time is released and taken in the same
 * step, after the person's overlap check); declining keeps the old time and tells the
 * counsellor, whose agenda then still shows the conflict to resolve.
 */
export async function answerProposal(
  db: Db,
  row: q.AppointmentRow,
  accept: boolean,
  options: { baseUrl: string; token: string },
): Promise<ProposalAnswer> {
  return inTransaction(db, async (tx) => {
    const locked = (await q.appointmentById(tx, row.id, { lock: true }))!;
    const proposal = await q.proposalOf(tx, locked.id, { lock: true });
    if (!proposal || manageState(locked) !== 'booked') return 'gone';
    if (!accept || proposal.starts.getTime() <= now().getTime()) {
      await q.deleteProposal(tx, locked.id);
      if (!accept) {
        await tellItsCounsellor(tx, locked.id, 'proposal_declined', { baseUrl: options.baseUrl });
        await audit(tx, {
          action: 'appointment.proposal_declined',
          targetType: 'appointment',
          targetId: locked.id,
        });
      }
      return accept ? 'gone' : 'declined';
    }
    await q.deleteProposal(tx, locked.id);
    await checkPersonFor(tx, locked, { starts: proposal.starts, ends: proposal.ends });
    const period: Period = {
      starts: proposal.starts,
      ends: proposal.ends,
      blockedUntil: proposal.blocked_until,
    };
    await q.lockClosures(tx, 'shared');
    await q.lockCounsellors(tx, [proposal.counsellor_id]);
    if (!(await q.counsellorFree(tx, proposal.counsellor_id, period, locked.id)))
      throw new BookingError('slot_taken');
    try {
      await tx.savepoint((sp) =>
        q.moveAppointmentRow(sp, locked.id, {
          counsellor_id: proposal.counsellor_id,
          starts: period.starts,
          ends: period.ends,
          blocked_until: period.blockedUntil,
          reminder_sent_at: reminderNotNeeded(period.starts.getTime(), now()),
        }),
      );
    } catch (error) {
      if (isExclusionViolation(error)) throw new BookingError('slot_taken');
      throw error;
    }
    await mailAbout(tx, locked.id, 'appointmentMoved', manageUrl(options.baseUrl, options.token));
    await tellAboutMove(tx, locked, proposal.counsellor_id, {
      baseUrl: options.baseUrl,
      event: 'proposal_accepted',
    });
    await audit(tx, {
      action: 'appointment.proposal_accepted',
      targetType: 'appointment',
      targetId: locked.id,
    });
    return 'accepted';
  });
}

// ---- absences and closure days over booked appointments --------------------------------

export type Resolution =
  | { id: number; action: 'handover'; colleague: number }
  | { id: number; action: 'propose'; start: Date }
  | { id: number; action: 'cancel'; reason: string };

/** The decisions as the form's schema parsed them (`resolutionSchema`). */
export function resolutionsOf(values: readonly z.infer<typeof resolutionSchema>[]): Resolution[] {
  return values.map((v) =>
    v.action === 'handover'
      ? { id: v.id, action: 'handover', colleague: v.colleague! }
      : v.action === 'propose'
        ? { id: v.id, action: 'propose', start: new Date(v.slot!) }
        : { id: v.id, action: 'cancel', reason: v.reason! },
  );
}

/** An appointment an absence or closure day covers, with what can be done about it. */
export interface CoveredAppointment {
  id: number;
  start: string;
  end: string;
  topic: Record<string, string>;
  channel: q.ChannelName;
  office: string | null;
  status: q.AppointmentStatus;
  counsellor: string | null;
  colleagues: { id: number; name: string }[];
  proposals: { start: string; end: string }[];
}

/** The set of covered appointments changed between the list and the decision. */
export class CoverChanged extends AppError {
  constructor() {
    super('conflict', 'cover_changed');
  }
}

/** A decision for one appointment could not be carried out (the colleague or time was taken meanwhile). */
export class ResolutionFailed extends AppError {
  constructor(
    public readonly appointmentId: number,
    public readonly reason: string,
  ) {
    super('conflict', reason);
  }
}

export type Cover = { counsellorId: number; starts: Date; ends: Date } | { day: string };

/** Lists what a cover would leave without a counsellor, with the choices for each. */
export async function coveredChoices(db: Db, cover: Cover): Promise<CoveredAppointment[]> {
  const rows = await q.coveredAppointments(db, cover, now());
  const names = await q.counsellorNames(
    db,
    rows.map((r) => r.counsellor_id),
  );
  const out: CoveredAppointment[] = [];
  for (const row of rows) {
    out.push({
      id: row.id,
      start: toOffsetIso(row.starts),
      end: toOffsetIso(row.ends),
      topic: row.topic_name,
      channel: row.channel,
      office: row.office_name,
      status: row.status,
      counsellor: names.get(row.counsellor_id) ?? null,
      // On a closure day nobody works: no colleague to hand over to.
      colleagues: 'day' in cover ? [] : await colleagueChoices(db, row),
      proposals: await proposalChoices(db, row, 'day' in cover ? { day: cover.day } : cover),
    });
  }
  return out;
}

/**
 * Carries out one decision per covered appointment in the caller's transaction, after the
 * cover itself was saved (so a proposed time is derived without the absence or the
 * closed day). The covered rows are locked first, then compared with the decisions: if
 * one was booked or cancelled meanwhile, nothing is saved and the list is shown again.
 */
async function resolveCover(
  tx: Tx,
  cover: Cover,
  resolutions: readonly Resolution[],
  save: () => Promise<void>,
  options: { baseUrl: string; actor: StaffActor; via: 'absence' | 'closure' },
) {
  const rows = await q.coveredAppointments(tx, cover, now(), { lock: true });
  const wanted = new Map(resolutions.map((r) => [r.id, r]));
  if (rows.length !== wanted.size || rows.some((r) => !wanted.has(r.id))) throw new CoverChanged();
  await save();
  for (const row of rows) {
    const r = wanted.get(row.id)!;
    try {
      await tx.savepoint(async (sp) => {
        if (r.action === 'handover' && options.via === 'absence')
          await handOverRow(sp, row, r.colleague, { ...options, reason: 'absence', via: 'absence' });
        else if (r.action === 'propose') await proposeRow(sp, row, r.start, options);
        else if (r.action === 'cancel') await cancelRow(sp, row, r.reason, { ...options, via: options.via });
        else throw new BookingError('not_bookable');
      });
    } catch (error) {
      if (error instanceof BookingError) throw new ResolutionFailed(row.id, error.reason);
      throw error;
    }
  }
}

export interface AbsenceInput {
  starts: Date;
  ends: Date;
  note: string | null;
}

/**
 * Enters a counsellor's absence. When it covers booked appointments, `resolutions` must
 * decide each one (the page lists them first); the absence and every decision are saved
 * together or not at all. Returns the covered appointments when they were not decided.
 */
export async function saveAbsence(
  db: Db,
  counsellorId: number,
  absence: AbsenceInput,
  resolutions: readonly Resolution[] | null,
  options: { baseUrl: string; actor: StaffActor },
): Promise<{ saved: true } | { saved: false; covered: CoveredAppointment[] }> {
  const cover = { counsellorId, starts: absence.starts, ends: absence.ends };
  if (!resolutions) {
    const covered = await coveredChoices(db, cover);
    if (covered.length) return { saved: false, covered };
  }
  await inTransaction(db, async (tx) => {
    await resolveCover(
      tx,
      cover,
      resolutions ?? [],
      async () => {
        // The counsellor's own lock: no booking can land in the absence while it is saved.
        await q.lockCounsellors(tx, [counsellorId]);
        if ((await q.coveredAppointments(tx, cover, now())).length !== (resolutions ?? []).length)
          throw new CoverChanged();
        await a.insertException(tx, counsellorId, {
          kind: 'absence',
          starts: absence.starts,
          ends: absence.ends,
          channels: [],
          officeId: null,
          note: absence.note,
        });
      },
      { ...options, via: 'absence' },
    );
    await audit(tx, {
      action: 'counsellor.exception_added',
      actorUserId: options.actor.userId,
      ip: options.actor.ip,
      targetType: 'counsellor',
      targetId: counsellorId,
      detail: { kind: 'absence', covered: resolutions?.length ?? 0 },
    });
  });
  return { saved: true };
}

/**
 * Enters a closure day (the admin's set-up page) with a decision for every appointment on
 * that day: propose a new time or cancel (nobody works that day, so no hand-over).
 */
export async function saveClosureDay(
  db: Db,
  closure: { day: string; name: string },
  resolutions: readonly Resolution[] | null,
  options: { baseUrl: string; actor: StaffActor },
): Promise<{ saved: true } | { saved: false; covered: CoveredAppointment[] }> {
  const cover = { day: closure.day };
  if (!resolutions) {
    const covered = await coveredChoices(db, cover);
    if (covered.length) return { saved: false, covered };
  }
  await inTransaction(db, async (tx) => {
    await resolveCover(
      tx,
      cover,
      resolutions ?? [],
      async () => {
        // Alone with the closure days: no booking can land on the day while it is saved.
        await q.lockClosures(tx, 'exclusive');
        if ((await q.coveredAppointments(tx, cover, now())).length !== (resolutions ?? []).length)
          throw new CoverChanged();
        await a.insertClosureDay(tx, closure.day, closure.name);
      },
      { ...options, via: 'closure' },
    );
    await audit(tx, {
      action: 'admin.closure_day_added',
      actorUserId: options.actor.userId,
      ip: options.actor.ip,
      targetType: 'closure_day',
      targetId: closure.day,
      detail: { covered: resolutions?.length ?? 0 },
    });
  });
  return { saved: true };
}

/** The time proposed to the person of this appointment, if one is open. */
export async function openProposal(appointmentId: number): Promise<{ start: string; end: string } | null> {
  const proposal = await q.proposalOf(getSql(), appointmentId);
  return proposal && proposal.starts.getTime() > now().getTime()
    ? { start: toOffsetIso(proposal.starts), end: toOffsetIso(proposal.ends) }
    : null;
}
