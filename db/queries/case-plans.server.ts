import type { Db } from '../client.server';

/**
 * The assessment's revisions and the plan's versions with their measures and
 * commitments; ticks, reviews and comments. A version is written once and then only
 * its proposal, agreement and activation times are set — never after a newer version
 * exists (the module checks that; see docs/decisions/014-case-work.md).
 */

export interface AssessmentContent {
  biography?: string;
  reason?: string;
  earlierMeasures?: string;
  abilities?: string;
  wishes?: string;
  servicesInvolved?: string;
  goals: { id: string; text: string }[];
}

export interface AssessmentRow {
  id: number;
  revision: number;
  content: AssessmentContent;
  barriers: string[];
  health_note: string | null;
  self_assessment: unknown;
  created_at: Date;
}

export async function assessmentsOf(db: Db, caseId: number): Promise<AssessmentRow[]> {
  return db<AssessmentRow[]>`
    select id, revision, content, barriers, health_note, self_assessment, created_at
    from case_assessments where case_id = ${caseId} order by revision`;
}

export async function insertAssessment(
  db: Db,
  a: {
    caseId: number;
    content: AssessmentContent;
    barriers: string[];
    healthNote: string | null;
    selfAssessment: unknown;
    by: number;
    at: Date;
  },
): Promise<number> {
  const [row] = await db<{ revision: number }[]>`
    insert into case_assessments (case_id, revision, content, barriers, health_note, self_assessment, created_by, created_at)
    values (${a.caseId},
      (select coalesce(max(revision), 0) + 1 from case_assessments where case_id = ${a.caseId}),
      ${db.json(a.content as never)}, ${a.barriers}, ${a.healthNote},
      ${a.selfAssessment === null ? null : db.json(a.selfAssessment as never)}, ${a.by}, ${a.at})
    returning revision`;
  return row!.revision;
}

/** Withdrawing the health consent takes health out of every revision (Art. 9). */
export async function stripHealth(db: Db, caseId: number) {
  await db`
    update case_assessments set health_note = null, barriers = array_remove(barriers, 'health')
    where case_id = ${caseId} and (health_note is not null or 'health' = any (barriers))`;
}

// --- Plans ----------------------------------------------------------------------------------

export interface PlanRow {
  id: number;
  case_id: number;
  version: number;
  assessment_id: number | null;
  baseline: { situation: string; abilities: string; wishes: string; goals: { id: string; text: string }[] };
  review_on: string | null;
  text_language: string;
  created_at: Date;
  proposed_at: Date | null;
  agreed_at: Date | null;
  agreed_how: 'own_link' | 'in_meeting' | 'paper' | null;
  activated_at: Date | null;
}

const planColumns = (db: Db) => db`
  id, case_id, version, assessment_id, baseline, review_on::text, text_language, created_at, proposed_at,
  agreed_at, agreed_how, activated_at`;

export async function plansOf(db: Db, caseId: number): Promise<PlanRow[]> {
  return db<PlanRow[]>`select ${planColumns(db)} from case_plans where case_id = ${caseId} order by version`;
}

export async function planByVersion(
  db: Db,
  caseId: number,
  version: number,
  options: { lock?: boolean } = {},
) {
  const [row] = await db<PlanRow[]>`
    select ${planColumns(db)} from case_plans where case_id = ${caseId} and version = ${version}
    ${options.lock ? db`for update` : db``}`;
  return row;
}

export async function insertPlan(
  db: Db,
  p: {
    caseId: number;
    assessmentId: number | null;
    baseline: PlanRow['baseline'];
    reviewOn: string | null;
    textLanguage: string;
    by: number;
    at: Date;
  },
): Promise<number> {
  const [row] = await db<{ version: number }[]>`
    insert into case_plans (case_id, version, assessment_id, baseline, review_on, text_language, created_by, created_at)
    values (${p.caseId}, (select coalesce(max(version), 0) + 1 from case_plans where case_id = ${p.caseId}),
      ${p.assessmentId}, ${db.json(p.baseline)}, ${p.reviewOn}, ${p.textLanguage}, ${p.by}, ${p.at})
    returning version`;
  return row!.version;
}

export async function updateDraftFacts(
  db: Db,
  planId: number,
  reviewOn: string | null,
  textLanguage: string,
) {
  await db`
    update case_plans set review_on = ${reviewOn}, text_language = ${textLanguage}
    where id = ${planId} and proposed_at is null`;
}

export async function setProposed(db: Db, planId: number, at: Date | null) {
  await db`update case_plans set proposed_at = ${at} where id = ${planId} and agreed_at is null`;
}

export async function setAgreed(
  db: Db,
  planId: number,
  a: { at: Date; how: 'own_link' | 'in_meeting' | 'paper'; by: number | null },
) {
  await db`
    update case_plans set agreed_at = ${a.at}, agreed_how = ${a.how}, agreed_recorded_by = ${a.by},
      proposed_at = coalesce(proposed_at, ${a.at})
    where id = ${planId} and agreed_at is null`;
}

export async function setActivated(db: Db, planId: number, at: Date) {
  await db`update case_plans set activated_at = ${at} where id = ${planId} and activated_at is null`;
}

/** A version exactly as stored, as text: what "unchanged" is compared on. */
export async function planSnapshot(db: Db, planId: number): Promise<string> {
  const [row] = await db<{ snapshot: string }[]>`
    select (select row_to_json(p)::text from case_plans p where p.id = ${planId})
      || coalesce((select string_agg(row_to_json(m)::text, '' order by m.id) from case_measures m where m.plan_id = ${planId}), '')
      || coalesce((select string_agg(row_to_json(c)::text, '' order by c.id) from case_commitments c where c.plan_id = ${planId}), '')
      as snapshot`;
  return row!.snapshot;
}

// --- Measures and commitments --------------------------------------------------------------------

export interface MeasureRow {
  id: number;
  plan_id: number;
  measure_key: string;
  position: number;
  goal: string;
  starts_on: string | null;
  duration_weeks: number | null;
  person_does: string | null;
  counsellor_does: string | null;
  provider_does: string | null;
  service_does: string | null;
  run_id: number | null;
  offer_id: number | null;
  offer_snapshot: OfferSnapshot | null;
  resource: string | null;
  review_on: string | null;
}

export interface OfferSnapshot {
  title: string;
  provider: string;
  startsOn: string | null;
  endsOn: string | null;
  format: string;
  venue: string | null;
}

export async function measuresOf(db: Db, planIds: number[]): Promise<MeasureRow[]> {
  if (!planIds.length) return [];
  return db<MeasureRow[]>`
    select id, plan_id, measure_key, position, goal, starts_on::text, duration_weeks, person_does, counsellor_does,
      provider_does, service_does, run_id, offer_id, offer_snapshot, resource, review_on::text
    from case_measures where plan_id = any(${planIds}) order by plan_id, position, id`;
}

export interface NewMeasure {
  key: string;
  goal: string;
  startsOn: string | null;
  durationWeeks: number | null;
  personDoes: string | null;
  counsellorDoes: string | null;
  providerDoes: string | null;
  serviceDoes: string | null;
  runId: number | null;
  offerId: number | null;
  offerSnapshot: OfferSnapshot | null;
  resource: string | null;
  reviewOn: string | null;
}

export async function insertMeasure(db: Db, planId: number, m: NewMeasure, position?: number) {
  await db`
    insert into case_measures (plan_id, measure_key, position, goal, starts_on, duration_weeks, person_does,
      counsellor_does, provider_does, service_does, run_id, offer_id, offer_snapshot, resource, review_on)
    values (${planId}, ${m.key},
      ${position ?? db`(select coalesce(max(position), 0) + 1 from case_measures where plan_id = ${planId})`},
      ${m.goal}, ${m.startsOn}, ${m.durationWeeks}, ${m.personDoes}, ${m.counsellorDoes}, ${m.providerDoes},
      ${m.serviceDoes}, ${m.runId}, ${m.offerId}, ${m.offerSnapshot ? db.json(m.offerSnapshot as never) : null},
      ${m.resource}, ${m.reviewOn})`;
}

export async function updateMeasure(db: Db, planId: number, m: NewMeasure): Promise<boolean> {
  const rows = await db`
    update case_measures set goal = ${m.goal}, starts_on = ${m.startsOn}, duration_weeks = ${m.durationWeeks},
      person_does = ${m.personDoes}, counsellor_does = ${m.counsellorDoes}, provider_does = ${m.providerDoes},
      service_does = ${m.serviceDoes}, run_id = ${m.runId}, offer_id = ${m.offerId},
      offer_snapshot = ${m.offerSnapshot ? db.json(m.offerSnapshot as never) : null}, resource = ${m.resource},
      review_on = ${m.reviewOn}
    where plan_id = ${planId} and measure_key = ${m.key} returning 1`;
  return rows.count > 0;
}

export async function deleteMeasure(db: Db, planId: number, key: string): Promise<boolean> {
  const rows =
    await db`delete from case_measures where plan_id = ${planId} and measure_key = ${key} returning 1`;
  return rows.count > 0;
}

export interface CommitmentRow {
  id: number;
  plan_id: number;
  item_key: string;
  position: number;
  party: 'person' | 'counsellor';
  body: string;
  due_on: string | null;
  binding: boolean;
}

export async function commitmentsOf(db: Db, planIds: number[]): Promise<CommitmentRow[]> {
  if (!planIds.length) return [];
  return db<CommitmentRow[]>`
    select id, plan_id, item_key, position, party, body, due_on::text, binding
    from case_commitments where plan_id = any(${planIds}) order by plan_id, position, id`;
}

export async function insertCommitment(
  db: Db,
  planId: number,
  c: { key: string; party: 'person' | 'counsellor'; body: string; dueOn: string | null; binding: boolean },
  position?: number,
) {
  await db`
    insert into case_commitments (plan_id, item_key, position, party, body, due_on, binding)
    values (${planId}, ${c.key},
      ${position ?? db`(select coalesce(max(position), 0) + 1 from case_commitments where plan_id = ${planId})`},
      ${c.party}, ${c.body}, ${c.dueOn}, ${c.binding})`;
}

export async function deleteCommitment(db: Db, planId: number, key: string): Promise<boolean> {
  const rows =
    await db`delete from case_commitments where plan_id = ${planId} and item_key = ${key} returning 1`;
  return rows.count > 0;
}

/** The catalogue run a measure points at, as it is now (published offers only). */
export async function runForMeasure(db: Db, runId: number) {
  const [row] = await db<
    {
      run_id: number;
      offer_id: number;
      title: string;
      provider: string;
      starts_on: string | null;
      ends_on: string | null;
      format: string;
      venue: string | null;
    }[]
  >`
    select r.id as run_id, o.id as offer_id, o.title, p.name as provider, r.starts_on::text, r.ends_on::text,
      r.format, v.name as venue
    from runs r join offers o on o.id = r.offer_id join providers p on p.id = o.provider_id
      left join venues v on v.id = r.venue_id
    where r.id = ${runId} and o.status = 'published' and r.status = 'scheduled'`;
  return row;
}

// --- Ticks, reviews, comments ----------------------------------------------------------------------

export async function progressOf(db: Db, caseId: number) {
  return db<{ item_key: string; done_at: Date; done_by: 'person' | 'counsellor' }[]>`
    select item_key, done_at, done_by from case_progress where case_id = ${caseId}`;
}

export async function setProgress(
  db: Db,
  caseId: number,
  key: string,
  done: { at: Date; by: 'person' | 'counsellor' } | null,
) {
  if (!done) await db`delete from case_progress where case_id = ${caseId} and item_key = ${key}`;
  else
    await db`
      insert into case_progress (case_id, item_key, done_at, done_by) values (${caseId}, ${key}, ${done.at}, ${done.by})
      on conflict (case_id, item_key) do nothing`;
}

export interface ReviewRow {
  id: number;
  plan_id: number | null;
  due_on: string | null;
  held_on: string;
  summary: string;
  measure_status: Record<string, string>;
  next_review_on: string | null;
  created_at: Date;
}

export async function reviewsOf(db: Db, caseId: number): Promise<ReviewRow[]> {
  return db<ReviewRow[]>`
    select id, plan_id, due_on::text, held_on::text, summary, measure_status, next_review_on::text, created_at
    from case_reviews where case_id = ${caseId} order by held_on, id`;
}

export async function insertReview(
  db: Db,
  r: {
    caseId: number;
    planId: number;
    dueOn: string | null;
    heldOn: string;
    summary: string;
    measureStatus: Record<string, string>;
    nextReviewOn: string | null;
    by: number;
    at: Date;
  },
) {
  await db`
    insert into case_reviews (case_id, plan_id, due_on, held_on, summary, measure_status, next_review_on, recorded_by, created_at)
    values (${r.caseId}, ${r.planId}, ${r.dueOn}, ${r.heldOn}, ${r.summary}, ${db.json(r.measureStatus)},
      ${r.nextReviewOn}, ${r.by}, ${r.at})`;
}

export async function commentsOf(db: Db, caseId: number) {
  return db<
    { id: number; plan_id: number | null; author: 'person' | 'counsellor'; body: string; created_at: Date }[]
  >`
    select id, plan_id, author, body, created_at from case_comments where case_id = ${caseId} order by created_at, id`;
}

export async function insertComment(
  db: Db,
  c: { caseId: number; planId: number | null; author: 'person' | 'counsellor'; body: string; at: Date },
) {
  await db`
    insert into case_comments (case_id, plan_id, author, body, created_at)
    values (${c.caseId}, ${c.planId}, ${c.author}, ${c.body}, ${c.at})`;
}
