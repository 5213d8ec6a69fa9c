-- Self-assessment ("Was passt zu mir?"): the questionnaire as versioned data, anonymous
-- answers and results, and the person's consent to show a result to their counsellor.

-- One row per published version of the questionnaire. A version never changes once
-- stored (the loader refuses a file whose content differs from the stored checksum), so a
-- result made with it can always be shown as it was.
create table assessment_versions (
  version integer primary key check (version > 0),
  definition jsonb not null,
  checksum text not null,
  published_at timestamptz not null default now()
);

-- An assessment in progress or finished. Anonymous: no name, no contact, no IP, no
-- browser details. Only the hash of the link's token is kept. A signed-in person may
-- keep it in their account (user_id); deleting the account deletes it.
create table assessments (
  id bigint generated always as identity primary key,
  token_hash text not null unique,
  version integer not null references assessment_versions (version),
  -- { questionId: string | string[] } as validated against the version's definition.
  answers jsonb not null default '{}'::jsonb,
  -- Health answers (DSGVO Art. 9) are kept only while this separate consent stands.
  health_consent_at timestamptz,
  -- The module the person reached last, to continue there.
  step text not null,
  -- The result as it was computed on finishing: profile, searches, hints, topic.
  result jsonb,
  finished_at timestamptz,
  user_id bigint references users (id) on delete cascade,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((result is null) = (finished_at is null))
);
create index assessments_user on assessments (user_id) where user_id is not null;
create index assessments_updated on assessments (updated_at);

-- Sharing with the counsellor: set only when the person ticks the consent while booking;
-- withdrawing it from the manage link clears it and records when.
alter table appointments
  add column assessment_id bigint references assessments (id) on delete set null,
  add column assessment_shared_at timestamptz,
  add column assessment_withdrawn_at timestamptz,
  add check (assessment_id is null or assessment_shared_at is not null);
