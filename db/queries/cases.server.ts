import type { Db } from '../client.server';

/**
 * Case files: the case row, its consents, timeline, working notes, journal, hand-overs,
 * the access list (from the audit log) and the anonymous rows for planning. Every
 * function takes the case id the caller already checked access to; none decides access.
 */

export interface CaseRow {
  id: number;
  case_type: string;
  responsible_user_id: number | null;
  deputy_user_id: number | null;
  office_id: number | null;
  person_name: string | null;
  person_email: string | null;
  person_phone: string | null;
  person_locale: string;
  text_language: string;
  person_user_id: number | null;
  token_hash: string;
  origin: string;
  appointment_id: number | null;
  opened_at: Date;
  last_activity_at: Date;
  closed_at: Date | null;
  close_reason: string | null;
  review_reminded_for: string | null;
  feedback_given_at: Date | null;
  restricted_at: Date | null;
  restriction_reason: string | null;
  erased_at: Date | null;
}

// Calendar days come back as text (YYYY-MM-DD): postgres.js would make them UTC midnights.
const caseColumns = (db: Db) => db`
  id, case_type, responsible_user_id, deputy_user_id, office_id, person_name, person_email, person_phone,
  person_locale, text_language, person_user_id, token_hash, origin, appointment_id, opened_at,
  last_activity_at, closed_at, close_reason, review_reminded_for::text, feedback_given_at, restricted_at,
  restriction_reason, erased_at`;

export async function caseById(db: Db, id: number, options: { lock?: boolean } = {}) {
  const [row] = await db<CaseRow[]>`
    select ${caseColumns(db)} from cases where id = ${id} ${options.lock ? db`for update` : db``}`;
  return row;
}

export async function caseByTokenHash(db: Db, hash: string, options: { lock?: boolean } = {}) {
  const [row] = await db<CaseRow[]>`
    select ${caseColumns(db)} from cases where token_hash = ${hash} ${options.lock ? db`for update` : db``}`;
  return row;
}

export interface NewCase {
  caseType: string;
  responsibleUserId: number;
  officeId: number | null;
  personName: string;
  personEmail: string | null;
  personPhone: string | null;
  personLocale: string;
  textLanguage: string;
  tokenHash: string;
  origin: string;
  appointmentId: number | null;
  at: Date;
}

export async function insertCase(db: Db, c: NewCase): Promise<number> {
  const [row] = await db<{ id: number }[]>`
    insert into cases (case_type, responsible_user_id, office_id, person_name, person_email, person_phone,
      person_locale, text_language, token_hash, origin, appointment_id, opened_at, last_activity_at)
    values (${c.caseType}, ${c.responsibleUserId}, ${c.officeId}, ${c.personName}, ${c.personEmail},
      ${c.personPhone}, ${c.personLocale}, ${c.textLanguage}, ${c.tokenHash}, ${c.origin}, ${c.appointmentId},
      ${c.at}, ${c.at})
    returning id`;
  return row!.id;
}

export async function touchCase(db: Db, id: number, at: Date) {
  await db`update cases set last_activity_at = greatest(last_activity_at, ${at}) where id = ${id}`;
}

export async function setDeputy(db: Db, id: number, deputyUserId: number | null) {
  await db`update cases set deputy_user_id = ${deputyUserId} where id = ${id}`;
}

/** A new responsible counsellor; a deputy who takes over stops being the deputy. */
export async function setResponsible(db: Db, id: number, userId: number, officeId: number | null) {
  await db`
    update cases set responsible_user_id = ${userId}, office_id = ${officeId},
      deputy_user_id = case when deputy_user_id = ${userId} then null else deputy_user_id end
    where id = ${id}`;
}

export async function setPersonAccount(db: Db, id: number, userId: number | null) {
  await db`update cases set person_user_id = ${userId} where id = ${id}`;
}

export async function setToken(db: Db, id: number, tokenHash: string) {
  await db`update cases set token_hash = ${tokenHash} where id = ${id}`;
}

export async function setRestriction(db: Db, id: number, at: Date | null, reason: string | null) {
  await db`update cases set restricted_at = ${at}, restriction_reason = ${reason} where id = ${id}`;
}

export async function markClosed(db: Db, id: number, at: Date, reason: string) {
  await db`update cases set closed_at = ${at}, close_reason = ${reason}, last_activity_at = ${at} where id = ${id}`;
}

export async function markReminded(db: Db, id: number, dueOn: string) {
  await db`update cases set review_reminded_for = ${dueOn} where id = ${id}`;
}

export async function markFeedbackGiven(db: Db, id: number, at: Date) {
  await db`update cases set feedback_given_at = ${at} where id = ${id} and feedback_given_at is null`;
}

/**
 * Erases a case's personal data: every row of the file goes; the case row stays as an
 * empty stub (type, dates, the link's hash) so the person's link answers "erased".
 */
export async function eraseCase(db: Db, id: number, at: Date) {
  await db`delete from case_comments where case_id = ${id}`;
  await db`delete from case_reviews where case_id = ${id}`;
  await db`delete from case_progress where case_id = ${id}`;
  await db`delete from case_plans where case_id = ${id}`;
  await db`delete from case_assessments where case_id = ${id}`;
  await db`delete from case_notes where case_id = ${id}`;
  await db`delete from case_entries where case_id = ${id}`;
  await db`delete from case_steps where case_id = ${id}`;
  await db`delete from case_handovers where case_id = ${id}`;
  // The consents too: with the file gone there is nothing left they could justify.
  await db`delete from case_consents where case_id = ${id}`;
  await db`
    update cases set person_name = null, person_email = null, person_phone = null, person_user_id = null,
      responsible_user_id = null, deputy_user_id = null, office_id = null, appointment_id = null,
      restricted_at = null, restriction_reason = null, erased_at = ${at}
    where id = ${id}`;
}

// --- The counsellor's list --------------------------------------------------------------

export interface ListRow {
  id: number;
  case_type: string;
  person_name: string | null;
  opened_at: Date;
  closed_at: Date | null;
  restricted_at: Date | null;
  deputy: boolean;
  has_assessment: boolean;
  active_plan: { id: number; review_on: string | null; activated_at: string } | null;
  pending_plan: { version: number; agreed: boolean; proposed: boolean } | null;
}

/** The cases a counsellor may read: theirs and those they are deputy for. */
export async function casesOfCounsellor(db: Db, userId: number): Promise<ListRow[]> {
  return db<ListRow[]>`
    select c.id, c.case_type, c.person_name, c.opened_at, c.closed_at, c.restricted_at,
      c.responsible_user_id <> ${userId} as deputy,
      exists (select 1 from case_assessments a where a.case_id = c.id) as has_assessment,
      (select json_build_object('id', p.id, 'review_on', p.review_on, 'activated_at', p.activated_at)
         from case_plans p where p.case_id = c.id and p.activated_at is not null
         order by p.version desc limit 1) as active_plan,
      (select json_build_object('version', p.version, 'agreed', p.agreed_at is not null, 'proposed', p.proposed_at is not null)
         from case_plans p where p.case_id = c.id and p.activated_at is null
           and p.version > coalesce((select max(version) from case_plans x where x.case_id = c.id and x.activated_at is not null), 0)
         order by p.version desc limit 1) as pending_plan
    from cases c
    where c.erased_at is null and (c.responsible_user_id = ${userId} or c.deputy_user_id = ${userId})
    order by c.id`;
}

export async function reviewsOfCases(db: Db, caseIds: number[]) {
  if (!caseIds.length) return [];
  return db<{ case_id: number; plan_id: number | null; held_on: string; next_review_on: string | null }[]>`
    select case_id, plan_id, held_on::text, next_review_on::text from case_reviews
    where case_id = any(${caseIds}) order by held_on, id`;
}

export async function stepsOfCases(db: Db, caseIds: number[]): Promise<StepRow[]> {
  if (!caseIds.length) return [];
  return db<StepRow[]>`select * from case_steps where case_id = any(${caseIds}) order by case_id, position`;
}

/** Due commitments of the active plans (not yet ticked off), for the "steps due" group. */
export async function openCommitmentsOfCases(db: Db, planIds: number[]) {
  if (!planIds.length) return [];
  return db<{ case_id: number; due_on: string }[]>`
    select p.case_id, c.due_on::text from case_commitments c join case_plans p on p.id = c.plan_id
    where c.plan_id = any(${planIds}) and c.due_on is not null
      and not exists (select 1 from case_progress g where g.case_id = p.case_id and g.item_key = c.item_key)`;
}

// --- Consents ---------------------------------------------------------------------------

export interface ConsentRow {
  id: number;
  case_id: number;
  purpose: string;
  recipient_kind: 'office' | 'provider' | 'service';
  recipient_office_id: number | null;
  recipient_provider_id: number | null;
  recipient_text: string | null;
  recipient_name: string | null;
  data_categories: string[];
  text_version: string;
  text_language: string;
  given_how: 'paper' | 'in_meeting' | 'own_link';
  given_at: Date;
  valid_until: string | null;
  withdrawn_at: Date | null;
  withdrawn_how: 'own_link' | 'counsellor' | 'account' | null;
}

export interface NewConsent {
  caseId: number;
  purpose: string;
  recipientKind: 'office' | 'provider' | 'service';
  recipientOfficeId?: number | null;
  recipientProviderId?: number | null;
  recipientText?: string | null;
  dataCategories: readonly string[];
  textVersion: string;
  textLanguage: string;
  givenHow: 'paper' | 'in_meeting' | 'own_link';
  givenAt: Date;
  recordedBy: number | null;
  validUntil?: string | null;
}

export async function insertConsent(db: Db, c: NewConsent): Promise<number> {
  const [row] = await db<{ id: number }[]>`
    insert into case_consents (case_id, purpose, recipient_kind, recipient_office_id, recipient_provider_id,
      recipient_text, data_categories, text_version, text_language, given_how, given_at, recorded_by, valid_until)
    values (${c.caseId}, ${c.purpose}, ${c.recipientKind}, ${c.recipientOfficeId ?? null},
      ${c.recipientProviderId ?? null}, ${c.recipientText ?? null}, ${c.dataCategories as string[]},
      ${c.textVersion}, ${c.textLanguage}, ${c.givenHow}, ${c.givenAt}, ${c.recordedBy}, ${c.validUntil ?? null})
    returning id`;
  return row!.id;
}

export async function consentsOf(db: Db, caseId: number): Promise<ConsentRow[]> {
  return db<ConsentRow[]>`
    select k.id, k.case_id, k.purpose, k.recipient_kind, k.recipient_office_id, k.recipient_provider_id,
      k.recipient_text, coalesce(o.name, p.name) as recipient_name, k.data_categories, k.text_version,
      k.text_language, k.given_how, k.given_at, k.valid_until::text, k.withdrawn_at, k.withdrawn_how
    from case_consents k
      left join offices o on o.id = k.recipient_office_id
      left join providers p on p.id = k.recipient_provider_id
    where k.case_id = ${caseId} order by k.given_at, k.id`;
}

/** Withdraws a standing consent of this case; the row stays as proof. */
export async function withdrawConsent(
  db: Db,
  caseId: number,
  consentId: number,
  at: Date,
  how: 'own_link' | 'counsellor' | 'account',
) {
  const [row] = await db<{ purpose: string }[]>`
    update case_consents set withdrawn_at = ${at}, withdrawn_how = ${how}
    where id = ${consentId} and case_id = ${caseId} and withdrawn_at is null
    returning purpose`;
  return row?.purpose ?? null;
}

// --- Timeline ---------------------------------------------------------------------------

export interface StepRow {
  id: number;
  case_id: number;
  step_key: string | null;
  title: string | null;
  after_step_id: number | null;
  offset_days: number;
  position: number;
  done_at: Date | null;
}

export async function stepsOf(db: Db, caseId: number): Promise<StepRow[]> {
  return db<StepRow[]>`select * from case_steps where case_id = ${caseId} order by position, id`;
}

export async function insertStep(
  db: Db,
  caseId: number,
  s: {
    key: string | null;
    title: string | null;
    afterStepId: number | null;
    days: number;
    doneAt?: Date | null;
  },
): Promise<number> {
  const [row] = await db<{ id: number }[]>`
    insert into case_steps (case_id, step_key, title, after_step_id, offset_days, position, done_at)
    values (${caseId}, ${s.key}, ${s.title}, ${s.afterStepId}, ${s.days},
      (select coalesce(max(position), 0) + 1 from case_steps where case_id = ${caseId}), ${s.doneAt ?? null})
    returning id`;
  return row!.id;
}

export async function setStepDone(db: Db, caseId: number, stepId: number, at: Date | null): Promise<boolean> {
  const rows =
    await db`update case_steps set done_at = ${at} where id = ${stepId} and case_id = ${caseId} returning 1`;
  return rows.count > 0;
}

// --- Working notes and the journal --------------------------------------------------------

export interface NoteRow {
  id: number;
  body: string;
  created_at: Date;
  delete_after: Date;
}

export async function notesOf(db: Db, caseId: number): Promise<NoteRow[]> {
  return db<NoteRow[]>`
    select id, body, created_at, delete_after from case_notes where case_id = ${caseId} order by created_at, id`;
}

export async function insertNote(
  db: Db,
  caseId: number,
  authorId: number,
  body: string,
  at: Date,
  until: Date,
) {
  await db`
    insert into case_notes (case_id, author_user_id, body, created_at, delete_after)
    values (${caseId}, ${authorId}, ${body}, ${at}, ${until})`;
}

export async function takeNote(db: Db, caseId: number, noteId: number): Promise<NoteRow | undefined> {
  const [row] = await db<NoteRow[]>`
    delete from case_notes where id = ${noteId} and case_id = ${caseId}
    returning id, body, created_at, delete_after`;
  return row;
}

export async function deleteExpiredNotes(db: Db, at: Date): Promise<number> {
  const rows = await db`delete from case_notes where delete_after <= ${at} returning 1`;
  return rows.count;
}

export interface EntryRow {
  id: number;
  kind: 'note' | 'contact';
  body: string;
  created_at: Date;
}

export async function entriesOf(db: Db, caseId: number): Promise<EntryRow[]> {
  return db<EntryRow[]>`
    select id, kind, body, created_at from case_entries where case_id = ${caseId} order by created_at, id`;
}

export async function insertEntry(
  db: Db,
  caseId: number,
  e: { kind: 'note' | 'contact'; body: string; by: number; at: Date },
) {
  await db`
    insert into case_entries (case_id, kind, body, created_by, created_at)
    values (${caseId}, ${e.kind}, ${e.body}, ${e.by}, ${e.at})`;
}

// --- Hand-overs and colleagues ----------------------------------------------------------

export async function insertHandover(
  db: Db,
  h: {
    caseId: number;
    from: number | null;
    to: number;
    by: number;
    kind: 'handover' | 'reassignment';
    reason: string;
    at: Date;
  },
) {
  await db`
    insert into case_handovers (case_id, from_user_id, to_user_id, by_user_id, kind, reason, at)
    values (${h.caseId}, ${h.from}, ${h.to}, ${h.by}, ${h.kind}, ${h.reason}, ${h.at})`;
}

export async function handoversOf(db: Db, caseId: number) {
  return db<{ kind: 'handover' | 'reassignment'; reason: string; at: Date }[]>`
    select kind, reason, at from case_handovers where case_id = ${caseId} order by at, id`;
}

export interface Colleague {
  user_id: number;
  display_name: string;
  office_id: number | null;
}

/** Counsellors with an active account and a profile: who can be deputy or take a case over. */
export async function colleagues(db: Db): Promise<Colleague[]> {
  return db<Colleague[]>`
    select u.id as user_id, coalesce(u.display_name, c.display_name) as display_name,
      (select min(office_id) from counsellor_offices co where co.counsellor_id = c.id) as office_id
    from users u join counsellors c on c.user_id = u.id
    where u.role = 'counsellor' and u.status = 'active' and c.active
    order by display_name, u.id`;
}

/** The office a counsellor works from (their first), for the case and the access list. */
export async function officeOfUser(db: Db, userId: number): Promise<number | null> {
  const [row] = await db<{ office_id: number | null }[]>`
    select (select min(office_id) from counsellor_offices co where co.counsellor_id = c.id) as office_id
    from counsellors c where c.user_id = ${userId}`;
  return row?.office_id ?? null;
}

// --- The person's access list (from the audit log) ------------------------------------------

export interface ReadRow {
  at: Date;
  part: string;
  role: string;
  office_name: string | null;
  reader_name: string | null;
}

/**
 * Who read the file: each `case.read` row with the reader's role and office; the name
 * only where the office chose to show it.
 */
export async function readsOf(db: Db, caseId: number): Promise<ReadRow[]> {
  return db<ReadRow[]>`
    select a.at, a.detail->>'part' as part, a.detail->>'role' as role, o.name as office_name,
      case when o.case_reader_names then u.display_name end as reader_name
    from audit_log a
      left join offices o on o.id = (a.detail->>'office')::bigint
      left join users u on u.id = a.actor_user_id
    where a.target_type = 'case' and a.target_id = ${String(caseId)} and a.action = 'case.read'
    order by a.at, a.id`;
}

// --- Admin: reassigning without reading ------------------------------------------------------

export async function caseLoad(db: Db) {
  return db<{ user_id: number; display_name: string | null; open: number; closed: number }[]>`
    select u.id as user_id, u.display_name,
      count(*) filter (where c.closed_at is null)::int as open,
      count(*) filter (where c.closed_at is not null)::int as closed
    from cases c join users u on u.id = c.responsible_user_id
    where c.erased_at is null
    group by u.id, u.display_name order by u.display_name, u.id`;
}

export async function caseIdsOfResponsible(db: Db, userId: number): Promise<number[]> {
  const rows = await db<{ id: number }[]>`
    select id from cases where responsible_user_id = ${userId} and erased_at is null order by id for update`;
  return rows.map((r) => r.id);
}

export async function officePreferences(db: Db) {
  return db<{ id: number; name: string; case_reader_names: boolean }[]>`
    select id, name, case_reader_names from offices order by name, id`;
}

export async function setOfficeReaderNames(db: Db, officeId: number, show: boolean): Promise<boolean> {
  const rows = await db`update offices set case_reader_names = ${show} where id = ${officeId} returning 1`;
  return rows.count > 0;
}

// --- Appointments the case work follows up ----------------------------------------------------

export async function followUpOf(db: Db, appointmentId: number): Promise<'short' | 'case' | null> {
  const [row] = await db<{ follow_up: 'short' | 'case' | null }[]>`
    select follow_up from appointments where id = ${appointmentId}`;
  return row?.follow_up ?? null;
}

/** Marks a held appointment as followed up, once; false when it already was. */
export async function markFollowUp(db: Db, appointmentId: number, kind: 'short' | 'case'): Promise<boolean> {
  const rows = await db`
    update appointments set follow_up = ${kind} where id = ${appointmentId} and follow_up is null returning 1`;
  return rows.count > 0;
}

// --- Anonymous rows for planning ---------------------------------------------------------------

export interface Tally {
  day: string;
  topicId: number | null;
  channel: string;
  byAppointment: boolean;
  durationBand: string | null;
  language: string;
  outcome: string;
  district: string | null;
  ageBand: string | null;
}

export async function insertTally(db: Db, t: Tally) {
  await db`
    insert into counselling_tallies (day, topic_id, channel, by_appointment, duration_band, language, outcome,
      district, age_band)
    values (${t.day}, ${t.topicId}, ${t.channel}, ${t.byAppointment}, ${t.durationBand}, ${t.language},
      ${t.outcome}, ${t.district}, ${t.ageBand})`;
}

export async function insertTrace(db: Db, month: string, caseType: string, event: string, onTime?: boolean) {
  await db`
    insert into case_trace (month, case_type, event, on_time)
    values (${month}, ${caseType}, ${event}, ${onTime ?? null})`;
}

export interface Closure {
  month: string;
  caseType: string;
  reason: string;
  durationDays: number;
  measures: number;
  planVersions: number;
  reviews: number;
  reviewsOnTime: number;
  goalCodes: string[];
  measureCodes: string[];
}

export async function insertClosure(db: Db, c: Closure) {
  await db`
    insert into case_closures (month, case_type, reason, duration_days, measures, plan_versions, reviews,
      reviews_on_time, goal_codes, measure_codes)
    values (${c.month}, ${c.caseType}, ${c.reason}, ${c.durationDays}, ${c.measures}, ${c.planVersions},
      ${c.reviews}, ${c.reviewsOnTime}, ${c.goalCodes}, ${c.measureCodes})`;
}

export async function insertFeedback(
  db: Db,
  f: {
    month: string;
    caseType: string;
    helpful?: number;
    heard?: number;
    own_plan?: number;
    recommend?: boolean;
  },
) {
  await db`
    insert into case_feedback (month, case_type, helpful, heard, own_plan, recommend)
    values (${f.month}, ${f.caseType}, ${f.helpful ?? null}, ${f.heard ?? null}, ${f.own_plan ?? null},
      ${f.recommend ?? null})`;
}

/** The districts of the catalogue's venues: the choices for "district of residence". */
export async function districts(db: Db): Promise<string[]> {
  const rows = await db<{ district: string }[]>`
    select distinct district from venues where district is not null and district <> '' order by district`;
  return rows.map((r) => r.district);
}

// --- Jobs -----------------------------------------------------------------------------------

/** Closed or inactive cases whose retention ran out (restricted ones are kept). */
export async function casesPastRetention(db: Db, before: Date) {
  return db<{ id: number; closed: boolean }[]>`
    select id, closed_at is not null as closed from cases
    where erased_at is null and restricted_at is null and coalesce(closed_at, last_activity_at) < ${before}
    order by id for update skip locked`;
}

/** The cases of a person's account. */
export async function caseIdsOfAccount(db: Db, userId: number): Promise<number[]> {
  const rows = await db<{ id: number }[]>`
    select id from cases where person_user_id = ${userId} and erased_at is null order by id`;
  return rows.map((r) => r.id);
}

export async function openCasesForReminders(db: Db) {
  return db<
    {
      id: number;
      responsible_user_id: number;
      review_reminded_for: string | null;
      review_on: string | null;
      plan_id: number;
    }[]
  >`
    select c.id, c.responsible_user_id, c.review_reminded_for::text, p.review_on::text, p.id as plan_id
    from cases c
      join lateral (select id, review_on from case_plans x where x.case_id = c.id and x.activated_at is not null
                    order by version desc limit 1) p on true
    where c.closed_at is null and c.erased_at is null and c.restricted_at is null
    order by c.id`;
}

export async function counsellorContact(db: Db, userId: number) {
  const [row] = await db<{ email: string | null; locale: string }[]>`
    select email, locale from users where id = ${userId} and status = 'active'`;
  return row;
}
