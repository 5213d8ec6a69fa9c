import { type Db, getSql, inTransaction } from '../../../db/client.server';
import * as q from '../../../db/queries/assessment.server';
import type { SearchHit } from '../../../search/types';
import { generateToken, hashToken, looksLikeToken } from '../../auth/tokens.server';
import { now } from '../../utils/clock.server';
import { AppError } from '../../utils/errors';
import { getLogger } from '../../utils/logger.server';
import { audit } from '../audit/audit.server';
import { FUNDING, type SearchQuery, searchQuerySchema } from '../catalogue/schemas';
import { searchCatalogue } from '../catalogue/search.server';
import { type Answers, type Definition, definitionSchema } from './definition';
import {
  type DerivedResult,
  deriveResult,
  finishedResult,
  type Group,
  isModuleAnswered,
  moduleById,
  OVERVIEW,
  type PageErrors,
  type ResultSnapshot,
  readPage,
  resumeStep,
  SAVE,
  searchHref,
  shownOnPage,
  stepsOf,
  withoutSensitive,
  withPage,
} from './engine';
import { isFreeOrFunded, type Reason, reasonsFor } from './reasons';

/**
 * The self-assessment's rules: anonymous assessments reached by a secret link (only its
 * hash is stored), page by page against the version they were started with, a result
 * stored as it was computed, recommendations found live through the catalogue search.
 */

// Versions never change once stored, so a parsed definition can be kept for good.
const definitions = new Map<number, Definition>();

export async function definitionOf(db: Db, version: number): Promise<Definition> {
  const cached = definitions.get(version);
  if (cached) return cached;
  const raw = await q.versionDefinition(db, version);
  if (!raw) throw new Error(`Questionnaire version ${version} is not stored`);
  const def = definitionSchema.parse(raw);
  definitions.set(version, def);
  return def;
}

export interface OpenAssessment {
  id: number;
  def: Definition;
  answers: Answers;
  step: string;
  healthConsent: boolean;
  finished: boolean;
  finishedAt: Date | null;
  result: ResultSnapshot | null;
  userId: number | null;
}

function toOpen(row: q.AssessmentRow, def: Definition): OpenAssessment {
  return {
    id: row.id,
    def,
    answers: row.answers,
    step: row.step,
    healthConsent: row.health_consent_at !== null,
    finished: row.finished_at !== null,
    finishedAt: row.finished_at,
    result: row.result,
    userId: row.user_id,
  };
}

/** Starts an assessment with the newest questionnaire; the token is the person's link. */
export async function startAssessment(
  userId: number | null = null,
): Promise<{ token: string; step: string }> {
  const sql = getSql();
  const version = await q.latestVersion(sql);
  if (version === null) throw new Error('No questionnaire is stored');
  const def = await definitionOf(sql, version);
  const token = generateToken();
  const step = stepsOf(def)[0]!;
  await q.insertAssessment(sql, { tokenHash: hashToken(token), version, step, userId });
  return { token, step };
}

/** The assessment a link names, or 404 — an unknown and a deleted one look the same. */
export async function openAssessment(token: string): Promise<OpenAssessment> {
  const sql = getSql();
  const row = looksLikeToken(token) ? await q.assessmentByTokenHash(sql, hashToken(token)) : undefined;
  if (!row) throw new AppError('not_found');
  // Retention counts from the last opening, as the privacy notice says.
  await q.touch(sql, row.id);
  return toOpen(row, await definitionOf(sql, row.version));
}

const PAGE_INTENTS = ['next', 'back', 'later'] as const;
export type PageIntent = (typeof PAGE_INTENTS)[number];

export type PageOutcome =
  | { ok: true; goTo: string }
  | { ok: false; errors: PageErrors; answers: Answers; healthConsent: boolean };

/**
 * Saves one page. "Next" needs the page complete; "back" and "save for later" keep what
 * is valid and move on without asking for the rest. The sensitive module's answers are
 * kept only with its own consent; taking the consent back deletes them.
 */
export async function submitPage(
  a: OpenAssessment,
  step: string,
  form: FormData,
  intent: string,
): Promise<PageOutcome> {
  if (!isPageIntent(intent)) throw new AppError('bad_request');
  const module = moduleById(a.def, step);
  if (!module) throw new AppError('not_found');
  const { answers: page, errors } = readPage(a.def, module, form, a.answers);
  let healthConsent = a.healthConsent;
  if (module.sensitive) {
    healthConsent = form.get('consent') === 'on';
    // Answers without a consent ever given are refused; unticking a given consent
    // withdraws it, and the answers go.
    if (!healthConsent && Object.keys(page).length && !a.healthConsent) errors.consent = 'consent';
  }
  const kept = module.sensitive && !healthConsent ? {} : page;
  const blocking = Object.entries(errors).filter(([, e]) => intent === 'next' || e !== 'required');
  if (blocking.length) {
    // Show the page as submitted (the refused health answers too), not as stored.
    return {
      ok: false,
      errors: Object.fromEntries(blocking),
      answers: withPage(module, a.answers, page),
      healthConsent,
    };
  }
  const steps = stepsOf(a.def);
  const here = steps.indexOf(step);
  const goTo =
    intent === 'next' ? steps[here + 1]! : intent === 'back' ? steps[Math.max(0, here - 1)]! : step;
  const answers = withPage(module, a.answers, kept);
  await inTransaction(getSql(), async (tx) => {
    await q.saveAnswers(tx, a.id, {
      answers,
      step: intent === 'later' ? step : goTo,
      healthConsent: module.sensitive ? healthConsent : a.healthConsent,
    });
    // A withdrawn consent also takes the health part out of a result already made.
    if (module.sensitive && !healthConsent && a.result)
      await q.saveResult(tx, a.id, finishedResult(a.def, answers));
  });
  return { ok: true, goTo: intent === 'later' ? SAVE : goTo };
}

/** Finishing needs at least one goal; everything else may stay open. Stores the result. */
export async function finishAssessment(
  a: OpenAssessment,
): Promise<{ ok: true } | { ok: false; missing: string }> {
  const firstGap = a.def.modules
    .flatMap((m) => m.questions.filter((x) => x.required && !(x.id in a.answers)).map(() => m.id))
    .at(0);
  if (firstGap) return { ok: false, missing: firstGap };
  const answers = a.healthConsent ? a.answers : withoutSensitive(a.def, a.answers);
  await q.saveResult(getSql(), a.id, finishedResult(a.def, answers));
  return { ok: true };
}

function isPageIntent(intent: string): intent is PageIntent {
  return (PAGE_INTENTS as readonly string[]).includes(intent);
}

/** What the page of one step shows, or null for a step this questionnaire doesn't have. */
export function pageOf(a: OpenAssessment, step: string) {
  const module = moduleById(a.def, step);
  if (!module && step !== OVERVIEW) return null;
  return {
    steps: stepsOf(a.def),
    answered: Object.fromEntries(a.def.modules.map((m) => [m.id, isModuleAnswered(m, a.answers)])),
    questions: module ? shownOnPage(module, a.answers, a.def) : [],
    sensitive: Boolean(module?.sensitive),
    // The overview shows the answers as the result will word them.
    profile: module ? null : deriveResult(a.def, a.answers).profile,
  };
}

export async function deleteByToken(a: OpenAssessment) {
  await q.deleteAssessment(getSql(), a.id);
}

// --- Recommendations --------------------------------------------------------------------

export interface Recommendation {
  hit: SearchHit;
  reasons: Reason[];
}
export interface RecommendationGroup {
  id: string;
  hits: Recommendation[];
  /** Nothing met every limit: these were found with the time of day and distance widened. */
  widened: boolean;
  /** The catalogue search with this group's filters. */
  searchHref: string;
}

const PER_GROUP = 5;
/** The funding filter values that pay for a course (Bildungsurlaub is paid leave). */
const FUNDED = FUNDING.filter((f) => f !== 'bildungsurlaub');

function queryFor(
  group: Group,
  limits: DerivedResult['limits'],
  widen: boolean,
  placeKnown: boolean,
): SearchQuery {
  const base = searchQuerySchema.parse({}) as SearchQuery;
  const near = placeKnown ? limits.near : undefined;
  return {
    ...base,
    category: group.filter.category ?? [],
    level: group.filter.level ?? [],
    time: widen ? [] : (limits.time ?? []),
    format: limits.format ?? [],
    accessible: Boolean(limits.accessible),
    maxPrice: limits.maxPrice,
    near: near ?? '',
    radius: near ? Math.min(200, (limits.radius ?? 10) * (widen ? 3 : 1)) : base.radius,
    sort: near ? 'distance' : 'start',
    perPage: PER_GROUP,
  };
}

/**
 * "Free or funded" is two searches, because the catalogue's filters combine with AND:
 * free runs, and runs of offers with a funding that pays for the course. The union is
 * ordered as the search orders (distance, else start).
 */
async function searchGroup(query: SearchQuery, costs: boolean): Promise<SearchHit[]> {
  if (!costs) return (await searchCatalogue(query, { log: false })).hits;
  const [free, funded] = await Promise.all([
    searchCatalogue({ ...query, free: true }, { log: false }),
    searchCatalogue({ ...query, funding: FUNDED }, { log: false }),
  ]);
  const byId = new Map<number, SearchHit>();
  for (const h of [...free.hits, ...funded.hits]) if (!byId.has(h.id)) byId.set(h.id, h);
  const key = (h: SearchHit) =>
    query.sort === 'distance' ? (h.run.distanceKm ?? Number.POSITIVE_INFINITY) : (h.run.startsOn ?? '9999');
  return [...byId.values()]
    .filter(isFreeOrFunded)
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
    .slice(0, PER_GROUP);
}

export async function recommend(
  result: ResultSnapshot,
): Promise<{ groups: RecommendationGroup[]; placeUnknown: boolean }> {
  let placeKnown = Boolean(result.limits.near);
  const groups: RecommendationGroup[] = [];
  for (const group of result.groups) {
    const costs = result.limits.costs === 'free_or_funded';
    let hits: SearchHit[] = [];
    let widened = false;
    for (const widen of [false, true]) {
      try {
        hits = await searchGroup(queryFor(group, result.limits, widen, placeKnown), costs);
      } catch (error) {
        // A postcode the table doesn't know: search without a place and say so.
        if (!(error instanceof AppError && error.code === 'location_not_found')) throw error;
        placeKnown = false;
        hits = await searchGroup(queryFor(group, result.limits, widen, false), costs);
      }
      widened = widen;
      if (hits.length) break;
    }
    groups.push({
      id: group.id,
      widened,
      searchHref: searchHref(group, result.limits),
      hits: hits.map((hit) => ({ hit, reasons: reasonsFor(hit, group, result) })),
    });
  }
  return { groups, placeUnknown: Boolean(result.limits.near) && !placeKnown };
}

// --- Account --------------------------------------------------------------------------

export async function keepInAccount(a: OpenAssessment, userId: number) {
  // Someone else's kept assessment can't be taken over by knowing its link.
  if (a.userId !== null && a.userId !== userId) throw new AppError('not_found');
  await q.setOwner(getSql(), a.id, userId);
}

export async function ownAssessments(userId: number) {
  return q.assessmentsOfUser(getSql(), userId);
}

/**
 * Opens an assessment kept in the account. The stored hash can't give the old link back,
 * so a new link is made (the old one stops working). Someone else's id answers 404.
 */
export async function reopenOwn(userId: number, id: number): Promise<{ token: string; step: string }> {
  const row = await ownRow(userId, id);
  const token = generateToken();
  await q.rotateToken(getSql(), id, hashToken(token));
  return { token, step: resumeStep(row.finished_at !== null, row.step) };
}

export async function deleteOwn(userId: number, id: number) {
  await ownRow(userId, id);
  await q.deleteAssessment(getSql(), id);
}

/** An assessment kept in this user's account; anyone else's, or none, is not found. */
async function ownRow(userId: number, id: number) {
  const row = await q.assessmentById(getSql(), id);
  if (!row || row.user_id !== userId) throw new AppError('not_found');
  return row;
}

// --- Sharing with the counsellor --------------------------------------------------------

/** The id of a finished assessment behind a link, for the booking's consent; else undefined. */
export async function sharableAssessmentId(token: string): Promise<number | undefined> {
  if (!looksLikeToken(token)) return undefined;
  const row = await q.assessmentByTokenHash(getSql(), hashToken(token));
  return row?.finished_at ? row.id : undefined;
}

/**
 * The result a counsellor may see for their appointment: only while the person's consent
 * stands. Each read is audited, like a read of case data.
 */
export async function sharedForAppointment(
  appointmentId: number,
  counsellorUserId: number,
): Promise<ResultSnapshot['shared'] | null> {
  const sql = getSql();
  const result = await q.sharedResultOf(sql, appointmentId);
  if (!result) return null;
  await audit(sql, {
    action: 'assessment.read',
    outcome: 'success',
    actorUserId: counsellorUserId,
    targetType: 'appointment',
    targetId: appointmentId,
  });
  return result.shared;
}

export async function withdrawSharing(appointmentId: number): Promise<void> {
  await q.withdrawShare(getSql(), appointmentId);
}

/** Nightly: assessments untouched for `days` are deleted (see the query for exceptions). */
export async function eraseStaleAssessments(days: number): Promise<number> {
  const n = await q.deleteStaleAssessments(getSql(), new Date(now().getTime() - days * 86_400_000));
  if (n) getLogger().info({ deleted: n }, 'Deleted stale self-assessments');
  return n;
}
