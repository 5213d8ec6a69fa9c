import { getSql } from '../../../db/client.server';
import { listTopics } from '../../../db/queries/booking.server';
import * as q from '../../../db/queries/cases.server';
import { isLanguage } from '../../i18n';
import { ownAppointment } from '../booking/booking.server';
import type { CounsellorActor } from '../booking/team.server';
import { CONSENTS } from './codes';

/**
 * What the "open a case" form starts with: from a held appointment of the counsellor's
 * own (not yet followed up), the person's name, contact and language; otherwise the
 * kind of contact chosen on the agenda. The consent text is shown in `?sprache=`, else
 * the person's language.
 */
export async function openingDefaults(actor: CounsellorActor, params: URLSearchParams) {
  const sql = getSql();
  const topics = (await listTopics(sql, { activeOnly: false })).map((t) => ({ id: t.id, name: t.name }));
  const textLanguages = [...new Set(['de', ...actor.counsellor.languages])];
  const chosen = params.get('sprache');
  const origin = params.get('kontakt');
  const appointmentId = Number(params.get('termin'));
  let values: Record<string, string | undefined> = {
    origin: origin && ['walk_in', 'phone', 'video', 'other'].includes(origin) ? origin : undefined,
    locale: 'de',
    textLanguage: 'de',
  };
  let appointment: number | null = null;
  // Said on the page rather than as an error: after opening, the page is shown again for this appointment.
  let blocked: 'not_held' | 'already_recorded' | null = null;
  if (params.has('termin')) {
    if (!Number.isSafeInteger(appointmentId) || appointmentId <= 0)
      throw new Response('not found', { status: 404 });
    const row = await ownAppointment(sql, actor.counsellor.id, appointmentId);
    if (row.status !== 'held') blocked = 'not_held';
    else if (await q.followUpOf(sql, row.id)) blocked = 'already_recorded';
    appointment = row.id;
    values = {
      ...values,
      name: row.name ?? undefined,
      email: row.email ?? undefined,
      phone: row.phone ?? undefined,
      locale: isLanguage(row.locale) ? row.locale : 'de',
      topic: String(row.topic_id),
    };
  }
  const consentLanguage = isLanguage(chosen) ? chosen : (values.locale ?? 'de');
  return {
    appointment,
    blocked,
    topics,
    textLanguages,
    consentVersion: CONSENTS.documentation.version,
    values: { ...values, consentLanguage },
  };
}
