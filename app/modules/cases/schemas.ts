import { z } from 'zod';
import { supportedLanguages } from '../../i18n';
import { isValidDate } from '../../utils/zoned';
import { CASE_TYPE_IDS, type CaseType } from './case-types';
import {
  AGE_BANDS,
  ATTAINMENT,
  BARRIERS,
  CLOSE_REASONS,
  DURATION_BANDS,
  MAX_GOALS,
  MEASURE_STATUS,
  RECORDED_HOW,
  TALLY_CHANNELS,
  TALLY_OUTCOMES,
} from './codes';

/**
 * The forms of case work, shared by the pages and the module. Messages are keys in the
 * `cases` namespace. Free text is trimmed, control characters refused (they have no
 * business in a file and PostgreSQL refuses NUL).
 */
const e = (key: string) => `cases:errors.${key}`;

// Control characters other than tab and line breaks.
const CONTROL = /(?![\t\n\r])\p{Cc}/u;

function baseText(max: number, required: string) {
  return z
    .string({ required_error: e(required), invalid_type_error: e(required) })
    .trim()
    .max(max, e('tooLong'))
    .refine((s) => !CONTROL.test(s), e('control'));
}

/** Free text that must be there (`required` names the message when it isn't). */
function text(max: number, required: string) {
  return baseText(max, required).pipe(z.string().min(1, e(required)));
}

function optionalText(max: number) {
  return baseText(max, 'tooLong').optional();
}

const optionalDate = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined))
  .pipe(z.string().refine(isValidDate, e('date')).optional());

const requiredDate = (key: string) =>
  z
    .string({ required_error: e(key) })
    .trim()
    .min(1, e(key))
    .refine(isValidDate, e('date'));

const id = z.coerce
  .number({ message: e('choose') })
  .int(e('choose'))
  .positive(e('choose'))
  .max(Number.MAX_SAFE_INTEGER, e('choose'));
const optionalId = z
  .string()
  .optional()
  .transform((v) => (v ? v : undefined))
  .pipe(id.optional());

const portalLanguage = z.enum(supportedLanguages, { errorMap: () => ({ message: e('language') }) });
const isoLanguage = z
  .string()
  .trim()
  .regex(/^[a-z]{2,3}$/, e('language'));
const flag = z
  .string()
  .optional()
  .transform((v) => v === 'on');

/** One screen, under 30 seconds: the anonymous tally of a short counselling. */
export const tallySchema = z.object({
  appointment: optionalId,
  topic: optionalId,
  channel: z.enum(TALLY_CHANNELS, { errorMap: () => ({ message: e('channel') }) }),
  duration: z.enum(DURATION_BANDS, { errorMap: () => ({ message: e('duration') }) }),
  language: isoLanguage,
  outcome: z.enum(TALLY_OUTCOMES, { errorMap: () => ({ message: e('outcome') }) }),
  district: optionalText(80),
  ageBand: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(z.enum(AGE_BANDS, { errorMap: () => ({ message: e('ageBand') }) }).optional()),
});

const CONTACT_ORIGINS = ['walk_in', 'phone', 'video', 'other'] as const;

/**
 * Opening a case. The consent to documentation is required: without it the form comes
 * back (422) and no case row exists.
 */
export const openCaseSchema = z
  .object({
    appointment: optionalId,
    origin: z.enum(CONTACT_ORIGINS, { errorMap: () => ({ message: e('origin') }) }).optional(),
    caseType: z.enum(CASE_TYPE_IDS as [CaseType, ...CaseType[]], {
      errorMap: () => ({ message: e('caseType') }),
    }),
    topic: optionalId,
    name: text(200, 'nameRequired'),
    email: z.string().trim().toLowerCase().max(254, e('email')).email(e('email')).optional(),
    phone: z
      .string()
      .trim()
      .max(40, e('phone'))
      .regex(/^\+?[0-9][0-9 ()/-]{4,}$/, e('phone'))
      .optional(),
    locale: portalLanguage,
    textLanguage: isoLanguage,
    consent: z.literal('on', { errorMap: () => ({ message: e('consentRequired') }) }),
    consentHow: z.enum(RECORDED_HOW, { errorMap: () => ({ message: e('consentHow') }) }),
    consentLanguage: portalLanguage,
  })
  .superRefine((v, ctx) => {
    if (!v.appointment && !v.origin) ctx.addIssue({ code: 'custom', path: ['origin'], message: e('origin') });
  });

export type OpenCaseInput = z.infer<typeof openCaseSchema>;

const goals = Object.fromEntries(
  Array.from({ length: MAX_GOALS }, (_, i) => [`goal${i + 1}`, optionalText(500)]),
) as Record<`goal${1 | 2 | 3 | 4 | 5}`, ReturnType<typeof optionalText>>;

/** The intake and assessment; each save is a new revision. */
export const assessmentSchema = z
  .object({
    biography: optionalText(4000),
    reason: text(2000, 'reasonRequired'),
    earlierMeasures: optionalText(2000),
    abilities: optionalText(2000),
    wishes: optionalText(2000),
    servicesInvolved: optionalText(1000),
    ...goals,
    barriers: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
      .pipe(z.array(z.enum(BARRIERS, { errorMap: () => ({ message: e('barrier') }) })))
      .transform((v) => [...new Set(v)]),
    healthNote: optionalText(2000),
    importSelfAssessment: flag,
  })
  .superRefine((v, ctx) => {
    if (!Array.from({ length: MAX_GOALS }, (_, i) => v[`goal${i + 1}` as 'goal1']).some(Boolean))
      ctx.addIssue({ code: 'custom', path: ['goal1'], message: e('goalRequired') });
    if (v.healthNote && !v.barriers.includes('health'))
      ctx.addIssue({ code: 'custom', path: ['healthNote'], message: e('healthNoteWithoutBarrier') });
  });

export type AssessmentInput = z.infer<typeof assessmentSchema>;

/** A measure of the plan: a catalogue run or an informal resource (or neither), never both. */
export const measureSchema = z
  .object({
    key: z
      .string()
      .regex(/^m[0-9a-z]{1,20}$/)
      .optional(),
    goal: text(1000, 'measureGoalRequired'),
    startsOn: optionalDate,
    durationWeeks: z
      .string()
      .optional()
      .transform((v) => (v ? v : undefined))
      .pipe(
        z.coerce
          .number({ message: e('weeks') })
          .int(e('weeks'))
          .min(1, e('weeks'))
          .max(260, e('weeks'))
          .optional(),
      ),
    personDoes: optionalText(1000),
    counsellorDoes: optionalText(1000),
    providerDoes: optionalText(1000),
    serviceDoes: optionalText(1000),
    run: optionalId,
    resource: optionalText(500),
    reviewOn: optionalDate,
  })
  .superRefine((v, ctx) => {
    if (v.run && v.resource)
      ctx.addIssue({ code: 'custom', path: ['resource'], message: e('runOrResource') });
    if (!v.personDoes && !v.counsellorDoes && !v.providerDoes && !v.serviceDoes)
      ctx.addIssue({ code: 'custom', path: ['personDoes'], message: e('whoDoesWhat') });
  });

export type MeasureInput = z.infer<typeof measureSchema>;

export const commitmentSchema = z.object({
  key: z
    .string()
    .regex(/^c[0-9a-z]{1,20}$/)
    .optional(),
  party: z.enum(['person', 'counsellor'], { errorMap: () => ({ message: e('party') }) }),
  body: text(1000, 'commitmentRequired'),
  dueOn: optionalDate,
  binding: flag,
});

export type CommitmentInput = z.infer<typeof commitmentSchema>;

export const planFactsSchema = z.object({
  reviewOn: optionalDate,
  textLanguage: isoLanguage,
});

export const agreementSchema = z.object({
  how: z.enum(RECORDED_HOW, { errorMap: () => ({ message: e('agreedHow') }) }),
});

/** A review: what was found, each measure's state, and when to look again. */
export function reviewSchema(measureKeys: readonly string[]) {
  return z.object({
    heldOn: requiredDate('heldOn'),
    summary: text(4000, 'summaryRequired'),
    nextReviewOn: optionalDate,
    ...Object.fromEntries(
      measureKeys.map((k) => [
        `status_${k}`,
        z.enum(MEASURE_STATUS, { errorMap: () => ({ message: e('measureStatus') }) }),
      ]),
    ),
  });
}

/** Closing: a reason, and an attainment code for every core goal and every measure. */
export function closeSchema(goalIds: readonly string[], measureKeys: readonly string[]) {
  const code = z.enum(ATTAINMENT, { errorMap: () => ({ message: e('attainment') }) });
  return z.object({
    reason: z.enum(CLOSE_REASONS, { errorMap: () => ({ message: e('closeReason') }) }),
    ...Object.fromEntries(goalIds.map((g) => [`goal_${g}`, code])),
    ...Object.fromEntries(measureKeys.map((m) => [`measure_${m}`, code])),
  });
}

export const handoverSchema = z.object({
  to: id,
  reason: text(1000, 'reasonRequired').pipe(z.string().min(3, e('reasonRequired'))),
});

export const deputySchema = z.object({ deputy: optionalId });

export const noteSchema = z.object({ body: text(4000, 'noteRequired') });
export const entrySchema = z.object({ body: text(8000, 'noteRequired') });

export const stepSchema = z.object({
  title: text(200, 'stepRequired'),
  after: optionalId,
  days: z.coerce
    .number({ message: e('days') })
    .int(e('days'))
    .min(0, e('days'))
    .max(730, e('days')),
});

export const restrictSchema = z.object({
  reason: text(1000, 'reasonRequired').pipe(z.string().min(3, e('reasonRequired'))),
});

export const healthConsentSchema = z.object({
  consent: z.literal('on', { errorMap: () => ({ message: e('consentRequired') }) }),
  consentHow: z.enum(RECORDED_HOW, { errorMap: () => ({ message: e('consentHow') }) }),
  consentLanguage: portalLanguage,
});

export const commentSchema = z.object({ body: text(2000, 'commentRequired') });

const rating = z
  .string()
  .optional()
  .transform((v) => (v ? v : undefined))
  .pipe(z.coerce.number().int().min(1).max(4).optional());

export const feedbackSchema = z.object({
  helpful: rating,
  heard: rating,
  own_plan: rating,
  recommend: z
    .string()
    .optional()
    .transform((v) => (v === 'yes' ? true : v === 'no' ? false : undefined)),
});

export const reassignSchema = z.object({
  from: id,
  to: id,
  reason: text(1000, 'reasonRequired').pipe(z.string().min(3, e('reasonRequired'))),
});
