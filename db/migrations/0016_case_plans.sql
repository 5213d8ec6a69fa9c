-- The intake and assessment (kept per revision) and the support plan in three parts,
-- versioned: baseline, measures, commitments. A version row never changes once a newer
-- version exists; what changes later (ticks, comments, reviews) lives in its own tables.

create table case_assessments (
  id bigint generated always as identity primary key,
  case_id bigint not null references cases (id) on delete cascade,
  revision integer not null check (revision > 0),
  -- { biography, reason, earlierMeasures, abilities, wishes, servicesInvolved, goals: [{ id, text }] }
  content jsonb not null check (jsonb_typeof(content) = 'object'),
  barriers text[] not null default '{}'
    check (barriers <@ array['childcare', 'times', 'cost', 'language_level', 'mobility', 'health']::text[]),
  -- Health (Art. 9) only under its own consent; withdrawing that consent empties it here.
  health_note text check (char_length(health_note) <= 2000),
  -- The person's own self-assessment as shared with the counsellor (never its health part).
  self_assessment jsonb,
  created_by bigint references users (id) on delete set null,
  created_at timestamptz not null,
  unique (case_id, revision),
  check (health_note is null or 'health' = any (barriers))
);

create table case_plans (
  id bigint generated always as identity primary key,
  case_id bigint not null references cases (id) on delete cascade,
  version integer not null check (version > 0),
  assessment_id bigint references case_assessments (id) on delete set null,
  -- Copied from the assessment when the version was made: { situation, abilities, wishes, goals }.
  baseline jsonb not null check (jsonb_typeof(baseline) = 'object'),
  -- "Wiedervorlage und Erfolgskontrolle": when the plan is looked at together again.
  review_on date,
  -- The language the counsellor wrote the free text in (shown as written, marked with it).
  text_language text not null check (text_language ~ '^[a-z]{2,3}$'),
  created_by bigint references users (id) on delete set null,
  created_at timestamptz not null,
  -- Shown to the person to agree (no more edits from then on).
  proposed_at timestamptz,
  agreed_at timestamptz,
  agreed_how text check (agreed_how in ('own_link', 'in_meeting', 'paper')),
  agreed_recorded_by bigint references users (id) on delete set null,
  activated_at timestamptz,
  unique (case_id, version),
  check ((agreed_at is null) = (agreed_how is null)),
  check (agreed_at is null or proposed_at is not null),
  -- Active only with a review date and the person's agreement, whatever the application does.
  check (activated_at is null or (agreed_at is not null and review_on is not null))
);

-- A measure keeps its key across versions (a referral will point at it).
create table case_measures (
  id bigint generated always as identity primary key,
  plan_id bigint not null references case_plans (id) on delete cascade,
  measure_key text not null check (measure_key ~ '^m[0-9a-z]{1,20}$'),
  position integer not null,
  goal text not null check (char_length(goal) between 1 and 1000),
  starts_on date,
  duration_weeks integer check (duration_weeks between 1 and 260),
  -- Who does what.
  person_does text check (char_length(person_does) <= 1000),
  counsellor_does text check (char_length(counsellor_does) <= 1000),
  provider_does text check (char_length(provider_does) <= 1000),
  service_does text check (char_length(service_does) <= 1000),
  -- A catalogue run, with what it was when chosen (the catalogue changes; the plan doesn't) …
  run_id bigint references runs (id) on delete set null,
  offer_id bigint references offers (id) on delete set null,
  offer_snapshot jsonb,
  -- … or an informal resource (family, neighbourhood, a club).
  resource text check (char_length(resource) <= 500),
  review_on date,
  unique (plan_id, measure_key),
  check (offer_snapshot is null or resource is null)
);
create index case_measures_plan_idx on case_measures (plan_id, position);

-- Commitments: only when agreed; the person's own steps and the counsellor's. Non-binding
-- by default. There is deliberately no sanction field.
create table case_commitments (
  id bigint generated always as identity primary key,
  plan_id bigint not null references case_plans (id) on delete cascade,
  item_key text not null check (item_key ~ '^c[0-9a-z]{1,20}$'),
  position integer not null,
  party text not null check (party in ('person', 'counsellor')),
  body text not null check (char_length(body) between 1 and 1000),
  due_on date,
  binding boolean not null default false,
  unique (plan_id, item_key)
);
create index case_commitments_plan_idx on case_commitments (plan_id, position);

-- Steps ticked off (by the person on their link, or the counsellor), by key across versions.
create table case_progress (
  case_id bigint not null references cases (id) on delete cascade,
  item_key text not null,
  done_at timestamptz not null,
  done_by text not null check (done_by in ('person', 'counsellor')),
  primary key (case_id, item_key)
);

-- Reviews ("Wiedervorlage und Erfolgskontrolle") as they were held.
create table case_reviews (
  id bigint generated always as identity primary key,
  case_id bigint not null references cases (id) on delete cascade,
  plan_id bigint references case_plans (id) on delete set null,
  due_on date,
  held_on date not null,
  summary text not null check (char_length(summary) between 1 and 4000),
  -- { measureKey: 'on_track' | 'delayed' | 'done' | 'dropped' }
  measure_status jsonb not null default '{}' check (jsonb_typeof(measure_status) = 'object'),
  next_review_on date,
  recorded_by bigint references users (id) on delete set null,
  created_at timestamptz not null
);
create index case_reviews_case_idx on case_reviews (case_id, held_on);

-- The person's comments (on their link) and the counsellor's answers.
create table case_comments (
  id bigint generated always as identity primary key,
  case_id bigint not null references cases (id) on delete cascade,
  plan_id bigint references case_plans (id) on delete set null,
  author text not null check (author in ('person', 'counsellor')),
  body text not null check (char_length(body) between 1 and 2000),
  created_at timestamptz not null
);
create index case_comments_case_idx on case_comments (case_id, created_at);
