import type { z } from 'zod';
import { getSql } from '../../../db/client.server';
import * as a from '../../../db/queries/availability.server';
import * as q from '../../../db/queries/booking.server';
import { listOffices } from '../../../db/queries/counselling.server';
import { now, todayInBerlin } from '../../utils/clock.server';
import { isUniqueViolation } from '../../utils/db-errors';
import { AppError } from '../../utils/errors';
import { isValidDate } from '../../utils/zoned';
import { audit } from '../audit/audit.server';
import { holidayState } from './booking.server';
import { isGermanState, publicHolidays } from './holidays';
import type { newTopicSchema, officeSchema, topicSettingsSchema } from './schemas';

/**
 * The education office's counselling set-up: topics with their booking rules, offices
 * with opening hours and accessibility, the Land whose holidays close the service, extra
 * closure days — and anonymised figures for planning. Every change is audited.
 */
export interface AdminMeta {
  adminId: number;
  ip: string | null;
}

export async function setupOverview() {
  const sql = getSql();
  const today = todayInBerlin();
  const year = Number(today.slice(0, 4));
  const state = await holidayState(sql);
  const from = new Date(now().getTime() - 90 * 86_400_000);
  const to = new Date(now().getTime() + 90 * 86_400_000);
  const [topics, offices, closures, counts] = await Promise.all([
    q.listTopics(sql, { activeOnly: false }),
    listOffices(sql),
    a.allClosureDays(sql, today),
    a.appointmentCounts(sql, from, to),
  ]);
  return {
    state,
    holidays: [...publicHolidays(year, state), ...publicHolidays(year + 1, state)].filter(
      (h) => h.date >= today,
    ),
    topics,
    offices,
    closures,
    counts,
  };
}

/** One audit row per change, naming the record it changed (a topic or office by id or slug, a closure day by date). */
async function log(
  meta: AdminMeta,
  action: string,
  target: { type: string; id: string | number },
  detail: Record<string, string | number | boolean | null> = {},
) {
  await audit(getSql(), {
    action,
    actorUserId: meta.adminId,
    ip: meta.ip,
    targetType: target.type,
    targetId: target.id,
    detail,
  });
}

/** The Land whose public holidays close the service; anything but a Land code is a bad request. */
export async function setHolidayState(state: string, meta: AdminMeta) {
  if (!isGermanState(state)) throw new AppError('bad_request');
  await q.saveBookingSettings(getSql(), { state });
  await log(meta, 'admin.booking_state', { type: 'booking_settings', id: 'state' }, { state });
}

export async function saveTopicSettings(v: z.infer<typeof topicSettingsSchema>, meta: AdminMeta) {
  const ok = await a.updateTopic(getSql(), v.id, {
    slotMinutes: v.slotMinutes,
    bufferMinutes: v.bufferMinutes,
    minNoticeMinutes: v.minNoticeMinutes,
    windowDays: v.windowDays,
    channels: v.channels,
    active: v.active === 'on',
  });
  if (!ok) throw new AppError('not_found');
  await log(meta, 'admin.topic_updated', { type: 'counselling_topic', id: v.id });
}

export async function createTopic(v: z.infer<typeof newTopicSchema>, meta: AdminMeta) {
  try {
    await a.insertTopic(getSql(), v);
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', 'slug');
    throw error;
  }
  await log(meta, 'admin.topic_created', { type: 'counselling_topic', id: v.slug });
}

function hours(v: z.infer<typeof officeSchema>): Record<string, [string, string][]> {
  const result: Record<string, [string, string][]> = {};
  for (const day of [1, 2, 3, 4, 5, 6, 7] as const) {
    const text = v[`hours${day}`];
    if (!text) continue;
    result[String(day)] = text.split(',').map((span) => {
      const [from, to] = span.split(/[-–]/).map((s) => s.trim());
      return [from!, to!];
    });
  }
  return result;
}

export async function saveOffice(v: z.infer<typeof officeSchema>, meta: AdminMeta) {
  try {
    const ok = await a.upsertOffice(getSql(), v.id ?? null, {
      slug: v.slug,
      name: v.name,
      street: v.street,
      postcode: v.postcode,
      city: v.city,
      accessible: v.accessible === 'on',
      accessibilityNote: v.accessibilityNote || null,
      openingHours: hours(v),
      phone: v.phone || null,
      email: v.email || null,
      active: v.active === 'on',
    });
    if (!ok) throw new AppError('not_found');
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', 'slug');
    throw error;
  }
  await log(meta, v.id ? 'admin.office_updated' : 'admin.office_created', {
    type: 'counselling_office',
    id: v.id ?? v.slug,
  });
}

export async function removeClosureDay(day: string, meta: AdminMeta) {
  if (!isValidDate(day)) throw new AppError('bad_request');
  await a.deleteClosureDay(getSql(), day);
  await log(meta, 'admin.closure_day_removed', { type: 'closure_day', id: day });
}
