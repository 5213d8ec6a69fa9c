import { z } from 'zod';

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
    .enum(['citizen', 'provider', 'counsellor', 'admin', ''])
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

export const idSchema = z.coerce.number().int().positive();

export function parseQuery<S extends z.ZodTypeAny>(schema: S, request: Request): z.infer<S> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const result = schema.safeParse(params);
  if (!result.success) throw new Response('bad request', { status: 400 });
  return result.data;
}
