-- Anonymous rows for planning. Neither table has a column that points at a person, a
-- case, a referral or a counsellor; dates are months.

-- Each referral's outcome, written when its case is erased (the referral goes with it).
create table referral_outcomes (
  id bigint generated always as identity primary key,
  month date not null check (extract(day from month) = 1),
  provider_id bigint references providers (id) on delete set null,
  offer_category text,
  -- The last state the referral reached, and the coded reason of a rejection or drop-out.
  outcome text not null check (outcome in ('received', 'accepted', 'rejected', 'started', 'completed', 'dropped_out')),
  reason text,
  -- Whether it was ever accepted / started (a completed referral was both).
  accepted boolean not null,
  started boolean not null,
  withdrawn boolean not null,
  days_to_answer integer check (days_to_answer >= 0)
);
create index referral_outcomes_month_idx on referral_outcomes (month);

-- "No fitting offer": recorded by a counsellor for a measure, stored without any link
-- to the case or the person.
create table offer_gaps (
  id bigint generated always as identity primary key,
  month date not null check (extract(day from month) = 1),
  category text not null,
  district text check (char_length(district) <= 80),
  constraint_failed text not null check (constraint_failed in
    ('time', 'cost', 'level', 'distance', 'language', 'accessibility', 'childcare'))
);
create index offer_gaps_month_idx on offer_gaps (month);
