-- Planning the local offer (issue 20, ADR 015): the areas of the region with their
-- inhabitants, and anonymous monthly aggregates the reports read. No table here has a
-- person, a counsellor, an IP or a session: only counts by month and coded dimensions.
--
-- Places in the aggregates are kept as the source had them ('plz:34117' for a postcode,
-- 'name:<folded name>' for a district or place name, '' when unknown) and mapped to areas
-- when a report is read, so a new inhabitants table applies to every month at once.

-- The region's districts (city) and municipalities (county) with inhabitants, from a CSV
-- the office uploads (the demo ships a generated table, marked as such in app_meta
-- 'planning_areas').
create table planning_areas (
  code text primary key check (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name text not null unique check (char_length(name) between 1 and 120),
  kind text not null check (kind in ('district', 'municipality')),
  inhabitants integer not null check (inhabitants >= 0),
  sort_order integer not null
);

-- Each postcode belongs to one area (searches by postcode, offices, venues, assessments).
create table planning_area_postcodes (
  postcode text primary key check (postcode ~ '^[0-9]{5}$'),
  area_code text not null references planning_areas (code) on delete cascade
);
create index planning_area_postcodes_area_idx on planning_area_postcodes (area_code);

-- Catalogue searches per month, place, category filter and outcome; from search_log.
-- category: the one chosen, 'none' (no category chosen) or 'several'.
-- outcome: zero hits, few (1–5), more.
create table planning_search_monthly (
  month date not null check (extract(day from month) = 1),
  place text not null,
  category text not null,
  outcome text not null check (outcome in ('zero', 'few', 'more')),
  searches integer not null check (searches > 0),
  primary key (month, place, category, outcome)
);

-- The normalised search strings of searches with no or few results, per month and place.
-- A report lists a string only when it reached 5 searches in the period (and area).
create table planning_search_terms_monthly (
  month date not null check (extract(day from month) = 1),
  term text not null check (char_length(term) between 1 and 80),
  place text not null,
  outcome text not null check (outcome in ('zero', 'few')),
  searches integer not null check (searches > 0),
  primary key (month, term, place, outcome)
);
create index planning_search_terms_month_idx on planning_search_terms_monthly (month);

-- Past appointments per month of the appointment, place (the office's postcode for in
-- person, '' for phone and video), topic, channel, language, outcome and days from
-- booking to appointment. Recomputed nightly from the appointments, whose anonymous
-- rows stay after their personal data is erased.
-- outcome: held; no_show; cancelled; unrecorded (booked, past, no outcome recorded).
create table planning_counselling_monthly (
  month date not null check (extract(day from month) = 1),
  place text not null,
  topic text not null,
  channel text not null check (channel in ('in_person', 'phone', 'video')),
  language text not null,
  outcome text not null check (outcome in ('held', 'no_show', 'cancelled', 'unrecorded')),
  wait_days integer not null check (wait_days >= 0),
  appointments integer not null check (appointments > 0),
  primary key (month, place, topic, channel, language, outcome, wait_days)
);

-- Each night: days from that day to the first free slot, per topic × office × channel ×
-- language (from the booking slot engine). office '' for phone and video; days null when
-- nothing is free within the booking window.
create table planning_slot_snapshots (
  day date not null,
  topic text not null,
  office text not null,
  channel text not null check (channel in ('in_person', 'phone', 'video')),
  language text not null,
  days_to_first integer check (days_to_first >= 0),
  window_days integer not null check (window_days > 0),
  primary key (day, topic, office, channel, language)
);

-- Finished self-assessments per month and place (the postcode the person gave), counted
-- nightly before the assessments' retention deletes them. dimension: 'total' (value ''),
-- 'goal', 'category' (of the recommendations), 'barrier' (childcare, times, cost,
-- language), 'time' (times of day asked for).
create table planning_assessment_monthly (
  month date not null check (extract(day from month) = 1),
  place text not null,
  dimension text not null check (dimension in ('total', 'goal', 'category', 'barrier', 'time')),
  value text not null,
  assessments integer not null check (assessments > 0),
  primary key (month, place, dimension, value)
);

-- How far the nightly job has counted a source that is added to day by day (the search
-- log, the assessments): the last day (Europe/Berlin) already in the aggregates.
create table planning_aggregation (
  source text primary key,
  done_through date not null,
  updated_at timestamptz not null default now()
);

-- Place → area, as the reports read it: by postcode, or by the area's name as searches
-- and venues give it (folded like the search folds names). Rebuilt with every new table
-- of areas (a table, not a view: reports join it to every aggregate row).
create table planning_place_areas (
  place text primary key,
  area_code text not null references planning_areas (code) on delete cascade
);
