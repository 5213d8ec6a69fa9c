import { type Db, getSql, inTransaction } from '../../../db/client.server';
import * as q from '../../../db/queries/assessment.server';
import type { SearchHit } from '../../../search/types';
import { consume, LIMITS, throttleKey } from '../../auth/throttle.server';
import { generateToken, hashToken, looksLikeToken } from '../../auth/tokens.server';
import { now, todayInBerlin } from '../../utils/clock.server';
import { AppError } from '../../utils/errors';
import { getLogger } from '../../utils/logger.server';
import { audit } from '../audit/audit.server';
import { antiAbuseOn } from '../booking/abuse.server';
import { type SearchQuery, searchQuerySchema } from '../catalogue/schemas';
import { searchCatalogue } from '../catalogue/search.server';
import { sendMail } from '../mail/mail.server';
import { type Answers, type Definition, definitionSchema } from './definition';
import {
  type DerivedResult,
  deriveResult,
  finishedResult,
  type Group,
  isModuleAnswered,
  moduleById,
  NEW_ASSESSMENT,
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
import {
  checkFit,
  diversify,
  type EntryRequirement,
  matchesPreference,
  type OfferFacts,
  type Payer,
  type Person,
  personOf,
} from './fit';
import { type Reason, reasonsFor } from './reasons';

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

export { NEW_ASSESSMENT };

/** An assessment as its pages see it: `id` null while nothing is saved (the `neu` link). */
export type PageAssessment = Omit<OpenAssessment, 'id'> & { id: number | null };

/**
 * "Start": counted per IP like booking (an office's shared address starts many, a script
 * hundreds) and nothing stored; the first page opens under the `neu` link.
 */
export async function beginAssessment(ip: string | null): Promise<{ token: string; step: string }> {
  const sql = getSql();
  await throttleStarts(sql, 'assessment-start-ip', ip);
  return { token: NEW_ASSESSMENT, step: stepsOf(await newestDefinition(sql))[0]! };
}

async function throttleStarts(sql: ReturnType<typeof getSql>, scope: string, ip: string | null) {
  if (!antiAbuseOn() || !ip) return;
  await consume(sql, [{ key: await throttleKey(sql, scope, ip), limit: LIMITS.assessmentIp }]);
}

async function newestDefinition(sql: Db): Promise<Definition> {
  const version = await q.latestVersion(sql);
  if (version === null) throw new Error('No questionnaire is stored');
  return definitionOf(sql, version);
}

/** The pages of the `neu` link: the newest questionnaire, nothing answered. */
export async function openNewAssessment(): Promise<PageAssessment> {
  const def = await newestDefinition(getSql());
  return {
    id: null,
    def,
    answers: {},
    step: stepsOf(def)[0]!,
    healthConsent: false,
    finished: false,
    finishedAt: null,
    result: null,
    userId: null,
  };
}

/** Opens the assessment a link names; the `neu` link is the one not saved yet. */
export async function openPageAssessment(token: string): Promise<PageAssessment> {
  return token === NEW_ASSESSMENT ? openNewAssessment() : openAssessment(token);
}

/**
 * Starts an assessment with a row at once (a kept or reopened one, and tests); the token is
 * the person's link. People starting on the page get the `neu` link instead.
 */
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
  /** `token`: the link to go on with (a fresh one once the first answer created the row). */
  | { ok: true; goTo: string; token?: string }
  | { ok: false; errors: PageErrors; answers: Answers; healthConsent: boolean };

/**
 * Saves one page. "Next" needs the page complete; "back" and "save for later" keep what
 * is valid and move on without asking for the rest. The sensitive module's answers are
 * kept only with its own consent; taking the consent back deletes them.
 */
export async function submitPage(
  a: PageAssessment,
  step: string,
  form: FormData,
  intent: string,
  who: { ip: string | null } = { ip: null },
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
  if (a.id === null) {
    // Not saved yet: still nothing to keep, unless the person asked for a link to come back.
    if (Object.keys(answers).length === 0 && intent !== 'later') return { ok: true, goTo };
    const sql = getSql();
    await throttleStarts(sql, 'assessment-create-ip', who.ip);
    const token = generateToken();
    const version = a.def.version;
    await inTransaction(sql, async (tx) => {
      const id = await q.insertAssessment(tx, { tokenHash: hashToken(token), version, step, userId: null });
      await q.saveAnswers(tx, id, {
        answers,
        step: intent === 'later' ? step : goTo,
        healthConsent: module.sensitive ? healthConsent : false,
      });
    });
    return { ok: true, goTo: intent === 'later' ? SAVE : goTo, token };
  }
  const id = a.id;
  await inTransaction(getSql(), async (tx) => {
    await q.saveAnswers(tx, id, {
      answers,
      step: intent === 'later' ? step : goTo,
      healthConsent: module.sensitive ? healthConsent : a.healthConsent,
    });
    // A withdrawn consent also takes the health part out of a result already made.
    if (module.sensitive && !healthConsent && a.result)
      await q.saveResult(tx, id, finishedResult(a.def, answers));
  });
  return { ok: true, goTo: intent === 'later' ? SAVE : goTo };
}

/** Finishing needs at least one goal; everything else may stay open. Stores the result. */
export async function finishAssessment(
  a: PageAssessment,
): Promise<{ ok: true } | { ok: false; missing: string }> {
  const firstGap = a.def.modules
    .flatMap((m) => m.questions.filter((x) => x.required && !(x.id in a.answers)).map(() => m.id))
    .at(0);
  if (firstGap) return { ok: false, missing: firstGap };
  // Nothing saved has nothing answered: the questionnaire always asks for a goal.
  if (a.id === null) return { ok: false, missing: stepsOf(a.def)[0]! };
  const answers = a.healthConsent ? a.answers : withoutSensitive(a.def, a.answers);
  await q.saveResult(getSql(), a.id, finishedResult(a.def, answers));
  return { ok: true };
}

function isPageIntent(intent: string): intent is PageIntent {
  return (PAGE_INTENTS as readonly string[]).includes(intent);
}

/** What the page of one step shows, or null for a step this questionnaire doesn't have. */
export function pageOf(a: PageAssessment, step: string) {
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

/**
 * Mails the assessment's link to an address the person types in, in their language.
 * The address is not stored with the assessment; it lives only in the mail job until
 * sent (and, for an hour, as a keyed hash in the throttle table). Throttled per IP and
 * per address like booking, so the form can't be used to flood someone's inbox.
 */
export async function sendLinkByMail(input: {
  email: string;
  link: string;
  locale: string;
  ip: string | null;
}) {
  const sql = getSql();
  if (antiAbuseOn()) {
    const limits = [
      { key: await throttleKey(sql, 'assessment-link-email', input.email), limit: LIMITS.bookingEmail },
    ];
    if (input.ip)
      limits.push({ key: await throttleKey(sql, 'assessment-link-ip', input.ip), limit: LIMITS.bookingIp });
    await consume(sql, limits);
  }
  await sendMail(sql, input.email, 'assessmentLink', input.locale, { link: input.link });
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
  /**
   * Offers were left out because they need something the person didn't say (a
   * qualification, work experience, a German level): answering would let them in.
   */
  unansweredExcluded: boolean;
  /** The catalogue search with this group's filters. */
  searchHref: string;
}

const PER_GROUP = 5;
/**
 * The search has no filter for entry requirements, chosen weekdays or who pays, so each
 * group asks for this many candidates and the rules here pick from them (fit.ts).
 */
const CANDIDATES = 60;

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
    perPage: CANDIDATES,
  };
}

/**
 * The funding filters worth a second search for "free or funded" (the catalogue's
 * filters combine with AND, so free runs are one search and funded offers another):
 * only those that could pay for this person. "other" finds integration courses, which
 * providers often tag so.
 */
function fundingSearchFor(person: Person): SearchQuery['funding'] {
  const funding: SearchQuery['funding'] = [];
  if (person.employment === 'unemployed_registered') funding.push('bildungsgutschein');
  if (person.has.has('vocational_qualification')) funding.push('aufstiegs_bafoeg');
  if (person.german && person.german !== 'native' && ['none', 'A1', 'A2'].includes(person.german))
    funding.push('other');
  return funding;
}

/** The candidates of one search pass, in the search's order (distance, else start). */
async function candidatesFor(
  query: SearchQuery,
  funding: SearchQuery['funding'] | null,
): Promise<SearchHit[]> {
  if (!funding) return (await searchCatalogue(query, { log: false })).hits;
  const [free, funded] = await Promise.all([
    searchCatalogue({ ...query, free: true }, { log: false }),
    funding.length ? searchCatalogue({ ...query, funding }, { log: false }) : null,
  ]);
  const byId = new Map<number, SearchHit>();
  for (const h of [...free.hits, ...(funded?.hits ?? [])]) if (!byId.has(h.id)) byId.set(h.id, h);
  const key = (h: SearchHit) =>
    query.sort === 'distance' ? (h.run.distanceKm ?? Number.POSITIVE_INFINITY) : (h.run.startsOn ?? '9999');
  return [...byId.values()].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function toFacts(row: q.OfferFactsRow): OfferFacts {
  return {
    entryRequirements: row.entry_requirements as EntryRequirement[] | null,
    entryCefrLevel: row.entry_cefr_level,
    keywords: row.keywords,
    integrationCourse: row.integration_course,
    azav: row.azav,
    weekendSessions: row.weekend_sessions,
  };
}

interface Picked {
  hit: SearchHit;
  facts: OfferFacts;
  payer: Payer | null;
}

/**
 * One pass for one group: the search's candidates, their facts in one query, then only
 * those this person can join, pay for and (unless widened) attend at the chosen times;
 * offers of the preferred field first, and at most two per provider while others fit.
 */
async function pickFor(
  group: Group,
  result: ResultSnapshot,
  person: Person,
  query: SearchQuery,
  widened: boolean,
): Promise<{ picked: Picked[]; unansweredExcluded: boolean }> {
  const costs = result.limits.costs === 'free_or_funded';
  const hits = await candidatesFor(query, costs ? fundingSearchFor(person) : null);
  const rows = await q.offerFacts(
    getSql(),
    hits.map((h) => ({ offerId: h.id, runId: h.run.id })),
    todayInBerlin(),
  );
  const factsOf = new Map(rows.map((r) => [r.offer_id, toFacts(r)]));
  let unansweredExcluded = false;
  const fitting: Picked[] = [];
  for (const hit of hits) {
    const facts = factsOf.get(hit.id);
    // Gone between the search and this query (unpublished a moment ago): leave it out.
    if (!facts) continue;
    const fit = checkFit(hit, facts, person, result.limits, { strictTimes: !widened });
    if (fit.ok) fitting.push({ hit, facts, payer: fit.payer });
    else if (fit.why === 'requirementsUnknown' || fit.why === 'languageUnknown') unansweredExcluded = true;
  }
  const preferred = fitting.filter((p) => matchesPreference(p.hit, p.facts, group.prefer));
  const others = fitting.filter((p) => !preferred.includes(p));
  return {
    picked: diversify([...preferred, ...others], (p) => p.hit.provider.id, PER_GROUP),
    unansweredExcluded,
  };
}

export async function recommend(
  result: ResultSnapshot,
): Promise<{ groups: RecommendationGroup[]; placeUnknown: boolean }> {
  let placeKnown = Boolean(result.limits.near);
  const person = personOf(result);
  const groups: RecommendationGroup[] = [];
  for (const group of result.groups) {
    let picked: Picked[] = [];
    let widened = false;
    let unansweredExcluded = false;
    for (const widen of [false, true]) {
      let pass: Awaited<ReturnType<typeof pickFor>>;
      try {
        pass = await pickFor(group, result, person, queryFor(group, result.limits, widen, placeKnown), widen);
      } catch (error) {
        // A postcode the table doesn't know: search without a place and say so.
        if (!(error instanceof AppError && error.code === 'location_not_found')) throw error;
        placeKnown = false;
        pass = await pickFor(group, result, person, queryFor(group, result.limits, widen, false), widen);
      }
      picked = pass.picked;
      unansweredExcluded ||= pass.unansweredExcluded;
      widened = widen;
      if (picked.length) break;
    }
    groups.push({
      id: group.id,
      widened,
      unansweredExcluded,
      searchHref: searchHref(group, result.limits),
      hits: picked.map(({ hit, facts, payer }) => ({
        hit,
        reasons: reasonsFor(hit, group, result, { facts, person, payer }),
      })),
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
