import {
  type Answers,
  CEFR,
  type Cefr,
  type Condition,
  type Definition,
  type Filter,
  type Level,
  type Module,
  type Question,
  referencedIds,
} from './definition';

/**
 * Interprets a questionnaire version: which questions show, what a submitted page means,
 * and what the answers lead to. Pure and client-safe; no text, only keys and values.
 */

const LEVEL_ORDER: Level[] = ['none', ...CEFR];

export function moduleById(def: Definition, id: string): Module | undefined {
  return def.modules.find((m) => m.id === id);
}

function findQuestion(def: Definition, id: string): Question | undefined {
  for (const m of def.modules) for (const q of m.questions) if (q.id === id) return q;
  return undefined;
}

function listOf(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/**
 * The level a can-do question shows: the highest level whose statements are all ticked,
 * with every level below it ticked as well ("none" when not even A1). Undefined when the
 * question was not shown (a first language) or not answered at all.
 */
export function levelOf(def: Definition, questionId: string, answers: Answers): Level | undefined {
  const q = findQuestion(def, questionId);
  if (q?.type !== 'cando' || !(questionId in answers)) return undefined;
  const ticked = new Set(listOf(answers[questionId]));
  let level: Level = 'none';
  for (const l of q.levels) {
    if (!l.statements.every((s) => ticked.has(s))) break;
    level = l.level;
  }
  return level;
}

function rank(level: Level): number {
  return LEVEL_ORDER.indexOf(level);
}

export function holds(cond: Condition, answers: Answers, def: Definition): boolean {
  if ('all' in cond) return cond.all.every((c) => holds(c, answers, def));
  if ('any' in cond) return cond.any.some((c) => holds(c, answers, def));
  if ('not' in cond) return !holds(cond.not, answers, def);
  if ('answered' in cond) return listOf(answers[cond.answered]).length > 0;
  if ('q' in cond) return listOf(answers[cond.q]).some((v) => cond.in.includes(v));
  const level = levelOf(def, cond.level, answers);
  if (level === undefined) return false;
  return 'below' in cond ? rank(level) < rank(cond.below) : rank(level) >= rank(cond.atLeast);
}

export function visibleQuestions(module: Module, answers: Answers, def: Definition): Question[] {
  return module.questions.filter((q) => !q.showIf || holds(q.showIf, answers, def));
}

/**
 * The questions a page shows. One that depends on an answer on the same page is always
 * shown (the page must work without JavaScript); the server drops its answer when the
 * condition is not met.
 */
export function shownOnPage(module: Module, answers: Answers, def: Definition): Question[] {
  const own = new Set(module.questions.map((q) => q.id));
  return module.questions.filter(
    (q) => !q.showIf || holds(q.showIf, answers, def) || referencedIds(q.showIf).some((id) => own.has(id)),
  );
}

/** The modules a person goes through, in order; the last step is the overview. */
export function stepsOf(def: Definition): string[] {
  return [...def.modules.map((m) => m.id), OVERVIEW];
}
/**
 * The link of an assessment that has no row yet: started, nothing saved. Its pages show
 * the newest questionnaire empty; the first answer saved creates the row and its real link
 * (until then there is nothing to keep, and a script starting assessments fills no table).
 */
export const NEW_ASSESSMENT = 'neu';
export const OVERVIEW = 'ueberblick';
/** The pages after the questions: the result and "save and continue later". */
export const RESULT = 'ergebnis';
export const SAVE = 'speichern';

/** The address of one page of an assessment; the token is the person's key. */
export function assessmentPath(token: string, page: string): string {
  return `/selbsteinschaetzung/${token}/${page}`;
}

/** Where a person continues: the result once there is one, else the page they reached. */
export function resumeStep(finished: boolean, step: string): string {
  return finished ? RESULT : step;
}

export type PageErrors = Record<string, 'required' | 'invalid' | 'consent'>;

/**
 * Reads one submitted page. Values that are not the question's own are refused (the form
 * could have been tampered with), a required question must be answered, a postcode has
 * five digits. Questions hidden by an earlier answer on the same page are dropped, so a
 * changed mind leaves no stale answer behind.
 */
export function readPage(
  def: Definition,
  module: Module,
  form: { getAll(name: string): unknown[] },
  previous: Answers,
): { answers: Answers; errors: PageErrors } {
  const errors: PageErrors = {};
  const page: Answers = {};
  for (const q of module.questions) {
    const raw = form
      .getAll(q.id)
      .map((v) => (typeof v === 'string' ? v.trim() : ''))
      .filter(Boolean);
    if (q.type === 'postcode') {
      const v = raw[0];
      if (v && !/^\d{5}$/.test(v)) errors[q.id] = 'invalid';
      else if (v) page[q.id] = v;
    } else if (q.type === 'cando') {
      const allowed = new Set(q.levels.flatMap((l) => l.statements));
      if (raw.some((v) => !allowed.has(v))) errors[q.id] = 'invalid';
      // A can-do list is answered even when nothing is ticked: that says "not yet A1".
      else page[q.id] = [...new Set(raw)];
    } else {
      const allowed = new Set(q.options.map((o) => o.value));
      if (raw.some((v) => !allowed.has(v)) || (q.type !== 'multi' && raw.length > 1))
        errors[q.id] = 'invalid';
      else if (raw.length) page[q.id] = q.type === 'multi' ? [...new Set(raw)] : raw[0]!;
    }
  }
  const merged = { ...previous, ...page };
  for (const q of module.questions) if (!(q.id in page)) delete merged[q.id];
  const shown = new Set(visibleQuestions(module, merged, def).map((q) => q.id));
  for (const q of module.questions) {
    if (!shown.has(q.id)) {
      delete page[q.id];
      delete errors[q.id];
    } else if (q.required && !(q.id in page) && !errors[q.id]) errors[q.id] = 'required';
  }
  return { answers: page, errors };
}

/** Replaces one module's answers, keeping the others. */
export function withPage(module: Module, answers: Answers, page: Answers): Answers {
  const next = { ...answers };
  for (const q of module.questions) delete next[q.id];
  return { ...next, ...page };
}

export function isModuleAnswered(module: Module, answers: Answers): boolean {
  return module.questions.some((q) => q.id in answers);
}

/** One line of the profile: a question's short label and what was answered. */
export interface ProfileItem {
  question: string;
  kind: 'options' | 'text' | 'level' | 'language';
  values: string[];
  /** Options named by a shared scale (`assessment:scales.<scale>.<value>`). */
  scale?: string;
}
export interface ProfileSection {
  module: string;
  sensitive: boolean;
  items: ProfileItem[];
}

export interface Group {
  id: string;
  filter: Filter & { level?: Cefr[] };
  /** The answer whose keywords put matching offers first (`preferFrom`). */
  prefer?: { question: string; value: string; keywords: string[] };
}

/** What the answers lead to, computed by `deriveResult`. */
export interface DerivedResult {
  version: number;
  profile: ProfileSection[];
  levels: Record<string, Level>;
  groups: Group[];
  /** The limits every group shares (times, place, budget, format, access). */
  limits: Filter & { near?: string };
  hints: string[];
  topic: string | null;
}

/** What finishing stores: everything needed to show the result as it was. */
export interface ResultSnapshot extends DerivedResult {
  /**
   * What a counsellor may see with the person's consent: computed without the sensitive
   * module's answers, so no hint or item derived from health data is in it.
   */
  shared: { profile: ProfileSection[]; hints: string[] };
}

function merge(into: Filter, add: Filter | undefined): Filter {
  if (!add) return into;
  const out: Filter = { ...into };
  for (const key of ['category', 'time', 'format'] as const) {
    if (add[key]) out[key] = [...new Set([...(out[key] ?? []), ...add[key]!])] as never;
  }
  if (add.radius !== undefined) out.radius = add.radius;
  if (add.maxPrice !== undefined) out.maxPrice = Math.min(out.maxPrice ?? add.maxPrice, add.maxPrice);
  if (add.costs) out.costs = add.costs;
  if (add.accessible) out.accessible = true;
  return out;
}

/** The course levels that fit a person's level: theirs and the next one. */
export function courseLevels(level: Level): Cefr[] {
  if (level === 'none') return ['A1'];
  const i = CEFR.indexOf(level);
  return CEFR.slice(i, Math.min(i + 2, CEFR.length));
}

function preferenceOf(def: Definition, questionId: string, answers: Answers): Group['prefer'] {
  const q = findQuestion(def, questionId);
  const value = listOf(answers[questionId])[0];
  const option = q && 'options' in q ? q.options.find((o) => o.value === value) : undefined;
  return option?.keywords
    ? { question: questionId, value: option.value, keywords: option.keywords }
    : undefined;
}

export function deriveResult(def: Definition, answers: Answers): DerivedResult {
  const levels: Record<string, Level> = {};
  const profile: ProfileSection[] = [];
  let limits: Filter & { near?: string } = {};
  for (const m of def.modules) {
    const items: ProfileItem[] = [];
    for (const q of visibleQuestions(m, answers, def)) {
      const values = listOf(answers[q.id]);
      if (!(q.id in answers)) continue;
      if (q.type === 'cando') {
        const level = levelOf(def, q.id, answers)!;
        levels[q.id] = level;
        items.push({ question: q.id, kind: 'level', values: [level] });
        continue;
      }
      if (q.type === 'postcode') {
        limits.near = values[0];
        items.push({ question: q.id, kind: 'text', values });
        continue;
      }
      for (const o of q.options) if (values.includes(o.value)) limits = merge(limits, o.filter);
      if (values.length)
        items.push({
          question: q.id,
          kind: q.type === 'language' ? 'language' : 'options',
          values,
          ...(q.type === 'single' && q.scale ? { scale: q.scale } : {}),
        });
    }
    if (items.length) profile.push({ module: m.id, sensitive: Boolean(m.sensitive), items });
  }
  // A radius means nothing without a place.
  if (!limits.near) delete limits.radius;

  const groups: Group[] = [];
  for (const r of def.recommend) {
    if (!holds(r.when, answers, def)) continue;
    let filter: Group['filter'] = { ...r.filter };
    if (r.categoriesFrom) {
      const q = findQuestion(def, r.categoriesFrom);
      const chosen = listOf(answers[r.categoriesFrom]);
      const cats =
        q && 'options' in q
          ? q.options.filter((o) => chosen.includes(o.value) && o.category).map((o) => o.category!)
          : [];
      if (cats.length) filter = { ...filter, category: [...new Set(cats)] };
    }
    if (r.levelFrom && levels[r.levelFrom] !== undefined) {
      const l = courseLevels(levels[r.levelFrom]!);
      if (l.length) filter = { ...filter, level: l };
    }
    const prefer = r.preferFrom ? preferenceOf(def, r.preferFrom, answers) : undefined;
    groups.push({ id: r.id, filter, ...(prefer ? { prefer } : {}) });
  }

  const topic = def.topics.find((t) => holds(t.when, answers, def))?.slug ?? null;
  return {
    version: def.version,
    profile,
    levels,
    groups,
    limits,
    hints: def.hints.filter((h) => holds(h.when, answers, def)).map((h) => h.id),
    topic,
  };
}

/**
 * The catalogue search page with a group's filters, for "more offers like these". "Free or
 * funded" has no single filter there, so the price is left to the page's own facet.
 */
export function searchHref(group: Group, limits: DerivedResult['limits']): string {
  const params = new URLSearchParams();
  const add = (key: string, values: readonly string[] | undefined) => {
    if (values?.length) params.set(key, values.join(','));
  };
  add('category', group.filter.category);
  add('level', group.filter.level);
  add('time', limits.time);
  add('format', limits.format);
  if (limits.near) {
    params.set('near', limits.near);
    if (limits.radius) params.set('radius', String(limits.radius));
    params.set('sort', 'distance');
  }
  if (limits.maxPrice !== undefined) params.set('maxPrice', String(limits.maxPrice));
  if (limits.accessible) params.set('accessible', '1');
  return `/angebote?${params}`;
}

/** The answers without those of sensitive modules (health: never shared, kept only with consent). */
export function withoutSensitive(def: Definition, answers: Answers): Answers {
  const out = { ...answers };
  for (const m of def.modules) if (m.sensitive) for (const q of m.questions) delete out[q.id];
  return out;
}

/** The result to store on finishing: the person's own, plus the part they may share. */
export function finishedResult(def: Definition, answers: Answers): ResultSnapshot {
  const shareable = deriveResult(def, withoutSensitive(def, answers));
  return { ...deriveResult(def, answers), shared: { profile: shareable.profile, hints: shareable.hints } };
}
