import { z } from 'zod';

import { CATEGORIES, FORMATS, FUNDING, LEVELS, SORTS, TIMES } from './vocabularies';

export {
  CATEGORIES,
  type Category,
  FACETS,
  type Facet,
  FORMATS,
  FUNDING,
  LEVELS,
  SORTS,
  TIMES,
} from './vocabularies';

/**
 * The search query, shared by the search page (GET form), the JSON API and every search
 * engine. One schema, so a URL means the same on the page and in the API.
 */

/** Accepts `a`, `a,b` and repeated parameters alike. */
function list<T extends readonly [string, ...string[]]>(values: T) {
  return z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).flatMap((x) => x.split(','))))
    .transform((v) => v.map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)).max(values.length))
    .transform((v) => [...new Set(v)]);
}

const freeText = (max: number) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? '').replace(/\s+/g, ' ').trim())
    // Control characters (NUL and friends) are never part of a search; PostgreSQL refuses NUL.
    .pipe(
      z
        .string()
        .max(max)
        .regex(/^[^\p{Cc}]*$/u, 'control'),
    );

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function isRealDay(v: string) {
  const at = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().startsWith(v);
}

const date = z
  .string()
  .optional()
  .transform((v) => (v ? v : undefined))
  .pipe(
    z
      .string()
      .regex(ISO_DAY, 'date')
      // A real calendar day: 2026-02-31 must not quietly become 3 March. zod runs this even
      // when the regex failed, and `toISOString` throws on an invalid date ("1", "2026-1-1"),
      // so it checks the shape itself and leaves that error to the regex.
      .refine((v) => !ISO_DAY.test(v) || isRealDay(v), 'date')
      .optional(),
  );

const flag = z
  .string()
  .optional()
  .transform((v) => v === '1' || v === 'true' || v === 'on');

export const searchQuerySchema = z
  .object({
    q: freeText(200),
    category: list(CATEGORIES),
    format: list(FORMATS),
    time: list(TIMES),
    funding: list(FUNDING),
    level: list(LEVELS),
    language: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform((v) => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).flatMap((x) => x.split(','))))
      .pipe(z.array(z.string().regex(/^[a-z]{2,3}$/, 'language')).max(20)),
    district: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
      .pipe(z.array(z.string().min(1).max(80)).max(30)),
    from: date,
    to: date,
    free: flag,
    maxPrice: z
      .string()
      .optional()
      .transform((v) => (v ? v : undefined))
      .pipe(z.coerce.number().int().min(0).max(100_000).optional()),
    accessible: flag,
    near: freeText(80),
    radius: z
      .string()
      .optional()
      .transform((v) => (v ? v : undefined))
      .pipe(z.coerce.number().int().min(1).max(200).default(10)),
    sort: z
      .string()
      .optional()
      .transform((v) => (v ? v : 'relevance'))
      .pipe(z.enum(SORTS)),
    past: flag,
    // Search the words as typed: no typo correction (the "search only for …" link).
    exact: flag,
    page: z
      .string()
      .optional()
      .transform((v) => (v ? v : undefined))
      .pipe(z.coerce.number().int().min(1).max(1000).default(1)),
    perPage: z
      .string()
      .optional()
      .transform((v) => (v ? v : undefined))
      .pipe(z.coerce.number().int().min(1).max(100).default(20)),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { path: ['to'], message: 'dateOrder' });

export type SearchQuery = z.output<typeof searchQuerySchema>;

/** Reads the query from URL search parameters (repeated keys become lists). */
export function parseSearchParams(params: URLSearchParams) {
  const raw: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    raw[key] = all.length > 1 ? all : (all[0] ?? '');
  }
  return searchQuerySchema.safeParse(raw);
}
