import type { Db } from '../../../db/client.server';
import {
  type AppointmentRow,
  type CounsellorNotice,
  counsellorContact,
  setCounsellorNotice,
} from '../../../db/queries/booking.server';
import { operator } from '../../config/operator';
import { isLanguage } from '../../i18n';
import { i18nServer } from '../../i18next.server';
import { now } from '../../utils/clock.server';
import { getEnv } from '../../utils/env.server';
import { formatAppointment } from '../../utils/format';
import { localText } from '../../utils/localized';
import { type MailTemplate, sendMail } from '../mail/mail.server';
import { buildCalendar } from './ics';

/**
 * The person's mails about their appointment, in the language they booked in, queued in
 * the transaction of the change. Each carries the calendar file with the appointment's
 * stable UID and current SEQUENCE, so calendars update or remove the entry themselves.
 */
export type AppointmentMail = Extract<
  MailTemplate,
  | 'appointmentConfirmed'
  | 'appointmentPending'
  | 'appointmentMoved'
  | 'appointmentCancelled'
  | 'appointmentCancelledByCounsellor'
  | 'appointmentReminder'
  | 'appointmentHandedOver'
  | 'appointmentProposal'
>;

const WITH_CALENDAR: Partial<Record<AppointmentMail, 'REQUEST' | 'CANCEL'>> = {
  appointmentConfirmed: 'REQUEST',
  appointmentMoved: 'REQUEST',
  // Same time, another counsellor: the entry is sent again with the higher SEQUENCE, so
  // the person's calendar holds the current version (a proposal changes nothing yet).
  appointmentHandedOver: 'REQUEST',
  appointmentCancelled: 'CANCEL',
  appointmentCancelledByCounsellor: 'CANCEL',
};

function senderAddress(): string {
  const from = getEnv().MAIL_FROM;
  return from.match(/<([^>]+)>/)?.[1] ?? from.trim();
}

/** A phone number, address or German name inside Arabic text: isolated left to right, so it isn't reversed. */
function ltr(value: string, lng: string): string {
  return lng === 'ar' ? `\u2066${value}\u2069` : value;
}

/**
 * How the appointment takes place, in one sentence — the same on the check page, the
 * manage page, in every mail and in the calendar file: in person at the office; by phone
 * we call the person's number; by video the link goes to their address. (Rows from before
 * the rule may lack the number or address: then they are asked to call us.)
 */
export async function channelSentence(
  lng: string,
  a: {
    channel: string;
    phone: string | null;
    email: string | null;
    office_name: string | null;
    office_address: string | null;
  },
): Promise<string> {
  const t = await i18nServer.getFixedT(isLanguage(lng) ? lng : 'de', 'mail');
  const raw = { interpolation: { escapeValue: false } };
  if (a.channel === 'in_person')
    return t('where.in_person', {
      office: a.office_name && ltr(a.office_name, lng),
      address: a.office_address && ltr(a.office_address, lng),
      ...raw,
    });
  if (a.channel === 'phone')
    return a.phone
      ? t('where.phone', { phone: ltr(a.phone, lng), ...raw })
      : t('where.phoneNoNumber', { phone: ltr(operator.phone, lng), ...raw });
  return a.email
    ? t('where.video', { email: ltr(a.email, lng), ...raw })
    : t('where.videoNoEmail', { phone: ltr(operator.phone, lng), ...raw });
}

export async function appointmentTexts(a: AppointmentRow) {
  const lng = isLanguage(a.locale) ? a.locale : 'de';
  const t = await i18nServer.getFixedT(lng, 'mail');
  const topic = localText(a.topic_name, lng) ?? a.topic_slug;
  const where = await channelSentence(lng, a);
  return { lng, t, topic, where, when: formatAppointment(a.starts, a.ends, lng) };
}

/** The appointment as an iCalendar file (also served on the manage link). */
export async function appointmentCalendar(
  a: AppointmentRow,
  manageUrl: string | null,
  method: 'REQUEST' | 'CANCEL',
) {
  const { t, topic, where } = await appointmentTexts(a);
  return buildCalendar({
    uid: a.uid,
    sequence: a.sequence,
    method,
    start: a.starts,
    end: a.ends,
    stamp: now(),
    summary: t('calendar.summary', { topic, interpolation: { escapeValue: false } }),
    description: [where, manageUrl].filter(Boolean).join('\n'),
    location: a.channel === 'in_person' ? `${a.office_name}, ${a.office_address}` : undefined,
    url: manageUrl ?? undefined,
    organizer: { name: t('calendar.organizer'), email: senderAddress() },
    attendee: a.email ? { name: a.name ?? a.email, email: a.email } : undefined,
  });
}

export async function sendAppointmentMail(
  tx: Db,
  a: AppointmentRow,
  template: AppointmentMail,
  link: string | null,
  extra: { proposed?: { starts: Date; ends: Date } } = {},
) {
  // Booked by phone without an address: the counsellor tells the person instead.
  if (!a.email) return;
  const { lng, topic, where, when } = await appointmentTexts(a);
  const method = WITH_CALENDAR[template];
  const manage = template === 'appointmentCancelledByCounsellor' ? null : link;
  const attachments = method
    ? [
        {
          filename: 'termin.ics',
          content: await appointmentCalendar(a, manage, method),
          contentType: `text/calendar; charset=utf-8; method=${method}`,
        },
      ]
    : undefined;
  await sendMail(
    tx,
    a.email,
    template,
    lng,
    {
      topic,
      when,
      where,
      reason: a.cancel_reason ?? '',
      link: link ?? undefined,
      name: a.name ?? undefined,
      // A proposal: "instead of {{when}}, we propose {{proposed}}".
      ...(extra.proposed
        ? { proposed: formatAppointment(extra.proposed.starts, extra.proposed.ends, lng) }
        : {}),
    },
    attachments,
  );
}

// ---- the counsellor ----------------------------------------------------------------------

/**
 * What a counsellor is told about their appointments when someone else changed them: a
 * mail to their account (in its language; the person's name and contact stay out of the
 * mail, the link leads to the signed-in page) and a marker on their agenda until they
 * open the appointment. "unassigned" (taken from them) leaves no marker: it isn't theirs.
 */
export type CounsellorEvent = CounsellorNotice | 'unassigned';

const COUNSELLOR_MAIL: Record<CounsellorEvent, MailTemplate> = {
  booked: 'counsellorBooked',
  moved: 'counsellorMoved',
  cancelled: 'counsellorCancelled',
  assigned: 'counsellorAssigned',
  unassigned: 'counsellorUnassigned',
  proposal_accepted: 'counsellorProposalAccepted',
  proposal_declined: 'counsellorProposalDeclined',
};

export async function tellCounsellor(
  tx: Db,
  counsellorId: number,
  a: AppointmentRow,
  event: CounsellorEvent,
  options: { baseUrl: string; previous?: { starts: Date; ends: Date } },
) {
  if (event !== 'unassigned') await setCounsellorNotice(tx, a.id, event);
  const counsellor = await counsellorContact(tx, counsellorId);
  if (!counsellor?.email) return;
  const lng = isLanguage(counsellor.locale) ? counsellor.locale : 'de';
  await sendMail(tx, counsellor.email, COUNSELLOR_MAIL[event], lng, {
    topic: localText(a.topic_name, lng) ?? a.topic_slug,
    when: formatAppointment(a.starts, a.ends, lng),
    previous: options.previous
      ? formatAppointment(options.previous.starts, options.previous.ends, lng)
      : undefined,
    link: event === 'unassigned' ? `${options.baseUrl}/team` : `${options.baseUrl}/team/termine/${a.id}`,
  });
}
