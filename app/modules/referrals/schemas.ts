import { z } from 'zod';
import { supportedLanguages } from '../../i18n';
import { isValidDate } from '../../utils/zoned';
import { AGE_BANDS } from '../cases/codes';
import { CATEGORIES } from '../catalogue/schemas';
import { CEFR_LEVELS, DATA_CATEGORIES, DROPOUT_REASONS, REJECT_REASONS } from './rules';

/** The forms of referrals (counsellor, person, provider) and the API body. Messages are keys of `referrals:errors`. */
const e = (key: string) => `referrals:errors.${key}`;
const CONTROL = /(?![\t\n\r])\p{Cc}/u;

function text(min: number, max: number, key: string) {
  return z
    .string({ required_error: e(key), invalid_type_error: e(key) })
    .trim()
    .min(min, e(key))
    .max(max, e('tooLong'))
    .refine((s) => !CONTROL.test(s), e('control'));
}
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalId = z.preprocess(
  blankToUndefined,
  z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
);
const optionalDate = z.preprocess(
  blankToUndefined,
  z.string().trim().refine(isValidDate, e('date')).optional(),
);
const list = <T extends readonly [string, ...string[]]>(values: T, key: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .pipe(z.array(z.enum(values, { errorMap: () => ({ message: e(key) }) })))
    .transform((v) => [...new Set(v)]);

export const prepareSchema = z
  .object({
    measureKey: z
      .string({ required_error: e('measure'), invalid_type_error: e('measure') })
      .regex(/^m[0-9a-z]{1,20}$/, e('measure')),
    target: z.enum(['run', 'provider'], { errorMap: () => ({ message: e('target') }) }),
    providerId: optionalId,
    purpose: text(3, 500, 'purposeRequired'),
    categories: list(DATA_CATEGORIES, 'categories').pipe(z.array(z.string()).min(1, e('categories'))),
    languageLevel: z.preprocess(
      blankToUndefined,
      z.enum(CEFR_LEVELS, { errorMap: () => ({ message: e('languageLevel') }) }).optional(),
    ),
    affiliationReason: z.preprocess(blankToUndefined, text(10, 1000, 'affiliationReason').optional()),
  })
  .superRefine((v, ctx) => {
    if (v.target === 'provider' && !v.providerId)
      ctx.addIssue({ code: 'custom', path: ['providerId'], message: e('providerRequired') });
    if (v.categories.includes('language_level') && !v.languageLevel)
      ctx.addIssue({ code: 'custom', path: ['languageLevel'], message: e('languageLevel') });
  });

export const recordConsentSchema = z.object({
  consent: z.literal('on', { errorMap: () => ({ message: e('consentRequired') }) }),
  consentHow: z.enum(['in_meeting', 'paper'], { errorMap: () => ({ message: e('consentHow') }) }),
  consentLanguage: z.enum(supportedLanguages, { errorMap: () => ({ message: e('language') }) }),
  validUntil: optionalDate,
});

export const MOVE_TARGETS = ['accepted', 'rejected', 'started', 'completed', 'dropped_out'] as const;

export const moveSchema = z
  .object({
    state: z.enum(MOVE_TARGETS, { errorMap: () => ({ message: e('state') }) }),
    reason: z.preprocess(blankToUndefined, z.string().optional()),
    startOn: optionalDate,
  })
  .superRefine((v, ctx) => {
    if (v.state === 'rejected' && !(REJECT_REASONS as readonly string[]).includes(v.reason ?? ''))
      ctx.addIssue({ code: 'custom', path: ['reason'], message: e('reasonRequired') });
    if (v.state === 'dropped_out' && !(DROPOUT_REASONS as readonly string[]).includes(v.reason ?? ''))
      ctx.addIssue({ code: 'custom', path: ['reason'], message: e('reasonRequired') });
    if (v.state === 'accepted' && !v.startOn)
      ctx.addIssue({ code: 'custom', path: ['startOn'], message: e('startOnRequired') });
  });

export const GAP_CONSTRAINTS = [
  'time',
  'cost',
  'level',
  'distance',
  'language',
  'accessibility',
  'childcare',
] as const;

export const gapSchema = z.object({
  category: z.enum(CATEGORIES, { errorMap: () => ({ message: e('category') }) }),
  district: z.preprocess(blankToUndefined, text(1, 80, 'tooLong').optional()),
  constraint: z.enum(GAP_CONSTRAINTS, { errorMap: () => ({ message: e('constraint') }) }),
});

/**
 * The case conference: the coded facts come from the file; the free texts are only what
 * the counsellor typed or reviewed in this form (blank parts are left out), and the
 * counsellor confirms the whole summary identifies no one.
 */
export const conferenceSchema = z.object({
  heldOn: z
    .string({ required_error: e('date'), invalid_type_error: e('date') })
    .trim()
    .refine(isValidDate, e('date')),
  ageBand: z.preprocess(
    blankToUndefined,
    z.enum(AGE_BANDS, { errorMap: () => ({ message: e('ageBand') }) }).optional(),
  ),
  situation: z.preprocess(blankToUndefined, text(1, 2000, 'tooLong').optional()),
  measures: z
    .array(z.preprocess(blankToUndefined, text(1, 500, 'tooLong').optional()))
    .max(50)
    .optional()
    .transform((v) => (v ?? []).filter((s): s is string => s !== undefined)),
  reviewed: z.literal('on', { errorMap: () => ({ message: e('reviewedRequired') }) }),
});
export type ConferenceInput = z.output<typeof conferenceSchema>;
