import { z } from 'zod';
import { providerKinds } from '../accounts/schemas';
import { CATEGORIES, LEVELS } from '../catalogue/schemas';

/**
 * The offer and run forms of the provider area. Messages are keys of the `provider`
 * namespace (prefixed, as the form components translate in `account`). Empty fields become null; lists come as comma-separated text.
 */
export const OFFER_FUNDING = [
  'bildungsgutschein',
  'azav',
  'bildungsurlaub',
  'aufstiegs_bafoeg',
  'free',
  'other',
] as const;
export const OFFER_KINDS = ['course', 'measure'] as const;
/** Formal entry requirements (migration 0008); "none" in the form means "no formal requirement". */
export const ENTRY_REQUIREMENTS = [
  'school_certificate',
  'vocational_qualification',
  'professional_experience',
] as const;
export const SEATS_STATUSES = ['available', 'few', 'full', 'waiting_list'] as const;
/** The languages an offer's title and summary may be translated into (German is the original). */
export const TRANSLATION_LANGUAGES = ['en', 'tr', 'ar', 'uk', 'ru', 'ls'] as const;
export const INSTRUCTION_LANGUAGES = [
  'de',
  'en',
  'tr',
  'ar',
  'uk',
  'ru',
  'fr',
  'es',
  'it',
  'pl',
  'fa',
  'ro',
] as const;

const text = (max: number, requiredError = 'provider:errors.tooLong') =>
  z
    .string({ required_error: requiredError })
    .trim()
    .max(max, 'provider:errors.tooLong')
    .refine((s) => !/[\p{Cc}]/u.test(s.replace(/[\n\r\t]/g, '')), 'provider:errors.invalidCharacters');

const optionalText = (max: number) =>
  text(max)
    .optional()
    .transform((s) => (s ? s : null));

const commaList = z
  .string()
  .max(1000, 'provider:errors.tooLong')
  .optional()
  .transform((s) =>
    (s ?? '')
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean)
      .slice(0, 30),
  );

const emailField = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'provider:errors.tooLong')
  .optional()
  .transform((s) => s || null)
  .refine((s) => s === null || z.string().email().safeParse(s).success, 'provider:errors.emailInvalid');

const phoneField = optionalText(40).refine(
  (s) => s === null || /^[+\d][\d\s/()-]{4,}$/.test(s),
  'provider:errors.phoneInvalid',
);

/** An optional http(s) address; empty means none. */
const websiteField = z
  .string()
  .trim()
  .max(500, 'provider:errors.tooLong')
  .optional()
  .transform((s) => s || null)
  .refine((s) => s === null || /^https?:\/\/[^\s]+\.[^\s]+$/.test(s), 'provider:errors.websiteInvalid');

export const offerSchema = z
  .object({
    title: text(300, 'provider:errors.titleRequired').pipe(
      z.string().min(2, 'provider:errors.titleRequired'),
    ),
    subtitle: optionalText(300),
    summary: text(600, 'provider:errors.summaryRequired').pipe(
      z.string().min(10, 'provider:errors.summaryRequired'),
    ),
    description: text(20_000).optional().default(''),
    category: z.enum(CATEGORIES, { errorMap: () => ({ message: 'provider:errors.categoryRequired' }) }),
    kind: z.enum(OFFER_KINDS).default('course'),
    language: z.enum(INSTRUCTION_LANGUAGES, {
      errorMap: () => ({ message: 'provider:errors.languageRequired' }),
    }),
    cefrLevel: z
      .enum([...LEVELS, ''])
      .optional()
      .transform((s) => s || null),
    certificate: optionalText(300),
    funding: z
      .array(z.enum(OFFER_FUNDING))
      .optional()
      .transform((v) => [...new Set(v ?? [])]),
    accessibility: optionalText(2000),
    targetGroups: commaList,
    keywords: commaList,
    website: websiteField,
    courseNumber: optionalText(60),
    // Nothing ticked: the provider says nothing (null); "none": no formal requirement ([]).
    entryRequirements: z
      .array(
        z.enum(['none', ...ENTRY_REQUIREMENTS], {
          errorMap: () => ({ message: 'provider:errors.requirementsInvalid' }),
        }),
      )
      .optional()
      .transform((v) => [...new Set(v ?? [])]),
    entryCefrLevel: z
      .enum([...LEVELS, ''], { errorMap: () => ({ message: 'provider:errors.levelInvalid' }) })
      .optional()
      .transform((s) => s || null),
    entryNote: optionalText(1000),
    lateEntry: z
      .string()
      .optional()
      .transform((v) => v === 'on'),
    registrationUrl: websiteField,
    registrationEmail: emailField,
    registrationPhone: phoneField,
    registrationNote: optionalText(1000),
    azavMeasureNumber: optionalText(60),
    ...Object.fromEntries(
      TRANSLATION_LANGUAGES.flatMap((l) => [
        [`title_${l}`, optionalText(300)],
        [`summary_${l}`, optionalText(600)],
      ]),
    ),
  })
  .superRefine((o, ctx) => {
    if (o.entryRequirements.includes('none') && o.entryRequirements.length > 1)
      ctx.addIssue({
        code: 'custom',
        path: ['entryRequirements'],
        message: 'provider:errors.requirementsNoneAndSome',
      });
    if (o.azavMeasureNumber && !o.funding.includes('bildungsgutschein') && !o.funding.includes('azav'))
      ctx.addIssue({
        code: 'custom',
        path: ['azavMeasureNumber'],
        message: 'provider:errors.measureNumberWithoutAzav',
      });
  })
  .transform((o) => {
    const translations: Record<string, { title?: string; summary?: string }> = {};
    const record = o as Record<string, unknown>;
    for (const l of TRANSLATION_LANGUAGES) {
      const title = record[`title_${l}`] as string | null | undefined;
      const summary = record[`summary_${l}`] as string | null | undefined;
      if (title || summary)
        translations[l] = { ...(title ? { title } : {}), ...(summary ? { summary } : {}) };
    }
    const requirements = o.entryRequirements.filter((r) => r !== 'none');
    return {
      ...o,
      entryRequirements:
        o.entryRequirements.length === 0 ? null : (requirements as (typeof ENTRY_REQUIREMENTS)[number][]),
      translations,
    };
  });
export type OfferInput = z.output<typeof offerSchema>;

const isoDate = z
  .string({ required_error: 'provider:errors.dateInvalid' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'provider:errors.dateInvalid')
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    'provider:errors.dateInvalid',
  );
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'provider:errors.timeInvalid');

const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => (v === '' || v === undefined ? undefined : v), schema.optional());

export const runSchema = z
  .object({
    startsOn: isoDate,
    endsOn: optional(isoDate),
    weekdays: z
      .array(z.coerce.number().int().min(1).max(7))
      .optional()
      .transform((v) => [...new Set(v ?? [])].sort()),
    startsAt: optional(clock),
    endsAt: optional(clock),
    format: z.enum(['in_person', 'online', 'hybrid'], {
      errorMap: () => ({ message: 'provider:errors.formatRequired' }),
    }),
    venueId: optional(z.coerce.number().int().positive()),
    venueName: optionalText(200),
    venueStreet: optionalText(200),
    venuePostcode: optional(z.string().regex(/^\d{5}$/, 'provider:errors.postcodeInvalid')),
    venueCity: optionalText(100),
    venueAccessible: z
      .enum(['yes', 'no', ''])
      .optional()
      .transform((v) => (v === 'yes' ? true : v === 'no' ? false : null)),
    price: optional(
      z
        .string()
        .trim()
        .regex(/^\d{1,5}([.,]\d{1,2})?$/, 'provider:errors.priceInvalid')
        .transform((s) => Math.round(Number(s.replace(',', '.')) * 100)),
    ),
    priceNote: optionalText(200),
    seats: optional(
      z.coerce
        .number({ invalid_type_error: 'provider:errors.seatsInvalid' })
        .int('provider:errors.seatsInvalid')
        .min(0, 'provider:errors.seatsInvalid')
        .max(10_000, 'provider:errors.seatsInvalid'),
    ),
    sessions: z.string().max(20_000, 'provider:errors.tooLong').optional().default(''),
    registrationDeadline: optional(isoDate),
    teachingUnits: optional(
      z.coerce
        .number({ invalid_type_error: 'provider:errors.teachingUnitsInvalid' })
        .int('provider:errors.teachingUnitsInvalid')
        .min(1, 'provider:errors.teachingUnitsInvalid')
        .max(10_000, 'provider:errors.teachingUnitsInvalid'),
    ),
    seatsStatus: z
      .enum(['', ...SEATS_STATUSES], { errorMap: () => ({ message: 'provider:errors.seatsStatusInvalid' }) })
      .optional()
      .transform((v) => v || null),
  })
  .superRefine((run, ctx) => {
    if (run.registrationDeadline && run.registrationDeadline > (run.endsOn ?? run.startsOn))
      ctx.addIssue({
        code: 'custom',
        path: ['registrationDeadline'],
        message: 'provider:errors.deadlineAfterEnd',
      });
    if (run.endsOn && run.endsOn < run.startsOn)
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'provider:errors.endBeforeStart' });
    if (run.startsAt && run.endsAt && run.endsAt <= run.startsAt)
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'provider:errors.timeOrder' });
    if (run.format !== 'online' && !run.venueId && !run.venueName)
      ctx.addIssue({ code: 'custom', path: ['venueId'], message: 'provider:errors.venueRequired' });
    if (!run.venueId && run.venueName && (!run.venuePostcode || !run.venueCity))
      ctx.addIssue({
        code: 'custom',
        path: ['venuePostcode'],
        message: 'provider:errors.venueAddressRequired',
      });
  });
export type RunInput = z.output<typeof runSchema>;

export const duplicateSchema = z.object({
  shiftWeeks: z.coerce
    .number({ invalid_type_error: 'provider:errors.shiftInvalid' })
    .int('provider:errors.shiftInvalid')
    .min(0, 'provider:errors.shiftInvalid')
    .max(104, 'provider:errors.shiftInvalid'),
});

/** The same kinds a provider chooses at sign-up. */
export const PROVIDER_KINDS = providerKinds;

export const organisationSchema = z
  .object({
    name: text(200, 'provider:errors.nameRequired').pipe(z.string().min(2, 'provider:errors.nameRequired')),
    kind: z.enum(PROVIDER_KINDS, { errorMap: () => ({ message: 'provider:errors.kindRequired' }) }),
    description: text(2000).optional().default(''),
    street: optionalText(200),
    postcode: optional(z.string().regex(/^\d{5}$/, 'provider:errors.postcodeInvalid')).transform(
      (s) => s ?? null,
    ),
    city: optionalText(100),
    website: websiteField,
    email: emailField,
    phone: phoneField,
    azavNumber: optionalText(60),
    azavCertifier: optionalText(200),
    azavValidUntil: optional(isoDate).transform((s) => s ?? null),
  })
  .superRefine((o, ctx) => {
    if (o.azavNumber && !o.azavCertifier)
      ctx.addIssue({ code: 'custom', path: ['azavCertifier'], message: 'provider:errors.certifierRequired' });
  });
export type OrganisationInput = z.output<typeof organisationSchema>;

export const memberInviteSchema = z.object({
  email: z
    .string({ required_error: 'provider:errors.emailInvalid' })
    .trim()
    .toLowerCase()
    .max(254, 'provider:errors.tooLong')
    .email('provider:errors.emailInvalid'),
  role: z.enum(['owner', 'editor'], { errorMap: () => ({ message: 'provider:errors.memberRoleRequired' }) }),
});

/** Upload formats of the browser import (Open-vhs 1.2 XML, schema.org JSON-LD, CSV with German headers). */
export const IMPORT_FORMATS = ['openvhs', 'jsonld', 'csv'] as const;
