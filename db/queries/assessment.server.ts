import type { Answers, Definition } from '../../app/modules/assessment/definition';
import type { ResultSnapshot } from '../../app/modules/assessment/engine';
import type { Db } from '../client.server';

export interface AssessmentRow {
  id: number;
  version: number;
  answers: Answers;
  health_consent_at: Date | null;
  step: string;
  result: ResultSnapshot | null;
  finished_at: Date | null;
  user_id: number | null;
  updated_at: Date;
}

const COLUMNS = 'id, version, answers, health_consent_at, step, result, finished_at, user_id, updated_at';

export async function storedChecksums(db: Db): Promise<Map<number, string>> {
  const rows = await db<
    { version: number; checksum: string }[]
  >`select version, checksum from assessment_versions`;
  return new Map(rows.map((r) => [r.version, r.checksum]));
}

export async function insertVersion(db: Db, version: number, def: Definition, checksum: string) {
  await db`
    insert into assessment_versions (version, definition, checksum)
    values (${version}, ${db.json(def as never)}, ${checksum})`;
}

export async function latestVersion(db: Db): Promise<number | null> {
  const [row] = await db<{ v: number | null }[]>`select max(version) as v from assessment_versions`;
  return row?.v ?? null;
}

export async function versionDefinition(db: Db, version: number): Promise<Definition | undefined> {
  const [row] = await db<{ definition: Definition }[]>`
    select definition from assessment_versions where version = ${version}`;
  return row?.definition;
}

export async function insertAssessment(
  db: Db,
  a: { tokenHash: string; version: number; step: string; userId: number | null },
): Promise<number> {
  const [row] = await db<{ id: number }[]>`
    insert into assessments (token_hash, version, step, user_id)
    values (${a.tokenHash}, ${a.version}, ${a.step}, ${a.userId})
    returning id`;
  return row!.id;
}

export async function assessmentByTokenHash(db: Db, hash: string): Promise<AssessmentRow | undefined> {
  const [row] = await db<AssessmentRow[]>`
    select ${db.unsafe(COLUMNS)} from assessments where token_hash = ${hash}`;
  return row;
}

export async function assessmentById(db: Db, id: number): Promise<AssessmentRow | undefined> {
  const [row] = await db<AssessmentRow[]>`select ${db.unsafe(COLUMNS)} from assessments where id = ${id}`;
  return row;
}

export async function saveAnswers(
  db: Db,
  id: number,
  a: { answers: Answers; step: string; healthConsent: boolean },
): Promise<void> {
  await db`
    update assessments set
      answers = ${db.json(a.answers as never)},
      step = ${a.step},
      health_consent_at = case when ${a.healthConsent} then coalesce(health_consent_at, now()) end,
      updated_at = now()
    where id = ${id}`;
}

/** Marks it as used today (at most one write a day per assessment). */
export async function touch(db: Db, id: number): Promise<void> {
  await db`update assessments set updated_at = now() where id = ${id} and updated_at < now() - interval '1 day'`;
}

export async function saveResult(db: Db, id: number, result: ResultSnapshot): Promise<void> {
  await db`
    update assessments set result = ${db.json(result as never)}, finished_at = now(), updated_at = now()
    where id = ${id}`;
}

export async function setOwner(db: Db, id: number, userId: number): Promise<void> {
  await db`update assessments set user_id = ${userId}, updated_at = now() where id = ${id}`;
}

export async function rotateToken(db: Db, id: number, tokenHash: string): Promise<void> {
  await db`update assessments set token_hash = ${tokenHash}, updated_at = now() where id = ${id}`;
}

export async function deleteAssessment(db: Db, id: number): Promise<void> {
  await db`delete from assessments where id = ${id}`;
}

export interface OwnAssessment {
  id: number;
  version: number;
  step: string;
  finished_at: Date | null;
  updated_at: Date;
  topic: string | null;
}

export async function assessmentsOfUser(db: Db, userId: number): Promise<OwnAssessment[]> {
  return db<OwnAssessment[]>`
    select id, version, step, finished_at, updated_at, result->>'topic' as topic
    from assessments where user_id = ${userId} order by updated_at desc`;
}

/** For the account's data export: everything stored, health answers included. */
export async function assessmentsForExport(db: Db, userId: number) {
  return db`
    select version, answers, health_consent_at, result, finished_at, created_at, updated_at
    from assessments where user_id = ${userId} order by created_at`;
}

/**
 * Retention: assessments untouched for `days` go, unless kept in an account or shared
 * with a counsellor for an appointment that has not been erased yet.
 */
export async function deleteStaleAssessments(db: Db, before: Date): Promise<number> {
  const rows = await db`
    delete from assessments a
    where a.updated_at < ${before} and a.user_id is null
      and not exists (
        select 1 from appointments p where p.assessment_id = a.id and p.erased_at is null)
    returning a.id`;
  return rows.length;
}

// --- Sharing with the counsellor ------------------------------------------------------

// (The booking's insert sets assessment_id and assessment_shared_at itself.)

export async function withdrawShare(db: Db, appointmentId: number): Promise<void> {
  await db`
    update appointments set assessment_id = null, assessment_withdrawn_at = now()
    where id = ${appointmentId} and assessment_id is not null`;
}

/** The stored result of the finished assessment shared for this appointment, if any. */
export async function sharedResultOf(db: Db, appointmentId: number): Promise<AssessmentRow['result']> {
  const [row] = await db<Pick<AssessmentRow, 'result'>[]>`
    select a.result
    from appointments p join assessments a on a.id = p.assessment_id
    where p.id = ${appointmentId} and a.finished_at is not null`;
  return row?.result ?? null;
}

// --- Recommendations ------------------------------------------------------------------

export interface OfferFactsRow {
  offer_id: number;
  run_id: number;
  entry_requirements: string[] | null;
  entry_cefr_level: string | null;
  keywords: string[];
  integration_course: boolean;
  azav: boolean;
  weekend_sessions: boolean;
}

/**
 * What the search hits don't carry, for every candidate (offer and its shown run) in
 * one round trip: entry requirements, whether a Bildungsgutschein can pay (AZAV: the
 * offer says so, has a measure number, or its provider holds a current certificate),
 * whether it is an integration course, and whether the run meets on a weekend day
 * (by its weekdays or any single date, Berlin time).
 */
export async function offerFacts(
  db: Db,
  candidates: { offerId: number; runId: number }[],
  today: string,
): Promise<OfferFactsRow[]> {
  if (!candidates.length) return [];
  return db<OfferFactsRow[]>`
    select o.id::int as offer_id, r.id::int as run_id, o.entry_requirements, o.entry_cefr_level, o.keywords,
      ('integrationskurs' = any(o.keywords) or o.title ilike '%integrationskurs%') as integration_course,
      ('azav' = any(o.funding) or o.azav_measure_number is not null or exists (
        select 1 from jsonb_array_elements(p.certifications) c
        where upper(c->>'type') = 'AZAV'
          and case when c->>'validUntil' ~ '^\\d{4}-\\d{2}-\\d{2}$'
                then (c->>'validUntil')::date >= ${today}::date else true end)) as azav,
      (r.weekdays && array[6, 7]::smallint[] or exists (
        select 1 from run_sessions s
        where s.run_id = r.id and extract(isodow from s.starts_at at time zone 'Europe/Berlin') in (6, 7)
      )) as weekend_sessions
    from unnest(${candidates.map((c) => c.offerId)}::bigint[], ${candidates.map((c) => c.runId)}::bigint[])
      as c(offer_id, run_id)
    join offers o on o.id = c.offer_id
    join providers p on p.id = o.provider_id
    join runs r on r.id = c.run_id and r.offer_id = o.id`;
}
