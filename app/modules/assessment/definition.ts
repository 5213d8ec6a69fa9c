import { z } from 'zod';
import { CATEGORIES, FORMATS, LEVELS, TIMES } from '../catalogue/schemas';

/**
 * The questionnaire is data (db/reference/assessment/vN.json, stored in
 * assessment_versions), not code: this schema is what every version must look like, and
 * the engine (engine.ts) only interprets it. Texts are i18next keys derived from the ids
 * (`assessment:q.<id>.label`, `…options.<value>`, `assessment:cando.<statement>`), so a
 * new version adds keys and never changes the meaning of an old one.
 */
export const CEFR = LEVELS;

/** The text key of an answer option: a shared scale's, else the question's own. */
export function optionKey(questionId: string, value: string, scale?: string): string {
  return scale ? `scales.${scale}.${value}` : `q.${questionId}.options.${value}`;
}
export type Cefr = (typeof CEFR)[number];
/** A language level as the engine computes it; below A1 is "none". */
export type Level = 'none' | Cefr;

export type Condition =
  | { q: string; in: string[] }
  | { answered: string }
  | { level: string; below: Cefr }
  | { level: string; atLeast: Cefr }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ q: z.string(), in: z.array(z.string()).min(1) }).strict(),
    z.object({ answered: z.string() }).strict(),
    z.object({ level: z.string(), below: z.enum(CEFR) }).strict(),
    z.object({ level: z.string(), atLeast: z.enum(CEFR) }).strict(),
    z.object({ all: z.array(conditionSchema) }).strict(),
    z.object({ any: z.array(conditionSchema).min(1) }).strict(),
    z.object({ not: conditionSchema }).strict(),
  ]),
);

/** The questions a condition looks at. */
export function referencedIds(cond: Condition): string[] {
  if ('all' in cond) return cond.all.flatMap(referencedIds);
  if ('any' in cond) return cond.any.flatMap(referencedIds);
  if ('not' in cond) return referencedIds(cond.not);
  return ['answered' in cond ? cond.answered : 'q' in cond ? cond.q : cond.level];
}

/** What an answer adds to the catalogue search (the search page's own vocabulary). */
export const filterSchema = z
  .object({
    category: z.array(z.enum(CATEGORIES)).optional(),
    time: z.array(z.enum(TIMES)).optional(),
    format: z.array(z.enum(FORMATS)).optional(),
    radius: z.number().int().min(1).max(200).optional(),
    maxPrice: z.number().int().min(0).optional(),
    costs: z.literal('free_or_funded').optional(),
    accessible: z.boolean().optional(),
  })
  .strict();
export type Filter = z.infer<typeof filterSchema>;

const id = z.string().regex(/^[a-z][a-z0-9_]*$/);
const option = z
  .object({
    value: z.string().regex(/^[a-z0-9_]+$/),
    filter: filterSchema.optional(),
    category: z.enum(CATEGORIES).optional(),
    // Word beginnings (umlauts folded: "buero") that mark an offer as belonging to what
    // this answer names, e.g. an occupational field's courses; see `preferFrom`.
    keywords: z
      .array(z.string().regex(/^[a-z0-9]+( [a-z0-9]+)*$/))
      .min(1)
      .optional(),
  })
  .strict();

const base = { id, showIf: conditionSchema.optional(), required: z.boolean().optional() };
const questionSchema = z.discriminatedUnion('type', [
  z
    .object({ ...base, type: z.literal('single'), options: z.array(option).min(2), scale: id.optional() })
    .strict(),
  z.object({ ...base, type: z.literal('multi'), options: z.array(option).min(2) }).strict(),
  z.object({ ...base, type: z.literal('language'), options: z.array(option).min(1) }).strict(),
  z.object({ ...base, type: z.literal('postcode') }).strict(),
  z
    .object({
      ...base,
      type: z.literal('cando'),
      levels: z.array(z.object({ level: z.enum(CEFR), statements: z.array(id).min(1) }).strict()).min(1),
    })
    .strict(),
]);
export type Question = z.infer<typeof questionSchema>;

const moduleSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z-]*$/),
    // Special category data (DSGVO Art. 9): asked only after a separate, explicit consent.
    sensitive: z.boolean().optional(),
    questions: z.array(questionSchema).min(1),
  })
  .strict();
export type Module = z.infer<typeof moduleSchema>;

export const definitionSchema = z
  .object({
    version: z.number().int().positive(),
    modules: z.array(moduleSchema).min(1),
    recommend: z.array(
      z
        .object({
          id,
          when: conditionSchema,
          filter: filterSchema,
          levelFrom: id.optional(),
          categoriesFrom: id.optional(),
          // Offers matching the chosen option's keywords come first (e.g. the person's
          // occupational field); nothing is left out because of it.
          preferFrom: id.optional(),
        })
        .strict(),
    ),
    hints: z.array(z.object({ id, when: conditionSchema }).strict()),
    topics: z.array(z.object({ slug: z.string(), when: conditionSchema }).strict()),
  })
  .strict()
  .superRefine((d, ctx) => {
    const ids = d.modules.flatMap((m) => m.questions.map((q) => q.id));
    const dup = ids.find((x, i) => ids.indexOf(x) !== i);
    if (dup) ctx.addIssue({ code: 'custom', message: `question ${dup} appears twice` });
    const known = new Set(ids);
    const conditions = [
      ...d.modules.flatMap((m) => m.questions.flatMap((q) => (q.showIf ? [q.showIf] : []))),
      ...d.recommend.map((r) => r.when),
      ...d.hints.map((h) => h.when),
      ...d.topics.map((t) => t.when),
    ];
    const refs = [
      ...d.recommend.flatMap((r) => [r.levelFrom, r.categoriesFrom, r.preferFrom]),
      ...conditions.flatMap(referencedIds),
    ];
    for (const ref of refs) {
      if (ref && !known.has(ref)) ctx.addIssue({ code: 'custom', message: `unknown question ${ref}` });
    }
  });
export type Definition = z.infer<typeof definitionSchema>;

/** Answers as stored: one string (single, language, postcode) or a list (multi, cando). */
export type Answers = Record<string, string | string[]>;
