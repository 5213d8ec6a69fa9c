-- Anonymous traces for planning: short counselling tallies, the steps of cases, closures
-- and the person's feedback. None of these tables has a column that points at a person,
-- a case, an appointment or a counsellor; dates are days or months, never times.

-- A short counselling (or any contact): one row, no link to anyone.
create table counselling_tallies (
  id bigint generated always as identity primary key,
  day date not null,
  topic_id bigint references counselling_topics (id) on delete set null,
  channel text not null check (channel in ('in_person', 'phone', 'video', 'email')),
  -- Booked beforehand, or a walk-in / a call without an appointment.
  by_appointment boolean not null,
  -- Null only when the contact opened a case (its form does not ask for it).
  duration_band text check (duration_band in ('under_15', '15_30', '30_60', 'over_60')),
  language text not null check (language ~ '^[a-z]{2,3}$'),
  outcome text not null check (outcome in ('information', 'referred_elsewhere', 'self_assessment', 'case_opened')),
  district text check (char_length(district) <= 80),
  age_band text check (age_band in ('under_25', '25_34', '35_44', '45_54', '55_64', '65_plus')),
  check (duration_band is not null or outcome = 'case_opened')
);
create index counselling_tallies_day_idx on counselling_tallies (day);

-- Every step of a case, anonymously (month and case type only): opened, assessed, plan
-- activated, review held (on time or not), closed, erased.
create table case_trace (
  id bigint generated always as identity primary key,
  month date not null check (extract(day from month) = 1),
  case_type text not null,
  event text not null check (event in ('opened', 'assessed', 'plan_activated', 'review_held', 'closed', 'erased')),
  on_time boolean,
  check ((event = 'review_held') = (on_time is not null))
);
create index case_trace_month_idx on case_trace (month, event);

-- A closed case as the planning reports read it: written when the case is closed, kept
-- when its personal data is erased.
create table case_closures (
  id bigint generated always as identity primary key,
  month date not null check (extract(day from month) = 1),
  case_type text not null,
  reason text not null,
  duration_days integer not null check (duration_days >= 0),
  measures integer not null check (measures >= 0),
  plan_versions integer not null check (plan_versions >= 0),
  reviews integer not null check (reviews >= 0),
  reviews_on_time integer not null check (reviews_on_time between 0 and reviews),
  -- One attainment code per core goal and per measure: achieved, partly, not, dropped.
  goal_codes text[] not null default '{}'
    check (goal_codes <@ array['achieved', 'partly', 'not', 'dropped']::text[]),
  measure_codes text[] not null default '{}'
    check (measure_codes <@ array['achieved', 'partly', 'not', 'dropped']::text[])
);
create index case_closures_month_idx on case_closures (month);

-- The person's optional feedback after closing, stored without the case (no free text:
-- it could name someone).
create table case_feedback (
  id bigint generated always as identity primary key,
  month date not null check (extract(day from month) = 1),
  case_type text not null,
  helpful smallint check (helpful between 1 and 4),
  heard smallint check (heard between 1 and 4),
  own_plan smallint check (own_plan between 1 and 4),
  recommend boolean
);

-- A held appointment is recorded once: as short counselling or as the start of a case.
alter table appointments add column follow_up text check (follow_up in ('short', 'case'));

-- Whether the person's access list names the colleague who read the file, or only their
-- role and office (the office decides; role and office by default).
alter table offices add column case_reader_names boolean not null default false;
