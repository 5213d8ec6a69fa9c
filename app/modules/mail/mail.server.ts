import type { Db } from '../../../db/client.server';
import { operator } from '../../config/operator';
import { isLanguage } from '../../i18n';
import { i18nServer } from '../../i18next.server';
import { enqueue } from '../../jobs/boss.server';
import { MAIL_QUEUE } from '../../jobs/queues.server';
import type { MailMessage } from '../../utils/mail.server';

/**
 * Mail templates: one entry each in the `mail` namespace (subject, intro, optional
 * action with its link, outro), rendered in the recipient's language as plain text and
 * simple HTML, then handed to the mail queue — inside the caller's transaction, so a
 * mail goes out only if the change it reports was saved.
 */
export const MAIL_TEMPLATES = [
  'verifyEmail',
  'accountExists',
  'resetPassword',
  'passwordChanged',
  'changeEmail',
  'emailChangeNotice',
  'invitation',
  'providerApproved',
  'providerSuspended',
  'memberSuspended',
  'accountDisabled',
  'offerUnpublished',
  'appointmentConfirmed',
  'appointmentPending',
  'appointmentMoved',
  'appointmentCancelled',
  'appointmentCancelledByCounsellor',
  'appointmentReminder',
  'assessmentLink',
  'appointmentHandedOver',
  'appointmentProposal',
  'counsellorBooked',
  'counsellorMoved',
  'counsellorCancelled',
  'counsellorAssigned',
  'counsellorUnassigned',
  'counsellorProposalAccepted',
  'counsellorProposalDeclined',
  // Case work keeps its texts in its own namespace (`cases:mail.<name>`).
  'cases:mail.caseLink',
  'cases:mail.caseHandedOver',
  'cases:mail.reviewsOverdue',
  // Referrals (issue 17): `referrals:mail.<name>`.
  'referrals:mail.newReferral',
  'referrals:mail.stateChanged',
  'referrals:mail.overdue',
] as const;
export type MailTemplate = (typeof MAIL_TEMPLATES)[number];

/** Each also has a name on /admin/mails (see `templateNameKey`; a unit test checks). */
export { templateNameKey } from './template-name';

export interface MailJob extends MailMessage {
  template: MailTemplate;
  locale: string;
}

export interface MailParams {
  link?: string;
  name?: string;
  provider?: string;
  role?: string;
  hours?: number;
  title?: string;
  reason?: string;
  topic?: string;
  when?: string;
  where?: string;
  /** An appointment's time before a change (counsellors' mails). */
  previous?: string;
  /** A new time proposed to the person. */
  proposed?: string;
  count?: number;
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

export async function renderMail(template: MailTemplate, locale: string, params: MailParams) {
  const lng = isLanguage(locale) ? locale : 'de';
  const t = await i18nServer.getFixedT(lng, 'mail');
  // Mail comes from a no-reply address: a text that invites questions names the office's
  // own contact ({{officeName}}, {{officeEmail}}, {{officePhone}}) instead.
  const values = {
    ...params,
    site: t('site'),
    officeName: operator.name,
    officeEmail: operator.email,
    officePhone: operator.phone,
    interpolation: { escapeValue: false },
  };
  const subject = t(`${template}.subject`, values);
  const intro = t(`${template}.intro`, values);
  const action = params.link ? t(`${template}.action`, values) : '';
  const outro = t(`${template}.outro`, values);
  const signature = t('signature', values);
  const text = [
    t('greeting', values),
    intro,
    params.link ? `${action}:\n${params.link}` : '',
    outro,
    `-- \n${signature}`,
  ]
    .filter(Boolean)
    .join('\n\n');
  const dir = lng === 'ar' ? 'rtl' : 'ltr';
  const paragraph = (s: string) => `<p style="margin:0 0 16px">${escapeHtml(s).replace(/\n/g, '<br>')}</p>`;
  const html = [
    `<!doctype html><html lang="${lng === 'ls' ? 'de' : lng}" dir="${dir}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#171a20">',
    paragraph(t('greeting', values)),
    paragraph(intro),
    params.link
      ? `<p style="margin:0 0 16px"><a href="${escapeHtml(params.link)}" style="color:#0b5394;font-weight:bold">${escapeHtml(action)}</a></p><p style="margin:0 0 16px;font-size:14px">${escapeHtml(params.link)}</p>`
      : '',
    paragraph(outro),
    `<p style="margin:24px 0 0;font-size:14px;color:#4a4f57">${escapeHtml(signature)}</p>`,
    '</body></html>',
  ].join('');
  return { subject, text, html };
}

export async function sendMail(
  db: Db,
  to: string,
  template: MailTemplate,
  locale: string,
  params: MailParams = {},
  attachments?: MailMessage['attachments'],
) {
  const rendered = await renderMail(template, locale, params);
  const job: MailJob = { to, template, locale, ...rendered, ...(attachments ? { attachments } : {}) };
  await enqueue(MAIL_QUEUE, job, { tx: db });
}
