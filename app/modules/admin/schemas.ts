import { z } from 'zod';
import { newTopicSchema, topicSettingsSchema } from '../booking/schemas';
import { CATEGORIES } from '../catalogue/schemas';

/** Query and form schemas of the admin pages. A bad value is a 400, never a guess. */
const page = z.coerce.number().int().min(1).max(10_000).default(1);
const optionalText = z
  .string()
  .trim()
  .max(100)
  .transform((s) => s || undefined)
  .optional();

export const userFilterSchema = z.object({
  q: optionalText,
  role: z
    .enum(['citizen', 'provider', 'counsellor', 'planner', 'admin', ''])
    .optional()
    .transform((s) => s || undefined),
  status: z
    .enum(['active', 'disabled', ''])
    .optional()
    .transform((s) => s || undefined),
  page,
});

export const providerFilterSchema = z.object({
  q: optionalText,
  status: z
    .enum(['pending', 'approved', 'suspended', ''])
    .optional()
    .transform((s) => s || undefined),
  page,
});

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(Date.parse(s)))
  .optional()
  .or(z.literal('').transform(() => undefined));

export const auditFilterSchema = z.object({
  action: z
    .string()
    .trim()
    .max(80)
    .regex(/^[a-z0-9_.:-]*$/)
    .optional()
    .transform((s) => s || undefined),
  outcome: z
    .enum(['success', 'failure', 'denied', ''])
    .optional()
    .transform((s) => s || undefined),
  actor: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  targetType: optionalText,
  targetId: optionalText,
  from: day,
  to: day,
  before: z.coerce.number().int().positive().optional(),
});

export const mailFilterSchema = z.object({
  state: z
    .enum(['created', 'retry', 'active', 'completed', 'cancelled', 'failed', ''])
    .optional()
    .transform((s) => s || undefined),
});

export const offerFilterSchema = z.object({
  q: optionalText,
  status: z
    .enum(['draft', 'published', 'archived', 'review', 'taken_down', ''])
    .optional()
    .transform((s) => s || undefined),
  provider: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  category: z
    .enum([...CATEGORIES, ''])
    .optional()
    .transform((s) => s || undefined),
  since: day,
  page,
});

export const idSchema = z.coerce.number().int().positive();

/** The reason an admin gives for taking something down; it goes to the provider by mail. */
export const reasonSchema = z
  .string({ required_error: 'admin.reasonRequired' })
  .trim()
  .min(5, 'admin.reasonRequired')
  .max(2000, 'admin.reasonTooLong');

/** Approving a provider: the admin confirms having checked its details. */
export const approveProviderSchema = z.object({
  confirm: z.literal('on', {
    errorMap: () => ({ message: 'admin.providers.review.confirmRequired' }),
  }),
});

export const suspendProviderSchema = z.object({ reason: reasonSchema });

/**
 * The counselling set-up's topic forms, as the booking module defines them, with errors
 * that name the allowed range ("zwischen 10 und 240 Minuten"). The bounds are read from
 * the booking schema; the texts carry them in words (a unit test keeps both in step).
 */
export const RANGE_MESSAGES = {
  slotMinutes: 'admin.setup.errors.slotMinutes',
  bufferMinutes: 'admin.setup.errors.bufferMinutes',
  minNoticeMinutes: 'admin.setup.errors.minNoticeMinutes',
  windowDays: 'admin.setup.errors.windowDays',
} as const;

function ranged(field: z.ZodTypeAny, message: string) {
  if (!(field instanceof z.ZodNumber) || field.minValue === null || field.maxValue === null)
    throw new Error(`not a bounded number: ${message}`);
  return z.coerce
    .number({ invalid_type_error: message, required_error: message })
    .int(message)
    .min(field.minValue, message)
    .max(field.maxValue, message);
}

export const topicFormSchema = topicSettingsSchema.extend({
  slotMinutes: ranged(topicSettingsSchema.shape.slotMinutes, RANGE_MESSAGES.slotMinutes),
  bufferMinutes: ranged(topicSettingsSchema.shape.bufferMinutes, RANGE_MESSAGES.bufferMinutes),
  minNoticeMinutes: ranged(topicSettingsSchema.shape.minNoticeMinutes, RANGE_MESSAGES.minNoticeMinutes),
  windowDays: ranged(topicSettingsSchema.shape.windowDays, RANGE_MESSAGES.windowDays),
});

export const newTopicFormSchema = newTopicSchema.extend({
  slotMinutes: ranged(newTopicSchema.shape.slotMinutes, RANGE_MESSAGES.slotMinutes),
  bufferMinutes: ranged(newTopicSchema.shape.bufferMinutes, RANGE_MESSAGES.bufferMinutes),
});

export function parseQuery<S extends z.ZodTypeAny>(schema: S, request: Request): z.infer<S> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const result = schema.safeParse(params);
  if (!result.success) throw new Response('bad request', { status: 400 });
  return result.data;
}
