import { z } from 'zod';
import { CHANNELS } from './slots';
import { isValidDate } from './zoned';

/**
 * Input schemas shared by the booking pages, the counsellors' pages and the JSON API.
 * Messages are keys in the `counselling` namespace.
 */
export const slugField = z
  .string({
    required_error: 'counselling:booking.errors.topicRequired',
    invalid_type_error: 'counselling:booking.errors.topicRequired',
  })
  .trim()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'counselling:booking.errors.topicRequired')
  .max(80, 'counselling:booking.errors.topicRequired');

export const channelField = z.enum(CHANNELS, {
  errorMap: () => ({ message: 'counselling:booking.errors.channelRequired' }),
});

export const languageField = z
  .string({ required_error: 'counselling:booking.errors.languageRequired' })
  .trim()
  .regex(/^[a-z]{2,3}$/, 'counselling:booking.errors.languageRequired');

export const dateField = z.string().refine(isValidDate, 'counselling:booking.errors.dateInvalid');

/** An instant with its offset, as the API hands it out (2027-03-29T09:00:00+02:00). */
export const instantField = z
  .string({ required_error: 'counselling:booking.errors.slotRequired' })
  .datetime({ offset: true, message: 'counselling:booking.errors.slotRequired' })
  .transform((s) => new Date(s));

const contact = {
  name: z
    .string({ required_error: 'counselling:booking.errors.nameRequired' })
    .trim()
    .min(2, 'counselling:booking.errors.nameRequired')
    .max(200, 'counselling:booking.errors.nameTooLong')
    .refine((s) => !/[\p{Cc}<>]/u.test(s), 'counselling:booking.errors.nameInvalid'),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(254, 'counselling:booking.errors.emailInvalid')
    .email('counselling:booking.errors.emailInvalid')
    .optional(),
  phone: z
    .string()
    .trim()
    .max(40, 'counselling:booking.errors.phoneInvalid')
    .regex(/^\+?[0-9][0-9 ()/-]{4,}$/, 'counselling:booking.errors.phoneInvalid')
    .optional(),
  message: z.string().trim().max(1000, 'counselling:booking.errors.messageTooLong').optional(),
};

function needsEmailOrPhone(value: { email?: string; phone?: string }, ctx: z.RefinementCtx) {
  if (!value.email && !value.phone)
    ctx.addIssue({ code: 'custom', path: ['email'], message: 'counselling:booking.errors.emailOrPhone' });
}

/** The details form of the citizen's booking (the slot travels in hidden fields). */
export const bookingFormSchema = z
  .object({
    topic: slugField,
    channel: channelField,
    office: slugField.optional(),
    language: languageField,
    start: instantField,
    ...contact,
    consent: z.literal('on', { errorMap: () => ({ message: 'counselling:booking.errors.consentRequired' }) }),
    // A field people never see: bots fill it in.
    website: z.string().optional(),
    altcha: z.string().max(2000).optional(),
  })
  .superRefine(needsEmailOrPhone);

/** POST /api/v1/counselling/appointments */
export const bookingApiSchema = z
  .object({
    topic: slugField,
    channel: channelField,
    office: slugField.optional(),
    language: languageField,
    start: instantField,
    ...contact,
    locale: z
      .string()
      .regex(/^[a-z]{2}$/)
      .optional(),
    consent: z.literal(true, { errorMap: () => ({ message: 'counselling:booking.errors.consentRequired' }) }),
    altcha: z.string().max(2000).optional(),
  })
  .superRefine(needsEmailOrPhone);

/** A counsellor books for a caller: no consent box (they ask on the phone), no proof-of-work. */
export const staffBookingSchema = z
  .object({
    topic: slugField,
    channel: channelField,
    office: slugField.optional(),
    language: languageField,
    start: instantField,
    ...contact,
    consentAsked: z.literal('on', {
      errorMap: () => ({ message: 'counselling:booking.errors.consentAsked' }),
    }),
  })
  .superRefine(needsEmailOrPhone);

/** GET /api/v1/counselling/slots and the slot list page. */
export const slotQuerySchema = z.object({
  topic: slugField,
  channel: channelField.optional(),
  office: slugField.optional(),
  language: languageField.optional(),
  from: dateField.optional(),
  to: dateField.optional(),
});

export const cancelReasonSchema = z.object({
  reason: z
    .string({ required_error: 'counselling:booking.errors.reasonRequired' })
    .trim()
    .min(3, 'counselling:booking.errors.reasonRequired')
    .max(1000, 'counselling:booking.errors.reasonTooLong'),
});
