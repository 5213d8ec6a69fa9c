import type { z } from 'zod';
import { getSql, inTransaction } from '../../../db/client.server';
import { listTopics } from '../../../db/queries/booking.server';
import * as q from '../../../db/queries/cases.server';
import { todayInBerlin } from '../../utils/clock.server';
import { ownAppointment } from '../booking/booking.server';
import type { CounsellorActor } from '../booking/team.server';
import { CaseError } from './errors';
import type { tallySchema } from './schemas';

/**
 * Contacts: a held appointment or a walk-in / call is either short counselling — one
 * anonymous tally row, no link to anyone — or the start of a case. A held appointment
 * is followed up once.
 */

/** What the one-screen form offers: topics, districts, and the appointment's facts when there is one. */
export async function contactChoices(actor: CounsellorActor, appointmentId: number | undefined) {
  const sql = getSql();
  const [topics, districts] = await Promise.all([listTopics(sql, { activeOnly: false }), q.districts(sql)]);
  let appointment: {
    id: number;
    topicId: number;
    channel: string;
    language: string;
    followUp: string | null;
  } | null = null;
  if (appointmentId) {
    const row = await ownAppointment(sql, actor.counsellor.id, appointmentId);
    if (row.status !== 'held') throw new CaseError('not_held');
    appointment = {
      id: row.id,
      topicId: row.topic_id,
      channel: row.channel,
      language: row.language,
      followUp: await q.followUpOf(sql, row.id),
    };
  }
  return {
    topics: topics.map((t) => ({ id: t.id, name: t.name })),
    districts,
    languages: actor.counsellor.languages,
    appointment,
    today: todayInBerlin(),
  };
}

/** Records a short counselling. With an appointment: only the counsellor's own held one, once. */
export async function recordShortCounselling(actor: CounsellorActor, v: z.infer<typeof tallySchema>) {
  await inTransaction(getSql(), async (tx) => {
    let day = todayInBerlin();
    if (v.appointment) {
      const row = await ownAppointment(tx, actor.counsellor.id, v.appointment, { lock: true });
      if (row.status !== 'held') throw new CaseError('not_held');
      if (!(await q.markFollowUp(tx, row.id, 'short'))) throw new CaseError('already_recorded');
      day = todayInBerlin(row.starts);
    }
    await q.insertTally(tx, {
      day,
      topicId: v.topic ?? null,
      channel: v.channel,
      byAppointment: Boolean(v.appointment),
      durationBand: v.duration,
      language: v.language,
      outcome: v.outcome,
      district: v.district ?? null,
      ageBand: v.ageBand ?? null,
    });
  });
}

/**
 * For the counsellor's appointment page: once the appointment was held, whether it was
 * followed up already, and what the short counselling form needs.
 */
export async function followUpFor(
  actor: CounsellorActor,
  appointment: { id: number; status: string; topic_id: number; channel: string; language: string },
) {
  if (appointment.status !== 'held') return null;
  const sql = getSql();
  const [followUp, districts, topics] = await Promise.all([
    q.followUpOf(sql, appointment.id),
    q.districts(sql),
    listTopics(sql, { activeOnly: false }),
  ]);
  return {
    appointmentId: appointment.id,
    topics: topics.map((t) => ({ id: t.id, name: t.name })),
    followUp,
    topicId: appointment.topic_id,
    channel: appointment.channel,
    language: appointment.language,
    districts,
    languages: actor.counsellor.languages,
  };
}

export type FollowUp = NonNullable<Awaited<ReturnType<typeof followUpFor>>>;
