import type { Db } from '../client.server';
import type { Range } from './planning.server';

/**
 * Planning reads of the case work's and referrals' anonymous rows (issue 20): case_trace,
 * case_closures (migration 0017), referral_outcomes and offer_gaps (0033), and the short
 * counselling tallies. These tables hold no person, case, referral or counsellor column,
 * are written when the event happens and are small (months, codes), so the reports group
 * them at request time; suppression happens in app/modules/planning.
 */

/** A district as written in a tally or gap report, mapped like a search's place. */
const placeOf = (column: string) =>
  `case when ${column} ~ '^[0-9]{5}$' then 'plz:' || ${column} when coalesce(${column}, '') <> '' then 'name:' || ww_fold(${column}) else '' end`;

const areaFilter = (db: Db, r: Range) => (r.area ? db`and coalesce(pa.area_code, '') = ${r.area}` : db``);

/**
 * The area of each distinct district in `source` (a CTE with a text column `district`,
 * '' for none), as the CTE `places`: folding a name (unaccent) per row cost a third of a
 * second over a year of tallies; per distinct value it costs nothing.
 */
const places = (db: Db, source: string) => db`
  places as (
    select d.district, pa.area_code
    from (select distinct district from ${db.unsafe(source)}) d
    left join planning_place_areas pa on pa.place = ${db.unsafe(placeOf('d.district'))}
  )`;

export interface CaseEventRow {
  month: string;
  case_type: string;
  event: 'opened' | 'closed' | 'review_held';
  on_time: boolean | null;
  n: number;
}

/** Cases opened and closed, and reviews held (on time or not), per month and case type. */
export function caseEvents(db: Db, r: Range): Promise<CaseEventRow[]> {
  return db<CaseEventRow[]>`
    select to_char(month, 'YYYY-MM') as month, case_type, event, on_time, count(*)::int as n
    from case_trace
    where month >= ${r.start}::date and month < ${r.end}::date and event in ('opened', 'closed', 'review_held')
    group by 1, 2, 3, 4`;
}

export interface ClosureRow {
  case_type: string;
  reason: string;
  duration_days: number;
  goals_achieved: number;
  goals: number;
  n: number;
}

/** Closed cases by type, reason and duration in days (a histogram for the median). */
export function caseClosureCounts(db: Db, r: Range): Promise<ClosureRow[]> {
  return db<ClosureRow[]>`
    select case_type, reason, duration_days,
      sum((select count(*) from unnest(goal_codes) g where g = 'achieved'))::int as goals_achieved,
      sum(cardinality(goal_codes))::int as goals,
      count(*)::int as n
    from case_closures
    where month >= ${r.start}::date and month < ${r.end}::date
    group by 1, 2, 3`;
}

export interface ReferralOutcomeRow {
  provider_id: number | null;
  provider: string | null;
  category: string;
  outcome: string;
  reason: string | null;
  accepted: boolean;
  days_to_answer: number | null;
  n: number;
}

/**
 * Referrals sent in the range by provider, offer category, last state, reason and days to
 * answer: the live ones (grouped here, nothing about the person is read) and the anonymous
 * rows of erased cases. Both are dated by the month the referral was sent, and a referral
 * is in exactly one of the two, so the figures are current and nothing counts twice.
 * Withdrawn referrals are not counted (the person took back consent).
 */
export function referralOutcomeCounts(db: Db, r: Range): Promise<ReferralOutcomeRow[]> {
  return db<ReferralOutcomeRow[]>`
    with o as (
      select provider_id, offer_category, outcome, reason, accepted, days_to_answer
      from referral_outcomes
      where month >= ${r.start}::date and month < ${r.end}::date and not withdrawn
      union all
      select r.provider_id, r.offer_category, r.state, r.reason,
        exists (select 1 from referral_events e where e.referral_id = r.id and e.state = 'accepted'),
        case when r.answered_at is null then null
          else greatest(0, (r.answered_at at time zone 'Europe/Berlin')::date - (r.sent_at at time zone 'Europe/Berlin')::date) end
      from referrals r
      where r.state <> 'draft' and r.withdrawn_at is null
        and r.sent_at >= (${r.start}::date::timestamp at time zone 'Europe/Berlin')
        and r.sent_at < (${r.end}::date::timestamp at time zone 'Europe/Berlin')
    )
    select o.provider_id::int as provider_id, p.name as provider, coalesce(o.offer_category, '') as category,
      o.outcome, o.reason, o.accepted, o.days_to_answer, count(*)::int as n
    from o
    left join providers p on p.id = o.provider_id
    group by 1, 2, 3, 4, 5, 6, 7`;
}

export interface GapRow {
  month: string;
  area: string;
  category: string;
  constraint_failed: string;
  n: number;
}

/** Counsellors' "no fitting offer" reports by month, area, category and failed constraint. */
export function offerGapCounts(db: Db, r: Range): Promise<GapRow[]> {
  return db<GapRow[]>`
    with g as (
      select to_char(month, 'YYYY-MM') as month, coalesce(district, '') as district, category,
        constraint_failed, count(*)::int as n
      from offer_gaps
      where month >= ${r.start}::date and month < ${r.end}::date
      group by 1, 2, 3, 4
    ), ${places(db, 'g')}
    select g.month, coalesce(pa.area_code, '') as area, g.category, g.constraint_failed, sum(g.n)::int as n
    from g join places pa on pa.district = g.district
    where true ${areaFilter(db, r)}
    group by 1, 2, 3, 4`;
}

export interface TallyRow {
  month: string;
  area: string;
  channel: string;
  language: string;
  n: number;
}

/**
 * Short counselling without an appointment (walk-ins, calls): a booked one is already an
 * appointment in the counselling counts, so it is not counted twice.
 */
export function tallyCounts(db: Db, r: Range): Promise<TallyRow[]> {
  return db<TallyRow[]>`
    with t as (
      select to_char(day, 'YYYY-MM') as month, coalesce(district, '') as district, channel, language,
        count(*)::int as n
      from counselling_tallies
      where day >= ${r.start}::date and day < ${r.end}::date and not by_appointment
      group by 1, 2, 3, 4
    ), ${places(db, 't')}
    select t.month, coalesce(pa.area_code, '') as area, t.channel, t.language, sum(t.n)::int as n
    from t join places pa on pa.district = t.district
    where true ${areaFilter(db, r)}
    group by 1, 2, 3, 4`;
}

export interface AttainmentRow {
  case_type: string;
  attainment: 'all' | 'some' | 'none' | 'unrated';
  n: number;
}

/**
 * Closed cases by type and how far their goals were reached at the evaluation: every goal
 * achieved, some achieved or partly, none, or no goal rated. Counted per case, not per
 * goal: a count of goals could be one person's plan with five goals.
 */
export function caseGoalAttainment(db: Db, r: Range): Promise<AttainmentRow[]> {
  return db<AttainmentRow[]>`
    select case_type,
      case
        when cardinality(goal_codes) = 0 then 'unrated'
        when goal_codes <@ array['achieved']::text[] then 'all'
        when goal_codes && array['achieved', 'partly']::text[] then 'some'
        else 'none'
      end as attainment,
      count(*)::int as n
    from case_closures
    where month >= ${r.start}::date and month < ${r.end}::date
    group by 1, 2`;
}

export interface ProviderOffersRow {
  provider_id: number;
  provider: string;
  category: string;
  offers: number;
}

/**
 * Published offers per provider and category, as the catalogue stands now: the supply a
 * referral in that category could have gone to (the neutrality monitor's yardstick).
 */
export function publishedOffersByProvider(
  db: Db,
  categories: readonly string[],
): Promise<ProviderOffersRow[]> {
  return db<ProviderOffersRow[]>`
    select o.provider_id::int as provider_id, p.name as provider, o.category, count(*)::int as offers
    from offers o
    join providers p on p.id = o.provider_id and p.status = 'approved'
    where o.status = 'published' and o.category = any(${categories as string[]}::text[])
    group by 1, 2, 3`;
}
