import { z } from 'zod';
import { isValidDate } from '../../utils/zoned';
import { coversYear } from './holidays';
import { CHANNELS } from './slots';

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

/**
 * Dates and instants the booking takes in lie in the years the holiday rules cover
 * (2020–2040): outside them the rules refuse to answer, and no slot exists there anyway.
 */
export const dateField = z
  .string()
  .refine(
    (v) => isValidDate(v) && coversYear(Number(v.slice(0, 4))),
    'counselling:booking.errors.dateInvalid',
  );

/** An instant with its offset, as the API hands it out (2027-03-29T09:00:00+02:00). */
export const instantField = z
  .string({ required_error: 'counselling:booking.errors.slotRequired' })
  .datetime({ offset: true, message: 'counselling:booking.errors.slotRequired' })
  .transform((s) => new Date(s))
  // A day either side, so the local day of any offset is covered too.
  .refine(
    (d) =>
      coversYear(new Date(d.getTime() - 86_400_000).getUTCFullYear()) &&
      coversYear(new Date(d.getTime() + 86_400_000).getUTCFullYear()),
    'counselling:booking.errors.slotRequired',
  );

/** The person's contact fields; `m` names the messages (the person's own, or a counsellor's for a caller). */
function contactFields(m: { nameRequired: string; emailInvalid: string; phoneInvalid: string }) {
  return {
    name: z
      .string({ required_error: m.nameRequired })
      .trim()
      .min(2, m.nameRequired)
      .max(200, 'counselling:booking.errors.nameTooLong')
      .refine((s) => !/[\p{Cc}<>]/u.test(s), 'counselling:booking.errors.nameInvalid'),
    email: z.string().trim().toLowerCase().max(254, m.emailInvalid).email(m.emailInvalid).optional(),
    phone: z
      .string()
      .trim()
      .max(40, m.phoneInvalid)
      .regex(/^\+?[0-9][0-9 ()/-]{4,}$/, m.phoneInvalid)
      .optional(),
    message: z
      .string()
      .trim()
      .max(1000, 'counselling:booking.errors.messageTooLong')
      // Tab and line breaks are text; other control characters are not (PostgreSQL refuses NUL).
      .refine((s) => !/[^\P{Cc}\t\n\r]/u.test(s), 'counselling:booking.errors.messageInvalid')
      .optional(),
  };
}

const contact = contactFields({
  nameRequired: 'counselling:booking.errors.nameRequired',
  emailInvalid: 'counselling:booking.errors.emailInvalid',
  phoneInvalid: 'counselling:booking.errors.phoneInvalid',
});

/** What every kind of booking carries: the slot, and the person with a way to reach them. */
const slotAndPerson = {
  topic: slugField,
  channel: channelField,
  office: slugField.optional(),
  language: languageField,
  start: instantField,
  ...contact,
};

/**
 * How we reach the person, one rule per channel — the same on the channel step, the
 * details page, in the mails and the calendar file, for the form and the API:
 * by phone we call them (a phone number is needed), a video link comes by e-mail (an
 * address is needed), in person needs either, for the confirmation or a call if needed.
 */
export function contactRule(
  value: { channel?: string; email?: string; phone?: string },
  ctx: z.RefinementCtx,
  m: { phone: string; email: string; either: string } = {
    phone: 'counselling:booking.errors.phoneForCall',
    email: 'counselling:booking.errors.emailForVideo',
    either: 'counselling:booking.errors.emailOrPhone',
  },
) {
  if (value.channel === 'phone') {
    if (!value.phone) ctx.addIssue({ code: 'custom', path: ['phone'], message: m.phone });
  } else if (value.channel === 'video') {
    if (!value.email) ctx.addIssue({ code: 'custom', path: ['email'], message: m.email });
  } else if (!value.email && !value.phone) {
    ctx.addIssue({ code: 'custom', path: ['email'], message: m.either });
  }
}

/**
 * The contact rule as a schema of its own, joined to a form's schema by an intersection:
 * zod runs a refinement only once its object has no missing fields, so a rule on the form
 * itself came as a second round of errors after name and consent were fixed. Here both
 * sides are checked at once and every error comes in one round. Its fields are read
 * leniently (their format is the form's business) but transformed as the form does, so
 * the two parsed halves agree.
 */
const contactRuleFields = z.object({
  channel: z.string().optional(),
  email: z.string().trim().toLowerCase().optional(),
  phone: z.string().trim().optional(),
});
const contactRuleSchema = contactRuleFields.superRefine((v, ctx) => contactRule(v, ctx));

function withContactRule<T extends z.ZodRawShape, R extends z.ZodTypeAny = typeof contactRuleSchema>(
  shape: T,
  rule?: R,
) {
  return z.intersection(z.object(shape), (rule ?? contactRuleSchema) as R);
}

/** The details form of the citizen's booking (the slot travels in hidden fields). */
export const bookingFormSchema = withContactRule({
  ...slotAndPerson,
  consent: z.literal('on', { errorMap: () => ({ message: 'counselling:booking.errors.consentRequired' }) }),
  // A field people never see: bots fill it in.
  website: z.string().optional(),
  altcha: z.string().max(2000, 'counselling:booking.errors.spam').optional(),
  // A finished self-assessment's link token, and the separate consent to share it.
  assessment: z.string().max(100).optional(),
  shareAssessment: z.literal('on').optional(),
  // The offer the booking is about (checked on the server), and the draft being changed.
  offer: z
    .string()
    .regex(/^\d{1,12}$/)
    .optional(),
  draft: z.string().max(100).optional(),
});

/** POST /api/v1/counselling/appointments */
export const bookingApiSchema = withContactRule({
  ...slotAndPerson,
  locale: z
    .string()
    .regex(/^[a-z]{2}$/, 'counselling:booking.errors.languageRequired')
    .optional(),
  consent: z.literal(true, { errorMap: () => ({ message: 'counselling:booking.errors.consentRequired' }) }),
  altcha: z.string().max(2000, 'counselling:booking.errors.spam').optional(),
});

/**
 * A counsellor books for a caller: no consent box (they ask on the phone), no
 * proof-of-work; the messages speak to the counsellor about the person.
 */
export const staffBookingSchema = withContactRule(
  {
    ...slotAndPerson,
    ...contactFields({
      nameRequired: 'counselling:staff.errors.nameRequired',
      emailInvalid: 'counselling:staff.errors.emailInvalid',
      phoneInvalid: 'counselling:staff.errors.phoneInvalid',
    }),
    consentAsked: z.literal('on', {
      errorMap: () => ({ message: 'counselling:booking.errors.consentAsked' }),
    }),
  },
  contactRuleFields.superRefine((v, ctx) =>
    contactRule(v, ctx, {
      phone: 'counselling:staff.errors.phoneForCall',
      email: 'counselling:staff.errors.emailForVideo',
      either: 'counselling:staff.errors.emailOrPhone',
    }),
  ),
);

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

// ---- counsellors' and admins' set-up ----------------------------------------------------

const time = (key: string) =>
  z
    .string({ required_error: `counselling:team.errors.${key}` })
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, `counselling:team.errors.${key}`);
const date = (key: string) =>
  z
    .string({ required_error: `counselling:team.errors.${key}` })
    .refine(isValidDate, `counselling:team.errors.${key}`);
const channelList = z
  .array(channelField, { required_error: 'counselling:team.errors.channels' })
  .min(1, 'counselling:team.errors.channels');
const idField = z.coerce
  .number({ invalid_type_error: 'counselling:team.errors.number' })
  .int('counselling:team.errors.number')
  .positive('counselling:team.errors.number');
const optionalId = idField.optional();

export const ruleSchema = z
  .object({
    weekday: z.coerce
      .number({
        invalid_type_error: 'counselling:team.errors.weekday',
        required_error: 'counselling:team.errors.weekday',
      })
      .int()
      .min(1, 'counselling:team.errors.weekday')
      .max(7, 'counselling:team.errors.weekday'),
    startsAt: time('startsAt'),
    endsAt: time('endsAt'),
    channels: channelList,
    office: optionalId,
    validFrom: date('validFrom'),
    validTo: date('validTo').optional(),
  })
  .superRefine((v, ctx) => {
    if (v.endsAt <= v.startsAt)
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'counselling:team.errors.endsBeforeStart' });
    if (v.channels.includes('in_person') && !v.office)
      ctx.addIssue({ code: 'custom', path: ['office'], message: 'counselling:team.errors.officeRequired' });
    if (v.validTo && v.validTo < v.validFrom)
      ctx.addIssue({
        code: 'custom',
        path: ['validTo'],
        message: 'counselling:team.errors.validToBeforeFrom',
      });
  });

/**
 * The decision for one appointment an absence or closure day covers: hand it to a
 * colleague, propose a new time to the person, or cancel it with a reason they are mailed.
 */
export const resolutionSchema = z
  .object({
    id: z.coerce.number().int().positive(),
    action: z.enum(['handover', 'propose', 'cancel'], {
      errorMap: () => ({ message: 'counselling:staff.errors.action' }),
    }),
    colleague: z.coerce.number().int().positive().optional(),
    slot: z.string().datetime({ offset: true }).optional(),
    reason: z.string().trim().max(1000, 'counselling:booking.errors.reasonTooLong').optional(),
  })
  .superRefine((v, ctx) => {
    if (v.action === 'handover' && !v.colleague)
      ctx.addIssue({ code: 'custom', path: ['colleague'], message: 'counselling:staff.errors.colleague' });
    if (v.action === 'propose' && !v.slot)
      ctx.addIssue({ code: 'custom', path: ['slot'], message: 'counselling:staff.errors.slot' });
    if (v.action === 'cancel' && (!v.reason || v.reason.length < 3))
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: 'counselling:booking.errors.reasonRequired',
      });
  });

/** Set by the second step's form: the decisions below are meant (an empty list included). */
const decided = z.literal('1').optional();

export const exceptionSchema = z
  .object({
    kind: z.enum(['absence', 'extra'], { errorMap: () => ({ message: 'counselling:team.errors.kind' }) }),
    fromDay: date('fromDay'),
    fromTime: time('startsAt'),
    toDay: date('toDay'),
    toTime: time('endsAt'),
    channels: z.array(channelField).default([]),
    office: optionalId,
    note: z.string().trim().max(500, 'counselling:team.errors.noteTooLong').optional(),
    decided,
    resolutions: z.array(resolutionSchema).optional(),
  })
  .superRefine((v, ctx) => {
    if (`${v.toDay}T${v.toTime}` <= `${v.fromDay}T${v.fromTime}`)
      ctx.addIssue({ code: 'custom', path: ['toTime'], message: 'counselling:team.errors.endsBeforeStart' });
    if (v.kind === 'extra' && v.channels.length === 0)
      ctx.addIssue({ code: 'custom', path: ['channels'], message: 'counselling:team.errors.channels' });
    if (v.kind === 'extra' && v.channels.includes('in_person') && !v.office)
      ctx.addIssue({ code: 'custom', path: ['office'], message: 'counselling:team.errors.officeRequired' });
  });

const languageList = z
  .array(z.string().regex(/^[a-z]{2,3}$/, 'counselling:team.errors.languages'), {
    required_error: 'counselling:team.errors.languages',
  })
  .min(1, 'counselling:team.errors.languages');

/** What a counsellor sets themselves: languages and channels (topics and offices are the office's). */
export const profileSchema = z.object({
  languages: languageList,
  channels: channelList,
});

/** A counsellor asks for other topics or offices. */
export const changeRequestSchema = z.object({
  topics: z.array(idField).default([]),
  offices: z.array(idField).default([]),
  note: z.string().trim().max(500, 'counselling:team.errors.noteTooLong').optional(),
});

/** An admin sets a counsellor's whole profile. */
export const counsellorProfileSchema = z.object({
  languages: languageList,
  channels: channelList,
  topics: z.array(idField).default([]),
  offices: z.array(idField).default([]),
  active: z.literal('on').optional(),
});

/** Handing an appointment over to a colleague (counsellor or admin): whom, and why (for the log). */
export const handOverSchema = z.object({
  colleague: z.coerce
    .number({
      invalid_type_error: 'counselling:staff.errors.colleague',
      required_error: 'counselling:staff.errors.colleague',
    })
    .int('counselling:staff.errors.colleague')
    .positive('counselling:staff.errors.colleague'),
  reason: z
    .string({ required_error: 'counselling:booking.errors.reasonRequired' })
    .trim()
    .min(3, 'counselling:booking.errors.reasonRequired')
    .max(200, 'counselling:staff.errors.reasonShort'),
});

/** Moving an appointment on the person's behalf: the new start, from the slot list. */
export const moveForPersonSchema = z.object({
  start: instantField,
});

/** Why an admin opens an appointment's personal details (kept in the audit log). */
export const detailsReasonSchema = z.object({
  reason: z
    .string({ required_error: 'counselling:office.errors.reason' })
    .trim()
    .min(10, 'counselling:office.errors.reason')
    .max(200, 'counselling:office.errors.reason'),
});

/** Linking a counsellor profile to an existing counsellor account. */
export const linkAccountSchema = z.object({
  user: z.coerce
    .number({
      invalid_type_error: 'counselling:office.errors.account',
      required_error: 'counselling:office.errors.account',
    })
    .int('counselling:office.errors.account')
    .positive('counselling:office.errors.account'),
});

/** Inviting someone to a counsellor account for this profile. */
export const inviteCounsellorSchema = z.object({
  email: z
    .string({ required_error: 'counselling:booking.errors.emailInvalid' })
    .trim()
    .toLowerCase()
    .max(254, 'counselling:booking.errors.emailInvalid')
    .email('counselling:booking.errors.emailInvalid'),
});

/** An admin decides a counsellor's request. */
export const decideRequestSchema = z.object({
  request: idField,
  decision: z.enum(['approved', 'rejected'], {
    errorMap: () => ({ message: 'counselling:office.errors.decision' }),
  }),
  note: z.string().trim().max(500, 'counselling:team.errors.noteTooLong').optional(),
});

export const outcomeSchema = z.object({
  outcome: z.enum(['held', 'no_show'], {
    errorMap: () => ({ message: 'counselling:booking.errors.not_bookable' }),
  }),
});

/** Required text of min–max characters, with one message key for every way it can be wrong. */
const requiredText = (key: string, min: number, max: number) =>
  z
    .string({ required_error: `counselling:team.errors.${key}` })
    .trim()
    .min(min, `counselling:team.errors.${key}`)
    .max(max, `counselling:team.errors.${key}`);

/** The short name in an address (topic, office): fixed once made. */
const newSlugField = z
  .string({ required_error: 'counselling:team.errors.slug' })
  .trim()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'counselling:team.errors.slug')
  .max(60, 'counselling:team.errors.slug');

const minutes = (min: number, max: number) =>
  z.coerce
    .number({
      invalid_type_error: 'counselling:team.errors.number',
      required_error: 'counselling:team.errors.number',
    })
    .int('counselling:team.errors.number')
    .min(min, 'counselling:team.errors.number')
    .max(max, 'counselling:team.errors.number');

export const topicSettingsSchema = z.object({
  id: idField,
  slotMinutes: minutes(10, 240),
  bufferMinutes: minutes(0, 120),
  minNoticeMinutes: minutes(0, 20160),
  windowDays: minutes(1, 365),
  channels: channelList,
  active: z.literal('on').optional(),
});

export const newTopicSchema = z.object({
  slug: newSlugField,
  name: requiredText('name', 2, 120),
  description: z.string().trim().max(500, 'counselling:team.errors.noteTooLong').default(''),
  slotMinutes: minutes(10, 240),
  bufferMinutes: minutes(0, 120),
});

/** Opening hours per weekday as "09:00-12:00, 13:00-16:00" (empty: closed). */
const hoursField = z
  .string()
  .trim()
  .regex(
    /^(([01]\d|2[0-3]):[0-5]\d\s*[-–]\s*([01]\d|2[0-3]):[0-5]\d)(\s*,\s*([01]\d|2[0-3]):[0-5]\d\s*[-–]\s*([01]\d|2[0-3]):[0-5]\d)*$/,
    'counselling:team.errors.hours',
  )
  .optional();

export const officeSchema = z.object({
  id: optionalId,
  slug: newSlugField,
  name: requiredText('name', 2, 200),
  street: requiredText('street', 2, 200),
  postcode: z
    .string({ required_error: 'counselling:team.errors.postcode' })
    .trim()
    .regex(/^\d{5}$/, 'counselling:team.errors.postcode'),
  city: requiredText('city', 2, 100),
  accessible: z.literal('on').optional(),
  accessibilityNote: z.string().trim().max(500, 'counselling:team.errors.noteTooLong').optional(),
  hours1: hoursField,
  hours2: hoursField,
  hours3: hoursField,
  hours4: hoursField,
  hours5: hoursField,
  hours6: hoursField,
  hours7: hoursField,
  phone: z.string().trim().max(40, 'counselling:booking.errors.phoneInvalid').optional(),
  email: z.string().trim().email('counselling:booking.errors.emailInvalid').optional(),
  active: z.literal('on').optional(),
});

export const closureDaySchema = z.object({
  day: date('day'),
  name: requiredText('name', 2, 200),
  decided,
  resolutions: z.array(resolutionSchema).optional(),
});

/** The states the office's list of appointments filters by. */
export const OFFICE_STATUSES = ['pending', 'booked', 'cancelled', 'held', 'no_show'] as const;
