import { getSql, type Tx } from '../../../db/client.server';
import * as p from '../../../db/queries/case-plans.server';
import * as q from '../../../db/queries/cases.server';
import { generateToken } from '../../auth/tokens.server';
import { now, todayInBerlin } from '../../utils/clock.server';
import { AppError } from '../../utils/errors';
import { sharedForAppointment } from '../assessment/assessment.server';
import { audit } from '../audit/audit.server';
import type { CaseActor } from './access.server';
import { assertWritable, monthOf } from './cases.server';
import { CONSENTS, MAX_GOALS } from './codes';
import { CaseError } from './errors';
import { nextReview, onTime } from './monitoring';
import { activationProblems, type PlanFacts, pendingVersion, proposalProblems } from './plan-rules';
import type { AssessmentInput, CommitmentInput, MeasureInput } from './schemas';

/**
 * The assessment (every save a new revision) and the support plan (versions: a draft
 * the counsellor writes, frozen once proposed, active once agreed and activated). The
 * person agrees on their link (person.server.ts) or the counsellor records how they did.
 */

async function lockedCase(tx: Tx, actor: CaseActor) {
  const row = await q.caseById(tx, actor.row.id, { lock: true });
  if (
    !row ||
    row.erased_at ||
    (row.responsible_user_id !== actor.user.id && row.deputy_user_id !== actor.user.id)
  )
    throw new AppError('not_found');
  assertWritable(row);
  return row;
}

async function touched(
  tx: Tx,
  actor: CaseActor,
  action: string,
  detail: Record<string, string | number | boolean | null> = {},
) {
  await q.touchCase(tx, actor.row.id, now());
  await audit(tx, {
    action,
    actorUserId: actor.user.id,
    ip: actor.ip,
    targetType: 'case',
    targetId: actor.row.id,
    detail,
  });
}

// --- Assessment ---------------------------------------------------------------------------

function goalsOf(v: AssessmentInput) {
  return Array.from({ length: MAX_GOALS }, (_, i) => ({
    id: `g${i + 1}`,
    text: v[`goal${i + 1}` as 'goal1'] ?? '',
  })).filter((g) => g.text);
}

/**
 * Saves the assessment as a new revision (older ones stay as they were). Health is a
 * barrier only under its own standing consent. The self-assessment is imported only
 * while the person's sharing of it stands (and never its health part); an earlier
 * import is carried over.
 */
export async function saveAssessment(actor: CaseActor, v: AssessmentInput): Promise<number> {
  return getSql().begin(async (tx) => {
    const row = await lockedCase(tx, actor);
    const consents = await q.consentsOf(tx, row.id);
    const health = consents.some((c) => c.purpose === CONSENTS.health.purpose && !c.withdrawn_at);
    if (!health && (v.barriers.includes('health') || v.healthNote))
      throw new CaseError('health_consent_missing');
    const previous = (await p.assessmentsOf(tx, row.id)).at(-1);
    let selfAssessment = previous?.self_assessment ?? null;
    if (v.importSelfAssessment) {
      const shared = row.appointment_id
        ? await sharedForAppointment(row.appointment_id, actor.user.id)
        : null;
      if (!shared) throw new CaseError('no_shared_assessment');
      selfAssessment = shared;
    }
    const revision = await p.insertAssessment(tx, {
      caseId: row.id,
      content: {
        biography: v.biography,
        reason: v.reason,
        earlierMeasures: v.earlierMeasures,
        abilities: v.abilities,
        wishes: v.wishes,
        servicesInvolved: v.servicesInvolved,
        goals: goalsOf(v),
      },
      barriers: v.barriers,
      healthNote: v.healthNote ?? null,
      selfAssessment,
      by: actor.user.id,
      at: now(),
    });
    if (revision === 1) await q.insertTrace(tx, monthOf(now()), row.case_type, 'assessed');
    await touched(tx, actor, 'case.assessment_saved', { revision });
    return revision;
  });
}

/** Whether the case began with an appointment whose self-assessment the person shares. */
export function canImportSelfAssessment(actor: CaseActor): boolean {
  return actor.row.appointment_id !== null;
}

// --- Plan versions -------------------------------------------------------------------------

async function versions(tx: Tx, caseId: number) {
  const plans = await p.plansOf(tx, caseId);
  const measures = await p.measuresOf(
    tx,
    plans.map((x) => x.id),
  );
  const facts = plans.map((x): PlanFacts & { row: p.PlanRow } => ({
    version: x.version,
    proposedAt: x.proposed_at,
    agreedAt: x.agreed_at,
    activatedAt: x.activated_at,
    reviewOn: x.review_on,
    measures: measures.filter((m) => m.plan_id === x.id).length,
    row: x,
  }));
  return facts;
}

/** The draft the counsellor may change; anything else is frozen. */
async function draftOf(tx: Tx, caseId: number, version: number) {
  const all = await versions(tx, caseId);
  const plan = all.find((x) => x.version === version);
  if (!plan) throw new AppError('not_found');
  if (pendingVersion(all)?.version !== version || plan.proposedAt) throw new CaseError('plan_frozen');
  return plan.row;
}

/**
 * Starts a new version: the baseline from the latest assessment, measures and
 * commitments copied from the newest version (same keys), no review date yet — each
 * version's review date is chosen anew. Refused while a version waits (draft, proposed
 * or agreed): there is only ever one pending version.
 */
export async function startVersion(actor: CaseActor): Promise<number> {
  return getSql().begin(async (tx) => {
    const row = await lockedCase(tx, actor);
    const all = await versions(tx, row.id);
    if (pendingVersion(all)) throw new CaseError('draft_exists');
    const assessment = (await p.assessmentsOf(tx, row.id)).at(-1);
    if (!assessment) throw new CaseError('assessment_missing');
    const c = assessment.content;
    const previous = all.at(-1)?.row;
    const version = await p.insertPlan(tx, {
      caseId: row.id,
      assessmentId: assessment.id,
      baseline: {
        situation: [c.biography, c.reason].filter(Boolean).join('\n\n'),
        abilities: c.abilities ?? '',
        wishes: c.wishes ?? '',
        goals: c.goals,
      },
      reviewOn: null,
      textLanguage: previous?.text_language ?? row.text_language,
      by: actor.user.id,
      at: now(),
    });
    if (previous) {
      const plan = (await p.planByVersion(tx, row.id, version))!;
      for (const m of await p.measuresOf(tx, [previous.id]))
        await p.insertMeasure(
          tx,
          plan.id,
          {
            key: m.measure_key,
            goal: m.goal,
            startsOn: m.starts_on,
            durationWeeks: m.duration_weeks,
            personDoes: m.person_does,
            counsellorDoes: m.counsellor_does,
            providerDoes: m.provider_does,
            serviceDoes: m.service_does,
            runId: m.run_id,
            offerId: m.offer_id,
            offerSnapshot: m.offer_snapshot,
            resource: m.resource,
            reviewOn: m.review_on,
          },
          m.position,
        );
      for (const x of await p.commitmentsOf(tx, [previous.id]))
        await p.insertCommitment(
          tx,
          plan.id,
          { key: x.item_key, party: x.party, body: x.body, dueOn: x.due_on, binding: x.binding },
          x.position,
        );
    }
    await touched(tx, actor, 'case.plan_version_started', { version });
    return version;
  });
}

export async function saveDraftFacts(
  actor: CaseActor,
  version: number,
  v: { reviewOn?: string; textLanguage: string },
) {
  await getSql().begin(async (tx) => {
    await lockedCase(tx, actor);
    const plan = await draftOf(tx, actor.row.id, version);
    await p.updateDraftFacts(tx, plan.id, v.reviewOn ?? null, v.textLanguage);
    await touched(tx, actor, 'case.plan_edited', { version });
  });
}

const newKey = (prefix: 'm' | 'c') => `${prefix}${generateToken().slice(0, 8)}`;

/**
 * Adds or changes a measure of the draft. A catalogue run is stored with what it is now
 * (title, provider, dates), so the version reads the same when the catalogue changes.
 */
export async function saveMeasure(actor: CaseActor, version: number, v: MeasureInput) {
  await getSql().begin(async (tx) => {
    await lockedCase(tx, actor);
    const plan = await draftOf(tx, actor.row.id, version);
    const run = v.run ? await p.runForMeasure(tx, v.run) : null;
    if (v.run && !run) throw new CaseError('run_unavailable');
    const measure: p.NewMeasure = {
      key: v.key ?? newKey('m'),
      goal: v.goal,
      startsOn: v.startsOn ?? null,
      durationWeeks: v.durationWeeks ?? null,
      personDoes: v.personDoes ?? null,
      counsellorDoes: v.counsellorDoes ?? null,
      providerDoes: v.providerDoes ?? null,
      serviceDoes: v.serviceDoes ?? null,
      runId: run?.run_id ?? null,
      offerId: run?.offer_id ?? null,
      offerSnapshot: run
        ? {
            title: run.title,
            provider: run.provider,
            startsOn: run.starts_on,
            endsOn: run.ends_on,
            format: run.format,
            venue: run.venue,
          }
        : null,
      resource: v.resource ?? null,
      reviewOn: v.reviewOn ?? null,
    };
    if (v.key) {
      if (!(await p.updateMeasure(tx, plan.id, measure))) throw new AppError('not_found');
    } else await p.insertMeasure(tx, plan.id, measure);
    await touched(tx, actor, 'case.plan_edited', { version });
  });
}

export async function removeMeasure(actor: CaseActor, version: number, key: string) {
  await getSql().begin(async (tx) => {
    await lockedCase(tx, actor);
    const plan = await draftOf(tx, actor.row.id, version);
    if (!(await p.deleteMeasure(tx, plan.id, key))) throw new AppError('not_found');
    await touched(tx, actor, 'case.plan_edited', { version });
  });
}

export async function saveCommitment(actor: CaseActor, version: number, v: CommitmentInput) {
  await getSql().begin(async (tx) => {
    await lockedCase(tx, actor);
    const plan = await draftOf(tx, actor.row.id, version);
    if (v.key && !(await p.deleteCommitment(tx, plan.id, v.key))) throw new AppError('not_found');
    await p.insertCommitment(tx, plan.id, {
      key: v.key ?? newKey('c'),
      party: v.party,
      body: v.body,
      dueOn: v.dueOn ?? null,
      binding: v.binding,
    });
    await touched(tx, actor, 'case.plan_edited', { version });
  });
}

export async function removeCommitment(actor: CaseActor, version: number, key: string) {
  await getSql().begin(async (tx) => {
    await lockedCase(tx, actor);
    const plan = await draftOf(tx, actor.row.id, version);
    if (!(await p.deleteCommitment(tx, plan.id, key))) throw new AppError('not_found');
    await touched(tx, actor, 'case.plan_edited', { version });
  });
}

async function pendingFacts(tx: Tx, caseId: number, version: number) {
  const all = await versions(tx, caseId);
  const plan = all.find((x) => x.version === version);
  if (!plan) throw new AppError('not_found');
  return { all, plan };
}

/** Shows the draft to the person on their link; from then on it is frozen. */
export async function propose(actor: CaseActor, version: number) {
  await getSql().begin(async (tx) => {
    await lockedCase(tx, actor);
    const { plan } = await pendingFacts(tx, actor.row.id, version);
    await draftOf(tx, actor.row.id, version);
    const problems = proposalProblems(plan);
    if (problems.length) throw new CaseError(problems[0]!, problems);
    await p.setProposed(tx, plan.row.id, now());
    await touched(tx, actor, 'case.plan_proposed', { version });
  });
}

/** Takes a proposal the person has not agreed to back into the draft, to change it. */
export async function withdrawProposal(actor: CaseActor, version: number) {
  await getSql().begin(async (tx) => {
    await lockedCase(tx, actor);
    const { all, plan } = await pendingFacts(tx, actor.row.id, version);
    if (pendingVersion(all)?.version !== version || !plan.proposedAt || plan.agreedAt)
      throw new CaseError('plan_frozen');
    await p.setProposed(tx, plan.row.id, null);
    await touched(tx, actor, 'case.plan_proposal_withdrawn', { version });
  });
}

/** The counsellor records that the person agreed, and how (in the meeting, on paper). */
export async function recordAgreement(actor: CaseActor, version: number, how: 'in_meeting' | 'paper') {
  await getSql().begin(async (tx) => {
    await lockedCase(tx, actor);
    const { all, plan } = await pendingFacts(tx, actor.row.id, version);
    if (pendingVersion(all)?.version !== version || plan.agreedAt) throw new CaseError('plan_frozen');
    const problems = proposalProblems(plan);
    if (problems.length) throw new CaseError(problems[0]!, problems);
    await p.setAgreed(tx, plan.row.id, { at: now(), how, by: actor.user.id });
    await touched(tx, actor, 'case.plan_agreed', { version, how });
  });
}

/** Agreement on the person's own link (person.server.ts calls this with the case locked). */
export async function agreeOnLink(tx: Tx, row: q.CaseRow, version: number) {
  assertWritable(row);
  const { all, plan } = await pendingFacts(tx, row.id, version);
  if (pendingVersion(all)?.version !== version || !plan.proposedAt || plan.agreedAt)
    throw new CaseError('plan_frozen');
  await p.setAgreed(tx, plan.row.id, { at: now(), how: 'own_link', by: null });
  await q.touchCase(tx, row.id, now());
  await audit(tx, {
    action: 'case.plan_agreed',
    targetType: 'case',
    targetId: row.id,
    detail: { version, how: 'own_link' },
  });
}

/**
 * Puts a version in force: only the newest, only with a review date and the person's
 * agreement (the database refuses it otherwise too). The version before it is then
 * superseded without being touched.
 */
export async function activate(actor: CaseActor, version: number) {
  await getSql().begin(async (tx) => {
    const row = await lockedCase(tx, actor);
    const { all, plan } = await pendingFacts(tx, row.id, version);
    if (plan.activatedAt) throw new CaseError('plan_frozen');
    const problems = activationProblems(plan, all);
    if (problems.length) throw new CaseError(problems[0]!, problems);
    await p.setActivated(tx, plan.row.id, now());
    await q.insertTrace(tx, monthOf(now()), row.case_type, 'plan_activated');
    await touched(tx, actor, 'case.plan_activated', { version });
  });
}

// --- Monitoring -----------------------------------------------------------------------------

/** Records a review of the plan in force, with each measure's state and the next date. */
export async function recordReview(
  actor: CaseActor,
  v: { heldOn: string; summary: string; nextReviewOn?: string; status: Record<string, string> },
) {
  await getSql().begin(async (tx) => {
    const row = await lockedCase(tx, actor);
    const all = await versions(tx, row.id);
    const active = all.filter((x) => x.activatedAt).at(-1);
    if (!active) throw new CaseError('no_active_plan');
    const reviews = await p.reviewsOf(tx, row.id);
    const dueOn = nextReview(
      { reviewOn: active.reviewOn, activatedAt: active.activatedAt as Date },
      reviews.map((r) => ({
        planIsActive: r.plan_id === active.row.id,
        heldOn: r.held_on,
        nextReviewOn: r.next_review_on,
      })),
    );
    await p.insertReview(tx, {
      caseId: row.id,
      planId: active.row.id,
      dueOn,
      heldOn: v.heldOn,
      summary: v.summary,
      measureStatus: v.status,
      nextReviewOn: v.nextReviewOn ?? null,
      by: actor.user.id,
      at: now(),
    });
    await q.insertTrace(tx, monthOf(now()), row.case_type, 'review_held', onTime(dueOn, v.heldOn));
    await touched(tx, actor, 'case.review_recorded');
  });
}

/** The counsellor ticks one of their own commitments (or undoes a tick). */
export async function tickByCounsellor(actor: CaseActor, key: string, done: boolean) {
  await getSql().begin(async (tx) => {
    const row = await lockedCase(tx, actor);
    await p.setProgress(tx, row.id, key, done ? { at: now(), by: 'counsellor' } : null);
    await touched(tx, actor, 'case.step_ticked', { done });
  });
}

export async function answerComment(actor: CaseActor, body: string) {
  await getSql().begin(async (tx) => {
    const row = await lockedCase(tx, actor);
    await p.insertComment(tx, { caseId: row.id, planId: null, author: 'counsellor', body, at: now() });
    await touched(tx, actor, 'case.comment_added');
  });
}

/** The measure keys of the active plan (for the review form) and today, for defaults. */
export function reviewDefaults() {
  return { today: todayInBerlin() };
}
