import type { Db } from '../client.server';

/**
 * Referrals, their history, the anonymous outcome rows and gap reports. The provider's
 * queries always name the provider: another provider's referral is simply not found.
 * Drafts (waiting for the person's consent) never reach a provider.
 */

export interface ReferralRow {
  id: number;
  case_id: number;
  measure_key: string;
  plan_id: number | null;
  provider_id: number;
  provider_name: string;
  offer_id: number | null;
  run_id: number | null;
  offer_title: string | null;
  offer_category: string | null;
  run_starts_on: string | null;
  purpose: string;
  data_categories: string[];
  language_level: string | null;
  consent_id: number | null;
  shared: Record<string, unknown> | null;
  state: string;
  reason: string | null;
  start_on: string | null;
  due_on: string | null;
  created_at: Date;
  sent_at: Date | null;
  answered_at: Date | null;
  state_changed_at: Date;
  reminded_at: Date | null;
  withdrawn_at: Date | null;
  affiliation_reason: string | null;
}

const columns = (db: Db) => db`
  r.id, r.case_id, r.measure_key, r.plan_id, r.provider_id, p.name as provider_name, r.offer_id, r.run_id,
  o.title as offer_title, r.offer_category, ru.starts_on::text as run_starts_on, r.purpose, r.data_categories,
  r.language_level, r.consent_id, r.shared, r.state, r.reason, r.start_on::text, r.due_on::text, r.created_at,
  r.sent_at, r.answered_at, r.state_changed_at, r.reminded_at, r.withdrawn_at, r.affiliation_reason`;

const from = (db: Db) => db`
  referrals r join providers p on p.id = r.provider_id
    left join offers o on o.id = r.offer_id
    left join runs ru on ru.id = r.run_id`;

export async function referralsOfCase(db: Db, caseId: number): Promise<ReferralRow[]> {
  return db<ReferralRow[]>`select ${columns(db)} from ${from(db)} where r.case_id = ${caseId} order by r.id`;
}

export async function referralOfCase(db: Db, caseId: number, id: number, lock = false) {
  const [row] = await db<ReferralRow[]>`
    select ${columns(db)} from ${from(db)} where r.case_id = ${caseId} and r.id = ${id}
    ${lock ? db`for update of r` : db``}`;
  return row;
}

/** A provider's referral by id; drafts and other providers' referrals are not found. */
export async function referralOfProvider(db: Db, providerId: number, id: number, lock = false) {
  const [row] = await db<ReferralRow[]>`
    select ${columns(db)} from ${from(db)}
    where r.provider_id = ${providerId} and r.id = ${id} and r.state <> 'draft'
    ${lock ? db`for update of r` : db``}`;
  return row;
}

export async function referralsOfProvider(db: Db, providerId: number): Promise<ReferralRow[]> {
  return db<ReferralRow[]>`
    select ${columns(db)} from ${from(db)}
    where r.provider_id = ${providerId} and r.state <> 'draft' order by r.id desc limit 500`;
}

export interface NewReferral {
  caseId: number;
  measureKey: string;
  planId: number;
  providerId: number;
  offerId: number | null;
  runId: number | null;
  offerCategory: string | null;
  purpose: string;
  categories: string[];
  languageLevel: string | null;
  affiliationReason: string | null;
  by: number;
  at: Date;
}

export async function insertDraft(db: Db, r: NewReferral): Promise<number> {
  const [row] = await db<{ id: number }[]>`
    insert into referrals (case_id, measure_key, plan_id, provider_id, offer_id, run_id, offer_category, purpose,
      data_categories, language_level, state, affiliation_reason, created_by, created_at, state_changed_at)
    values (${r.caseId}, ${r.measureKey}, ${r.planId}, ${r.providerId}, ${r.offerId}, ${r.runId}, ${r.offerCategory},
      ${r.purpose}, ${r.categories}, ${r.languageLevel}, 'draft', ${r.affiliationReason}, ${r.by}, ${r.at}, ${r.at})
    returning id`;
  return row!.id;
}

export async function markSent(
  db: Db,
  id: number,
  v: { consentId: number; shared: Record<string, unknown>; dueOn: string; at: Date },
) {
  await db`
    update referrals set state = 'received', consent_id = ${v.consentId}, shared = ${db.json(v.shared as never)},
      due_on = ${v.dueOn}, sent_at = ${v.at}, state_changed_at = ${v.at}
    where id = ${id} and state = 'draft'`;
}

export async function setState(
  db: Db,
  id: number,
  v: { state: string; reason: string | null; startOn: string | null; at: Date; answered: boolean },
) {
  await db`
    update referrals set state = ${v.state}, reason = ${v.reason},
      start_on = coalesce(${v.startOn}::date, start_on), state_changed_at = ${v.at},
      answered_at = case when ${v.answered} then coalesce(answered_at, ${v.at}) else answered_at end
    where id = ${id}`;
}

export async function deleteDraft(db: Db, caseId: number, id: number): Promise<boolean> {
  const rows =
    await db`delete from referrals where case_id = ${caseId} and id = ${id} and state = 'draft' returning id`;
  return rows.length > 0;
}

export async function insertEvent(
  db: Db,
  e: { referralId: number; state: string; reason: string | null; by: string; at: Date },
) {
  await db`
    insert into referral_events (referral_id, state, reason, by_kind, at)
    values (${e.referralId}, ${e.state}, ${e.reason}, ${e.by}, ${e.at})`;
}

export async function eventsOf(db: Db, referralIds: number[]) {
  if (!referralIds.length) return [];
  return db<{ referral_id: number; state: string; reason: string | null; by_kind: string; at: Date }[]>`
    select referral_id, state, reason, by_kind, at from referral_events
    where referral_id = any(${referralIds}) order by at, id`;
}

/** A withdrawn consent: its referrals say "withdrawn" and hold nothing about the person any more. */
export async function withdrawByConsent(db: Db, consentId: number, at: Date): Promise<number[]> {
  const rows = await db<{ id: number }[]>`
    update referrals set withdrawn_at = ${at}, shared = null
    where consent_id = ${consentId} and withdrawn_at is null returning id`;
  return rows.map((r) => r.id);
}

/** Standing referral consents of a case for one provider. */
export async function standingConsentsFor(db: Db, caseId: number, providerId: number) {
  return db<
    {
      id: number;
      purpose: string;
      recipient_provider_id: number | null;
      data_categories: string[];
      valid_until: string | null;
      withdrawn_at: Date | null;
    }[]
  >`
    select id, purpose, recipient_provider_id, data_categories, valid_until::text, withdrawn_at
    from case_consents
    where case_id = ${caseId} and purpose = 'referral' and recipient_provider_id = ${providerId}
      and withdrawn_at is null`;
}

export async function setConsentPurposeText(db: Db, consentId: number, text: string) {
  await db`update case_consents set purpose_text = ${text} where id = ${consentId}`;
}

// --- The provider's owners, the counsellor ---------------------------------------------

export async function ownersOf(db: Db, providerId: number) {
  return db<{ email: string; locale: string }[]>`
    select u.email, coalesce(u.locale, 'de') as locale from provider_members m join users u on u.id = m.user_id
    where m.provider_id = ${providerId} and m.role = 'owner' and m.status = 'active' and u.status = 'active'`;
}

export async function providerOfRun(db: Db, runId: number) {
  const [row] = await db<{ run_id: number; offer_id: number; provider_id: number; category: string }[]>`
    select r.id as run_id, o.id as offer_id, o.provider_id, o.category
    from runs r join offers o on o.id = r.offer_id
    where r.id = ${runId} and o.status = 'published' and r.status = 'scheduled'`;
  return row;
}

export async function approvedProvider(db: Db, providerId: number) {
  const [row] = await db<{ id: number; name: string }[]>`
    select id, name from providers where id = ${providerId} and status = 'approved'`;
  return row;
}

export async function approvedProviders(db: Db) {
  return db<{ id: number; name: string }[]>`
    select id, name from providers where status = 'approved' order by name`;
}

export async function affiliationOf(db: Db, userId: number): Promise<number | null> {
  const [row] = await db<{ affiliated_provider_id: number | null }[]>`
    select affiliated_provider_id from counsellors where user_id = ${userId}`;
  return row?.affiliated_provider_id ?? null;
}

// --- Overdue ---------------------------------------------------------------------------------

/** Claims the overdue referrals not yet reminded (each once: the update is the claim). */
export async function claimOverdue(db: Db, today: string, at: Date) {
  return db<{ id: number; provider_id: number }[]>`
    update referrals set reminded_at = ${at}
    where state = 'received' and withdrawn_at is null and reminded_at is null and due_on < ${today}
    returning id, provider_id`;
}

// --- Erasure: the anonymous outcome rows stay ------------------------------------------------

/**
 * Keeps each sent referral of the case as an anonymous outcome row, dated by the month it
 * was sent (as the planning reports count the live ones), then deletes the referrals.
 */
export async function keepOutcomesAndDelete(db: Db, caseId: number) {
  await db`
    insert into referral_outcomes (month, provider_id, offer_category, outcome, reason, accepted, started, withdrawn, days_to_answer)
    select date_trunc('month', r.sent_at at time zone 'Europe/Berlin')::date, r.provider_id, r.offer_category, r.state, r.reason,
      exists (select 1 from referral_events e where e.referral_id = r.id and e.state = 'accepted'),
      exists (select 1 from referral_events e where e.referral_id = r.id and e.state = 'started'),
      r.withdrawn_at is not null,
      case when r.answered_at is null then null
        else greatest(0, (r.answered_at at time zone 'Europe/Berlin')::date - (r.sent_at at time zone 'Europe/Berlin')::date) end
    from referrals r where r.case_id = ${caseId} and r.state <> 'draft'`;
  await db`delete from referrals where case_id = ${caseId}`;
}

export async function outcomesSummary(db: Db) {
  return db<{ provider_id: number | null; offer_category: string | null; outcome: string; n: number }[]>`
    select provider_id, offer_category, outcome, count(*)::int as n from referral_outcomes
    group by 1, 2, 3 order by 1, 2, 3`;
}

// --- Gap reports --------------------------------------------------------------------------------

export async function insertGap(
  db: Db,
  g: { month: string; category: string; district: string | null; constraint: string },
) {
  await db`
    insert into offer_gaps (month, category, district, constraint_failed)
    values (${g.month}, ${g.category}, ${g.district}, ${g.constraint})`;
}

// --- Neutrality: the counsellor's affiliation ------------------------------------------------

export async function setAffiliation(db: Db, userId: number, providerId: number | null) {
  await db`update counsellors set affiliated_provider_id = ${providerId} where user_id = ${userId}`;
}

// --- Case conferences: the reviewed, pseudonymised summaries -------------------------------------

export interface ConferenceRow {
  id: number;
  held_on: string;
  summary: unknown;
  created_at: Date;
}

export async function insertConference(
  db: Db,
  c: { caseId: number; heldOn: string; summary: object; createdBy: number; at: Date },
): Promise<number> {
  const [row] = await db<{ id: number }[]>`
    insert into case_conferences (case_id, held_on, summary, created_by, created_at)
    values (${c.caseId}, ${c.heldOn}, ${db.json(c.summary as never)}, ${c.createdBy}, ${c.at})
    returning id`;
  return Number(row!.id);
}

/** Newest first; days come back as text (postgres.js would make them UTC midnights). */
export async function conferencesOf(db: Db, caseId: number): Promise<ConferenceRow[]> {
  const rows = await db<ConferenceRow[]>`
    select id, held_on::text, summary, created_at from case_conferences
    where case_id = ${caseId} order by held_on desc, id desc`;
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}
